import { z } from 'zod';

/*
 * OneRoute's `newMessage` delivery. Loose objects keep fields the docs don't list; most documented fields
 * are nullable because the docs' own example sends null for them.
 */

const optionalText = z.string().nullish();
/** Ids have been documented as strings; tolerate numeric ids rather than flag the delivery. */
const optionalId = z.union([z.string(), z.number()]).nullish();

export const ONEROUTE_EVENTS = ['newMessage'] as const;

export const oneRouteSenderSchema = z.looseObject({
	name: optionalText,
	/** true when an agent (a OneRoute user) sent the message, false for the customer */
	authUser: z.boolean().nullish(),
	lastActivity: optionalText,
});

export const oneRouteMessageSchema = z.looseObject({
	id: optionalId,
	sender: oneRouteSenderSchema.nullish(),
	externalId: optionalId,
	content: optionalText,
	/** TEXT, IMAGE, VIDEO, DOCUMENT, AUDIO, ... (kept as sent) */
	contentType: optionalText,
	imageUrl: optionalText,
	videoUrl: optionalText,
	documentUrl: optionalText,
	audioUrl: optionalText,
	quoted_message_id: optionalId,
	conversation_id: optionalId,
});

export const oneRouteCustomerSchema = z.looseObject({
	id: optionalId,
	name: optionalText,
	email: optionalText,
	phone: optionalText,
});

export const oneRouteChannelSchema = z.looseObject({
	id: optionalId,
	phone: optionalText,
	identifier: optionalText,
	/** WHATSAPP, INSTAGRAM, TELEGRAM, ... */
	medium: optionalText,
	name: optionalText,
	type: optionalText,
	status: optionalText,
});

export const oneRouteConversationSchema = z.looseObject({
	id: z.union([z.string(), z.number()]),
	subject: optionalText,
	customer: oneRouteCustomerSchema.nullish(),
	lastMessageAt: optionalText,
	/** in-queue, open, closed, ... (kept as sent) */
	status: optionalText,
	createdAt: optionalText,
	updatedAt: optionalText,
	agent_id: optionalId,
	Channel: oneRouteChannelSchema.nullish(),
});

export const oneRouteNewMessageSchema = z.looseObject({
	event: z.string().trim().pipe(z.literal('newMessage')),
	message: oneRouteMessageSchema,
	conversation: oneRouteConversationSchema,
});

export type OneRouteNewMessage = z.infer<typeof oneRouteNewMessageSchema>;
export type OneRouteMessage = z.infer<typeof oneRouteMessageSchema>;
