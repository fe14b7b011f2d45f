import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { handshakeResponse, isMobtextingHandshake, verifyMobtextingSecret } from '../shared/mobtexting/handshake';
import { parseMobtextingDelivery } from '../shared/mobtexting/parse';
import { MOBTEXTING_EVENTS } from '../shared/mobtexting/schemas';
import {
	filterProperty,
	OPTIONS_PROPERTY,
	POST_WEBHOOK,
	verificationProperties,
	webhookUrlNotice,
} from '../triggerAdapter/descriptions';
import { receiveDelivery, testWebhookSecret, verifyWithCredential } from '../triggerAdapter/receiveDelivery';

export class MobtextingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MOBtexting Trigger',
		name: 'mobtextingTrigger',
		icon: { light: 'file:mobtexting.svg', dark: 'file:mobtexting.dark.svg' },
		group: ['trigger'],
		subtitle: '={{$parameter["verification"] === "none" ? "Not verified" : "Verified"}}',
		version: 1,
		description: 'Starts the workflow on MOBtexting SMS, WhatsApp, RCS, Viber, voice and contact events',
		defaults: { name: 'MOBtexting Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// checked only when Verification is on
		credentials: [{ name: 'mobtextingWebhookApi', required: true, testedBy: 'webhookSecret', displayOptions: { show: { verification: ['credentials'] } } }],
		webhooks: [POST_WEBHOOK],
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

	methods = { credentialTest: { webhookSecret: testWebhookSecret } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, {
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
}
