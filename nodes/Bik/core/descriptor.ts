import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { BIK_CATEGORIES } from './normalizedView';
import { parseBikDelivery, verifyBikBasicAuth } from './parse';
import { BIK_EVENTS } from './schemas';

export const BIK: PlatformDescriptor = {
	platform: 'bik',
	node: {
		displayName: 'BIK Trigger',
		name: 'bikTrigger',
		description: 'Starts the workflow on BIK incoming messages and message status updates',
	},
	credentialType: 'bikWebhookApi',
	authentication: {
		secretIn: 'credential',
		method: 'HTTP Basic auth',
		verify: (delivery, credential) =>
			verifyBikBasicAuth(delivery.headers, credential.user as string, credential.password as string),
		sign: (credential, _rawBody) => ({
			authorization: `Basic ${Buffer.from(`${credential.user as string}:${credential.password as string}`).toString('base64')}`,
		}),
		secretsFor: (secret, user) => ({ user, password: secret }),
	},
	setupNotice:
		"add it as a webhook in BIK's developer portal, with auth type Basic and the user and password of your credential",
	filters: [
		{ displayName: 'Events', name: 'events', values: BIK_EVENTS, description: 'Only these events start the workflow.' },
		{
			displayName: 'Categories',
			name: 'categories',
			values: BIK_CATEGORIES,
			description:
				'Only status updates from these categories (CRM = agents, Broadcast = campaigns, Automation = bots, Dev API).',
		},
	],
	everyDelivery: {},
	parse: (delivery, { includeRawBody, filters }) =>
		parseBikDelivery(delivery.body, { includeRawBody, events: filters.events ?? [], categories: filters.categories ?? [] }),
};
