import type { IDataObject } from 'n8n-workflow';

import { BcrumbsTrigger } from '../../nodes/Bcrumbs/BcrumbsTrigger.node';
import { SANDBOX_API_KEY, type Sandbox } from '../../sandbox';
import { TriggerHarness, type TriggerHarnessOptions } from '../../support/triggerHarness';

export interface BcrumbsTriggerOptions extends Pick<
	TriggerHarnessOptions,
	'staticData' | 'workflowId' | 'webhookId' | 'nodeId'
> {
	events: string[];
	/** The node's Options parameter (Include Raw Payload, ...) */
	options?: IDataObject;
}

/** A Bcrumbs Trigger on the given events, with a credential for the sandbox gateway. */
export function bcrumbsTrigger(
	sandbox: Sandbox,
	{ events, options = {}, ...harness }: BcrumbsTriggerOptions,
): TriggerHarness {
	return new TriggerHarness({
		nodeType: new BcrumbsTrigger(),
		typeName: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
		parameters: { events, options: options as never },
		credentials: {
			bcrumbsApi: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: sandbox.url },
		},
		...harness,
	});
}
