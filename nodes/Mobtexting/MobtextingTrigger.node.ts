import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { handshakeResponse, isMobtextingHandshake, verifyMobtextingSecret } from './core/handshake';
import { parseMobtextingDelivery } from './core/parse';
import { MOBTEXTING_EVENTS } from './core/schemas';
import {
	filterProperty,
	OPTIONS_PROPERTY,
	verificationProperties,
	VERIFICATION_SUBTITLE,
	VERIFIED_TRIGGER_BASE,
	webhookUrlNotice,
} from '../shared/trigger/descriptions';
import { platformWebhook, verifyWithCredential, WEBHOOK_SECRET_METHODS } from '../shared/trigger/receiveDelivery';

export class MobtextingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MOBtexting Trigger',
		name: 'mobtextingTrigger',
		icon: { light: 'file:mobtexting.svg', dark: 'file:mobtexting.dark.svg' },
		description: 'Starts the workflow on MOBtexting SMS, WhatsApp, RCS, Viber, voice and contact events',
		defaults: { name: 'MOBtexting Trigger' },
		...VERIFIED_TRIGGER_BASE,
		subtitle: VERIFICATION_SUBTITLE,
		// asked for only while Verification is on
		credentials: [{ name: 'mobtextingWebhookApi', required: true, testedBy: 'webhookSecret', displayOptions: { show: { verification: ['credentials'] } } }],
		properties: [
			webhookUrlNotice('add it as a webhook in MOBtexting, subscribed to the same events as below; MOBtexting\'s validation handshake is answered automatically'),
			...verificationProperties('Bearer secret'),
			filterProperty(
				'Events',
				'events',
				MOBTEXTING_EVENTS,
				'The events subscribed in MOBtexting. Unsubscription records look the same for every product: select exactly one *:unsubscription event to have them named.',
			),
			OPTIONS_PROPERTY,
		],
	};

	methods = WEBHOOK_SECRET_METHODS;

	webhook = platformWebhook({
		handshake: (delivery) => (isMobtextingHandshake(delivery.query, delivery.body) ? handshakeResponse(delivery.body) : undefined),
		verify: async (context, delivery) =>
			await verifyWithCredential(context, 'mobtextingWebhookApi', (credentials) => verifyMobtextingSecret(delivery.headers, credentials.secret as string)),
		parse: (delivery, parameter) =>
			parseMobtextingDelivery(delivery.body, {
				includeRawBody: parameter('options.includeRawBody', false) === true,
				events: parameter('events', []) as string[],
			}),
	});
}
