import { z } from 'zod';

import { optionalText } from '../../shared/core/schemaFields';
import { toIsoTimestamp } from '../../shared/core/timestamps';
import { canonicalEventName } from './webhookEvents';

/**
 * One zod schema per bcrumbs delivery shape (seed: webhooks documentation). Objects are loose so fields
 * bcrumbs adds later are kept; enum-like fields (message type, integration type, status) are plain
 * strings, so values the documentation does not list yet are kept, not rejected.
 */

export const CONVERSATION_EVENTS = [
	'INCOMING_MESSAGE',
	'OUTGOING_MESSAGE',
	'ENDING_CONV',
	'NEW_CONV',
] as const;
export const CLIENT_EVENTS = ['NEW_CLIENT', 'CLIENT_UPDATED'] as const;

// Checks that rewrite the value in place (payload.value), not .transform(): a transform makes zod run a
// pipe per field, which was most of a delivery's schema time (4.6 µs against 0.9 µs per event)

const eventName = (allowed: readonly string[]) =>
	z.string().check((payload) => {
		const name = canonicalEventName(payload.value);
		if (allowed.includes(name)) payload.value = name;
		else
			payload.issues.push({
				code: 'custom',
				message: `expected one of ${allowed.join(', ')}`,
				input: payload.value,
			});
	});

/** RFC 1123 or ISO in, ISO 8601 out. A zone-less time is read as UTC here; parse.ts reads it again in the selection's zone. */
const timestamp = z.string().check((payload) => {
	const iso = toIsoTimestamp(payload.value);
	if (iso !== undefined) payload.value = iso;
	else
		payload.issues.push({
			code: 'custom',
			message: `"${payload.value.slice(0, 64)}" is not a date`,
			input: payload.value,
		});
});

export const conversationEventSchema = z.looseObject({
	event: eventName(CONVERSATION_EVENTS),
	workspaceId: z.number(),
	type: optionalText,
	content: optionalText,
	messageId: optionalText,
	integrationId: optionalText,
	integrationType: optionalText,
	externalClientId: optionalText,
	isAgent: z.boolean().nullish(),
	conversationId: z.string(),
	clientId: optionalText,
	createdAt: timestamp,
	debug: z.boolean().optional(),
});

export const messageUpdatedEventSchema = z.looseObject({
	event: eventName(['MESSAGE_UPDATED'] as const),
	workspaceId: z.number(),
	integrationId: optionalText,
	integrationType: optionalText,
	status: z.string(),
	externalMessageId: z.string(),
	externalConversationId: optionalText,
	createdAt: timestamp,
	traceId: optionalText,
	spanId: optionalText,
	debug: z.boolean().optional(),
});

export const clientEventSchema = z.looseObject({
	event: eventName(CLIENT_EVENTS),
	workspaceId: z.number(),
	id: z.string(),
	email: optionalText,
	name: optionalText,
	surname: optionalText,
	phone: optionalText,
	address: optionalText,
	city: optionalText,
	country: optionalText,
	externalClientId: optionalText,
	// always an array in items, even when bcrumbs sends null or leaves it out
	tags: z
		.array(z.string())
		.nullish()
		.transform((tags) => tags ?? []),
	createdAt: timestamp.nullish(),
	patchedAt: timestamp.nullish(),
});

export const smppReceiptSchema = z.looseObject({
	message_id: z.string().trim().min(1, 'message_id is empty'),
	status: z.string().trim().min(1, 'status is empty').toUpperCase(),
});

export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type MessageUpdatedEvent = z.infer<typeof messageUpdatedEventSchema>;
export type ClientEvent = z.infer<typeof clientEventSchema>;
export type SmppReceipt = z.infer<typeof smppReceiptSchema>;
