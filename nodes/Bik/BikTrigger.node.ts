import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { parseBikDelivery, verifyBikBasicAuth } from './core/parse';
import { BIK_CATEGORIES } from './core/normalize';
import { BIK_EVENTS } from './core/schemas';
import {
	filterProperty,
	OPTIONS_PROPERTY,
	verificationProperties,
	VERIFICATION_SUBTITLE,
	VERIFIED_TRIGGER_BASE,
	webhookUrlNotice,
} from '../shared/trigger/descriptions';
import { platformWebhook, verifyWithCredential, WEBHOOK_SECRET_METHODS } from '../shared/trigger/receiveDelivery';

export class BikTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BIK Trigger',
		name: 'bikTrigger',
		icon: { light: 'file:bik.svg', dark: 'file:bik.dark.svg' },
		description: 'Starts the workflow on BIK incoming messages and message status updates',
		defaults: { name: 'BIK Trigger' },
		...VERIFIED_TRIGGER_BASE,
		subtitle: VERIFICATION_SUBTITLE,
		// asked for only while Verification is on
		credentials: [{ name: 'bikWebhookApi', required: true, testedBy: 'webhookSecret', displayOptions: { show: { verification: ['credentials'] } } }],
		properties: [
			webhookUrlNotice('add it as a webhook in BIK\'s developer portal, with auth type Basic and the user and password of your credential'),
			...verificationProperties('HTTP Basic auth'),
			filterProperty('Events', 'events', BIK_EVENTS, 'Only these events start the workflow.'),
			filterProperty('Categories', 'categories', BIK_CATEGORIES, 'Only status updates from these categories (CRM = agents, Broadcast = campaigns, Automation = bots, Dev API).'),
			OPTIONS_PROPERTY,
		],
	};

	methods = WEBHOOK_SECRET_METHODS;

	webhook = platformWebhook({
		verify: async (context, delivery) =>
			await verifyWithCredential(context, 'bikWebhookApi', (credentials) =>
				verifyBikBasicAuth(delivery.headers, credentials.user as string, credentials.password as string),
			),
		parse: (delivery, parameter) =>
			parseBikDelivery(delivery.body, {
				includeRawBody: parameter('options.includeRawBody', false) === true,
				events: parameter('events', []) as string[],
				categories: parameter('categories', []) as string[],
			}),
	});
}
