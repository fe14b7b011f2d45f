/** MOBtexting's webhook events (without zod: the node's description needs them when n8n starts). */
export const MOBTEXTING_EVENTS = [
	'sms:message:status',
	'sms:unsubscription',
	'whatsapp:message:in',
	'whatsapp:message:status',
	'whatsapp:unsubscription',
	'rcs:message:in',
	'rcs:message:status',
	'rcs:unsubscription',
	'voice:message:out',
	'voice:unsubscription',
	'viber:message:status',
	'viber:message:in',
	'viber:unsubscription',
	'vmn:message:in',
	'contacts:subscriber:subscription',
] as const;
export type MobtextingEventName = (typeof MOBTEXTING_EVENTS)[number];

/** Identical records for every product: only the user's event selection can tell them apart. */
export const MOBTEXTING_UNSUBSCRIPTION_EVENTS = [
	'sms:unsubscription',
	'whatsapp:unsubscription',
	'rcs:unsubscription',
	'voice:unsubscription',
	'viber:unsubscription',
] as const satisfies readonly MobtextingEventName[];
