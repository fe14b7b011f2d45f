/**
 * The delivery key's canonical text: exactly what `JSON.stringify(body, sortKeys)` gives (JSON's own
 * rules, each object's keys sorted), built by a direct walk.
 *
 * The text is hashed whole, and V8 first copies a text built by concatenation into one piece, at a cost
 * per concatenation. So a string value costs two: its label carries the opening quote, and its closing
 * quote rides on the next label (`","next":`). Labels are single flat strings, remembered per key order.
 */

/** Thrown beyond the walk's depth; the caller then takes the native form, as deep as the stack allows. */
class TooDeep extends Error {}

const WALK_DEPTH_LIMIT = 256;

/**
 * Whether a walk met an object with an own "__proto__" key since forgetProtoKey(). JSON.parse makes it an
 * ordinary key, but n8n's deepCopy would make its value the prototype of its copy of an item, so the
 * parsers rename it (protoKeys.ts). The walk visits every object of a delivery anyway: knowing costs one
 * flag per key order, and nothing more is done for a body without such a key.
 */
let protoKeySeen = false;

export const sawProtoKey = (): boolean => protoKeySeen;

export function forgetProtoKey(): void {
	protoKeySeen = false;
}

/** For a body the walk could not finish (too deep, cyclic, BigInt): it may hold such a key unseen. */
export function noteProtoKey(): void {
	protoKeySeen = true;
}

/** The canonical JSON of `input`, or undefined where JSON.stringify gives undefined. Throws on BigInt. */
export function canonicalJson(input: unknown): string | undefined {
	return jsonOf(afterToJson(input, ''), 0);
}

// what comes before a value: nothing (first), a comma, or a comma after a string's pending closing quote
const FIRST = 0;
const AFTER_VALUE = 1;
const AFTER_STRING = 2;
const SEPARATORS = ['', ',', '",'];

/** JSON.stringify calls toJSON once, with the key (or array index) that holds the value. */
function afterToJson(value: unknown, holderKey: string): unknown {
	if (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toJSON?: unknown }).toJSON === 'function'
	)
		return (value as { toJSON: (key: string) => unknown }).toJSON(holderKey);
	return value;
}

function jsonOf(value: unknown, depth: number): string | undefined {
	switch (typeof value) {
		case 'string':
			return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
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
	return Array.isArray(value)
		? arrayJson(value, depth)
		: objectJson(value as Record<string, unknown>, depth);
}

// a string entry's opening: after nothing, after a value, after a string (whose quote closes here)
const ARRAY_STRING_OPENINGS = ['"', ',"', '","'];

function arrayJson(array: readonly unknown[], depth: number): string {
	let text = '[';
	let before = FIRST;
	for (let index = 0; index < array.length; index++) {
		const entry = afterToJson(array[index], String(index));
		if (typeof entry === 'string' && !NEEDS_ESCAPE.test(entry)) {
			text += ARRAY_STRING_OPENINGS[before];
			text += entry;
			before = AFTER_STRING;
			continue;
		}
		if (before !== FIRST) text += SEPARATORS[before];
		text += jsonOf(entry, depth + 1) ?? 'null';
		before = AFTER_VALUE;
	}
	return before === AFTER_STRING ? `${text}"]` : `${text}]`;
}

function objectJson(record: Record<string, unknown>, depth: number): string {
	const order = keyOrder(record);
	if (order.protoKey) protoKeySeen = true;
	const { sorted } = order;
	let text = '{';
	let before = FIRST;
	for (let index = 0; index < sorted.length; index++) {
		const key = sorted[index];
		const entry = afterToJson(record[key], key);
		if (typeof entry === 'string' && !NEEDS_ESCAPE.test(entry)) {
			text += labelOf(order, before, true, index);
			text += entry;
			before = AFTER_STRING;
			continue;
		}
		const json = jsonOf(entry, depth + 1);
		if (json === undefined) continue; // left out, as JSON.stringify leaves it out
		text += labelOf(order, before, false, index);
		text += json;
		before = AFTER_VALUE;
	}
	return before === AFTER_STRING ? `${text}"}` : `${text}}`;
}

// what JSON.stringify escapes: quotes, backslashes, control characters and (lone) surrogates
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * An object's keys as Object.keys gives them, sorted, and the labels of each sorted key ("key": with
 * what comes before it and, for a string value, its opening quote), made on first use.
 */
interface KeyOrder {
	keys: readonly string[];
	sorted: readonly string[];
	labels: Array<readonly string[] | undefined>;
	/** One of the keys is "__proto__" */
	protoKey: boolean;
}

function labelOf(order: KeyOrder, before: number, isString: boolean, index: number): string {
	const slot = before * 2 + (isString ? 1 : 0);
	let labels = order.labels[slot];
	if (labels === undefined) {
		const [separator, opening] = [SEPARATORS[before], isString ? '"' : ''];
		// joined, so each label is one flat string (a concatenation would stay in pieces)
		labels = order.sorted.map((key) => [separator, JSON.stringify(key), ':', opening].join(''));
		order.labels[slot] = labels;
	}
	return labels[index];
}

/**
 * Object.keys lists array-index keys first, ascending; the keys after them are sorted by UTF-16 code
 * units, as Array.prototype.sort does. Deliveries of one kind share their keys in one order, so each
 * order is remembered (checked key by key: the same strings, so identity mostly decides).
 */
function keyOrder(record: Record<string, unknown>): KeyOrder {
	const keys = Object.keys(record);
	const known = KEY_ORDERS.get(keys[0]);
	if (known !== undefined) {
		for (const order of known) if (sameKeys(order.keys, keys)) return order;
	}
	const order: KeyOrder = {
		keys,
		sorted: sortKeyList(keys.slice()),
		labels: [],
		protoKey: keys.includes('__proto__'),
	};
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
export const KEY_ORDERS_LIMIT = 256;
const KEY_ORDER_MAX_KEYS = 64;
let rememberedOrders = 0;

/** How many key orders are remembered (never more than KEY_ORDERS_LIMIT). */
export const rememberedKeyOrders = () => rememberedOrders;

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

function isArrayIndex(key: string): boolean {
	const code = key.charCodeAt(0);
	if (code < 48 || code > 57) return false;
	return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}
