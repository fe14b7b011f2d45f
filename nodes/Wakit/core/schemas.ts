import { z } from 'zod';

import { idLike, optionalIdLike, optionalText } from '../../shared/core/schemaFields';

/*
 * wakit posts `{data, entity, action}` where `data` is the database row. Inserts carry the full row;
 * updates may carry only the changed columns, so update schemas require nothing but the id.
 * Loose objects keep columns the docs don't list; enum-like values (direction, status) stay plain strings.
 */

export {
	WAKIT_ACTIONS,
	WAKIT_DIRECTIONS,
	WAKIT_ENTITIES,
	type WakitAction,
	type WakitEntity,
} from './events';

export const wakitDeliverySchema = z.looseObject({
	data: z.looseObject({}),
	entity: z.string(),
	action: z.string(),
});

/** Each state the message reached, with when: {"pending": "...", "sent": "...", ...}; a bare state string is tolerated. */
export const wakitMessageStatusSchema = z.union([
	z.string(),
	z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
]);

/** WhatsApp-style content: {type: "text", text: {body}} or {type: "image", image: {link, caption}}, ... */
export const wakitContentSchema = z.looseObject({
	type: optionalText,
	text: z.looseObject({ body: optionalText }).nullish(),
});

const messageColumns = {
	id: idLike,
	conversation_id: optionalIdLike,
	organization_id: optionalIdLike,
	/** incoming, outgoing */
	direction: optionalText,
	/** set when an AI agent wrote the message */
	agent_id: optionalIdLike,
	content: wakitContentSchema.nullish(),
	status: wakitMessageStatusSchema.nullish(),
	wa_id: optionalText,
	from: optionalIdLike,
	to: optionalIdLike,
	created_at: optionalText,
	updated_at: optionalText,
};

export const wakitMessageInsertSchema = z.looseObject({
	...messageColumns,
	conversation_id: idLike,
	direction: z.string(),
});
export const wakitMessageUpdateSchema = z.looseObject(messageColumns);

const conversationColumns = {
	id: idLike,
	organization_id: optionalIdLike,
	organization_address: optionalIdLike,
	/** the contact's address (phone number on WhatsApp) */
	contact_address: optionalIdLike,
	/** whatsapp, ... */
	service: optionalText,
	/** open, closed, ... */
	status: optionalText,
	created_at: optionalText,
	updated_at: optionalText,
};

/**
 * One schema for conversations/insert and conversations/update: an insert carries the full row, an update
 * possibly only id, status and updated_at, and nothing beyond the id is needed to tell what happened.
 */
export const wakitConversationSchema = z.looseObject(conversationColumns);

export type WakitMessageStatus = z.infer<typeof wakitMessageStatusSchema>;
export type WakitContent = z.infer<typeof wakitContentSchema>;
export type WakitMessageRow = z.infer<typeof wakitMessageUpdateSchema>;
export type WakitConversationRow = z.infer<typeof wakitConversationSchema>;
