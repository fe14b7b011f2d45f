import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { platformTriggerDescription, VERIFICATION_ON } from '../shared/trigger/platformTrigger';
import { verificationSubtitle, type WithBuilderHint } from '../shared/trigger/descriptions';
import { receiveDelivery, webhookSecretMethods } from '../shared/trigger/receiveDelivery';
import { MOBTEXTING } from './core/descriptor';

/** Everything but the icon, subtitle and credential comes from the platform's descriptor (core/descriptor.ts). */
export class MobtextingTrigger implements INodeType {
	description: INodeTypeDescription & WithBuilderHint = {
		...platformTriggerDescription(MOBTEXTING),
		// spelled out: n8n's scanner reads these from the literal
		icon: { light: 'file:mobtexting.svg', dark: 'file:mobtexting.dark.svg' },
		subtitle: verificationSubtitle(MOBTEXTING.authentication),
		credentials: [
			{
				name: 'mobtextingWebhookApi',
				required: true,
				testedBy: 'webhookSecret',
				displayOptions: VERIFICATION_ON,
			},
		],
	};

	methods = webhookSecretMethods(MOBTEXTING.authentication);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, MOBTEXTING);
	}
}
