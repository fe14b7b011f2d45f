import type { Normalized } from './normalized';

/**
 * The JSON of one trigger item, for every platform: the platform's own fields, `normalized` beside them,
 * and a validity flag. An authentic delivery that fails its schema is still an item: `valid: false`,
 * the problems listed, and the body exactly as received, so nothing is lost.
 */
export type TriggerItemJson = Record<string, unknown> & {
	normalized: Normalized;
	valid: boolean;
	problems?: string[];
	rawBody?: unknown;
};

export interface BuildItemOptions {
	problems?: string[];
	rawBody: unknown;
	includeRawBody: boolean;
}

export function buildItem(fields: Record<string, unknown>, normalized: Normalized, options: BuildItemOptions): TriggerItemJson {
	const problems = options.problems ?? [];
	// a body's own "problems" or "rawBody" must not pose as ours
	const { problems: _bodyProblems, rawBody: _bodyRaw, ...own } = fields;
	if (problems.length > 0) return { ...own, normalized, valid: false, problems, rawBody: options.rawBody };
	const item: TriggerItemJson = { ...own, normalized, valid: true };
	if (options.includeRawBody) item.rawBody = options.rawBody;
	return item;
}

/** Turns zod issues into one readable line each: "path.to.field: message". */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string[] {
	return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
}
