/**
 * JSON.parse makes "__proto__" an ordinary own key of a delivery. The cores copy delivery data onto new
 * objects (Object.assign, for speed); such a key must stay data there: it changes the delivery key and
 * never becomes an item's prototype. Items keep it renamed "_proto_key" and are flagged (n8n's deepCopy
 * would make an own "__proto__" key a prototype: protoKeyDeepCopy.test.ts); wakit items pass each row's
 * envelope on, this key renamed.
 */
import assert from 'node:assert/strict';

import { keysOf } from './support/invariants';
import { MOBTEXTING_HANDSHAKE, PLATFORM_CORES } from './support/platformCores';

/** The seed's JSON with an own "__proto__" key in each object element (at the root or in a batch). */
function withProtoKey(seed: unknown, value: string): unknown {
	const text = JSON.stringify(seed);
	const tagged = text.startsWith('[')
		? text.replace(/^\[\{|\},\{/g, (match) => `${match}"__proto__":${value},`)
		: text.replace(/^\{/, `{"__proto__":${value},`);
	return JSON.parse(tagged);
}

/** BIK's eventInfo as a list of one and of two: keyed as the one object, and entry by entry. */
function bikLists(seed: unknown): unknown[] {
	const elements = (Array.isArray(seed) ? seed : [seed]) as Array<Record<string, unknown>>;
	return [1, 2].map((length) =>
		elements.map((element) =>
			Object.assign({}, element, { eventInfo: Array.from({ length }, () => element.eventInfo) }),
		),
	);
}

const cases = PLATFORM_CORES.flatMap((core) =>
	core.seeds
		.filter((seed) => seed !== MOBTEXTING_HANDSHAKE && JSON.stringify(seed).length > 2)
		.flatMap((seed) => (core.platform === 'bik' ? [seed, ...bikLists(seed)] : [seed]))
		.map((seed, index) => ({ core, seed, name: `${core.platform} example ${index + 1}` })),
);

describe.each(cases)('a "__proto__" key in $name', ({ core, seed }) => {
	it.each(['{"polluted":true}', 'false'])('with the value %s stays data, renamed', (value) => {
		const parse = (body: unknown) => core.parse(body, { includeRawBody: false, filtered: false });
		const plain = parse(JSON.parse(JSON.stringify(seed)));
		const tagged = parse(withProtoKey(seed, value));
		assert.equal(tagged.items.length, plain.items.length);
		for (const item of tagged.items) {
			assert.equal(Object.getPrototypeOf(item), Object.prototype);
			assert.equal((item as Record<string, unknown>).polluted, undefined);
			assert.ok(!Object.prototype.hasOwnProperty.call(item, '__proto__'));
			assert.equal(item.valid, false);
			assert.ok(item.problems?.some((problem) => problem.includes('"__proto__"')));
			if (core.platform === 'wakit')
				assert.deepEqual((item as Record<string, unknown>)._proto_key, JSON.parse(value));
		}
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
		const [before, after] = [keysOf(plain), keysOf(tagged)];
		for (const key of after) assert.ok(!before.includes(key), `${key} is also the key without it`);
	});
});
