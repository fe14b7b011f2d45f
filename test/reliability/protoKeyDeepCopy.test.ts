/**
 * n8n copies every item with n8n-workflow's deepCopy, which assigns each key to a fresh object: an own
 * "__proto__" key (JSON.parse makes one, at any depth) would set the copy's prototype there, so
 * `{"__proto__": {"isAdmin": true}}` gave a copy with `isAdmin === true`. Every documented example of every
 * platform, with that key at its top level and in each nested object in turn, must come through n8n's
 * own copy unchanged: the key renamed "_proto_key" (or left out with the field that held it), the item
 * flagged with a problem naming where it was, the body as received untouched.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { deepCopy } from 'n8n-workflow';

import { canonicalJson, forgetProtoKey, sawProtoKey } from '../../nodes/shared/core/canonicalJson';
import type { TriggerItemJson } from '../../nodes/shared/core/items';
import type {
	IncomingDelivery,
	PlatformDescriptor,
} from '../../nodes/shared/core/platformDescriptor';
import * as protoKeys from '../../nodes/shared/core/protoKeys';
import {
	ALL_DESCRIPTORS,
	driverOf,
	examplesOf,
	type PlatformExample,
} from '../../support/platforms';
import { RUNS } from './support/budget';

const RENAMED = protoKeys.PROTO_KEY_RENAMED;
const MARK = 'PROTO_KEY_MARK_5f2c';
const INJECTED = { isAdmin: true };

type Path = Array<string | number>;

/** A copy made in this realm (structuredClone's objects have the outer realm's Object.prototype). */
const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object (not array) in `value`, the root first: where JSON can carry a "__proto__" key. */
function objectPaths(value: unknown, path: Path = []): Path[] {
	if (Array.isArray(value))
		return value.flatMap((entry, index) => objectPaths(entry, [...path, index]));
	if (!isObject(value)) return [];
	return [path, ...Object.keys(value).flatMap((key) => objectPaths(value[key], [...path, key]))];
}

/**
 * The example's JSON text with `"<key>": {"isAdmin": true}` first in the object at `at`, parsed: for
 * "__proto__" an own key, exactly as a request's body arrives.
 */
function withKeyAt(body: unknown, at: Path, key: string, value: unknown = INJECTED): unknown {
	const copy = jsonCopy(body);
	const target = at.reduce<any>((node, step) => node[step], copy) as Record<string, unknown>;
	const entries = Object.entries(target);
	for (const [name] of entries) delete target[name];
	target[MARK] = value;
	for (const [name, entry] of entries) target[name] = entry;
	return JSON.parse(JSON.stringify(copy).replace(`"${MARK}":`, JSON.stringify(key) + ':'));
}

function deliveryOf(example: PlatformExample, payload: unknown): IncomingDelivery {
	return example.method === 'GET'
		? { method: 'GET', headers: {}, query: payload as Record<string, unknown>, body: {} }
		: { method: 'POST', headers: {}, query: {}, body: payload };
}

const parse = (
	descriptor: PlatformDescriptor,
	delivery: IncomingDelivery,
	includeRawBody: boolean,
) =>
	descriptor.parser.parseDelivery(delivery, {
		includeRawBody,
		filters: driverOf(descriptor).everyDelivery,
		timeZone: 'UTC',
	}).items;

/** The walk n8n's copy makes, over the original and the copy: plain prototypes, no "__proto__" key, no isAdmin. */
function assertCopiesCleanly(item: TriggerItemJson): TriggerItemJson {
	const copy = deepCopy(item);
	const walk = (value: unknown, where: string) => {
		if (typeof value !== 'object' || value === null) return;
		assert.equal(
			Object.getPrototypeOf(value),
			Array.isArray(value) ? Array.prototype : Object.prototype,
			`${where} has another prototype`,
		);
		// the renamed key's own value holds isAdmin as data; nothing may inherit it
		if (!Object.prototype.hasOwnProperty.call(value, 'isAdmin'))
			assert.equal((value as Record<string, unknown>).isAdmin, undefined, `${where}.isAdmin`);
		assert.ok(!Object.keys(value).includes('__proto__'), `${where} has an own "__proto__" key`);
		for (const key of Object.keys(value))
			walk((value as Record<string, unknown>)[key], `${where}.${key}`);
	};
	// the reproduction first: the copy of a wakit row had `isAdmin === true`
	walk(copy, 'copy');
	walk(item, 'item');
	return copy;
}

const cases = ALL_DESCRIPTORS.flatMap((descriptor) =>
	examplesOf(descriptor.platform).map((example) => ({
		descriptor,
		example,
		name: `${descriptor.platform} ${example.name}`,
	})),
);

describe.each(cases)('$name with an own "__proto__" key', ({ descriptor, example }) => {
	const payload = example.method === 'GET' ? example.query : example.body;
	const paths = objectPaths(payload);
	const sites = paths.map((path) => ({
		path,
		label: path.length === 0 ? 'at the top level' : `in ${path.join('.')}`,
	}));

	it.each(sites)('$label survives n8n deepCopy, renamed and named in problems', ({ path }) => {
		const plain = parse(descriptor, deliveryOf(example, jsonCopy(payload)), false);
		const tagged = withKeyAt(payload, path, '__proto__');
		const sent = JSON.stringify(tagged);
		// the same body with the key sent as "_proto_key": what its rawBody must look like
		const renamedBody = withKeyAt(payload, path, RENAMED);
		const expected = parse(descriptor, deliveryOf(example, renamedBody), true);
		for (const includeRawBody of [true, false]) {
			const items = parse(descriptor, deliveryOf(example, tagged), includeRawBody);
			assert.equal(items.length, plain.length);
			// a batch's element: paths in problems are the element's
			const inElement = Array.isArray(payload) ? path.slice(1) : path;
			const problem = `${[...inElement, '__proto__'].join('.')}: renamed "${RENAMED}"`;
			items.forEach((item, index) => {
				const copy = assertCopiesCleanly(item);
				assert.equal(item.valid, false);
				assert.ok(
					item.problems?.some((text) => text.startsWith(problem)),
					`problems name the key: ${JSON.stringify(item.problems)}`,
				);
				assert.deepEqual(copy.rawBody, expected[index].rawBody);
				assert.deepEqual(
					{ ...copy.normalized, deliveryKey: '' },
					{ ...plain[index].normalized, deliveryKey: '' },
				);
				assert.notEqual(item.normalized.deliveryKey, plain[index].normalized.deliveryKey);
			});
		}
		assert.equal(JSON.stringify(tagged), sent, 'the body as received was changed');
		const target = path.reduce<any>((node, step) => node[step], tagged);
		assert.deepEqual(Object.getOwnPropertyDescriptor(target, '__proto__')?.value, INJECTED);
	});

	it('without such a key: no extra work, no problem about it', () => {
		const rename = jest.spyOn(protoKeys, 'renameProtoKeysIn');
		try {
			for (const includeRawBody of [false, true]) {
				const items = parse(descriptor, deliveryOf(example, jsonCopy(payload)), includeRawBody);
				assert.ok(items.length > 0);
				for (const item of items) {
					assert.equal(item.valid, true, JSON.stringify(item.problems));
					assert.ok(!JSON.stringify(item).includes(RENAMED));
				}
			}
			expect(rename).not.toHaveBeenCalled();
		} finally {
			rename.mockRestore();
		}
	});
});

const firstPosted = (descriptor: PlatformDescriptor) =>
	examplesOf(descriptor.platform).find((example) => example.method === 'POST') as PlatformExample;

/** The element of a posted example (a batch's first). */
const elementOf = (body: unknown) =>
	(Array.isArray(body) ? body[0] : body) as Record<string, unknown>;

function withField(body: unknown, name: string, value: unknown): unknown {
	const copy = jsonCopy(body);
	elementOf(copy)[name] = value;
	return copy;
}

describe.each(ALL_DESCRIPTORS.map((descriptor) => ({ descriptor, platform: descriptor.platform })))(
	'$platform: "__proto__" keys the examples do not show',
	({ descriptor }) => {
		const example = firstPosted(descriptor);

		it(`a body that already has "${RENAMED}" keeps it; the other key becomes "${RENAMED}_2"`, () => {
			const root = Array.isArray(example.body) ? [0] : [];
			const body = withKeyAt(withKeyAt(example.body, root, RENAMED, 'sent'), root, '__proto__');
			const [item] = parse(descriptor, deliveryOf(example, body), false);
			const raw = assertCopiesCleanly(item).rawBody as Record<string, unknown>;
			assert.equal(raw[RENAMED], 'sent');
			assert.deepEqual(raw[`${RENAMED}_2`], INJECTED);
			assert.ok(
				item.problems?.some((text) => text.startsWith(`__proto__: renamed "${RENAMED}_2"`)),
			);
		});

		it('one deeper than the delivery key walks (300 levels) is found too', () => {
			let nested: unknown = JSON.parse('{"__proto__": {"isAdmin": true}}');
			for (let level = 0; level < 300; level++) nested = { inner: nested };
			const body = withField(example.body, 'deep', nested);
			const [item] = parse(descriptor, deliveryOf(example, body), false);
			assertCopiesCleanly(item);
			const where = ['deep', ...Array(300).fill('inner'), '__proto__'].join('.');
			assert.ok(item.problems?.some((text) => text.startsWith(`${where}: renamed`)));
		});

		it('many are listed up to ten, then counted; one shared object is renamed once', () => {
			const body = withField(
				example.body,
				'many',
				JSON.parse(`[${Array(12).fill('{"__proto__": {"isAdmin": true}}').join(',')}]`),
			);
			const [item] = parse(descriptor, deliveryOf(example, body), true);
			assertCopiesCleanly(item);
			const about = (item.problems ?? []).filter((text) => text.includes('__proto__'));
			assert.equal(about.length, 11);
			assert.match(about[10], /^2 more "__proto__" keys/);
			// the item's fields and its rawBody share the body's objects: one renamed copy for both
			const raw = item.rawBody as Record<string, unknown>;
			if (Array.isArray(item.many)) assert.equal(item.many, raw.many);
		});
	},
);

describe('the delivery key walk notices an own "__proto__" key', () => {
	const hasProtoKey = (value: unknown): boolean =>
		typeof value === 'object' &&
		value !== null &&
		(Object.keys(value).includes('__proto__') ||
			Object.values(value).some((entry) => hasProtoKey(entry)));

	it('exactly when the value holds one, at any depth', () => {
		const json = fc.jsonValue({ maxDepth: 4 });
		const keyed = fc
			.tuple(json, fc.jsonValue({ maxDepth: 2 }), fc.nat())
			.map(([value, inner, seed]) => {
				// put `"__proto__": inner` into one of the value's objects, chosen by seed
				const paths = objectPaths(value);
				if (paths.length === 0) return value;
				return withKeyAt(value, paths[seed % paths.length], '__proto__', inner);
			});
		fc.assert(
			fc.property(fc.oneof(json, keyed), (value) => {
				forgetProtoKey();
				canonicalJson(value);
				assert.equal(sawProtoKey(), hasProtoKey(value));
			}),
			{ numRuns: RUNS.property },
		);
	});
});
