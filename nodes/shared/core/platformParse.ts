import { buildItem, type TriggerItemJson } from './items';
import { buildNormalizedView, textOrNull, type NormalizedKind, type Platform } from './normalized';
import { setField } from './copyFields';
import { isRecord } from './records';
import { forgetProtoKey, renameProtoKeysIn, sawProtoKey } from './protoKeys';

/** Platform-independent plumbing shared by the platform parsers (oneroute, bik, mobtexting, wakit). */

export interface ParseResult {
	items: TriggerItemJson[];
	/** Deliveries (or array elements) filtered out by the user's filters */
	skipped: number;
}

export type NormalizedFields = Parameters<typeof buildNormalizedView>[2];

/** What one element of a delivery became: usually one item, or one skipped because a filter left it out. */
export type ElementOutcome = ParseResult;

export function oneItem(item: TriggerItemJson): ElementOutcome {
	return { items: [item], skipped: 0 };
}

export function skipped(count = 1): ElementOutcome {
	return { items: [], skipped: count };
}

export { isRecord };

/** `{ event, ...fields }` with the fields' own `event` left out: the clean name first, whatever the platform put there. */
export function withEventFirst(
	event: string,
	fields: Record<string, unknown>,
): Record<string, unknown> {
	const result: Record<string, unknown> = { event };
	for (const key of Object.keys(fields)) if (key !== 'event') setField(result, key, fields[key]);
	return result;
}

/** A trimmed event name (deliveries have carried stray whitespace around names); names are strings, never numbers. */
export function eventNameOf(value: unknown): string | null {
	return typeof value === 'string' ? textOrNull(value) : null;
}

/** A name for a problem message: quoted, and cut short so a huge value doesn't bloat the item twice. */
export function quoted(name: string): string {
	return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/** Empty or missing selection means "everything"; comparison ignores case and surrounding spaces. */
export function isSelected(selected: readonly string[] | undefined, value: string): boolean {
	if (!selected || selected.length === 0) return true;
	const wanted = value.trim().toLowerCase();
	return selected.some(
		(choice) => typeof choice === 'string' && choice.trim().toLowerCase() === wanted,
	);
}

export function emptyFields(
	event: string,
	kind: NormalizedKind = 'unknown',
	channel: string | null = null,
): NormalizedFields {
	return {
		event,
		kind,
		channel,
		messageId: null,
		conversationId: null,
		text: null,
		media: null,
		status: null,
		timestamp: null,
	};
}

export interface FlaggedItemInput {
	platform: Platform;
	/** The element this item stands for: the delivery key's source, and the rawBody unless `rawBody` is given */
	source: unknown;
	rawBody?: unknown;
	fields: NormalizedFields;
	problems: string[];
	includeRawBody: boolean;
	extra?: Record<string, unknown>;
}

/** An item that could not be parsed: still emitted, flagged, with the body as received. */
export function flaggedItem(input: FlaggedItemInput): TriggerItemJson {
	const item = { event: input.fields.event, ...input.extra };
	return buildItem(item, buildNormalizedView(input.platform, input.source, input.fields), {
		problems: input.problems,
		rawBody: 'rawBody' in input ? input.rawBody : input.source,
		includeRawBody: input.includeRawBody,
	});
}

/** What a flagged element's item says beside its event and problems; each part is optional. */
export interface FlagDetails {
	kind?: NormalizedKind;
	channel?: string | null;
	/** Fields the item carries after `event` (BIK's category, MOBtexting's unsubscription notes) */
	extra?: Record<string, unknown>;
}

/** Flags the element a parser is reading: one item, not valid, with the element as received. */
export type ElementFlag = (
	event: string,
	problems: string[],
	details?: FlagDetails,
) => ElementOutcome;

const NO_DETAILS: FlagDetails = {};

/**
 * The `flag` of a platform parser reading `element`, made once per element as each parser's own closure
 * was. `rawBodyOf` shows the element another way (OneRoute masks credentials).
 */
export function elementFlag(
	platform: Platform,
	element: Record<string, unknown>,
	includeRawBody: boolean,
	rawBodyOf?: (element: Record<string, unknown>) => unknown,
): ElementFlag {
	return (event, problems, details = NO_DETAILS) =>
		oneItem(
			flaggedItem({
				platform,
				source: element,
				rawBody: rawBodyOf ? rawBodyOf(element) : element,
				fields: emptyFields(event, details.kind, details.channel),
				problems,
				includeRawBody,
				extra: details.extra,
			}),
		);
}

function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
	return `a ${typeof value}`;
}

/**
 * Runs `parseElement` on every object of the delivery (a batch array gives one item per element, unless the
 * platform never batches) and flags everything else. Never throws: an unexpected failure becomes a flagged item too.
 */
export function parseElements(
	platform: Platform,
	body: unknown,
	includeRawBody: boolean,
	parseElement: (element: Record<string, unknown>) => ElementOutcome,
	/** How a flagged element appears as rawBody (OneRoute masks credentials) */
	rawBodyOf: (element: unknown) => unknown = (element) => element,
	{ batches = true }: { batches?: boolean } = {},
): ParseResult {
	const result: ParseResult = { items: [], skipped: 0 };
	const flag = (source: unknown, problem: string) =>
		result.items.push(
			flaggedItem({
				platform,
				source,
				rawBody: rawBodyOf(source),
				fields: emptyFields('unknown'),
				problems: [problem],
				includeRawBody,
			}),
		);
	if (batches && Array.isArray(body) && body.length === 0) {
		flag(body, 'the body is an empty array');
		return result;
	}
	const isBatch = batches && Array.isArray(body);
	const elements: unknown[] = isBatch ? body : [body];
	const read = (element: unknown, where: string) => {
		if (!isRecord(element)) {
			flag(element, `${where} is not a JSON object (got ${describeValue(element)})`);
			return;
		}
		try {
			const outcome = parseElement(element);
			result.items.push(...outcome.items);
			result.skipped += outcome.skipped;
		} catch (error) {
			flag(
				element,
				`${where} could not be read: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	};
	elements.forEach((element, index) =>
		withProtoKeysRenamed(result.items, element, rawBodyOf, () =>
			read(element, isBatch ? `element ${index} of the body` : 'the body'),
		),
	);
	return result;
}

/** Reads one element; when keying its items met an own "__proto__" key, renames it in those items. */
function withProtoKeysRenamed(
	items: TriggerItemJson[],
	element: unknown,
	rawBodyOf: (element: unknown) => unknown,
	read: () => void,
): void {
	const first = items.length;
	forgetProtoKey();
	read();
	// every item is keyed over its element, and that walk saw an own "__proto__" key in it
	if (sawProtoKey()) renameProtoKeysIn(items, first, element, rawBodyOf);
}
