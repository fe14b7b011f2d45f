/**
 * Example webhook payloads, copied from the bcrumbs webhooks doc (JSON typos
 * fixed) and derived from it for events the doc has no example for.
 */
import { type EmittableEvent, type WebhookEvent } from './events';

export type EventPayload = Record<string, unknown>;

/** Doc example "for conversation-related events". The RFC 1123 createdAt is kept on purpose: real deliveries send it. */
const conversationExample: EventPayload = {
	event: 'INCOMING_MESSAGE',
	type: 'text',
	content: 'Hello',
	messageId: '68875c39-01b8-42a5-9273-fcfd2f697600',
	workspaceId: 12,
	integrationId: '6743884f784839ad14770000',
	isAgent: false,
	conversationId: '6728c86bf893860f458e0000',
	clientId: '6728c77dbba874b293e60000',
	createdAt: 'Sat, 04 Jan 2025 15:35:46 GMT',
	integrationType: 'WHATSAPP',
	externalClientId: '905301749170',
	debug: false,
};

/** Doc example "for message status update events". */
const messageUpdatedExample: EventPayload = {
	event: 'MESSAGE_UPDATED',
	workspaceId: 12,
	integrationId: '6743884f784839ad14770000',
	integrationType: 'WHATSAPP',
	status: 'delivered',
	externalMessageId: 'wamid.HBgLNTUwMDAwMDAwMDAxFQIAERgSMTIzNDU2Nzg5MAA=',
	externalConversationId: 'wamid.conversation.123456',
	createdAt: '2026-03-09T12:35:46.000Z',
	traceId: 'fb2e0f2a0dc444a4',
	spanId: '6db90fbf8dd91f53',
	debug: false,
};

/** Doc example "for client-related events" (the doc's e-mail is obfuscated; a plausible one stands in). */
const clientUpdatedExample: EventPayload = {
	event: 'CLIENT_UPDATED',
	workspaceId: 12,
	id: '67d09433594d52dd19817d60',
	email: 'temp.client@example.com',
	name: 'Temp',
	surname: 'Client',
	phone: '9055xxxxx371',
	address: null,
	city: 'Istanbul',
	country: 'Turkey',
	externalClientId: '9055xxxxx371',
	tags: ['VIP'],
	stageId: null,
	createdAt: '2025-03-11T19:51:15.983Z',
	patchedAt: '2025-03-11T23:01:34.372Z',
};

/** Frozen so a test cannot quietly change the examples for every later test. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		Object.values(value).forEach(deepFreeze);
		Object.freeze(value);
	}
	return value;
}

export const EXAMPLE_EVENTS: Readonly<Record<EmittableEvent, EventPayload>> = deepFreeze({
	INCOMING_MESSAGE: conversationExample,
	// An agent's reply in the same conversation.
	OUTGOING_MESSAGE: {
		...conversationExample,
		event: 'OUTGOING_MESSAGE',
		content: 'Hi! How can we help you today?',
		messageId: '7c1f3a52-9d2e-4b8a-8f61-2a4e5b6c7d80',
		isAgent: true,
		createdAt: 'Sat, 04 Jan 2025 15:36:10 GMT',
	},
	NEW_CONV: { ...conversationExample, event: 'NEW_CONV' },
	// The agent closes the conversation with a note.
	ENDING_CONV: {
		...conversationExample,
		event: 'ENDING_CONV',
		type: 'note',
		content: 'Conversation closed',
		messageId: '0b9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f',
		isAgent: true,
		createdAt: 'Sat, 04 Jan 2025 15:52:03 GMT',
	},
	MESSAGE_UPDATED: messageUpdatedExample,
	// The doc's GET example: ?message_id=wamid_ABC123&status=DELIVRD
	MESSAGE_UPDATED_SMPP: { message_id: 'wamid_ABC123', status: 'DELIVRD' },
	CLIENT_UPDATED: clientUpdatedExample,
	// A freshly created client: nothing patched since creation, no tags yet.
	NEW_CLIENT: {
		...clientUpdatedExample,
		event: 'NEW_CLIENT',
		tags: [],
		patchedAt: clientUpdatedExample.createdAt,
	},
});

/**
 * A fresh deep copy of the example payload for `event`, with workspaceId set.
 * The SMPP payload is a query string, so it carries no workspaceId.
 */
export function exampleEvent(event: WebhookEvent, workspaceId = 12): EventPayload {
	if (event === 'ANY_EVENT') {
		throw new Error('ANY_EVENT is a subscription wildcard, not an event: pick a concrete event');
	}
	const example = EXAMPLE_EVENTS[event];
	if (!example) throw new Error(`Unknown webhook event: ${String(event)}`);
	const copy = structuredClone(example);
	if (event !== 'MESSAGE_UPDATED_SMPP') copy.workspaceId = workspaceId;
	return copy;
}
