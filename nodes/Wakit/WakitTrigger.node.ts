import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { parseWakitDelivery, verifyWakitToken } from './core/parse';
import { WAKIT_ACTIONS, WAKIT_DIRECTIONS, WAKIT_ENTITIES } from './core/schemas';
import {
	filterProperty,
	OPTIONS_PROPERTY,
	verificationProperties,
	VERIFICATION_SUBTITLE,
	VERIFIED_TRIGGER_BASE,
	webhookUrlNotice,
} from '../shared/trigger/descriptions';
import { platformWebhook, verifyWithCredential, WEBHOOK_SECRET_METHODS } from '../shared/trigger/receiveDelivery';

export class WakitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'wakit Trigger',
		name: 'wakitTrigger',
		icon: { light: 'file:wakit.svg', dark: 'file:wakit.dark.svg' },
		description: 'Starts the workflow on wakit messages, status updates and conversations',
		defaults: { name: 'wakit Trigger' },
		...VERIFIED_TRIGGER_BASE,
		subtitle: VERIFICATION_SUBTITLE,
		// asked for only while Verification is on
		credentials: [{ name: 'wakitWebhookApi', required: true, testedBy: 'webhookSecret', displayOptions: { show: { verification: ['credentials'] } } }],
		properties: [
			webhookUrlNotice('paste it as the webhook URL in wakit, with the token of your credential'),
			...verificationProperties('Bearer token'),
			filterProperty('Entities', 'entities', WAKIT_ENTITIES, 'Only rows of these tables.'),
			filterProperty('Actions', 'actions', WAKIT_ACTIONS, 'Only inserts, or only updates.'),
			filterProperty('Directions', 'directions', WAKIT_DIRECTIONS, 'Only incoming or outgoing messages (rows without a direction, such as status updates, always pass).'),
			OPTIONS_PROPERTY,
		],
	};

	methods = WEBHOOK_SECRET_METHODS;

	webhook = platformWebhook({
		verify: async (context, delivery) =>
			await verifyWithCredential(context, 'wakitWebhookApi', (credentials) => verifyWakitToken(delivery.headers, credentials.token as string)),
		parse: (delivery, parameter) =>
			parseWakitDelivery(delivery.body, {
				includeRawBody: parameter('options.includeRawBody', false) === true,
				entities: parameter('entities', []) as string[],
				actions: parameter('actions', []) as string[],
				directions: parameter('directions', []) as string[],
			}),
	});
}
