/**
 * Delivers an event to the matching webhooks the way bcrumbs does: a JSON
 * POST for normal events, a bare GET with query parameters for
 * MESSAGE_UPDATED_SMPP. Receiver failures are recorded, never thrown.
 */
import { isEmittableEvent, subscriptionMatches, type EmittableEvent } from './events';
import { exampleEvent, type EventPayload } from './examples';
import type { Delivery, EmitOptions, QueryJoin, StoredWebhook } from './types';
import type { WebhookStore } from './webhookStore';
import { DEFAULT_WORKSPACE_ID } from './auth';

export const DELIVERY_TIMEOUT_MS = 10_000;

/** Which stored webhooks receive `event` in `workspaceId`. */
export function webhooksFor(
	store: WebhookStore,
	event: EmittableEvent,
	workspaceId: number,
): StoredWebhook[] {
	return store
		.all()
		.filter((w) => w.workspaceId === workspaceId && subscriptionMatches(w.event, event));
}

/** Validates the event name; throws for unknown names and for the ANY_EVENT wildcard. */
export function assertEmittable(event: unknown): asserts event is EmittableEvent {
	if (!isEmittableEvent(event)) {
		throw new Error(
			event === 'ANY_EVENT'
				? 'ANY_EVENT is a subscription wildcard, not an event: emit a concrete event'
				: `Unknown webhook event: ${String(event)}`,
		);
	}
}

export interface DeliveryStyle {
	/** false (documented profile): SMPP receipts carry no registered headers, only the query string. */
	smppHeaders: boolean;
}

export async function deliverEvent(
	store: WebhookStore,
	event: unknown,
	options: EmitOptions = {},
	style: DeliveryStyle = { smppHeaders: true },
): Promise<Delivery[]> {
	assertEmittable(event);
	const workspaceId = options.workspaceId ?? DEFAULT_WORKSPACE_ID;
	const payload: EventPayload = { ...exampleEvent(event, workspaceId), ...(options.payload ?? {}) };
	const targets = webhooksFor(store, event, workspaceId);
	// Parallel, like a real dispatcher: one slow receiver must not delay the others.
	return Promise.all(
		targets.map((webhook) =>
			event === 'MESSAGE_UPDATED_SMPP'
				? deliverByGet(webhook, payload, options.queryJoin ?? 'standard', style.smppHeaders)
				: deliverByPost(webhook, payload),
		),
	);
}

async function deliverByPost(webhook: StoredWebhook, payload: EventPayload): Promise<Delivery> {
	const base = { webhookId: webhook.id, url: webhook.url, method: 'POST' as const, body: payload };
	return send(base, {
		method: 'POST',
		// Registered headers go along (that is how receivers authenticate bcrumbs); the body is always JSON.
		headers: { ...(webhook.headers ?? {}), 'content-type': 'application/json' },
		body: JSON.stringify(payload),
	});
}

/** Adds message_id/status to the registered URL as a sender would (see QueryJoin). */
export function receiptUrl(registered: string, payload: EventPayload, join: QueryJoin): string {
	const target = new URL(registered);
	const query = new URLSearchParams();
	for (const name of ['message_id', 'status']) {
		const value = payload[name];
		if (value !== undefined && value !== null) query.set(name, String(value));
	}
	if (join === 'standard') {
		// set() keeps the URL's other query params and appends ours.
		for (const [name, value] of query) target.searchParams.set(name, value);
		return target.toString();
	}
	if (join === 'replace') {
		target.search = query.toString();
		return target.toString();
	}
	return `${target.toString()}${join === 'naive' ? '?' : '&'}${query.toString()}`;
}

async function deliverByGet(
	webhook: StoredWebhook,
	payload: EventPayload,
	join: QueryJoin,
	withHeaders: boolean,
): Promise<Delivery> {
	let url: string;
	try {
		url = receiptUrl(webhook.url, payload, join);
	} catch (error) {
		return {
			webhookId: webhook.id,
			url: webhook.url,
			method: 'GET',
			status: null,
			responseBody: '',
			error: describe(error),
		};
	}
	const headers = withHeaders ? { ...(webhook.headers ?? {}) } : {};
	return send({ webhookId: webhook.id, url, method: 'GET' }, { method: 'GET', headers });
}

async function send(
	base: Omit<Delivery, 'status' | 'responseBody'>,
	init: RequestInit,
): Promise<Delivery> {
	try {
		const response = await fetch(base.url, {
			...init,
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
		});
		return { ...base, status: response.status, responseBody: await response.text() };
	} catch (error) {
		return { ...base, status: null, responseBody: '', error: describe(error) };
	}
}

function describe(error: unknown): string {
	if (error instanceof Error && error.name === 'TimeoutError')
		return `Timed out after ${DELIVERY_TIMEOUT_MS} ms`;
	if (error instanceof Error) {
		const cause = (error as Error & { cause?: unknown }).cause;
		return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
	}
	return String(error);
}
