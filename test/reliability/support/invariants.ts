/**
 * The rules every delivery core must keep whatever it is fed. Plain node:assert (not expect) keeps
 * thousands of fast-check runs cheap; a failure message names the rule that broke.
 */
import assert from 'node:assert/strict';

import type { TriggerItemJson } from '../../../nodes/shared/core/items';
import { normalizedSchema } from '../../../nodes/shared/core/normalizedSchema';

export interface CoreResult {
	items: TriggerItemJson[];
	skipped: number;
}

/** One item: a plain object, valid or flagged (problems + rawBody), with a schema-valid normalized view. */
export function assertSoundItem(item: TriggerItemJson): void {
	assert.equal(
		Object.getPrototypeOf(item),
		Object.prototype,
		'an item is a plain object (no prototype taken from the body)',
	);
	const normalized = normalizedSchema.safeParse(item.normalized);
	assert.ok(
		normalized.success,
		`normalized fails normalizedSchema: ${normalized.success ? '' : normalized.error.message.slice(0, 300)}`,
	);
	assert.match(
		item.normalized.deliveryKey,
		/^[0-9a-f]{32}$/,
		'deliveryKey is a 32-character hex key',
	);
	if (item.valid === true) return;
	assert.equal(item.valid, false, 'valid is true or false');
	const problems = item.problems;
	assert.ok(Array.isArray(problems) && problems.length > 0, 'a flagged item lists its problems');
	assert.ok(
		problems.every((problem) => typeof problem === 'string' && problem.trim() !== ''),
		'every problem is a non-empty text',
	);
	assert.ok(
		Object.prototype.hasOwnProperty.call(item, 'rawBody'),
		'a flagged item carries rawBody',
	);
}

/** A whole delivery: something happened (items or a skip count), unless it was a handshake. */
export function assertSoundResult(result: CoreResult, context: { handshake: boolean }): void {
	assert.ok(Array.isArray(result.items), 'items is an array');
	assert.ok(Number.isInteger(result.skipped) && result.skipped >= 0, 'skipped is a count');
	if (context.handshake) assert.equal(result.items.length, 0, 'a handshake yields no item');
	else
		assert.ok(
			result.items.length + result.skipped >= 1,
			'an authentic delivery yielded nothing: no item and nothing counted as skipped',
		);
	result.items.forEach(assertSoundItem);
}

export const keysOf = (result: CoreResult): string[] =>
	result.items.map((item) => item.normalized.deliveryKey);

const GUARDED = [Object.prototype, Array.prototype, Function.prototype, String.prototype] as const;

function snapshot(target: object): Map<string | symbol, unknown> {
	return new Map(
		Reflect.ownKeys(target).map((key) => [
			key,
			Object.getOwnPropertyDescriptor(target, key)?.value,
		]),
	);
}

const BEFORE = GUARDED.map(snapshot);

/** No prototype pollution: the built-in prototypes have exactly the properties (and values) they had at load. */
export function assertPrototypesIntact(): void {
	assert.equal(
		({} as Record<string, unknown>).polluted,
		undefined,
		'({}).polluted is set: Object.prototype was polluted',
	);
	GUARDED.forEach((target, index) => {
		const now = snapshot(target);
		const before = BEFORE[index];
		assert.deepEqual(
			[...now.keys()].map(String).sort(),
			[...before.keys()].map(String).sort(),
			'a built-in prototype gained or lost a property',
		);
		for (const [key, value] of before)
			assert.equal(now.get(key), value, `built-in prototype property ${String(key)} was replaced`);
	});
}
