import type { z } from 'zod';

import { copyFields } from '../../shared/core/copyFields';
import { buildItem, describeIssues, type TriggerItemJson } from '../../shared/core/items';
import type { Normalized } from '../../shared/core/normalized';
import type {
	DeliveryParser,
	DeliveryParseResult,
	DeliverySelection,
	IncomingDelivery,
} from '../../shared/core/platformDescriptor';
import { emptyFields, flaggedItem, parseElements } from '../../shared/core/platformParse';
import { forgetProtoKey, renameProtoKeysIn, sawProtoKey } from '../../shared/core/protoKeys';
import { toIsoTimestamp } from '../../shared/core/timestamps';
import { REGISTERED_EVENT_HEADER } from './deliveryHeaders';
import { isReceipt, readReceiptQuery } from './receiptToken';
import { registrationEvents } from './registrations';
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
	/** IANA zone for times sent without one (DeliverySelection.timeZone); UTC when missing */
	timeZone?: string;
}

export interface BcrumbsParseResult {
	event: string;
	/** Empty when the event is known but not selected: answer 200 and start nothing */
	items: TriggerItemJson[];
	/** 1 when the event is known but not selected */
	skipped: number;
}

/** The trigger's parser (PlatformDescriptor.parser): the selected events, and a receipt read without its token. */
export class BcrumbsDeliveryParser implements DeliveryParser {
	parseDelivery(
		delivery: IncomingDelivery,
		{ includeRawBody, filters, timeZone }: DeliverySelection,
	): DeliveryParseResult {
		const selectedEvents = filters.events ?? [];
		if (fromRetiredRegistration(delivery, selectedEvents))
			return { items: [], skipped: 1, event: 'retired registration' };
		// the token never reaches an item: the receipt is read without it
		const request = isReceipt(delivery)
			? { ...delivery, query: readReceiptQuery(delivery.query, delivery.params?.token).query }
			: delivery;
		return parseBcrumbsDelivery(request, { selectedEvents, includeRawBody, timeZone });
	}
}

/**
 * A registration left in bcrumbs for an event no longer selected (a gateway without delete) still
 * delivers; when its event is now covered by another registration (Any Event), running it would start
 * the workflow twice. Its registered-event header tells it apart.
 */
function fromRetiredRegistration(delivery: IncomingDelivery, selected: readonly string[]): boolean {
	const header = delivery.headers[REGISTERED_EVENT_HEADER];
	const registeredFor = canonicalEventName(Array.isArray(header) ? header[0] : header);
	return registeredFor !== '' && !registrationEvents(selected).includes(registeredFor);
}

/** Turns one authentic bcrumbs request into trigger items. Never throws. */
export function parseBcrumbsDelivery(
	request: BcrumbsDeliveryRequest,
	options: BcrumbsParseOptions,
): BcrumbsParseResult {
	if (isReceipt(request)) {
		forgetProtoKey();
		const receipt = selectOrSkip(SMPP_EVENT, options, () =>
			parseSmpp(request.query, options.includeRawBody),
		);
		// as parseElements does for a POST: the receipt's key walk saw an own "__proto__" parameter
		if (sawProtoKey()) renameProtoKeysIn(receipt.items, 0, request.query, (query) => query);
		return receipt;
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
				parseJsonEvent(event, body, options.includeRawBody, options.timeZone ?? 'UTC'),
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
	timeZone: string,
): TriggerItemJson {
	const read = { includeRawBody, timeZone };
	if ((CONVERSATION_EVENTS as readonly string[]).includes(event)) {
		return fromSchema(event, body, conversationEventSchema, conversationEventView, read);
	}
	if ((CLIENT_EVENTS as readonly string[]).includes(event)) {
		return fromSchema(event, body, clientEventSchema, clientEventView, read);
	}
	return fromSchema(event, body, messageUpdatedEventSchema, messageUpdatedEventView, read);
}

function fromSchema<S extends z.ZodType<Record<string, unknown>>>(
	event: string,
	body: Record<string, unknown>,
	schema: S,
	normalize: (parsed: z.infer<S>, body: unknown) => Normalized,
	{ includeRawBody, timeZone }: { includeRawBody: boolean; timeZone: string },
): TriggerItemJson {
	const result = schema.safeParse(body);
	if (!result.success) {
		return flagged(event, body, describeIssues(result.error.issues), includeRawBody);
	}
	// `fields` is zod's fresh copy, and the very object `normalize` reads
	const fields: Record<string, unknown> = result.data;
	settleTimestamps(body, fields, timeZone);
	return buildItem(fields, normalize(result.data, body), { rawBody: body, includeRawBody });
}

/** The fields bcrumbs sends times in; its schemas rewrite them to ISO 8601, reading a zone-less one as UTC. */
const TIME_FIELDS = ['createdAt', 'patchedAt'] as const;

/**
 * For each time the schema rewrote: a zone-less one is read again in the selection's zone (the one rule,
 * shared/core/timestamps.ts; UTC is the schemas' own reading), and the time is kept as bcrumbs sent it.
 */
function settleTimestamps(
	body: Record<string, unknown>,
	fields: Record<string, unknown>,
	timeZone: string,
): void {
	for (const name of TIME_FIELDS) {
		const sent = body[name];
		// not a time of this event's schema (kept as sent), or already canonical ISO 8601
		if (typeof sent !== 'string' || sent === fields[name]) continue;
		if (timeZone !== 'UTC') fields[name] = toIsoTimestamp(sent, timeZone) ?? fields[name];
		fields[`${name}Original`] = sent;
	}
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
