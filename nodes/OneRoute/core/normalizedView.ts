import { textOrNull, type NormalizedKind } from '../../shared/core/normalized';
import { firstIsoTimestampIn } from '../../shared/core/timestamps';
import type { NormalizedFields } from '../../shared/core/platformParse';
import type { OneRouteMessage, OneRouteNewMessage } from './schemas';

/** The four URL fields, each with the media type it carries. */
const MEDIA_URL_FIELDS = [
	['imageUrl', 'image'],
	['videoUrl', 'video'],
	['documentUrl', 'document'],
	['audioUrl', 'audio'],
] as const;

/**
 * The attachment, if any: the URL matching `contentType` first, else whichever URL is set.
 * The media type is the lower-cased contentType when it names media, else the URL field's type.
 */
export function oneRouteMedia(message: OneRouteMessage): NormalizedFields['media'] {
	const contentType = textOrNull(message.contentType)?.toLowerCase() ?? null;
	const set = MEDIA_URL_FIELDS.map(([field, type]) => ({
		type,
		url: textOrNull(message[field]),
	})).filter((entry) => entry.url !== null);
	if (set.length === 0) return null;
	const chosen = set.find((entry) => entry.type === contentType) ?? set[0];
	const type = contentType && contentType !== 'text' ? contentType : chosen.type;
	return { type, url: chosen.url, caption: textOrNull(message.content) };
}

/**
 * Agents are OneRoute users (`authUser: true`); anything else is the customer writing in. Null when the
 * message names no sender. Reads the raw message, so a delivery failing its schema still gets a direction.
 */
export function oneRouteKind(
	message: unknown,
): Extract<NormalizedKind, 'message.sent' | 'message.received'> | null {
	const sender =
		typeof message === 'object' && message !== null
			? (message as { sender?: unknown }).sender
			: null;
	if (typeof sender !== 'object' || sender === null || Array.isArray(sender)) return null;
	return (sender as { authUser?: unknown }).authUser === true ? 'message.sent' : 'message.received';
}

export function oneRouteViewFields(
	delivery: OneRouteNewMessage,
	/** where a time sent without a zone is read */
	timeZone = 'UTC',
): NormalizedFields {
	const { message, conversation } = delivery;
	const customer = conversation.customer;
	return {
		event: delivery.event,
		kind: oneRouteKind(message) ?? 'message.received',
		channel: textOrNull(conversation.Channel?.medium)?.toLowerCase() ?? null,
		messageId: textOrNull(message.id) ?? textOrNull(message.externalId),
		conversationId: textOrNull(conversation.id) ?? textOrNull(message.conversation_id),
		// the customer is the contact whichever side wrote the message
		contact: {
			id: textOrNull(customer?.id),
			phone: textOrNull(customer?.phone),
			name: textOrNull(customer?.name),
			email: textOrNull(customer?.email),
		},
		text: textOrNull(message.content),
		media: oneRouteMedia(message),
		// a new message has no delivery state; the conversation's status (in-queue, ...) stays in `conversation`
		status: null,
		// the message carries no time of its own: the conversation's lastMessageAt is this message's time
		timestamp: firstIsoTimestampIn(
			timeZone,
			conversation.lastMessageAt,
			message.sender?.lastActivity,
			conversation.updatedAt,
		),
	};
}
