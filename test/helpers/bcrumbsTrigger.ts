import type { IDataObject } from 'n8n-workflow';

import { BcrumbsTrigger } from '../../nodes/Bcrumbs/BcrumbsTrigger.node';
import { SANDBOX_API_KEY, type Sandbox } from '../../sandbox';
import { TriggerHarness } from './triggerHarness';

/** A Bcrumbs Trigger on the given events, with a credential for the sandbox gateway. */
export function bcrumbsTrigger(
	sandbox: Sandbox,
	events: string[],
	staticData?: IDataObject,
): TriggerHarness {
	return new TriggerHarness({
		nodeType: new BcrumbsTrigger(),
		typeName: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
		parameters: { events, options: {} },
		credentials: {
			bcrumbsApi: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: sandbox.url },
		},
		staticData,
	});
}
