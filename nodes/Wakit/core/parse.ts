import {
	parseOptionsOf,
	type DeliveryParser,
	type DeliverySelection,
	type IncomingDelivery,
} from '../../shared/core/platformDescriptor';
import { copyFields } from '../../shared/core/copyFields';
import { buildItem, describeIssues } from '../../shared/core/items';
import { buildNormalizedView } from '../../shared/core/normalized';
import {
	wakitConversationViewFields,
	wakitKind,
	wakitMessageViewFields,
	wakitSender,
} from './normalizedView';
import * as parsing from '../../shared/core/platformParse';
import {
	WAKIT_ACTIONS,
	WAKIT_ENTITIES,
	wakitConversationSchema,
	wakitDeliverySchema,
	wakitMessageInsertSchema,
	wakitMessageUpdateSchema,
	type WakitAction,
	type WakitConversationRow,
	type WakitEntity,
	type WakitMessageRow,
} from './schemas';
import { latestStatus } from './status';

export type { ParseResult } from '../../shared/core/platformParse';

export interface WakitParseOptions {
	includeRawBody: boolean;
	/** messages, conversations; empty or missing = all */
	entities?: string[];
	/** insert, update; empty or missing = all */
	actions?: string[];
	/**
	 * incoming, outgoing; empty or missing = all. Rows without a direction pass: status updates are partial
	 * rows with no direction, and dropping them would lose every delivery receipt of the selected direction.
	 */
	directions?: string[];
	/** IANA zone for times sent without one (DeliverySelection.timeZone); UTC when missing */
	timeZone?: string;
}

/** The trigger's parser (PlatformDescriptor.parser): each filter feeds the parse option of its name. */
export class WakitDeliveryParser implements DeliveryParser {
	parseDelivery(delivery: IncomingDelivery, selection: DeliverySelection): parsing.ParseResult {
		return parseWakitDelivery(delivery.body, parseOptionsOf(selection));
	}
}

/** One item per delivery; the event is named `<entity>/<action>`, e.g. messages/insert. */
export function parseWakitDelivery(body: unknown, options: WakitParseOptions): parsing.ParseResult {
	const safeOptions: WakitParseOptions = options ?? { includeRawBody: false };
	return parsing.parseElements('wakit', body, safeOptions.includeRawBody === true, (element) =>
		parseWakitElement(element, safeOptions),
	);
}

const lowerName = (value: unknown): string | null =>
	parsing.eventNameOf(value)?.toLowerCase() ?? null;
const isEntity = (value: string | null): value is WakitEntity =>
	(WAKIT_ENTITIES as readonly (string | null)[]).includes(value);
const isAction = (value: string | null): value is WakitAction =>
	(WAKIT_ACTIONS as readonly (string | null)[]).includes(value);

/** Selected by entity and action, and by direction when the row has one. */
function isWanted(
	options: WakitParseOptions,
	entity: WakitEntity,
	action: WakitAction,
	data: unknown,
): boolean {
	if (!parsing.isSelected(options.entities, entity) || !parsing.isSelected(options.actions, action))
		return false;
	const direction = parsing.isRecord(data) ? lowerName(data.direction) : null;
	return direction === null || parsing.isSelected(options.directions, direction);
}

/** One row change: filtered by event and direction, then read by its entity's schema. */
function parseWakitElement(
	element: Record<string, unknown>,
	options: WakitParseOptions,
): parsing.ElementOutcome {
	const flag = parsing.elementFlag('wakit', element, options.includeRawBody === true);
	const entity = lowerName(element.entity);
	const action = lowerName(element.action);
	const event =
		entity !== null || action !== null
			? `${entity ?? 'unknown'}/${action ?? 'unknown'}`
			: 'unknown';
	// unknown entities and actions are never filtered out: a new wakit event should be noticed, not dropped
	if (!isEntity(entity) || !isAction(action))
		return flag(event, [`unknown wakit event ${parsing.quoted(event)}`]);
	if (!isWanted(options, entity, action, element.data)) return parsing.skipped();

	// entity and action are strings by now; an object `data` is the whole envelope check, and the row's own
	// schema parses it next (zod walking it here too was a second parse). zod words the problems otherwise.
	if (!parsing.isRecord(element.data)) {
		const envelope = wakitDeliverySchema.safeParse(element);
		const problems = envelope.success
			? ['data: expected an object']
			: describeIssues(envelope.error.issues);
		return flag(event, problems, { kind: wakitKind(entity, action, element.data) });
	}
	const fail = (issues: Parameters<typeof describeIssues>[0]) => {
		const problems = describeIssues(issues).map((problem) => `data.${problem}`);
		return flag(event, problems, { kind: wakitKind(entity, action, element.data) });
	};

	if (entity === 'conversations') {
		const row = wakitConversationSchema.safeParse(element.data);
		return row.success
			? conversationItem(element, event, action, row.data, options)
			: fail(row.error.issues);
	}
	const rowSchema = action === 'insert' ? wakitMessageInsertSchema : wakitMessageUpdateSchema;
	const row = rowSchema.safeParse(element.data);
	return row.success
		? messageItem(element, event, action, row.data, options)
		: fail(row.error.issues);
}

/** A conversations row: the item carries it as its schema read it. */
function conversationItem(
	element: Record<string, unknown>,
	event: string,
	action: WakitAction,
	row: WakitConversationRow,
	options: WakitParseOptions,
): parsing.ElementOutcome {
	const view = wakitConversationViewFields(event, action, row, options.timeZone ?? 'UTC');
	return rowItem(
		element,
		copyFields(parsing.withEventFirst(event, element), { data: row }),
		view,
		options,
	);
}

/** A messages row: the item carries it, and the sender and latest status it implies. */
function messageItem(
	element: Record<string, unknown>,
	event: string,
	action: WakitAction,
	row: WakitMessageRow,
	options: WakitParseOptions,
): parsing.ElementOutcome {
	const timeZone = options.timeZone ?? 'UTC';
	// derived fields only when the row says enough: a partial update gets no invented sender
	const sender = wakitSender(row);
	const latest = latestStatus(row.status, timeZone);
	const derived: Record<string, unknown> = {};
	if (sender) derived.sender = sender;
	if (latest) derived.latestStatus = latest.state;
	const view = wakitMessageViewFields(event, action, row, timeZone);
	const fields = copyFields(parsing.withEventFirst(event, element), { data: row }, derived);
	return rowItem(element, fields, view, options);
}

/** A row's item: entity and action stay as sent, `event` is the clean name, `data` the row as read. */
function rowItem(
	element: Record<string, unknown>,
	fields: Record<string, unknown>,
	view: parsing.NormalizedFields,
	options: WakitParseOptions,
): parsing.ElementOutcome {
	const normalizedFields = buildNormalizedView('wakit', element, view);
	return parsing.oneItem(
		buildItem(fields, normalizedFields, {
			rawBody: element,
			includeRawBody: options.includeRawBody === true,
		}),
	);
}
