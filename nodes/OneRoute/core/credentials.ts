/**
 * OneRoute sends the channel's configuration with every message, including its `credentials` (the
 * provider's API keys). Nothing credential-like may reach a workflow, wherever it sits in the body and
 * whatever it is called: dropped from the item, masked in the raw body.
 */
import { setField } from '../../shared/core/copyFields';

const CREDENTIAL_KEY =
	/(secret|token|passw|credential|api[-_]?key|private[-_]?key|access[-_]?key)/i;

// deeper than any real OneRoute body; what lies below is replaced rather than walked
const MAX_DEPTH = 32;

export const REMOVED = '[removed]';

function isCredentialKey(key: string): boolean {
	return CREDENTIAL_KEY.test(key);
}

/** A copy of `value` whose credential-like keys are dropped ('drop') or read "[removed]" ('mask'); unchanged parts are shared. */
function scrub(value: unknown, mode: 'drop' | 'mask', depth: number): unknown {
	if (typeof value !== 'object' || value === null) return value;
	if (depth >= MAX_DEPTH) return REMOVED;
	if (Array.isArray(value)) {
		const entries = value.map((entry) => scrub(entry, mode, depth + 1));
		return entries.every((entry, index) => entry === value[index]) ? value : entries;
	}
	let changed = false;
	const result: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (isCredentialKey(key)) {
			changed = true;
			if (mode === 'mask') setField(result, key, REMOVED);
			continue;
		}
		const scrubbed = scrub(entry, mode, depth + 1);
		if (scrubbed !== entry) changed = true;
		setField(result, key, scrubbed);
	}
	return changed ? result : value;
}

/** The value without credential-like fields, at any depth (a new object where anything was removed). */
export function withoutCredentials<T>(value: T): T {
	return scrub(value, 'drop', 0) as T;
}

/** The body as received, except that credential-like values read "[removed]", at any depth. */
export function maskCredentialsInBody(body: unknown): unknown {
	return scrub(body, 'mask', 0);
}
