import {
	parseOptionsOf,
	type DeliveryParser,
	type DeliverySelection,
	type IncomingDelivery,
} from '../../shared/core/platformDescriptor';
import { copyFields } from '../../shared/core/copyFields';
import { buildItem, describeIssues } from '../../shared/core/items';
import {
	digestOf,
	keyText,
	buildNormalizedView,
	buildNormalizedViewWithKey,
	partsDeliveryKey,
	type Normalized,
} from '../../shared/core/normalized';
import { bikCategory, bikKind, bikViewFields, type BikCategory } from './normalizedView';
import * as parsing from '../../shared/core/platformParse';
import {
	BIK_EVENTS,
	bikIncomingMessageSchema,
	bikStatusUpdateSchema,
	type BikEvent,
	type BikEventInfo,
	type BikEventName,
} from './schemas';

export type { ParseResult } from '../../shared/core/platformParse';

export interface BikParseOptions {
	includeRawBody: boolean;
	/** incoming-message, message-status-update; empty or missing = all */
	events?: string[];
	/** CRM, Broadcast, Automation, Dev API; empty or missing = all */
	categories?: string[];
	/** IANA zone for a createdAt sent without one: the workflow's in n8n; UTC when missing */
	timeZone?: string;
}

const SCHEMA_BY_EVENT = {
	'incoming-message': bikIncomingMessageSchema,
	'message-status-update': bikStatusUpdateSchema,
} as const;

/** The trigger's parser (PlatformDescriptor.parser): each filter feeds the parse option of its name. */
export class BikDeliveryParser implements DeliveryParser {
	parseDelivery(delivery: IncomingDelivery, selection: DeliverySelection): parsing.ParseResult {
		return parseBikDelivery(delivery.body, parseOptionsOf(selection));
	}
}

/**
 * BIK posts an array of events: one item per element (an object body counts as one element).
 * An element whose `eventInfo` is a list gives one item per entry (see bikElementItems).
 */
export function parseBikDelivery(body: unknown, options: BikParseOptions): parsing.ParseResult {
	const includeRawBody = options?.includeRawBody === true;
	return parsing.parseElements('bik', body, includeRawBody, (element) =>
		parseBikElement(element, options ?? { includeRawBody }),
	);
}

function isBikEventName(name: string): name is BikEventName {
	return (BIK_EVENTS as readonly string[]).includes(name);
}

/**
 * A category filter only drops events whose category is known: an element without an owner ("" on
 * customer messages) cannot be placed in a category, and dropping it would silently lose incoming messages.
 */
function categoryFilteredOut(options: BikParseOptions, category: BikCategory | null): boolean {
	return category !== null && !parsing.isSelected(options.categories, category);
}

function rawEventInfoEntries(element: Record<string, unknown>): unknown[] {
	return Array.isArray(element.eventInfo) ? element.eventInfo : [element.eventInfo];
}

function parseBikElement(
	element: Record<string, unknown>,
	options: BikParseOptions,
): parsing.ElementOutcome {
	const flag = parsing.elementFlag('bik', element, options.includeRawBody === true);
	const event = parsing.eventNameOf(element.eventName);
	// unknown events are never filtered out: a new BIK event should be noticed, not dropped
	if (event === null)
		return flag('unknown', ['the element has no eventName'], { extra: { category: null } });
	if (!isBikEventName(event))
		return flag(event, [`unknown BIK event ${parsing.quoted(event)}`], {
			extra: { category: null },
		});
	const rawEntries = rawEventInfoEntries(element);
	if (!parsing.isSelected(options.events, event))
		return parsing.skipped(Math.max(rawEntries.length, 1));

	const parsed = SCHEMA_BY_EVENT[event].safeParse(element);
	if (!parsed.success) {
		const category =
			rawEntries.length === 1 && parsing.isRecord(rawEntries[0])
				? bikCategory(rawEntries[0].owner)
				: null;
		if (categoryFilteredOut(options, category)) return parsing.skipped();
		const problems = describeIssues(parsed.error.issues);
		return flag(event, problems, { kind: bikKind(event), extra: { category } });
	}
	const { eventInfo } = parsed.data;
	if (Array.isArray(eventInfo) && eventInfo.length === 0)
		return flag(event, ['eventInfo is an empty list'], {
			kind: bikKind(event),
			extra: { category: null },
		});
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
): parsing.ElementOutcome {
	if (!Array.isArray(data.eventInfo))
		return bikEntryItems(element, event, data, [data.eventInfo], options, () => element);
	// an empty list was flagged by parseBikElement
	const rawEntries = element.eventInfo as unknown[];
	// a list of one is the same delivery as that one object, and keyed the same
	if (data.eventInfo.length === 1)
		return bikEntryItems(element, event, data, data.eventInfo, options, () =>
			copyFields(element, { eventInfo: rawEntries[0] }),
		);
	return bikListItems(element, event, data, data.eventInfo, options);
}

type EntryItemFields = (
	info: BikEventInfo,
	index: number,
	category: BikCategory | null,
) => { fields: Record<string, unknown>; normalized: Normalized; rawBody: unknown };

/** One item per entry the category filter keeps. */
function eachEntry(
	entries: BikEventInfo[],
	options: BikParseOptions,
	itemOf: EntryItemFields,
): parsing.ElementOutcome {
	const outcome: parsing.ElementOutcome = { items: [], skipped: 0 };
	entries.forEach((info, index) => {
		const category = bikCategory(info.owner);
		if (categoryFilteredOut(options, category)) {
			outcome.skipped += 1;
			return;
		}
		const item = itemOf(info, index, category);
		outcome.items.push(
			buildItem(item.fields, item.normalized, {
				rawBody: item.rawBody,
				includeRawBody: options.includeRawBody === true,
			}),
		);
	});
	return outcome;
}

function bikEntryItems(
	element: Record<string, unknown>,
	event: BikEventName,
	data: BikEvent,
	entries: BikEventInfo[],
	options: BikParseOptions,
	sourceOf: () => unknown,
): parsing.ElementOutcome {
	return eachEntry(entries, options, (info, _index, category) => {
		const source = sourceOf();
		return {
			// `event` first and last: the clean name, whatever undocumented fields the element carries
			fields: copyFields({ event }, data, { event, eventInfo: info, category }),
			normalized: buildNormalizedView(
				'bik',
				source,
				bikViewFields(event, info, data.customerDetails, options.timeZone),
			),
			rawBody: source,
		};
	});
}

/** How many times the body's size the copies of a shared envelope may add up to before it is carried once. */
const ENVELOPE_REPEAT_FACTOR = 2;

/**
 * Several entries under one envelope. Each item carries its own entry; the envelope (id, customerDetails,
 * anything else beside eventInfo) is repeated on every item only while those copies stay within a small
 * multiple of the body. Beyond that it rides on the first item alone and the others say `sharedEnvelope`,
 * so a large envelope over many entries cannot multiply into gigabytes. Each entry is keyed by the
 * envelope's digest, its position and itself: every byte is hashed once.
 */
function bikListItems(
	element: Record<string, unknown>,
	event: BikEventName,
	data: BikEvent,
	entries: BikEventInfo[],
	options: BikParseOptions,
): parsing.ElementOutcome {
	const rawEntries = element.eventInfo as unknown[];
	const envelope = Object.fromEntries(
		Object.entries(element).filter(([name]) => name !== 'eventInfo'),
	);
	const envelopeText = keyText(envelope);
	const envelopeDigest = digestOf(envelopeText);
	const entryTexts = rawEntries.map(keyText);
	const bodySize =
		envelopeText.length + entryTexts.reduce((total, entryText) => total + entryText.length, 0);
	const repeatEnvelope = entries.length * envelopeText.length <= ENVELOPE_REPEAT_FACTOR * bodySize;
	let envelopeCarried = false;
	return eachEntry(entries, options, (info, index, category) => {
		const key = partsDeliveryKey('bik', [envelopeDigest, String(index), entryTexts[index]]);
		const carriesEnvelope = repeatEnvelope || !envelopeCarried;
		envelopeCarried = true;
		if (!carriesEnvelope) {
			return {
				fields: { event, eventInfo: info, category, entryIndex: index, sharedEnvelope: true },
				normalized: buildNormalizedViewWithKey(
					'bik',
					key,
					bikViewFields(event, info, null, options.timeZone),
				),
				rawBody: rawEntries[index],
			};
		}
		return {
			fields: copyFields({ event }, data, {
				event,
				eventInfo: info,
				category,
				entryIndex: index,
			}),
			normalized: buildNormalizedViewWithKey(
				'bik',
				key,
				bikViewFields(event, info, data.customerDetails, options.timeZone),
			),
			rawBody: repeatEnvelope ? copyFields(envelope, { eventInfo: rawEntries[index] }) : element,
		};
	});
}
