import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { TriggerItemJson } from '../../nodes/shared/core/items';
import { normalizedSchema } from '../../nodes/shared/core/normalizedSchema';

/** A fresh copy of a documented example (test/fixtures/<platform>/<name>.json) each call, so tests can edit it. */
export function fixture(platform: string, name: string): any {
	return JSON.parse(
		readFileSync(join(__dirname, '..', 'fixtures', platform, `${name}.json`), 'utf8'),
	);
}

/** MOBtexting's validation handshake: the validation key in ?token= and in the body, beside the challenge to echo. */
export const mobtextingHandshake = (token: string, challenge: string) => ({
	query: { token },
	body: { validation_key: token, challenge },
});

export interface ParsedDelivery {
	items: TriggerItemJson[];
	skipped: number;
}

/** Every produced `normalized` must satisfy the shared schema; returns the items for further checks. */
export function checked(result: ParsedDelivery): TriggerItemJson[] {
	for (const item of result.items) normalizedSchema.parse(item.normalized);
	return result.items;
}

/** The single item of a one-item delivery, schema-checked. */
export function only(result: ParsedDelivery): TriggerItemJson {
	const items = checked(result);
	expect(items).toHaveLength(1);
	return items[0];
}

/** Bodies that aren't JSON objects or arrays, as a webhook may receive them. */
export const NON_OBJECT_BODIES: Array<[string, unknown]> = [
	['a string', 'hello'],
	['an empty string', ''],
	['a number', 42],
	['null', null],
	['nothing', undefined],
	['a boolean', true],
];

function nested(depth: number): unknown {
	let value: Record<string, unknown> = { leaf: true };
	for (let i = 0; i < depth; i += 1) value = { inner: value };
	return value;
}

/** Hostile or absurd inputs: each must give flagged or valid items, never an exception. */
export function hostileBodies(): Array<[string, unknown]> {
	const circular: Record<string, unknown> = { event: 'x' };
	circular.self = circular;
	return [
		['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "event": "x"}')],
		['20 000 levels of nesting', nested(20000)],
		['a deeply nested array', JSON.parse('['.repeat(5000) + ']'.repeat(5000))],
		['a 5 MB string field', { event: 'x'.repeat(5_000_000), data: 'y'.repeat(100) }],
		['a circular object', circular],
		['an array of junk', [null, 1, 'a', [], {}]],
		['a BigInt', { value: BigInt(1) }],
	];
}

/** Prototype pollution check: parsing must not have touched Object.prototype. */
export function expectPrototypeUntouched(): void {
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
