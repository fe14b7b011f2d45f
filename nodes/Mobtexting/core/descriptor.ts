import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import {
	handshakeResponse,
	isMobtextingHandshake,
	verifyMobtextingHandshake,
	verifyMobtextingSecret,
} from './handshake';
import { parseMobtextingDelivery } from './parse';
import { MOBTEXTING_EVENTS } from './schemas';

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
		secretIn: 'credential',
		method: 'Bearer secret',
		verify: (delivery, credential) =>
			verifyMobtextingSecret(delivery.headers, credential.secret as string),
		sign: (credential) => ({ authorization: `Bearer ${credential.secret as string}` }),
		secretsFor: (secret) => ({ secret }),
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
	// deliv_time, start_at, end_at: "2021-04-09 16:27:51"
	naiveTimestamps: true,
	filters: [
		{
			displayName: 'Events',
			name: 'events',
			values: MOBTEXTING_EVENTS,
			description:
				'The events subscribed in MOBtexting. Unsubscription records look the same for every product: select exactly one *:unsubscription event to have them named.',
		},
	],
	everyDelivery: {},
	handshake: (delivery) =>
		isMobtextingHandshake(delivery.query, delivery.body)
			? handshakeResponse(delivery.body)
			: undefined,
	parse: (delivery, { includeRawBody, filters, timeZone }) =>
		parseMobtextingDelivery(delivery.body, {
			includeRawBody,
			events: filters.events ?? [],
			timeZone,
		}),
};
