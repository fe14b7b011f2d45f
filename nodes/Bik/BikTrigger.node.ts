import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { platformTriggerBase, platformTriggerDescription } from '../shared/trigger/platformTrigger';
import { ASKED_WHILE_VERIFYING, verificationSubtitle } from '../shared/trigger/descriptions';
import { BIK } from './core/descriptor';

/** Built from the platform's descriptor (core/descriptor.ts) by the shared trigger base and description. */
export class BikTrigger extends platformTriggerBase(BIK) implements INodeType {
	// spelled out: n8n's scanner reads the icon, the subtitle and the credential's test from the literal
	description: INodeTypeDescription = {
		...platformTriggerDescription(BIK),
		icon: { light: 'file:bik.svg', dark: 'file:bik.dark.svg' },
		subtitle: verificationSubtitle(BIK.authentication),
		credentials: [{ name: 'bikWebhookApi', testedBy: 'webhookSecret', ...ASKED_WHILE_VERIFYING }],
	};
}
