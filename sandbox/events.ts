/**
 * The webhook event names bcrumbs knows about.
 *
 * The doc lists eight subscription events plus MESSAGE_UPDATED_SMPP, which is
 * a separate event type that must be selected explicitly (ANY_EVENT does not
 * cover it) and is delivered by HTTP GET instead of a JSON POST.
 */
export const WEBHOOK_EVENTS = [
	'INCOMING_MESSAGE',
	'OUTGOING_MESSAGE',
	'MESSAGE_UPDATED',
	'MESSAGE_UPDATED_SMPP',
	'ENDING_CONV',
	'NEW_CLIENT',
	'NEW_CONV',
	'CLIENT_UPDATED',
	'ANY_EVENT',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Events that actually happen (ANY_EVENT is only a subscription wildcard). */
export type EmittableEvent = Exclude<WebhookEvent, 'ANY_EVENT'>;

export const EMITTABLE_EVENTS = WEBHOOK_EVENTS.filter(
	(event): event is EmittableEvent => event !== 'ANY_EVENT',
);

export function isWebhookEvent(value: unknown): value is WebhookEvent {
	return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export function isEmittableEvent(value: unknown): value is EmittableEvent {
	return isWebhookEvent(value) && value !== 'ANY_EVENT';
}

/** Does a webhook subscribed to `subscribed` receive `emitted`? */
export function subscriptionMatches(subscribed: WebhookEvent, emitted: EmittableEvent): boolean {
	if (subscribed === emitted) return true;
	// The doc: MESSAGE_UPDATED_SMPP "is a webhook event type (select it when creating the webhook)".
	return subscribed === 'ANY_EVENT' && emitted !== 'MESSAGE_UPDATED_SMPP';
}
