import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { platformTriggerDescription, VERIFICATION_ON } from '../shared/trigger/platformTrigger';
import { verificationSubtitle, type WithBuilderHint } from '../shared/trigger/descriptions';
import { receiveDelivery, webhookSecretMethods } from '../shared/trigger/receiveDelivery';
import { BIK } from './core/descriptor';

/** Everything but the icon, subtitle and credential comes from the platform's descriptor (core/descriptor.ts). */
export class BikTrigger implements INodeType {
	description: INodeTypeDescription & WithBuilderHint = {
		...platformTriggerDescription(BIK),
		// spelled out: n8n's scanner reads these from the literal
		icon: { light: 'file:bik.svg', dark: 'file:bik.dark.svg' },
		subtitle: verificationSubtitle(BIK.authentication),
		credentials: [
			{
				name: 'bikWebhookApi',
				required: true,
				testedBy: 'webhookSecret',
				displayOptions: VERIFICATION_ON,
			},
		],
	};

	methods = webhookSecretMethods(BIK.authentication);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, BIK);
	}
}
