import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { BIK_CATEGORIES } from './normalizedView';
import { BIK_EVENTS } from './events';
import type * as Parse from './parse';
import { LazyParser } from '../../shared/core/lazyModule';
import { verifyBikAuthorization } from './authentication';

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const hasKey = (credential: Readonly<Record<string, unknown>>) => filled(credential.authKey);
const hasPairPart = (credential: Readonly<Record<string, unknown>>) =>
	filled(credential.user) || filled(credential.password);

export const BIK: PlatformDescriptor = {
	platform: 'bik',
	node: {
		displayName: 'BIK Trigger',
		name: 'bikTrigger',
		description: 'Starts the workflow on BIK incoming messages and message status updates',
	},
	credentialType: 'bikWebhookApi',
	authentication: {
		method: 'HTTP Basic auth',
		checks: 'Basic auth',
		// BIK's document asks for Basic auth with an authorization key
		defaultVerification: 'credentials',
		secretIn: 'credential',
		optIn:
			"To check the sender, set the webhook's auth type to Basic with an authorization key in BIK's developer portal, then choose Verify Requests and enter that key.",
		verify: (delivery, credential) => verifyBikAuthorization(delivery.headers, credential),
		// a key, or a user and a password: the other form's fields may stay empty (nothing filled: the key is asked for)
		optionalFields: (credential) => [
			'authForm',
			'otherFormNotice',
			...(hasKey(credential) || !hasPairPart(credential) ? ['user', 'password'] : ['authKey']),
		],
	},
	setupNotice:
		"add it as a webhook in BIK's developer portal, with auth type Basic and the authorization key of your credential",
	refusalHint:
		"In BIK's developer portal, set the webhook's auth type to Basic with the credential's authorization key (or its user and password); or set Verification to None.",
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
	// the parser and its zod schemas load on the first delivery, not when n8n starts the node
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside a function is what defers the load
	parser: new LazyParser(() => (require('./parse') as typeof Parse).BikDeliveryParser),
};
