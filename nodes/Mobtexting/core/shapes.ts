import {
	MOBTEXTING_EVENTS,
	MOBTEXTING_UNSUBSCRIPTION_EVENTS,
	type MobtextingEventName,
} from './events';

/** The payload shapes MOBtexting sends; several events share one shape. */
export type MobtextingShape =
	| 'message-status'
	| 'inbound-message'
	| 'sms-delivery-report'
	| 'voice-call-record'
	| 'unsubscription'
	| 'contact';

export const SHAPE_BY_EVENT: Record<MobtextingEventName, MobtextingShape> = {
	'sms:message:status': 'sms-delivery-report',
	'sms:unsubscription': 'unsubscription',
	'whatsapp:message:in': 'inbound-message',
	'whatsapp:message:status': 'message-status',
	'whatsapp:unsubscription': 'unsubscription',
	'rcs:message:in': 'inbound-message',
	'rcs:message:status': 'message-status',
	'rcs:unsubscription': 'unsubscription',
	'voice:message:out': 'voice-call-record',
	'voice:unsubscription': 'unsubscription',
	'viber:message:status': 'message-status',
	'viber:message:in': 'inbound-message',
	'viber:unsubscription': 'unsubscription',
	'vmn:message:in': 'inbound-message',
	'contacts:subscriber:subscription': 'contact',
};

export function isMobtextingEventName(name: string): name is MobtextingEventName {
	return (MOBTEXTING_EVENTS as readonly string[]).includes(name);
}

function hasKeys(body: Record<string, unknown>, keys: readonly string[]): boolean {
	return keys.every((key) => Object.prototype.hasOwnProperty.call(body, key));
}

/** Matches "Subscriber created successfully" but not "Unsubscriber created successfully". */
const SUBSCRIBER_STATUS = /(^|[^n])subscriber/i;

/**
 * Flat payloads carry no event name: each is told by the fields only it has. Recognition is by presence;
 * the shape's schema then checks the values, so a recognised record with a bad value is flagged, not lost.
 */
export function recogniseFlatShape(body: Record<string, unknown>): MobtextingShape | null {
	if (hasKeys(body, ['id', 'mobile', 'status', 'deliv_time'])) return 'sms-delivery-report';
	if (hasKeys(body, ['bridge', 'from', 'to', 'mid', 'duration'])) return 'voice-call-record';
	if (
		hasKeys(body, ['receiver', 'type', 'value', 'status']) &&
		typeof body.status === 'string' &&
		/unsubscriber/i.test(body.status)
	) {
		return 'unsubscription';
	}
	if (
		hasKeys(body, ['identity', 'status']) &&
		typeof body.status === 'string' &&
		SUBSCRIBER_STATUS.test(body.status)
	)
		return 'contact';
	return null;
}

const CHANNELS = new Set(['sms', 'whatsapp', 'rcs', 'voice', 'viber', 'vmn']);

/** "whatsapp:message:in" → whatsapp; contacts and the undecided "unsubscription" have no channel. */
export function channelOfEvent(event: string): string | null {
	const prefix = event.split(':')[0];
	return CHANNELS.has(prefix) ? prefix : null;
}

/** The single event a flat shape stands for; unsubscriptions are resolved by resolveUnsubscription. */
export const EVENT_BY_FLAT_SHAPE: Partial<Record<MobtextingShape, MobtextingEventName>> = {
	'sms-delivery-report': 'sms:message:status',
	'voice-call-record': 'voice:message:out',
	contact: 'contacts:subscriber:subscription',
};

export type UnsubscriptionResolution =
	| { event: (typeof MOBTEXTING_UNSUBSCRIPTION_EVENTS)[number]; ambiguousEvents?: undefined }
	| { event: 'unsubscription'; ambiguousEvents: string[] }
	| { event: null; ambiguousEvents?: undefined };

/**
 * Unsubscription records are identical for SMS, WhatsApp, RCS, Voice and Viber. With exactly one
 * *:unsubscription event selected, that is the event; with several (or none selected, i.e. all) the record
 * stays "unsubscription" and lists the candidates rather than guessing. event null: the user selected events
 * but no unsubscription event, so the record is filtered out.
 */
export function resolveUnsubscription(
	selectedEvents: readonly string[] | undefined,
): UnsubscriptionResolution {
	const selected = (selectedEvents ?? [])
		.filter((name) => typeof name === 'string')
		.map((name) => name.trim().toLowerCase());
	if (selected.length === 0)
		return { event: 'unsubscription', ambiguousEvents: [...MOBTEXTING_UNSUBSCRIPTION_EVENTS] };
	const candidates = MOBTEXTING_UNSUBSCRIPTION_EVENTS.filter((event) => selected.includes(event));
	if (candidates.length === 0) return { event: null };
	if (candidates.length === 1) return { event: candidates[0] };
	return { event: 'unsubscription', ambiguousEvents: candidates };
}
