import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	descriptorWebhook,
	platformTriggerDescription,
	VERIFICATION_ON,
} from '../shared/trigger/platformTrigger';
import { verificationSubtitle, type WithBuilderHint } from '../shared/trigger/descriptions';
import { webhookSecretMethods } from '../shared/trigger/receiveDelivery';
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

	webhook = descriptorWebhook(MOBTEXTING);
}
