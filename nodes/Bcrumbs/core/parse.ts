import type { z } from 'zod';

import { copyFields } from '../../shared/core/copyFields';
import { buildItem, describeIssues, type TriggerItemJson } from '../../shared/core/items';
import type { Normalized } from '../../shared/core/normalized';
import { emptyFields, flaggedItem, parseElements } from '../../shared/core/platformParse';
import {
	clientEventView,
	conversationEventView,
	messageUpdatedEventView,
	smppFamilyOf,
	smppReceiptView,
} from './normalizedView';
import {
	CLIENT_EVENTS,
	clientEventSchema,
	CONVERSATION_EVENTS,
	conversationEventSchema,
	messageUpdatedEventSchema,
	smppReceiptSchema,
} from './schemas';
import {
	ANY_EVENT,
	canonicalEventName,
	isEventSelected,
	SMPP_EVENT,
	WEBHOOK_EVENT_NAMES,
} from './webhookEvents';

export { isEventSelected, SMPP_EVENT };

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

/** Turns one authentic bcrumbs request into trigger items. Never throws. */
export function parseBcrumbsDelivery(
	request: BcrumbsDeliveryRequest,
	options: BcrumbsParseOptions,
): BcrumbsParseResult {
	if (request.method.toUpperCase() === 'GET') {
		return selectOrSkip(SMPP_EVENT, options, () =>
			parseSmpp(request.query, options.includeRawBody),
		);
	}
	// the same path as every platform's POST; bcrumbs never batches, so an array body is one bad delivery
	let event = 'unknown';
	const result = parseElements(
		'bcrumbs',
		request.body,
		options.includeRawBody,
		(body) => {
			event = canonicalEventName(body.event) || 'unknown';
			if (
				!(WEBHOOK_EVENT_NAMES as readonly string[]).includes(event) ||
				event === ANY_EVENT ||
				event === SMPP_EVENT
			) {
				return {
					items: [flagged(event, body, [`"${event}" is not a bcrumbs webhook event`], true)],
					skipped: 0,
				};
			}
			return selectOrSkip(event, options, () =>
				parseJsonEvent(event, body, options.includeRawBody),
			);
		},
		undefined,
		{ batches: false },
	);
	return { event, ...result };
}

/** An item for an authentic delivery that did not pass: kept, with the body as received. */
function flagged(
	event: string,
	source: unknown,
	problems: string[],
	includeRawBody: boolean,
): TriggerItemJson {
	return flaggedItem({
		platform: 'bcrumbs',
		source,
		fields: emptyFields(event),
		problems,
		includeRawBody,
	});
}

function selectOrSkip(
	event: string,
	options: BcrumbsParseOptions,
	parse: () => TriggerItemJson,
): BcrumbsParseResult {
	return isEventSelected(event, options.selectedEvents)
		? { event, items: [parse()], skipped: 0 }
		: { event, items: [], skipped: 1 };
}

function parseJsonEvent(
	event: string,
	body: Record<string, unknown>,
	includeRawBody: boolean,
): TriggerItemJson {
	if ((CONVERSATION_EVENTS as readonly string[]).includes(event)) {
		return fromSchema(event, body, conversationEventSchema, conversationEventView, includeRawBody);
	}
	if ((CLIENT_EVENTS as readonly string[]).includes(event)) {
		return fromSchema(event, body, clientEventSchema, clientEventView, includeRawBody);
	}
	return fromSchema(
		event,
		body,
		messageUpdatedEventSchema,
		messageUpdatedEventView,
		includeRawBody,
	);
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
		return flagged(event, body, describeIssues(result.error.issues), includeRawBody);
	}
	const fields: Record<string, unknown> = result.data;
	keepOriginalTimestamps(body, fields);
	return buildItem(fields, normalize(result.data, body), { rawBody: body, includeRawBody });
}

/** Keeps the timestamps as bcrumbs sent them when they were rewritten to ISO 8601 (`fields` is zod's fresh copy). */
function keepOriginalTimestamps(
	body: Record<string, unknown>,
	fields: Record<string, unknown>,
): void {
	if (typeof body.createdAt === 'string' && body.createdAt !== fields.createdAt)
		fields.createdAtOriginal = body.createdAt;
	if (typeof body.patchedAt === 'string' && body.patchedAt !== fields.patchedAt)
		fields.patchedAtOriginal = body.patchedAt;
}

function parseSmpp(query: Record<string, unknown>, includeRawBody: boolean): TriggerItemJson {
	const result = smppReceiptSchema.safeParse(query);
	if (!result.success) {
		const problems = describeIssues(result.error.issues);
		return flagged(SMPP_EVENT, query, problems, includeRawBody);
	}
	const { message_id: messageId, status, ...extra } = result.data;
	const family = smppFamilyOf(status);
	// extra query parameters are kept, but never over the fields computed here
	const fields = copyFields(extra, {
		event: SMPP_EVENT,
		messageId,
		status,
		statusFamily: family.family,
		whatsappStatuses: [...family.whatsappStatuses],
	});
	return buildItem(fields, smppReceiptView(result.data, query), { rawBody: query, includeRawBody });
}
