import { textOrNull, type NormalizedKind } from '../../shared/core/normalized';
import { firstIsoTimestampIn } from '../../shared/core/timestamps';
import type { NormalizedFields } from '../../shared/core/platformParse';
import type {
	WakitAction,
	WakitContent,
	WakitConversationRow,
	WakitEntity,
	WakitMessageRow,
} from './schemas';
import { latestStatus } from './status';

const lowerText = (value: unknown): string | null => textOrNull(value)?.toLowerCase() ?? null;

/**
 * What a row's event stands for, from the little it needs (so a row failing its schema still gets it):
 * an update of a message row is a change of its state (status timestamps, mostly); a conversation update
 * is a close when it says so, else the conversation is (still or again) open.
 */
export function wakitKind(entity: WakitEntity, action: WakitAction, row: unknown): NormalizedKind {
	const fields = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
	if (entity === 'conversations')
		return action === 'update' && lowerText(fields.status) === 'closed'
			? 'conversation.closed'
			: 'conversation.opened';
	if (action === 'update') return 'message.status';
	const direction = lowerText(fields.direction);
	return direction === 'incoming'
		? 'message.received'
		: direction === 'outgoing'
			? 'message.sent'
			: 'unknown';
}

/** Who wrote a message: the contact, wakit's AI agent (agent_id set), or the business by other means. */
export type WakitSender = 'contact' | 'agent' | 'business';

/** Undefined when the row doesn't say (a partial update without direction or agent_id). */
export function wakitSender(row: WakitMessageRow): WakitSender | undefined {
	if (textOrNull(row.agent_id) !== null) return 'agent';
	const direction = textOrNull(row.direction)?.toLowerCase();
	if (direction === 'incoming') return 'contact';
	// an outgoing message without agent_id came from a person in the app, the API or a broadcast
	if (direction === 'outgoing') return 'business';
	return undefined;
}

/** WhatsApp-style media: content[type] = {link|url, caption}. */
function wakitMedia(content: WakitContent | null | undefined): NormalizedFields['media'] {
	const type = textOrNull(content?.type)?.toLowerCase();
	if (!content || !type || type === 'text') return null;
	const body = (content as Record<string, unknown>)[type];
	const media = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	return {
		type,
		url: textOrNull(media.link) ?? textOrNull(media.url),
		caption: textOrNull(media.caption),
	};
}

export function wakitMessageViewFields(
	event: string,
	action: 'insert' | 'update',
	row: WakitMessageRow,
	/** where a time sent without a zone is read */
	timeZone = 'UTC',
): NormalizedFields {
	const direction = textOrNull(row.direction)?.toLowerCase();
	const latest = latestStatus(row.status, timeZone);
	return {
		event,
		kind: wakitKind('messages', action, row),
		// messages name no channel; a WhatsApp message id (wa_id) is the only sign of one
		channel: textOrNull(row.wa_id) !== null ? 'whatsapp' : null,
		messageId: textOrNull(row.id),
		conversationId: textOrNull(row.conversation_id),
		// the contact is the sender of an incoming message and the recipient of an outgoing one
		contact: { phone: direction === 'outgoing' ? textOrNull(row.to) : textOrNull(row.from) },
		text: textOrNull(row.content?.text?.body),
		media: wakitMedia(row.content),
		status: textOrNull(latest?.state),
		timestamp:
			action === 'insert'
				? firstIsoTimestampIn(timeZone, row.created_at, row.updated_at)
				: (latest?.at ?? firstIsoTimestampIn(timeZone, row.updated_at, row.created_at)),
	};
}

export function wakitConversationViewFields(
	event: string,
	action: 'insert' | 'update',
	row: WakitConversationRow,
	/** where a time sent without a zone is read */
	timeZone = 'UTC',
): NormalizedFields {
	const status = textOrNull(row.status)?.toLowerCase() ?? null;
	return {
		event,
		kind: wakitKind('conversations', action, row),
		channel: textOrNull(row.service)?.toLowerCase() ?? null,
		messageId: null,
		conversationId: textOrNull(row.id),
		contact: { phone: textOrNull(row.contact_address) },
		text: null,
		media: null,
		status,
		timestamp:
			action === 'insert'
				? firstIsoTimestampIn(timeZone, row.created_at, row.updated_at)
				: firstIsoTimestampIn(timeZone, row.updated_at, row.created_at),
	};
}
