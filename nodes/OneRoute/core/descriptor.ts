import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { LazyParser } from '../../shared/core/lazyModule';
import { verifyOneRouteSignature } from './authentication';
import type * as Parse from './parse';

export const ONEROUTE: PlatformDescriptor = {
	platform: 'oneroute',
	node: {
		displayName: 'OneRoute Trigger',
		name: 'oneRouteTrigger',
		description: 'Starts the workflow when a new message arrives in OneRoute',
	},
	credentialType: 'oneRouteWebhookApi',
	authentication: {
		method: 'x-oneroute-signature (HMAC-SHA512 of the body with your secret key)',
		checks: 'signature',
		// OneRoute's document asks for "an unauthenticated POST route"
		defaultVerification: 'none',
		secretIn: 'credential',
		optIn:
			'If your OneRoute account has a secret key, it signs deliveries (x-oneroute-signature): choose Verify Requests and enter the key.',
		verify: (delivery, credential) =>
			verifyOneRouteSignature(
				delivery.headers,
				credential.secretKey as string,
				delivery.rawBody,
				delivery.body,
			),
		optionalFields: () => ['whereNotice'],
	},
	setupNotice: 'paste it as the webhook URL in OneRoute (Settings, or on a channel)',
	// OneRoute's docs describe the route as unauthenticated: a OneRoute without a secret key set signs nothing
	refusalHint:
		'OneRoute signs deliveries (x-oneroute-signature) only with a secret key: set the same secret key in OneRoute and in the credential; or set Verification to None.',
	filters: [],
	// the parser and its zod schemas load on the first delivery, not when n8n starts the node
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside a function is what defers the load
	parser: new LazyParser(() => (require('./parse') as typeof Parse).OneRouteDeliveryParser),
};
