/**
 * The delivery key's canonical text is built by a direct walk; it must equal what the sorted-keys
 * replacer form gives (the form earlier keys were made from) for every JSON value, including the cases
 * where JavaScript objects order keys on their own (integer-like keys) and keys JSON treats specially.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { KEY_ORDERS_LIMIT, rememberedKeyOrders } from '../../nodes/shared/core/canonicalJson';
import {
	canonicalDeliveryText,
	deliveryKey,
	digestOf,
	keyText,
	partsDeliveryKey,
	replacerJson,
} from '../../nodes/shared/core/deliveryKey';
import { RUNS } from './support/budget';

const trickyKey = fc.oneof(
	fc.string(),
	fc.constantFrom(
		'0',
		'1',
		'10',
		'2',
		'01',
		'-1',
		'1.5',
		'4294967294',
		'4294967295',
		'__proto__',
		'toJSON',
		'constructor',
		'',
		'\ud800',
		'é',
		'B',
		'a',
	),
	fc.nat().map(String),
);

const tricky = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		fc.constantFrom(null, true, false, 0, -0, 1e21, 1.5e-7, Number.NaN, Infinity, undefined),
		fc.double(),
		fc.string(),
		// every UTF-16 unit: control characters, quotes, lone and paired surrogates
		fc.string({ unit: 'binary' }),
		fc.string({
			unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
		}),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(trickyKey, tie('value'), { maxKeys: 6 }),
	),
})).value;

/** A JSON text parsed back (as a delivery arrives), with the keys of every object in a shuffled order. */
function reordered(value: unknown, seed: number): unknown {
	if (Array.isArray(value)) return value.map((entry) => reordered(entry, seed + 1));
	if (value === null || typeof value !== 'object') return value;
	const entries = Object.entries(value);
	const shuffled = entries
		.map((entry, index) => ({ entry, rank: (index * 7919 + seed) % (entries.length + 3) }))
		.sort((a, b) => a.rank - b.rank);
	return JSON.parse(
		`{${shuffled.map(({ entry: [key, entry] }) => `${JSON.stringify(key)}:${JSON.stringify(reordered(entry, seed + 1)) ?? 'null'}`).join(',')}}`,
	);
}

describe('delivery key canonical text', () => {
	it('equals the sorted-keys replacer form for any value, including objects built by JSON.parse', () => {
		fc.assert(
			fc.property(tricky, (value) => {
				// a bare undefined has no JSON: both forms then key on the text "undefined"
				assert.equal(canonicalDeliveryText(value), replacerJson(value) ?? 'undefined');
				const text = JSON.stringify(value);
				if (text !== undefined) {
					const parsed: unknown = JSON.parse(text);
					assert.equal(canonicalDeliveryText(parsed), replacerJson(parsed));
				}
			}),
			{ numRuns: RUNS.property },
		);
	});

	it('gives the same key for the same delivery in any key order, and the key earlier versions gave', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
				const body: unknown = JSON.parse(JSON.stringify(value));
				const earlier = createHash('sha256')
					.update('wakit')
					.update('\n')
					.update(replacerJson(body)!)
					.digest('hex')
					.slice(0, 32);
				assert.equal(deliveryKey('wakit', body), earlier);
				assert.equal(deliveryKey('wakit', reordered(body, seed)), earlier);
			}),
			{ numRuns: RUNS.property },
		);
	});

	it('keys a list entry by envelope digest, position and entry as the streamed SHA-256 form did', () => {
		fc.assert(
			fc.property(
				fc.jsonValue(),
				fc.array(fc.jsonValue(), { maxLength: 4 }),
				(envelope, entries) => {
					const envelopeDigest = createHash('sha256').update(replacerJson(envelope)!).digest('hex');
					assert.equal(digestOf(keyText(envelope)), envelopeDigest);
					entries.forEach((entry, index) => {
						const parts = [envelopeDigest, String(index), replacerJson(entry)!];
						const streamed = createHash('sha256').update('bik');
						for (const part of parts) streamed.update('\n').update(part);
						assert.equal(
							partsDeliveryKey('bik', [envelopeDigest, String(index), keyText(entry)]),
							streamed.digest('hex').slice(0, 32),
						);
					});
					assert.equal(partsDeliveryKey('bik', [keyText(envelope)]), deliveryKey('bik', envelope));
				},
			),
			{ numRuns: RUNS.property },
		);
	});

	it('orders keys right for many shapes that share their first key, also once the remembered orders are full', () => {
		const keys = ['id', 'b', 'a', 'z', '10', '2', 'y', 'é', 'A'];
		for (let shape = 0; shape < 3000; shape++) {
			// "id" first, then a different subset of the other keys in a shape-dependent order
			const body: Record<string, unknown> = { id: shape };
			for (let bit = 1; bit < keys.length; bit++)
				if ((shape >> (bit - 1)) & 1)
					body[keys[((bit + shape) % (keys.length - 1)) + 1]] = `v${bit}`;
			body[`k${shape % 50}`] = '"quoted"\n\u0001';
			// long keys and many keys are sorted every time instead of remembered
			if (shape % 7 === 0) body[`${'long'.repeat(20)}${shape % 3}`] = shape;
			if (shape % 11 === 0) for (let extra = 0; extra < 70; extra++) body[`m${extra}`] = extra;
			assert.equal(canonicalDeliveryText(body), replacerJson(body));
			assert.equal(canonicalDeliveryText(JSON.parse(JSON.stringify(body))), replacerJson(body));
		}
		// thousands of shapes, yet the memory of key orders stays at its bound
		assert.equal(rememberedKeyOrders(), KEY_ORDERS_LIMIT);
	});

	it('follows toJSON as JSON.stringify does, and keeps deep, cyclic and BigInt bodies keyed', () => {
		const dated = { at: new Date(0), nested: { toJSON: (key: string) => `key:${key}` } };
		assert.equal(canonicalDeliveryText(dated), replacerJson(dated));
		// strings from toJSON in lists, beside plain, escaped and left-out entries
		const quoted = { toJSON: (key: string) => `"${key}"` };
		const listed = [new Date(0), 'a', quoted, 1, undefined, 'b', 'c', null, quoted, 'd\n', () => 1];
		assert.equal(canonicalDeliveryText(listed), replacerJson(listed));
		assert.equal(
			canonicalDeliveryText({ list: listed, last: 'x' }),
			replacerJson({ list: listed, last: 'x' }),
		);
		let deep: unknown = 'leaf';
		for (let depth = 0; depth < 1000; depth++) deep = { level: depth, inner: deep };
		assert.equal(canonicalDeliveryText(deep), replacerJson(deep));
		const cyclic: Record<string, unknown> = { id: 1 };
		cyclic.self = cyclic;
		assert.match(deliveryKey('bik', cyclic), /^[0-9a-f]{32}$/);
		assert.notEqual(deliveryKey('bik', { id: 1n }), deliveryKey('bik', { id: 2n }));
	});
});
