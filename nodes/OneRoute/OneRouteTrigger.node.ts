import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { platformTriggerBase, platformTriggerDescription } from '../shared/trigger/platformTrigger';
import { ASKED_WHILE_VERIFYING, verificationSubtitle } from '../shared/trigger/descriptions';
import { ONEROUTE } from './core/descriptor';

/** Built from the platform's descriptor (core/descriptor.ts) by the shared trigger base and description. */
export class OneRouteTrigger extends platformTriggerBase(ONEROUTE) implements INodeType {
	// spelled out: n8n's scanner reads the icon, the subtitle and the credential's test from the literal
	description: INodeTypeDescription = {
		...platformTriggerDescription(ONEROUTE),
		icon: { light: 'file:oneroute.svg', dark: 'file:oneroute.dark.svg' },
		subtitle: verificationSubtitle(ONEROUTE.authentication),
		credentials: [
			{ name: 'oneRouteWebhookApi', testedBy: 'webhookSecret', ...ASKED_WHILE_VERIFYING },
		],
	};
}
