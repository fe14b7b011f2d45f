import {
	parseOptionsOf,
	type DeliveryParser,
	type DeliverySelection,
	type IncomingDelivery,
} from '../../shared/core/platformDescriptor';
import { copyFields } from '../../shared/core/copyFields';
import { buildItem, describeIssues } from '../../shared/core/items';
import { buildNormalizedView } from '../../shared/core/normalized';
import { isMobtextingHandshake } from './handshake';
import { HANDLER_BY_SHAPE, mobtextingKind, type EventContext } from './normalizedView';
import * as parsing from '../../shared/core/platformParse';
import { mobtextingEnvelopeSchema } from './schemas';
import {
	channelOfEvent,
	EVENT_BY_FLAT_SHAPE,
	isMobtextingEventName,
	recogniseFlatShape,
	resolveUnsubscription,
	SHAPE_BY_EVENT,
	type MobtextingShape,
	unsubscriptionEventFromQuery,
} from './shapes';

export type { ParseResult } from '../../shared/core/platformParse';

export interface MobtextingParseOptions {
	includeRawBody: boolean;
	/**
	 * The events the user subscribed to; empty or missing = all. A recognised event not selected is skipped.
	 * Also tells identical unsubscription records apart (see resolveUnsubscription).
	 */
	events?: string[];
	/** IANA zone for times sent without one ("2021-04-09 16:27:51"): the workflow's in n8n; UTC when missing */
	timeZone?: string;
	/**
	 * The delivery's URL query. `?product=whatsapp` (or `?event=whatsapp:unsubscription`), added by the user to
	 * the URL pasted in MOBtexting, names unsubscription records; see unsubscriptionEventFromQuery.
	 */
	query?: Record<string, unknown>;
}

/** What an unnamed unsubscription item says, beside its candidate events. */
export const UNNAMED_UNSUBSCRIPTION_NOTE =
	'MOBtexting sends the same unsubscription record for every product: to have it named, add ?product=whatsapp (or sms, rcs, voice, viber) to the webhook URL pasted in MOBtexting, or select exactly one *:unsubscription event.';

/** The trigger's parser (PlatformDescriptor.parser): each filter feeds the parse option of its name. */
export class MobtextingDeliveryParser implements DeliveryParser {
	parseDelivery(delivery: IncomingDelivery, selection: DeliverySelection): parsing.ParseResult {
		return parseMobtextingDelivery(delivery.body, {
			...parseOptionsOf(selection),
			query: delivery.query,
		});
	}
}

/** One item per delivery. A handshake body (validation_key + challenge) gives none: it is answered instead. */
export function parseMobtextingDelivery(
	body: unknown,
	options: MobtextingParseOptions,
): parsing.ParseResult {
	const safeOptions: MobtextingParseOptions = options ?? { includeRawBody: false };
	// the node answers the handshake before parsing; only a whole body can be one (an array element is data)
	if (isMobtextingHandshake(undefined, body)) return { items: [], skipped: 0 };
	return parsing.parseElements('mobtexting', body, safeOptions.includeRawBody === true, (element) =>
		parseElement(element, safeOptions),
	);
}

/**
 * The envelope of a wrapped event: a string event and an object payload. Checked by hand on the common
 * path (the payload's own schema parses it next, so zod walking it here too was a second parse); zod
 * still words the problems when the envelope is wrong.
 */
function envelopeOf(
	element: Record<string, unknown>,
): { success: true; data: Record<string, unknown> } | { success: false; problems: string[] } {
	if (typeof element.event === 'string' && parsing.isRecord(element.payload))
		return { success: true, data: { event: element.event, payload: element.payload, ...element } };
	const parsed = mobtextingEnvelopeSchema.safeParse(element);
	return parsed.success
		? { success: true, data: parsed.data }
		: { success: false, problems: describeIssues(parsed.error.issues) };
}

/** An unsubscription's event: the URL's product, else the selection; null when it is filtered out. */
function unsubscriptionOf(
	options: MobtextingParseOptions,
): { context: EventContext; extra: Record<string, unknown> } | null {
	const fromUrl = unsubscriptionEventFromQuery(options.query);
	const resolution = resolveUnsubscription(options.events, fromUrl.event);
	if (resolution.event === null) return null;
	const notes = resolution.ambiguousEvents
		? [...fromUrl.ignored, UNNAMED_UNSUBSCRIPTION_NOTE]
		: fromUrl.ignored;
	const extra: Record<string, unknown> = {};
	if (resolution.ambiguousEvents) extra.ambiguousEvents = resolution.ambiguousEvents;
	if (notes.length > 0) extra.notes = notes;
	return { context: { event: resolution.event, channel: channelOfEvent(resolution.event) }, extra };
}

/** One element: by the event it names, else by the shape of its record. */
function parseElement(
	element: Record<string, unknown>,
	options: MobtextingParseOptions,
): parsing.ElementOutcome {
	const flag = parsing.elementFlag('mobtexting', element, options.includeRawBody === true);
	const named = parsing.eventNameOf(element.event);
	return named === null
		? parseUnnamedRecord(element, options, flag)
		: parseNamedEvent(element, options, flag, named);
}

/** Which shape an element is read as, under which event; a wrapped event's payload sits in an envelope. */
interface ShapeReading {
	shape: MobtextingShape;
	context: EventContext;
	wrapped: boolean;
	/** Fields the item carries beside the record's own (an unsubscription's candidates and notes) */
	extra?: Record<string, unknown>;
}

/** An element naming its event: wrapped (the record under `payload`) or flat beside the name. */
function parseNamedEvent(
	element: Record<string, unknown>,
	options: MobtextingParseOptions,
	flag: parsing.ElementFlag,
	named: string,
): parsing.ElementOutcome {
	const context = { event: named, channel: channelOfEvent(named) };
	// unknown events are never filtered out: a new MOBtexting event should be noticed, not dropped
	if (!isMobtextingEventName(named))
		return flag(named, [`unknown MOBtexting event ${parsing.quoted(named)}`], {
			channel: context.channel,
		});
	if (!parsing.isSelected(options.events, named)) return parsing.skipped();
	const wrapped = Object.prototype.hasOwnProperty.call(element, 'payload');
	return readShape(element, options, flag, { shape: SHAPE_BY_EVENT[named], context, wrapped });
}

/** A bare record without an event name: its fields tell which one it is. */
function parseUnnamedRecord(
	element: Record<string, unknown>,
	options: MobtextingParseOptions,
	flag: parsing.ElementFlag,
): parsing.ElementOutcome {
	const shape = recogniseFlatShape(element);
	if (shape === null)
		return flag('unknown', ['no event name and no known MOBtexting record shape']);
	if (shape === 'unsubscription') {
		const unsubscription = unsubscriptionOf(options);
		if (unsubscription === null) return parsing.skipped();
		const { context, extra } = unsubscription;
		return readShape(element, options, flag, { shape, context, wrapped: false, extra });
	}
	const event = EVENT_BY_FLAT_SHAPE[shape] ?? 'unknown';
	if (!parsing.isSelected(options.events, event)) return parsing.skipped();
	const context = { event, channel: channelOfEvent(event) };
	return readShape(element, options, flag, { shape, context, wrapped: false });
}

/** Validates the shape's payload and builds the item: wrapped events keep their envelope. */
function readShape(
	element: Record<string, unknown>,
	options: MobtextingParseOptions,
	flag: parsing.ElementFlag,
	reading: ShapeReading,
): parsing.ElementOutcome {
	const { shape, context, wrapped } = reading;
	const extra = reading.extra ?? {};
	const content = wrapped ? element.payload : element;
	let envelope: Record<string, unknown> = {};
	if (wrapped) {
		const parsedEnvelope = envelopeOf(element);
		if (!parsedEnvelope.success)
			return flagReading(flag, reading, content, parsedEnvelope.problems);
		envelope = parsedEnvelope.data;
	}
	const outcome = HANDLER_BY_SHAPE[shape](
		content,
		Object.assign({}, context, { timeZone: options.timeZone }), // see buildItem: no spread-then-add
	);
	if (!outcome.success) {
		const problems = wrapped
			? outcome.problems.map((problem) => `payload.${problem}`)
			: outcome.problems;
		return flagReading(flag, reading, content, problems);
	}
	const fields = parsing.withEventFirst(
		context.event,
		wrapped
			? copyFields(envelope, { payload: outcome.data }, extra)
			: copyFields(outcome.data, extra),
	);
	const normalizedFields = buildNormalizedView('mobtexting', element, outcome.fields);
	const includeRawBody = options.includeRawBody === true;
	return parsing.oneItem(buildItem(fields, normalizedFields, { rawBody: element, includeRawBody }));
}

/** A record its shape refused: flagged under its event, with the extra fields it would have carried. */
function flagReading(
	flag: parsing.ElementFlag,
	reading: ShapeReading,
	content: unknown,
	problems: string[],
): parsing.ElementOutcome {
	const { shape, context, extra } = reading;
	return flag(context.event, problems, {
		kind: mobtextingKind(shape, content),
		channel: context.channel,
		extra,
	});
}
