/**
 * The webhook event names bcrumbs knows about: the nodes' list (nodes/Bcrumbs/core/webhookEvents.ts), so
 * the sandbox offers exactly the events the nodes do.
 *
 * The doc lists eight subscription events plus MESSAGE_UPDATED_SMPP, which is
 * a separate event type that must be selected explicitly (ANY_EVENT does not
 * cover it) and is delivered by HTTP GET instead of a JSON POST.
 */
import {
	ANY_EVENT,
	SMPP_EVENT,
	WEBHOOK_EVENT_NAMES,
	type WebhookEventName,
} from '../nodes/Bcrumbs/core/webhookEvents';

export const WEBHOOK_EVENTS = WEBHOOK_EVENT_NAMES;

export type WebhookEvent = WebhookEventName;

/** Events that actually happen (ANY_EVENT is only a subscription wildcard). */
export type EmittableEvent = Exclude<WebhookEvent, typeof ANY_EVENT>;

export const EMITTABLE_EVENTS = WEBHOOK_EVENTS.filter(
	(event): event is EmittableEvent => event !== ANY_EVENT,
);

/** The events bcrumbs delivers as a JSON POST: all but the SMPP receipt, a GET. */
export const POST_EVENTS = EMITTABLE_EVENTS.filter(
	(event): event is Exclude<EmittableEvent, typeof SMPP_EVENT> => event !== SMPP_EVENT,
);

export function isWebhookEvent(value: unknown): value is WebhookEvent {
	return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export function isEmittableEvent(value: unknown): value is EmittableEvent {
	return isWebhookEvent(value) && value !== ANY_EVENT;
}

/** Does a webhook subscribed to `subscribed` receive `emitted`? */
export function subscriptionMatches(subscribed: WebhookEvent, emitted: EmittableEvent): boolean {
	if (subscribed === emitted) return true;
	// The doc: MESSAGE_UPDATED_SMPP "is a webhook event type (select it when creating the webhook)".
	return subscribed === ANY_EVENT && emitted !== SMPP_EVENT;
}
