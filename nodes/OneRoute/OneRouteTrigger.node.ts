import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { platformTriggerDescription, VERIFICATION_ON } from '../shared/trigger/platformTrigger';
import { verificationSubtitle, type WithBuilderHint } from '../shared/trigger/descriptions';
import { receiveDelivery, webhookSecretMethods } from '../shared/trigger/receiveDelivery';
import { ONEROUTE } from './core/descriptor';

/** Everything but the icon, subtitle and credential comes from the platform's descriptor (core/descriptor.ts). */
export class OneRouteTrigger implements INodeType {
	description: INodeTypeDescription & WithBuilderHint = {
		...platformTriggerDescription(ONEROUTE),
		// spelled out: n8n's scanner reads these from the literal
		icon: { light: 'file:oneroute.svg', dark: 'file:oneroute.dark.svg' },
		subtitle: verificationSubtitle(ONEROUTE.authentication),
		credentials: [
			{
				name: 'oneRouteWebhookApi',
				required: true,
				testedBy: 'webhookSecret',
				displayOptions: VERIFICATION_ON,
			},
		],
	};

	methods = webhookSecretMethods(ONEROUTE.authentication);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, ONEROUTE);
	}
}
