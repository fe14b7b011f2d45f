import { smppStatusFamily, type SmppStatusFamily } from '../../shared/core/smppStatus';
import { buildNormalizedView, textOrNull, type Normalized } from '../../shared/core/normalized';
import {
	type ClientEvent,
	type ConversationEvent,
	type MessageUpdatedEvent,
	type SmppReceipt,
} from './schemas';

const CONVERSATION_KINDS = {
	INCOMING_MESSAGE: 'message.received',
	OUTGOING_MESSAGE: 'message.sent',
	NEW_CONV: 'conversation.opened',
	ENDING_CONV: 'conversation.closed',
} as const;

const MEDIA_TYPES = new Set(['image', 'audio', 'document', 'video']);

const channelOf = (integrationType: unknown) => textOrNull(integrationType)?.toLowerCase() ?? null;

export function conversationEventView(event: ConversationEvent, body: unknown): Normalized {
	const type = textOrNull(event.type);
	const content = textOrNull(event.content);
	const isMedia = type !== null && MEDIA_TYPES.has(type);
	// for media messages bcrumbs' `content` is the file's address or a caption
	const contentIsUrl = content !== null && /^https?:\/\//i.test(content);
	return buildNormalizedView('bcrumbs', body, {
		event: event.event,
		kind: CONVERSATION_KINDS[event.event as keyof typeof CONVERSATION_KINDS] ?? 'unknown',
		channel: channelOf(event.integrationType),
		messageId: textOrNull(event.messageId),
		conversationId: event.conversationId,
		contact: {
			id: textOrNull(event.clientId),
			// on WhatsApp the provider's client id is the phone number
			phone:
				channelOf(event.integrationType) === 'whatsapp' ? textOrNull(event.externalClientId) : null,
		},
		text: isMedia ? null : content,
		media: isMedia
			? {
					type: type as string,
					url: contentIsUrl ? content : null,
					caption: contentIsUrl ? null : content,
				}
			: null,
		status: null,
		timestamp: event.createdAt,
	});
}

export function messageUpdatedEventView(event: MessageUpdatedEvent, body: unknown): Normalized {
	return buildNormalizedView('bcrumbs', body, {
		event: event.event,
		kind: 'message.status',
		channel: channelOf(event.integrationType),
		messageId: event.externalMessageId,
		conversationId: textOrNull(event.externalConversationId),
		text: null,
		media: null,
		status: textOrNull(event.status)?.toLowerCase() ?? null,
		timestamp: event.createdAt,
	});
}

export function clientEventView(event: ClientEvent, body: unknown): Normalized {
	const fullName = [textOrNull(event.name), textOrNull(event.surname)].filter(Boolean).join(' ');
	return buildNormalizedView('bcrumbs', body, {
		event: event.event,
		kind: event.event === 'NEW_CLIENT' ? 'contact.created' : 'contact.updated',
		channel: null,
		messageId: null,
		conversationId: null,
		contact: {
			id: event.id,
			phone: textOrNull(event.phone),
			name: fullName || null,
			email: textOrNull(event.email),
		},
		text: null,
		media: null,
		status: null,
		timestamp: event.patchedAt ?? event.createdAt ?? null,
	});
}

/** The shared SMPP table; a stat outside it is reported as family "unknown". */
export function smppFamilyOf(stat: string): SmppStatusFamily {
	return smppStatusFamily(stat) ?? { family: 'unknown', whatsappStatuses: [] };
}

export function smppReceiptView(receipt: SmppReceipt, body: unknown): Normalized {
	return buildNormalizedView('bcrumbs', body, {
		event: 'MESSAGE_UPDATED_SMPP',
		kind: 'message.status',
		channel: null,
		messageId: receipt.message_id,
		conversationId: null,
		text: null,
		media: null,
		status: smppFamilyOf(receipt.status).family,
		timestamp: null,
	});
}
