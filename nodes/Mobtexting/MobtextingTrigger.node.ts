import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { platformTriggerBase, platformTriggerDescription } from '../shared/trigger/platformTrigger';
import { ASKED_WHILE_VERIFYING, verificationSubtitle } from '../shared/trigger/descriptions';
import { MOBTEXTING } from './core/descriptor';

/** Built from the platform's descriptor (core/descriptor.ts) by the shared trigger base and description. */
export class MobtextingTrigger extends platformTriggerBase(MOBTEXTING) implements INodeType {
	// spelled out: n8n's scanner reads the icon, the subtitle and the credential's test from the literal
	description: INodeTypeDescription = {
		...platformTriggerDescription(MOBTEXTING),
		icon: { light: 'file:mobtexting.svg', dark: 'file:mobtexting.dark.svg' },
		subtitle: verificationSubtitle(MOBTEXTING.authentication),
		credentials: [
			{ name: 'mobtextingWebhookApi', testedBy: 'webhookSecret', ...ASKED_WHILE_VERIFYING },
		],
	};
}
