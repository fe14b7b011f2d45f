import { agentInputOf } from './agentInput';
import type { Normalized } from './normalized';

/**
 * The JSON of one trigger item, for every platform: the platform's own fields, `normalized` beside them,
 * the AI Agent's default inputs, and a validity flag. An authentic delivery that fails its schema is still an item: `valid: false`,
 * the problems listed, and the body exactly as received, so nothing is lost.
 */
export type TriggerItemJson = Record<string, unknown> & {
	normalized: Normalized;
	/** What n8n's AI Agent reads by default (see agentInput.ts) */
	chatInput: string | null;
	/** What n8n's memory nodes key a conversation by */
	sessionId: string | null;
	valid: boolean;
	problems?: string[];
	rawBody?: unknown;
};

export interface BuildItemOptions {
	problems?: string[];
	rawBody: unknown;
	includeRawBody: boolean;
}

/**
 * Makes `fields` the item: a fresh object of the caller's (a schema's output or a copy), never the
 * delivery itself, so one copy per item is enough. Assignment keeps a body's own "normalized" or
 * "valid" key where it was and overwrites its value, as a spread would.
 */
export function buildItem(
	fields: Record<string, unknown>,
	normalized: Normalized,
	options: BuildItemOptions,
): TriggerItemJson {
	const item = fields as TriggerItemJson;
	item.normalized = normalized;
	const { chatInput, sessionId } = agentInputOf(normalized);
	item.chatInput = chatInput;
	item.sessionId = sessionId;
	const problems = options.problems ?? [];
	if (problems.length > 0) {
		item.valid = false;
		item.problems = problems;
		item.rawBody = options.rawBody;
		return item;
	}
	item.valid = true;
	// a body's own "problems" or "rawBody" must not pose as ours
	if ('problems' in item) delete item.problems;
	if (options.includeRawBody) item.rawBody = options.rawBody;
	else if ('rawBody' in item) delete item.rawBody;
	return item;
}

/** Turns zod issues into one readable line each: "path.to.field: message". */
export function describeIssues(
	issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): string[] {
	return issues.map((issue) =>
		issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
	);
}
