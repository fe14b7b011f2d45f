import type { z } from 'zod';
import { describeIssues } from '../../shared/core/items';
import { textOrNull, type NormalizedKind } from '../../shared/core/normalized';
import { smppStatusFamily } from '../../shared/core/smppStatus';
import { firstIsoTimestampIn } from '../../shared/core/timestamps';
import type { NormalizedFields } from '../../shared/core/platformParse';
import type { MobtextingShape } from './shapes';
import {
	mobtextingContactSchema,
	mobtextingInboundMessagePayloadSchema,
	mobtextingMessageStatusPayloadSchema,
	mobtextingSmsDeliveryReportSchema,
	mobtextingUnsubscriptionSchema,
	mobtextingVoiceCallRecordSchema,
	type MobtextingContact,
	type MobtextingInboundMessage,
	type MobtextingMessageStatus,
	type MobtextingSmsDeliveryReport,
	type MobtextingUnsubscription,
	type MobtextingVoiceCallRecord,
} from './schemas';

/** The event an item reports and the channel its name implies ("whatsapp:message:in" → whatsapp). */
export interface EventContext {
	event: string;
	channel: string | null;
	/** Where zone-less times are read (the platform fields keep the string as sent) */
	timeZone?: string;
}

/** What a shape's own reader works out; the kind comes from mobtextingKind, for valid and flagged items alike. */
type ShapeFields = Omit<NormalizedFields, 'kind'>;

const KIND_BY_SHAPE: Record<Exclude<MobtextingShape, 'contact'>, NormalizedKind> = {
	'message-status': 'message.status',
	'inbound-message': 'message.received',
	'sms-delivery-report': 'message.status',
	'voice-call-record': 'call.completed',
	unsubscription: 'contact.unsubscribed',
};

/**
 * The kind a shape stands for, even when its payload fails the schema. Contact records depend on their
 * status: "Subscriber created successfully" is a creation, any other subscriber outcome a change.
 */
export function mobtextingKind(shape: MobtextingShape, content: unknown): NormalizedKind {
	if (shape !== 'contact') return KIND_BY_SHAPE[shape];
	const status =
		typeof content === 'object' && content !== null
			? (content as { status?: unknown }).status
			: undefined;
	if (typeof status !== 'string') return 'unknown';
	return /created/i.test(status) ? 'contact.created' : 'contact.updated';
}

export type ShapeOutcome =
	| { success: true; data: Record<string, unknown>; fields: NormalizedFields }
	| { success: false; problems: string[] };

function shapeHandler<S extends z.ZodType<Record<string, unknown>>>(
	shape: MobtextingShape,
	schema: S,
	viewFields: (data: z.infer<S>, context: EventContext) => ShapeFields,
) {
	return (content: unknown, context: EventContext): ShapeOutcome => {
		const parsed = schema.safeParse(content);
		if (!parsed.success) return { success: false, problems: describeIssues(parsed.error.issues) };
		const { event, ...view } = viewFields(parsed.data, context);
		return {
			success: true,
			data: parsed.data,
			fields: { event, kind: mobtextingKind(shape, parsed.data), ...view },
		};
	};
}

const lower = (value: unknown): string | null => textOrNull(value)?.toLowerCase() ?? null;

function joinName(...parts: unknown[]): string | null {
	const present = parts.map(textOrNull).filter((part) => part !== null);
	return present.length > 0 ? present.join(' ') : null;
}

// each view is Object.assign(base(context), {...}), not a spread: see buildItem in shared/core/items.ts
const base = (context: EventContext) => ({
	event: context.event,
	channel: context.channel,
	messageId: null,
	conversationId: null,
});

function messageStatus(data: MobtextingMessageStatus, context: EventContext): ShapeFields {
	return Object.assign(base(context), {
		channel: context.channel ?? lower(data.channel),
		messageId: textOrNull(data.id),
		// status reports are about messages sent to the user: `to` is the user, `from` the business
		contact: { phone: textOrNull(data.to) },
		text: null,
		media: null,
		status: lower(data.status),
		timestamp: firstIsoTimestampIn(
			context.timeZone ?? 'UTC',
			data.timestamp,
			data.read_at,
			data.delivered_at,
			data.processed_at,
		),
	});
}

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'file', 'sticker', 'voice']);

function inboundMessage(data: MobtextingInboundMessage, context: EventContext): ShapeFields {
	const user = data.recipient.user;
	const payload = data.message.payload;
	const type = lower(data.message.type) ?? 'unknown';
	const url = textOrNull(payload?.url);
	const isMedia = MEDIA_TYPES.has(type) || url !== null;
	return Object.assign(base(context), {
		messageId: textOrNull(data.id),
		contact: {
			id: textOrNull(user?.id),
			// recipient.from is the number the message came from; user.phone is profile data
			phone: textOrNull(data.recipient.from) ?? textOrNull(user?.phone),
			name: joinName(user?.first_name, user?.middle_name, user?.last_name),
			email: textOrNull(user?.email),
		},
		text: textOrNull(payload?.text),
		media: isMedia ? { type, url, caption: textOrNull(payload?.caption) } : null,
		status: null,
		timestamp: firstIsoTimestampIn(context.timeZone ?? 'UTC', data.timestamp),
	});
}

/** SMPP receipt states through the shared table (the same words as bcrumbs' receipts); anything else is kept, lower-cased. */
export function smsStatus(raw: unknown): string | null {
	const status = lower(raw);
	if (status === null) return null;
	return smppStatusFamily(status)?.family ?? status;
}

function smsDeliveryReport(data: MobtextingSmsDeliveryReport, context: EventContext): ShapeFields {
	return Object.assign(base(context), {
		messageId: textOrNull(data.id),
		contact: { phone: textOrNull(data.mobile) },
		text: null,
		media: null,
		status: smsStatus(data.status),
		timestamp: firstIsoTimestampIn(
			context.timeZone ?? 'UTC',
			data.deliv_time,
			data.sent_time,
			data.submit_time,
		),
	});
}

function voiceCallRecord(data: MobtextingVoiceCallRecord, context: EventContext): ShapeFields {
	// OBD is an outbound call: the contact is the party called; otherwise the caller
	const outbound = lower(data.source) === 'obd';
	const recording = textOrNull(data.recording_url);
	return Object.assign(base(context), {
		messageId: textOrNull(data.mid),
		contact: { phone: textOrNull(outbound ? data.to : data.from) },
		text: null,
		media: recording ? { type: 'audio', url: recording, caption: null } : null,
		status: lower(data.status),
		timestamp: firstIsoTimestampIn(context.timeZone ?? 'UTC', data.end_at, data.start_at),
	});
}

function unsubscription(data: MobtextingUnsubscription, context: EventContext): ShapeFields {
	return Object.assign(base(context), {
		contact: { phone: textOrNull(data.receiver) },
		text: null,
		media: null,
		// "Unsubscriber created successfully" is an outcome, not a delivery state
		status: null,
		timestamp: firstIsoTimestampIn(context.timeZone ?? 'UTC', data.created_at),
	});
}

function contact(data: MobtextingContact, context: EventContext): ShapeFields {
	const identity = textOrNull(data.identity);
	const isEmail = identity !== null && identity.includes('@');
	return Object.assign(base(context), {
		contact: {
			id: textOrNull(data.id),
			email: isEmail ? identity : null,
			phone:
				identity !== null && !isEmail && /^\+?\d[\d\s().x-]*$/i.test(identity) ? identity : null,
			name: joinName(data.first_name, data.middle_name, data.last_name),
		},
		text: null,
		media: null,
		status: null,
		timestamp: firstIsoTimestampIn(context.timeZone ?? 'UTC', data.updated_at, data.created_at),
	});
}

export const HANDLER_BY_SHAPE: Record<
	MobtextingShape,
	(content: unknown, context: EventContext) => ShapeOutcome
> = {
	'message-status': shapeHandler(
		'message-status',
		mobtextingMessageStatusPayloadSchema,
		messageStatus,
	),
	'inbound-message': shapeHandler(
		'inbound-message',
		mobtextingInboundMessagePayloadSchema,
		inboundMessage,
	),
	'sms-delivery-report': shapeHandler(
		'sms-delivery-report',
		mobtextingSmsDeliveryReportSchema,
		smsDeliveryReport,
	),
	'voice-call-record': shapeHandler(
		'voice-call-record',
		mobtextingVoiceCallRecordSchema,
		voiceCallRecord,
	),
	unsubscription: shapeHandler('unsubscription', mobtextingUnsubscriptionSchema, unsubscription),
	contact: shapeHandler('contact', mobtextingContactSchema, contact),
};
