import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { platformTriggerBase, platformTriggerDescription } from '../shared/trigger/platformTrigger';
import { ASKED_WHILE_VERIFYING, verificationSubtitle } from '../shared/trigger/descriptions';
import { WAKIT } from './core/descriptor';

/** Built from the platform's descriptor (core/descriptor.ts) by the shared trigger base and description. */
export class WakitTrigger extends platformTriggerBase(WAKIT) implements INodeType {
	// spelled out: n8n's scanner reads the icon, the subtitle and the credential's test from the literal
	description: INodeTypeDescription = {
		...platformTriggerDescription(WAKIT),
		icon: { light: 'file:wakit.svg', dark: 'file:wakit.dark.svg' },
		subtitle: verificationSubtitle(WAKIT.authentication),
		credentials: [{ name: 'wakitWebhookApi', testedBy: 'webhookSecret', ...ASKED_WHILE_VERIFYING }],
	};
}
