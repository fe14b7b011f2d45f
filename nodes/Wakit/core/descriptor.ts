import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { WAKIT_ACTIONS, WAKIT_DIRECTIONS, WAKIT_ENTITIES } from './events';
import type * as Parse from './parse';
import { LazyParser } from '../../shared/core/lazyModule';
import { verifyWakitToken } from './authentication';

export const WAKIT: PlatformDescriptor = {
	platform: 'wakit',
	node: {
		displayName: 'wakit Trigger',
		name: 'wakitTrigger',
		description: 'Starts the workflow on wakit messages, status updates and conversations',
	},
	credentialType: 'wakitWebhookApi',
	authentication: {
		method: 'Bearer token',
		checks: 'Bearer token',
		// wakit's document describes no authentication
		defaultVerification: 'none',
		secretIn: 'credential',
		optIn:
			'If your wakit webhook has a token (sent as Authorization: Bearer), choose Verify Requests and enter it.',
		verify: (delivery, credential) =>
			verifyWakitToken(delivery.headers, credential.token as string),
	},
	setupNotice: 'paste it as the webhook URL in wakit, with the token of your credential',
	refusalHint:
		"wakit sends Authorization: Bearer only when a token is set on the webhook: set the credential's token there; or set Verification to None.",
	filters: [
		{
			displayName: 'Entities',
			name: 'entities',
			values: WAKIT_ENTITIES,
			description: 'Only rows of these tables.',
		},
		{
			displayName: 'Actions',
			name: 'actions',
			values: WAKIT_ACTIONS,
			description: 'Only inserts, or only updates.',
		},
		{
			displayName: 'Directions',
			name: 'directions',
			values: WAKIT_DIRECTIONS,
			description:
				'Only incoming or outgoing messages (rows without a direction, such as status updates, always pass).',
		},
	],
	// the parser and its zod schemas load on the first delivery, not when n8n starts the node
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside a function is what defers the load
	parser: new LazyParser(() => (require('./parse') as typeof Parse).WakitDeliveryParser),
};
