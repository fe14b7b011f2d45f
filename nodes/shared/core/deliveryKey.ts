import * as crypto from 'node:crypto';

/**
 * The delivery key: a SHA-256 of the platform and the body's canonical JSON (every object's keys sorted),
 * so a retry re-serialized in another key order keeps its key and any change to the body changes it.
 *
 * The canonical text is exactly what `JSON.stringify(body, sortKeys)` gives (keys already issued stay
 * valid across versions), built by a direct walk: the replacer form allocated a sorted copy of every
 * object and took JSON.stringify's slow replacer path, about half of a delivery's cost.
 */
export function deliveryKey(platform: string, body: unknown): string {
	return sha256Hex(`${platform}\n${canonicalDeliveryText(body)}`).slice(0, 32);
}

/**
 * A key over several texts, the platform and each part joined by newlines as deliveryKey does: a list of
 * events sharing one envelope is keyed by the envelope's digest and each entry, so the work stays
 * proportional to the body.
 */
export function partsDeliveryKey(platform: string, parts: readonly string[]): string {
	// streamed, not joined: the parts of a large list are not copied into one string first
	const hash = crypto.createHash('sha256').update(platform);
	for (const part of parts) hash.update('\n').update(part);
	return hash.digest('hex').slice(0, 32);
}

/** The key-order independent text a delivery key is computed from. */
export function keyText(value: unknown): string {
	return canonicalDeliveryText(value);
}

export function digestOf(text: string): string {
	return crypto.createHash('sha256').update(text).digest('hex');
}

/** The text the key hashes: the body's JSON with sorted keys (a bounded form for bodies JSON cannot hold). */
export function canonicalDeliveryText(body: unknown): string {
	let text: string | undefined;
	try {
		text = canonicalJson(body, '', 0);
	} catch {
		// deeper than the walk goes, cyclic or BigInt: the slower forms below decide
		text = undefined;
	}
	return text ?? replacerJson(body) ?? boundedJson(body);
}

// Node >= 20.12 has the one-shot crypto.hash; createHash is the same digest with more calls across to C++
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;
const sha256Hex = oneShotHash
	? (text: string) => oneShotHash('sha256', text)
	: (text: string) => crypto.createHash('sha256').update(text).digest('hex');

// beyond this depth the replacer form takes over (it reaches as deep as the stack allows)
const WALK_DEPTH_LIMIT = 256;

class TooDeep extends Error {}

/**
 * JSON.stringify's own rules (toJSON, undefined and functions left out of objects and null in arrays,
 * non-finite numbers as null, BigInt throws) with each object's keys in the order JSON.stringify gives
 * a sorted copy: integer-like keys first, ascending (every JavaScript object lists them so), then the rest sorted.
 */
function canonicalJson(input: unknown, holderKey: string, depth: number): string | undefined {
	let value = input;
	if (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toJSON?: unknown }).toJSON === 'function'
	) {
		value = (value as { toJSON: (key: string) => unknown }).toJSON(holderKey);
	}
	switch (typeof value) {
		case 'string':
			return quotedString(value);
		case 'number':
			return Number.isFinite(value) ? String(value) : 'null';
		case 'boolean':
			return value ? 'true' : 'false';
		case 'bigint':
			throw new TypeError('BigInt has no JSON form');
		case 'object':
			break;
		default:
			return undefined; // undefined, functions, symbols
	}
	if (value === null) return 'null';
	if (depth >= WALK_DEPTH_LIMIT) throw new TooDeep();
	if (Array.isArray(value)) {
		let text = '[';
		for (let index = 0; index < value.length; index++) {
			if (index > 0) text += ',';
			text += canonicalJson(value[index], String(index), depth + 1) ?? 'null';
		}
		return `${text}]`;
	}
	const record = value as Record<string, unknown>;
	const { sorted, labels } = keyOrder(record);
	let text = '{';
	for (let index = 0; index < sorted.length; index++) {
		const entry = canonicalJson(record[sorted[index]], sorted[index], depth + 1);
		if (entry === undefined) continue;
		text += text.length === 1 ? labels[index] + entry : `,${labels[index]}${entry}`;
	}
	return `${text}}`;
}

/** An object's keys as Object.keys gives them, sorted, and each sorted key as its JSON label ("key":). */
interface KeyOrder {
	keys: readonly string[];
	sorted: readonly string[];
	labels: readonly string[];
}

/**
 * Object.keys lists array-index keys first, ascending; the keys after them are sorted by UTF-16 code
 * units, as Array.prototype.sort does. Deliveries of one kind share their keys in one order, so each
 * order's sorted form and labels are remembered (checked key by key: the same strings, so identity
 * mostly decides).
 */
function keyOrder(record: Record<string, unknown>): KeyOrder {
	const keys = Object.keys(record);
	const known = KEY_ORDERS.get(keys[0]);
	if (known !== undefined) {
		for (const order of known) if (sameKeys(order.keys, keys)) return order;
	}
	const sorted = sortKeyList(keys.slice());
	const order = { keys, sorted, labels: sorted.map((key) => `${JSON.stringify(key)}:`) };
	if (
		rememberedOrders < KEY_ORDERS_LIMIT &&
		keys.length <= KEY_ORDER_MAX_KEYS &&
		keys.every(isShortKey)
	) {
		rememberedOrders++;
		if (known === undefined) KEY_ORDERS.set(keys[0], [order]);
		else known.push(order);
	}
	return order;
}

// bounded (orders, keys per order, key length), so a sender varying its keys cannot grow the memory:
// beyond it, orders are sorted every time
const KEY_ORDERS = new Map<string | undefined, KeyOrder[]>();
const KEY_ORDERS_LIMIT = 256;
const KEY_ORDER_MAX_KEYS = 64;
let rememberedOrders = 0;

const isShortKey = (key: string) => key.length <= 64;

function sameKeys(known: readonly string[], keys: readonly string[]): boolean {
	if (known.length !== keys.length) return false;
	for (let index = 0; index < keys.length; index++) if (known[index] !== keys[index]) return false;
	return true;
}

function sortKeyList(keys: string[]): string[] {
	let firstNamed = 0;
	while (firstNamed < keys.length && isArrayIndex(keys[firstNamed])) firstNamed++;
	if (keys.length - firstNamed > 64)
		return keys.slice(0, firstNamed).concat(keys.slice(firstNamed).sort());
	// insertion sort: tens of keys, not thousands
	for (let next = firstNamed + 1; next < keys.length; next++) {
		const key = keys[next];
		let slot = next;
		while (slot > firstNamed && keys[slot - 1] > key) {
			keys[slot] = keys[slot - 1];
			slot--;
		}
		keys[slot] = key;
	}
	return keys;
}

// what JSON.stringify escapes: quotes, backslashes, control characters and (lone) surrogates
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify's text for a string; most strings need no escaping and skip the call. */
function quotedString(text: string): string {
	return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function isArrayIndex(key: string): boolean {
	const code = key.charCodeAt(0);
	if (code < 48 || code > 57) return false;
	return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}

/** The earlier form, kept for bodies deeper than the walk goes: native, as deep as the stack allows. */
export function replacerJson(body: unknown): string | undefined {
	try {
		return JSON.stringify(body, sortKeys);
	} catch {
		return undefined;
	}
}

function sortKeys(_key: string, value: unknown): unknown {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
	// a null prototype keeps a "__proto__" key as data instead of setting the prototype
	const sorted: Record<string, unknown> = Object.create(null);
	for (const key of Object.keys(value).sort())
		sorted[key] = (value as Record<string, unknown>)[key];
	return sorted;
}

// deep enough for any real delivery; deeper (hostile) bodies are cut off instead of overflowing the stack
const KEY_DEPTH_LIMIT = 64;

/** Cyclic, BigInt-carrying or stack-deep bodies: a bounded walk that always ends. */
function boundedJson(value: unknown, depth = 0, seen = new WeakSet<object>()): string {
	if (typeof value === 'bigint') return JSON.stringify(value.toString());
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
	if (depth >= KEY_DEPTH_LIMIT) return '"[too deep]"';
	if (seen.has(value)) return '"[cycle]"';
	seen.add(value);
	const text = Array.isArray(value)
		? `[${value.map((entry) => boundedJson(entry, depth + 1, seen)).join(',')}]`
		: `{${Object.keys(value)
				.sort()
				.map(
					(key) =>
						`${JSON.stringify(key)}:${boundedJson((value as Record<string, unknown>)[key], depth + 1, seen)}`,
				)
				.join(',')}}`;
	seen.delete(value);
	return text;
}
