import { buildItem, describeIssues } from '../../shared/core/items';
import { buildNormalizedView, type NormalizedKind } from '../../shared/core/normalized';
import { verifyBasic, type HeaderValue, type Verdict } from '../../shared/core/verify';
import { bikCategory, bikKind, bikViewFields, type BikCategory } from './normalizedView';
import {
	emptyFields,
	eventNameOf,
	flaggedItem,
	headerValue,
	isRecord,
	isSelected,
	oneItem,
	parseElements,
	quoted,
	skipped,
	type ElementOutcome,
	type ParseResult,
} from '../../shared/core/platformParse';
import { BIK_EVENTS, bikIncomingMessageSchema, bikStatusUpdateSchema, type BikEvent, type BikEventName } from './schemas';

export type { ParseResult } from '../../shared/core/platformParse';

export interface BikParseOptions {
	includeRawBody: boolean;
	/** incoming-message, message-status-update; empty or missing = all */
	events?: string[];
	/** CRM, Broadcast, Automation, Dev API; empty or missing = all */
	categories?: string[];
}

const SCHEMA_BY_EVENT = {
	'incoming-message': bikIncomingMessageSchema,
	'message-status-update': bikStatusUpdateSchema,
} as const;

/**
 * BIK posts an array of events: one item per element (an object body counts as one element).
 * An element whose `eventInfo` is a list gives one item per entry (see bikElementItems).
 */
export function parseBikDelivery(body: unknown, options: BikParseOptions): ParseResult {
	const includeRawBody = options?.includeRawBody === true;
	return parseElements('bik', body, includeRawBody, (element) => parseBikElement(element, options ?? { includeRawBody }));
}

function isBikEventName(name: string): name is BikEventName {
	return (BIK_EVENTS as readonly string[]).includes(name);
}

/**
 * A category filter only drops events whose category is known: an element without an owner ("" on
 * customer messages) cannot be placed in a category, and dropping it would silently lose incoming messages.
 */
function categoryFilteredOut(options: BikParseOptions, category: BikCategory | null): boolean {
	return category !== null && !isSelected(options.categories, category);
}

function rawEventInfoEntries(element: Record<string, unknown>): unknown[] {
	return Array.isArray(element.eventInfo) ? element.eventInfo : [element.eventInfo];
}

function parseBikElement(element: Record<string, unknown>, options: BikParseOptions): ElementOutcome {
	const includeRawBody = options.includeRawBody === true;
	const flag = (event: string, problems: string[], extra: Record<string, unknown>, kind: NormalizedKind = 'unknown') =>
		oneItem(flaggedItem({ platform: 'bik', source: element, fields: emptyFields(event, kind), problems, includeRawBody, extra }));
	const event = eventNameOf(element.eventName);
	// unknown events are never filtered out: a new BIK event should be noticed, not dropped
	if (event === null) return flag('unknown', ['the element has no eventName'], { category: null });
	if (!isBikEventName(event)) return flag(event, [`unknown BIK event ${quoted(event)}`], { category: null });
	const rawEntries = rawEventInfoEntries(element);
	if (!isSelected(options.events, event)) return skipped(Math.max(rawEntries.length, 1));

	const parsed = SCHEMA_BY_EVENT[event].safeParse(element);
	if (!parsed.success) {
		const category = rawEntries.length === 1 && isRecord(rawEntries[0]) ? bikCategory(rawEntries[0].owner) : null;
		if (categoryFilteredOut(options, category)) return skipped();
		return flag(event, describeIssues(parsed.error.issues), { category }, bikKind(event));
	}
	return bikElementItems(element, event, parsed.data, options);
}

/**
 * The docs call eventInfo "EventInfo Object[]" yet send one object. A list is read as several events
 * sharing one envelope: one item each, so every item is one message and its normalized fields stay single.
 */
function bikElementItems(
	element: Record<string, unknown>,
	event: BikEventName,
	data: BikEvent,
	options: BikParseOptions,
): ElementOutcome {
	const includeRawBody = options.includeRawBody === true;
	const isList = Array.isArray(data.eventInfo);
	const entries = Array.isArray(data.eventInfo) ? data.eventInfo : [data.eventInfo];
	if (entries.length === 0) {
		const fields = emptyFields(event, bikKind(event));
		const problems = ['eventInfo is an empty list'];
		return oneItem(flaggedItem({ platform: 'bik', source: element, fields, problems, includeRawBody, extra: { category: null } }));
	}
	const outcome: ElementOutcome = { items: [], skipped: 0 };
	entries.forEach((info, index) => {
		const category = bikCategory(info.owner);
		if (categoryFilteredOut(options, category)) {
			outcome.skipped += 1;
			return;
		}
		// one entry of a list is keyed (and shown as rawBody) as the element carrying only that entry
		const source = isList ? { ...element, eventInfo: (element.eventInfo as unknown[])[index] } : element;
		// `event` first and last: the clean name, whatever undocumented fields the element carries
		const fields = Object.assign({ event }, data, { event, eventInfo: info, category });
		const normalizedFields = buildNormalizedView('bik', source, bikViewFields(event, info, data.customerDetails));
		outcome.items.push(buildItem(fields, normalizedFields, { rawBody: source, includeRawBody }));
	});
	return outcome;
}

/** BIK authenticates its calls with HTTP Basic auth: the user name and password set in BIK's developer portal. */
export function verifyBikBasicAuth(headers: Record<string, HeaderValue>, user: string | undefined, password: string | undefined): Verdict {
	return verifyBasic(headerValue(headers, 'authorization'), user, password);
}
