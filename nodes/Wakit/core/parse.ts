import { copyFields } from '../../shared/core/copyFields';
import { buildItem, describeIssues } from '../../shared/core/items';
import { buildNormalizedView, type NormalizedKind } from '../../shared/core/normalized';
import {
	configuredSecret,
	verifyBearer,
	type HeaderValue,
	type Verdict,
} from '../../shared/core/verify';
import {
	wakitConversationViewFields,
	wakitKind,
	wakitMessageViewFields,
	wakitSender,
} from './normalizedView';
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
	withEventFirst,
	type ParseResult,
} from '../../shared/core/platformParse';
import {
	WAKIT_ACTIONS,
	WAKIT_ENTITIES,
	wakitConversationSchema,
	wakitDeliverySchema,
	wakitMessageInsertSchema,
	wakitMessageUpdateSchema,
	type WakitAction,
	type WakitEntity,
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

/** One item per delivery; the event is named `<entity>/<action>`, e.g. messages/insert. */
export function parseWakitDelivery(body: unknown, options: WakitParseOptions): ParseResult {
	const safeOptions: WakitParseOptions = options ?? { includeRawBody: false };
	return parseElements('wakit', body, safeOptions.includeRawBody === true, (element) =>
		parseWakitElement(element, safeOptions),
	);
}

const lowerName = (value: unknown): string | null => eventNameOf(value)?.toLowerCase() ?? null;
const isEntity = (value: string | null): value is WakitEntity =>
	(WAKIT_ENTITIES as readonly (string | null)[]).includes(value);
const isAction = (value: string | null): value is WakitAction =>
	(WAKIT_ACTIONS as readonly (string | null)[]).includes(value);

function parseWakitElement(
	element: Record<string, unknown>,
	options: WakitParseOptions,
): ElementOutcome {
	const includeRawBody = options.includeRawBody === true;
	const timeZone = options.timeZone ?? 'UTC';
	const flag = (event: string, problems: string[], kind: NormalizedKind = 'unknown') =>
		oneItem(
			flaggedItem({
				platform: 'wakit',
				source: element,
				fields: emptyFields(event, kind),
				problems,
				includeRawBody,
			}),
		);
	const entity = lowerName(element.entity);
	const action = lowerName(element.action);
	const event =
		entity !== null || action !== null
			? `${entity ?? 'unknown'}/${action ?? 'unknown'}`
			: 'unknown';
	// unknown entities and actions are never filtered out: a new wakit event should be noticed, not dropped
	if (!isEntity(entity) || !isAction(action))
		return flag(event, [`unknown wakit event ${quoted(event)}`]);
	if (!isSelected(options.entities, entity) || !isSelected(options.actions, action))
		return skipped();
	const direction = isRecord(element.data) ? lowerName(element.data.direction) : null;
	if (direction !== null && !isSelected(options.directions, direction)) return skipped();

	// entity and action are strings by now; an object `data` is the whole envelope check, and the row's own
	// schema parses it next (zod walking it here too was a second parse). zod words the problems otherwise.
	if (!isRecord(element.data)) {
		const envelope = wakitDeliverySchema.safeParse(element);
		const problems = envelope.success
			? ['data: expected an object']
			: describeIssues(envelope.error.issues);
		return flag(event, problems, wakitKind(entity, action, element.data));
	}
	// entity and action stay as sent; `event` is the clean name
	const base = withEventFirst(event, element);
	const fail = (issues: Parameters<typeof describeIssues>[0]) =>
		flag(
			event,
			describeIssues(issues).map((problem) => `data.${problem}`),
			wakitKind(entity, action, element.data),
		);

	if (entity === 'conversations') {
		const row = wakitConversationSchema.safeParse(element.data);
		if (!row.success) return fail(row.error.issues);
		const normalizedFields = buildNormalizedView(
			'wakit',
			element,
			wakitConversationViewFields(event, action, row.data, timeZone),
		);
		return oneItem(
			buildItem(copyFields(base, { data: row.data }), normalizedFields, {
				rawBody: element,
				includeRawBody,
			}),
		);
	}
	const row = (action === 'insert' ? wakitMessageInsertSchema : wakitMessageUpdateSchema).safeParse(
		element.data,
	);
	if (!row.success) return fail(row.error.issues);
	// derived fields only when the row says enough: a partial update gets no invented sender
	const sender = wakitSender(row.data);
	const latest = latestStatus(row.data.status, timeZone);
	const derived: Record<string, unknown> = {};
	if (sender) derived.sender = sender;
	if (latest) derived.latestStatus = latest.state;
	const normalizedFields = buildNormalizedView(
		'wakit',
		element,
		wakitMessageViewFields(event, action, row.data, timeZone),
	);
	return oneItem(
		buildItem(copyFields(base, { data: row.data }, derived), normalizedFields, {
			rawBody: element,
			includeRawBody,
		}),
	);
}

/**
 * wakit sends the token configured on the webhook as `Authorization: Bearer <token>`. Compared trimmed;
 * a token empty after trimming is no token, and every delivery is refused.
 */
export function verifyWakitToken(
	headers: Record<string, HeaderValue>,
	token: string | undefined,
): Verdict {
	return verifyBearer(headerValue(headers, 'authorization'), configuredSecret(token));
}
