import type { z } from 'zod';

import { buildItem, describeIssues, type TriggerItemJson } from '../../shared/core/items';
import type { Normalized } from '../../shared/core/normalized';
import {
	normalizeClientEvent,
	normalizeConversationEvent,
	normalizeMessageUpdatedEvent,
	normalizeSmppReceipt,
	normalizeUnknown,
	smppFamilyOf,
} from './normalize';
import {
	CLIENT_EVENTS,
	clientEventSchema,
	CONVERSATION_EVENTS,
	conversationEventSchema,
	messageUpdatedEventSchema,
	smppReceiptSchema,
} from './schemas';
import { normalizeEventName, WEBHOOK_EVENT_NAMES } from './webhookEvents';

export interface BcrumbsDeliveryRequest {
	method: string;
	body: unknown;
	query: Record<string, unknown>;
}

export interface BcrumbsParseOptions {
	selectedEvents: readonly string[];
	includeRawBody: boolean;
}

export interface BcrumbsParseResult {
	event: string;
	/** Empty when the event is known but not selected: answer 200 and start nothing */
	items: TriggerItemJson[];
	/** 1 when the event is known but not selected */
	skipped: number;
}

export const SMPP_EVENT = 'MESSAGE_UPDATED_SMPP';

/** ANY_EVENT covers every POST event; the SMPP receipt (a GET) must be selected by name, as in bcrumbs. */
export function isEventSelected(event: string, selectedEvents: readonly string[]): boolean {
	if (selectedEvents.includes(event)) return true;
	return event !== SMPP_EVENT && selectedEvents.includes('ANY_EVENT');
}

/** Turns one authentic bcrumbs request into trigger items. Never throws. */
export function parseBcrumbsDelivery(request: BcrumbsDeliveryRequest, options: BcrumbsParseOptions): BcrumbsParseResult {
	if (request.method.toUpperCase() === 'GET') {
		return selectOrSkip(SMPP_EVENT, options, () => parseSmpp(request.query, options.includeRawBody));
	}
	const body = request.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		const problems = [`the body is not a JSON object (got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body})`];
		const item = buildItem({ event: 'unknown' }, normalizeUnknown('unknown', body), { problems, rawBody: body, includeRawBody: true });
		return { event: 'unknown', items: [item], skipped: 0 };
	}
	const event = normalizeEventName((body as Record<string, unknown>).event) || 'unknown';
	if (!(WEBHOOK_EVENT_NAMES as readonly string[]).includes(event) || event === 'ANY_EVENT' || event === SMPP_EVENT) {
		const problems = [`"${event}" is not a bcrumbs webhook event`];
		return { event, items: [buildItem({ event }, normalizeUnknown(event, body), { problems, rawBody: body, includeRawBody: true })], skipped: 0 };
	}
	return selectOrSkip(event, options, () => parseJsonEvent(event, body as Record<string, unknown>, options.includeRawBody));
}

function selectOrSkip(event: string, options: BcrumbsParseOptions, parse: () => TriggerItemJson): BcrumbsParseResult {
	return isEventSelected(event, options.selectedEvents) ? { event, items: [parse()], skipped: 0 } : { event, items: [], skipped: 1 };
}

function parseJsonEvent(event: string, body: Record<string, unknown>, includeRawBody: boolean): TriggerItemJson {
	if ((CONVERSATION_EVENTS as readonly string[]).includes(event)) {
		return fromSchema(event, body, conversationEventSchema, normalizeConversationEvent, includeRawBody);
	}
	if ((CLIENT_EVENTS as readonly string[]).includes(event)) {
		return fromSchema(event, body, clientEventSchema, normalizeClientEvent, includeRawBody);
	}
	return fromSchema(event, body, messageUpdatedEventSchema, normalizeMessageUpdatedEvent, includeRawBody);
}

function fromSchema<S extends z.ZodType<Record<string, unknown>>>(
	event: string,
	body: Record<string, unknown>,
	schema: S,
	normalize: (parsed: z.infer<S>, body: unknown) => Normalized,
	includeRawBody: boolean,
): TriggerItemJson {
	const result = schema.safeParse(body);
	if (!result.success) {
		return buildItem({ event }, normalizeUnknown(event, body), { problems: describeIssues(result.error.issues), rawBody: body, includeRawBody });
	}
	const fields: Record<string, unknown> = result.data;
	keepOriginalTimestamps(body, fields);
	return buildItem(fields, normalize(result.data, body), { rawBody: body, includeRawBody });
}

/** Keeps the timestamps as bcrumbs sent them when they were rewritten to ISO 8601 (`fields` is zod's fresh copy). */
function keepOriginalTimestamps(body: Record<string, unknown>, fields: Record<string, unknown>): void {
	if (typeof body.createdAt === 'string' && body.createdAt !== fields.createdAt) fields.createdAtOriginal = body.createdAt;
	if (typeof body.patchedAt === 'string' && body.patchedAt !== fields.patchedAt) fields.patchedAtOriginal = body.patchedAt;
}

function parseSmpp(query: Record<string, unknown>, includeRawBody: boolean): TriggerItemJson {
	const result = smppReceiptSchema.safeParse(query);
	if (!result.success) {
		const problems = describeIssues(result.error.issues);
		return buildItem({ event: SMPP_EVENT }, normalizeUnknown(SMPP_EVENT, query), { problems, rawBody: query, includeRawBody });
	}
	const { message_id: messageId, status, ...extra } = result.data;
	const family = smppFamilyOf(status);
	// extra query parameters are kept, but never over the fields computed here
	const fields = { ...extra, event: SMPP_EVENT, messageId, status, statusFamily: family.family, whatsappStatuses: [...family.statuses] };
	return buildItem(fields, normalizeSmppReceipt(result.data, query), { rawBody: query, includeRawBody });
}
