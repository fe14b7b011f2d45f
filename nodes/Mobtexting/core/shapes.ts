import {
	MOBTEXTING_EVENTS,
	MOBTEXTING_UNSUBSCRIPTION_EVENTS,
	type MobtextingEventName,
} from './events';
import { quoted } from '../../shared/core/platformParse';

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

export type MobtextingUnsubscriptionEvent = (typeof MOBTEXTING_UNSUBSCRIPTION_EVENTS)[number];

export type UnsubscriptionResolution =
	| { event: MobtextingUnsubscriptionEvent; ambiguousEvents?: undefined }
	| { event: 'unsubscription'; ambiguousEvents: string[] }
	| { event: null; ambiguousEvents?: undefined };

/**
 * Unsubscription records are identical for SMS, WhatsApp, RCS, Voice and Viber. A product named in the
 * webhook URL (see unsubscriptionEventFromQuery) names the event, unless the user selected events without it:
 * then the record is filtered out like any deselected event. Otherwise, with exactly one *:unsubscription event
 * selected, that is the event; with several (or none selected, i.e. all) the record stays "unsubscription" and
 * lists the candidates rather than guessing. event null: the record is filtered out.
 */
export function resolveUnsubscription(
	selectedEvents: readonly string[] | undefined,
	fromUrl?: MobtextingUnsubscriptionEvent | null,
): UnsubscriptionResolution {
	const selected = (selectedEvents ?? [])
		.filter((name) => typeof name === 'string')
		.map((name) => name.trim().toLowerCase());
	if (fromUrl)
		return selected.length === 0 || selected.includes(fromUrl)
			? { event: fromUrl }
			: { event: null };
	if (selected.length === 0)
		return { event: 'unsubscription', ambiguousEvents: [...MOBTEXTING_UNSUBSCRIPTION_EVENTS] };
	const candidates = MOBTEXTING_UNSUBSCRIPTION_EVENTS.filter((event) => selected.includes(event));
	if (candidates.length === 0) return { event: null };
	if (candidates.length === 1) return { event: candidates[0] };
	return { event: 'unsubscription', ambiguousEvents: candidates };
}

/** The URL parameters that may name an unsubscription's product: ?product=whatsapp or ?event=whatsapp:unsubscription */
const PRODUCT_PARAMETERS = ['product', 'event'] as const;

export interface UnsubscriptionFromQuery {
	/** The event the URL names; null when it names none, or nothing usable */
	event: MobtextingUnsubscriptionEvent | null;
	/** What was ignored and why, one sentence each: for the item's notes */
	ignored: string[];
}

function unsubscriptionEventOf(value: string): MobtextingUnsubscriptionEvent | null {
	const name = value.trim().toLowerCase();
	const event = name.endsWith(':unsubscription') ? name : `${name}:unsubscription`;
	return (MOBTEXTING_UNSUBSCRIPTION_EVENTS as readonly string[]).includes(event)
		? (event as MobtextingUnsubscriptionEvent)
		: null;
}

const PRODUCTS = MOBTEXTING_UNSUBSCRIPTION_EVENTS.map((event) => event.split(':')[0]).join(', ');

/**
 * The product named by the webhook URL the user pasted in MOBtexting: `?product=whatsapp` (sms, whatsapp, rcs,
 * voice, viber; any case) or `?event=whatsapp:unsubscription`. MOBtexting's document says nothing about query
 * strings, so this is the user's own addition, and nothing depends on it: without it, nothing changes. A value
 * naming no product, or parameters naming different ones, are ignored and reported.
 */
export function unsubscriptionEventFromQuery(query: unknown): UnsubscriptionFromQuery {
	const result: UnsubscriptionFromQuery = { event: null, ignored: [] };
	if (typeof query !== 'object' || query === null || Array.isArray(query)) return result;
	const found = new Set<MobtextingUnsubscriptionEvent>();
	for (const key of Object.keys(query)) {
		const parameter = key.trim().toLowerCase();
		if (!(PRODUCT_PARAMETERS as readonly string[]).includes(parameter)) continue;
		const raw = (query as Record<string, unknown>)[key];
		for (const value of Array.isArray(raw) ? raw : [raw]) {
			if (typeof value === 'string' && value.trim() === '') continue;
			const event = typeof value === 'string' ? unsubscriptionEventOf(value) : null;
			if (event !== null) found.add(event);
			else
				result.ignored.push(
					`ignored ?${parameter}=${typeof value === 'string' ? quoted(value) : `(${typeof value})`} in the webhook URL: it should name one of ${PRODUCTS} (or <product>:unsubscription)`,
				);
		}
	}
	if (found.size === 1) result.event = [...found][0];
	else if (found.size > 1)
		result.ignored.push(
			`ignored the webhook URL's product: it names several (${[...found].join(', ')})`,
		);
	return result;
}
