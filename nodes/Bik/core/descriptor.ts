import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { BIK_CATEGORIES } from './normalizedView';
import { BIK_EVENTS } from './events';
import type * as BikParse from './parse';
import { lazyModule } from '../../shared/core/lazyModule';

// the parser and its zod schemas load on the first delivery, not when n8n starts the node
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside a function is what defers the load
const core = lazyModule<typeof BikParse>(() => require('./parse'));

const FIELDS_OF_OTHER_FORM: Record<string, string[]> = {
	authorizationKey: ['user', 'password'],
	userPassword: ['authKey'],
};

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
		verify: (delivery, credential) => core().verifyBikAuthorization(delivery.headers, credential),
		// the key as BIK's portal sends it; a user and password base64-encoded
		sign: (credential) => ({
			authorization:
				credential.authForm === 'authorizationKey'
					? `Basic ${credential.authKey as string}`
					: `Basic ${Buffer.from(`${credential.user as string}:${credential.password as string}`).toString('base64')}`,
		}),
		secretsFor: (secret, user) => ({ authForm: 'userPassword', user, password: secret }),
		// the form chooser itself, and the fields of the form not chosen
		optionalFields: (credential) => [
			'authForm',
			...(FIELDS_OF_OTHER_FORM[String(credential.authForm)] ?? []),
		],
	},
	setupNotice:
		"add it as a webhook in BIK's developer portal, with auth type Basic and the authorization key (or user and password) of your credential",
	refusalHint:
		"In BIK's developer portal, set the webhook's auth type to Basic with the credential's authorization key (or its user and password); or set Verification to None.",
	// createdAt has been seen SQL-style, without a zone
	naiveTimestamps: true,
	filters: [
		{
			displayName: 'Events',
			name: 'events',
			values: BIK_EVENTS,
			description: 'Only these events start the workflow.',
		},
		{
			displayName: 'Categories',
			name: 'categories',
			values: BIK_CATEGORIES,
			description:
				'Only status updates from these categories (CRM = agents, Broadcast = campaigns, Automation = bots, Dev API).',
		},
	],
	everyDelivery: {},
	parse: (delivery, { includeRawBody, filters, timeZone }) =>
		core().parseBikDelivery(delivery.body, {
			includeRawBody,
			events: filters.events ?? [],
			categories: filters.categories ?? [],
			timeZone,
		}),
};
