import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { platformTriggerDescription, VERIFICATION_ON } from '../shared/trigger/platformTrigger';
import { verificationSubtitle, type WithBuilderHint } from '../shared/trigger/descriptions';
import { receiveDelivery, webhookSecretMethods } from '../shared/trigger/receiveDelivery';
import { WAKIT } from './core/descriptor';

/** Everything but the icon, subtitle and credential comes from the platform's descriptor (core/descriptor.ts). */
export class WakitTrigger implements INodeType {
	description: INodeTypeDescription & WithBuilderHint = {
		...platformTriggerDescription(WAKIT),
		// spelled out: n8n's scanner reads these from the literal
		icon: { light: 'file:wakit.svg', dark: 'file:wakit.dark.svg' },
		subtitle: verificationSubtitle(WAKIT.authentication),
		credentials: [
			{
				name: 'wakitWebhookApi',
				required: true,
				testedBy: 'webhookSecret',
				displayOptions: VERIFICATION_ON,
			},
		],
	};

	methods = webhookSecretMethods(WAKIT.authentication);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, WAKIT);
	}
}
