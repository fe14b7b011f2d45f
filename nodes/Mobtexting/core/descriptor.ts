import type { PlatformDescriptor } from '../../shared/core/platformDescriptor';
import { handshakeResponse, isMobtextingHandshake, verifyMobtextingSecret } from './handshake';
import { parseMobtextingDelivery } from './parse';
import { MOBTEXTING_EVENTS } from './schemas';

export const MOBTEXTING: PlatformDescriptor = {
	platform: 'mobtexting',
	node: {
		displayName: 'MOBtexting Trigger',
		name: 'mobtextingTrigger',
		description: 'Starts the workflow on MOBtexting SMS, WhatsApp, RCS, Viber, voice and contact events',
	},
	credentialType: 'mobtextingWebhookApi',
	authentication: {
		secretIn: 'credential',
		method: 'Bearer secret',
		verify: (delivery, credential) => verifyMobtextingSecret(delivery.headers, credential.secret as string),
		sign: (credential) => ({ authorization: `Bearer ${credential.secret as string}` }),
		secretsFor: (secret) => ({ secret }),
	},
	setupNotice:
		"add it as a webhook in MOBtexting, subscribed to the same events as below; MOBtexting's validation handshake is answered automatically",
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
		isMobtextingHandshake(delivery.query, delivery.body) ? handshakeResponse(delivery.body) : undefined,
	parse: (delivery, { includeRawBody, filters }) =>
		parseMobtextingDelivery(delivery.body, { includeRawBody, events: filters.events ?? [] }),
};
