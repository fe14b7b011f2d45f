import { z } from 'zod';

import { NORMALIZED_KINDS, PLATFORMS } from './vocabulary';

/**
 * The normalized shape as a zod schema, for checking items. Kept apart from normalized.ts so that
 * loading a node (which needs the types and the constants) does not load zod.
 */
const nullableText = z.string().nullable();

export const normalizedContactSchema = z.object({
	id: nullableText,
	phone: nullableText,
	name: nullableText,
	email: nullableText,
});

export const normalizedMediaSchema = z.object({
	type: z.string(),
	url: nullableText,
	caption: nullableText,
});

export const normalizedSchema = z.object({
	platform: z.enum(PLATFORMS),
	/** The platform's own event name, e.g. "INCOMING_MESSAGE", "whatsapp:message:in", "messages/insert" */
	event: z.string(),
	kind: z.enum(NORMALIZED_KINDS),
	/** whatsapp, sms, rcs, viber, instagram, telegram, voice, custom, ... (lower case), null when unknown */
	channel: nullableText,
	messageId: nullableText,
	conversationId: nullableText,
	contact: normalizedContactSchema,
	text: nullableText,
	media: normalizedMediaSchema.nullable(),
	/** Lower-case delivery state: pending, sent, delivered, read, failed, deleted, ... */
	status: nullableText,
	/** ISO 8601 (UTC) */
	timestamp: nullableText,
	/** Same for every retry of one delivery, different between deliveries: key n8n's Remove Duplicates node on it */
	deliveryKey: z.string(),
});
