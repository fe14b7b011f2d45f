import { z } from 'zod';

import { optionalIdLike, optionalText } from '../../shared/core/schemaFields';

/*
 * OneRoute's `newMessage` delivery. Loose objects keep fields the docs don't list; most documented fields
 * are nullable because the docs' own example sends null for them. Ids have been documented as strings;
 * numeric ids are tolerated (optionalIdLike) rather than flagged.
 */

export const ONEROUTE_EVENTS = ['newMessage'] as const;

export const oneRouteSenderSchema = z.looseObject({
	name: optionalText,
	/** true when an agent (a OneRoute user) sent the message, false for the customer */
	authUser: z.boolean().nullish(),
	lastActivity: optionalText,
});

export const oneRouteMessageSchema = z.looseObject({
	id: optionalIdLike,
	sender: oneRouteSenderSchema.nullish(),
	externalId: optionalIdLike,
	content: optionalText,
	/** TEXT, IMAGE, VIDEO, DOCUMENT, AUDIO, ... (kept as sent) */
	contentType: optionalText,
	imageUrl: optionalText,
	videoUrl: optionalText,
	documentUrl: optionalText,
	audioUrl: optionalText,
	quoted_message_id: optionalIdLike,
	conversation_id: optionalIdLike,
});

export const oneRouteCustomerSchema = z.looseObject({
	id: optionalIdLike,
	name: optionalText,
	email: optionalText,
	phone: optionalText,
});

export const oneRouteChannelSchema = z.looseObject({
	id: optionalIdLike,
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
	agent_id: optionalIdLike,
	Channel: oneRouteChannelSchema.nullish(),
});

export const oneRouteNewMessageSchema = z.looseObject({
	event: z.string().trim().pipe(z.literal('newMessage')),
	message: oneRouteMessageSchema,
	conversation: oneRouteConversationSchema,
});

export type OneRouteNewMessage = z.infer<typeof oneRouteNewMessageSchema>;
export type OneRouteMessage = z.infer<typeof oneRouteMessageSchema>;
