import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { MOBTEXTING_EVENTS } from './events';
import {
	handshakeResponse,
	isMobtextingHandshake,
	verifyMobtextingHandshake,
	verifyMobtextingSecret,
} from './handshake';
import type * as Parse from './parse';
import { LazyParser } from '../../shared/core/lazyModule';

export const MOBTEXTING: PlatformDescriptor = {
	platform: 'mobtexting',
	node: {
		displayName: 'MOBtexting Trigger',
		name: 'mobtextingTrigger',
		description:
			'Starts the workflow on MOBtexting SMS, WhatsApp, RCS, Viber, voice and contact events',
	},
	credentialType: 'mobtextingWebhookApi',
	authentication: {
		method: 'Bearer secret',
		checks: 'Bearer secret',
		// MOBtexting's document describes no authentication
		defaultVerification: 'none',
		secretIn: 'credential',
		optIn:
			'If your MOBtexting webhook has a secret (sent as Authorization: Bearer), choose Verify Requests and enter it.',
		verify: (delivery, credential) =>
			verifyMobtextingSecret(delivery.headers, credential.secret as string),
		optionalFields: () => ['validationToken'],
		// the challenge is echoed only for the validation token, when the credential holds one
		verifyHandshake: (delivery, credential) =>
			verifyMobtextingHandshake(
				delivery.query,
				delivery.body,
				credential.validationToken as string | undefined,
			),
	},
	setupNotice:
		"add it as a webhook in MOBtexting, subscribed to the same events as below; MOBtexting's validation handshake is answered automatically (set its validation key in the credential to answer only MOBtexting)",
	refusalHint:
		"Set the credential's secret on the webhook in MOBtexting (it is sent as Authorization: Bearer) and, for the validation handshake, MOBtexting's validation key as the credential's Validation Token; or set Verification to None.",
	filters: [
		{
			displayName: 'Events',
			name: 'events',
			values: MOBTEXTING_EVENTS,
			description:
				'The events subscribed in MOBtexting. Unsubscription records look the same for every product: to have them named, add ?product=whatsapp (or sms, rcs, voice, viber) to the URL you paste in MOBtexting, or select exactly one *:unsubscription event.',
		},
	],
	handshake: (delivery) =>
		isMobtextingHandshake(delivery.query, delivery.body)
			? handshakeResponse(delivery.body)
			: undefined,
	// the parser and its zod schemas load on the first delivery, not when n8n starts the node
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside a function is what defers the load
	parser: new LazyParser(() => (require('./parse') as typeof Parse).MobtextingDeliveryParser),
};
