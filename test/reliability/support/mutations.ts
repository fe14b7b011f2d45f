/**
 * fast-check arbitraries for request bodies: documented examples mutated the ways real traffic and
 * attackers do (keys dropped, wrong types, nulls, huge strings, deep nesting, prototype keys, arrays for
 * objects, unicode), batches of them, arbitrary JSON, and non-JSON or empty bodies.
 *
 * Bodies travel as JSON text, so `__proto__` & co. arrive exactly as JSON.parse of a real request makes
 * them (own properties). Hostile values are markers in the text, expanded by bodyOf: counterexamples stay
 * readable and no two bodies share a mutable object.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const HUGE_MARKER = '@@huge-100kb@@';
const DEEP_OBJECT_MARKER = '@@deep-object@@';
const DEEP_ARRAY_MARKER = '@@deep-array@@';
const DEPTH = 2500;

const HUGE_PATTERN = '𝒳e\u0301\u202eز\u200bab';
/** 100 000 characters of mixed-width unicode: astral, combining accent, RTL override, zero width */
export const HUGE_STRING = HUGE_PATTERN.repeat(Math.ceil(100_000 / HUGE_PATTERN.length)).slice(
	0,
	100_000,
);
const EXPANSIONS: Array<[string, string]> = [
	[JSON.stringify(HUGE_MARKER), JSON.stringify(HUGE_STRING)],
	[JSON.stringify(DEEP_OBJECT_MARKER), `${'{"d":'.repeat(DEPTH)}0${'}'.repeat(DEPTH)}`],
	[JSON.stringify(DEEP_ARRAY_MARKER), `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`],
];

/** A request body as a sample: JSON text (markers not yet expanded) or a value that is not JSON at all. */
export type BodySample = { json: string } | { raw: unknown };

export function expandMarkers(text: string): string {
	return EXPANSIONS.reduce(
		(result, [marker, value]) =>
			result.includes(marker) ? result.split(marker).join(value) : result,
		text,
	);
}

/** A fresh body for each call, as each HTTP request parses its own. */
export function bodyOf(sample: BodySample): unknown {
	return 'json' in sample ? JSON.parse(expandMarkers(sample.json)) : sample.raw;
}

const ODD_STRINGS = [
	'',
	'   ',
	'\u0000',
	'null',
	'undefined',
	'0',
	'true',
	'[]',
	'{}',
	'INCOMING_MESSAGE',
	' newMessage ',
	'messages',
	'insert',
	'incoming-message',
	'whatsapp:message:in',
	'2025-01-04T15:35:46Z',
	'Sat, 04 Jan 2025 15:35:46 GMT',
	'not a date',
	'\u202e\u200b',
	'💬🧪',
	'ＡＢＣ',
	'e\u0301',
];
const POLLUTERS = fc.constantFrom<Json>(
	{ polluted: 'yes', toString: 'x' },
	{ prototype: { polluted: 'yes' } },
);
const SPECIAL_KEYS = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'polluted',
	'event',
	'',
	' ',
];

export interface MutationOptions {
	/** include 100 KB strings and thousands of nesting levels */
	hostile: boolean;
}

function oddValue(options: MutationOptions): fc.Arbitrary<Json> {
	const hostile = options.hostile
		? [fc.constantFrom(HUGE_MARKER, DEEP_OBJECT_MARKER, DEEP_ARRAY_MARKER)]
		: [];
	return fc.oneof(
		fc.constant(null),
		fc.boolean(),
		fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2)),
		fc.string({ unit: 'binary', maxLength: 24 }),
		fc.constantFrom(...ODD_STRINGS),
		fc.constantFrom<Json>([], {}, [null], [{}]),
		fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
		...hostile,
	);
}

type Op =
	| { kind: 'drop' }
	| { kind: 'set'; value: Json }
	| { kind: 'add'; key: string; value: Json }
	| { kind: 'wrapInArray' }
	| { kind: 'valuesOnly' };

export interface Mutation {
	/** which path of the body (modulo the number of paths) */
	at: number;
	op: Op;
}

export function mutation(options: MutationOptions): fc.Arbitrary<Mutation> {
	const key = fc.oneof(
		fc.constantFrom(...SPECIAL_KEYS),
		fc.string({ unit: 'binary', maxLength: 8 }),
	);
	const op: fc.Arbitrary<Op> = fc.oneof(
		{ weight: 4, arbitrary: oddValue(options).map((value) => ({ kind: 'set' as const, value })) },
		{ weight: 2, arbitrary: fc.constant({ kind: 'drop' as const }) },
		{
			weight: 2,
			arbitrary: fc
				.record({ key, value: oddValue(options) })
				.map(({ key: name, value }) => ({ kind: 'add' as const, key: name, value })),
		},
		{
			// prototype-pollution attempts get their own weight: a random key would almost never be one
			weight: 1,
			arbitrary: fc
				.record({
					key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
					value: fc.oneof(POLLUTERS, oddValue(options)),
				})
				.map(({ key: name, value }) => ({ kind: 'add' as const, key: name, value })),
		},
		{ weight: 1, arbitrary: fc.constant({ kind: 'wrapInArray' as const }) },
		{ weight: 1, arbitrary: fc.constant({ kind: 'valuesOnly' as const }) },
	);
	return fc.record({ at: fc.nat(), op });
}

const isObject = (value: unknown): value is Record<string, Json> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own data property, as JSON.parse creates it: assignment would set the prototype for "__proto__". */
function put(container: Record<string, Json> | Json[], key: string | number, value: Json): void {
	Object.defineProperty(container, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

/** Every path of the body down to `depth` (the root is []), capped so huge bodies stay cheap. */
export function pathsOf(root: Json, depth = 8, cap = 400): Path[] {
	const paths: Path[] = [];
	const walk = (value: Json, path: Path) => {
		if (paths.length >= cap) return;
		paths.push(path);
		if (path.length >= depth || value === null || typeof value !== 'object') return;
		const keys: Array<string | number> = Array.isArray(value)
			? value.map((_entry, index) => index)
			: Object.keys(value);
		for (const key of keys) walk((value as Record<string | number, Json>)[key], [...path, key]);
	};
	walk(root, []);
	return paths;
}

function valueAt(root: Json, path: Path): Json {
	return path.reduce<Json>((value, key) => (value as Record<string | number, Json>)[key], root);
}

/** Applies one mutation; returns the (possibly replaced) root. The body must be the caller's own copy. */
export function applyMutation(root: Json, { at, op }: Mutation): Json {
	const paths = pathsOf(root);
	const path = paths[at % paths.length];
	const current = valueAt(root, path);
	let replacement: Json | undefined;
	// values are cloned: fast-check hands out the same constant instances to every run
	if (op.kind === 'set') replacement = structuredClone(op.value);
	if (op.kind === 'wrapInArray') replacement = [current];
	if (op.kind === 'valuesOnly') replacement = isObject(current) ? Object.values(current) : current;
	if (op.kind === 'add') {
		if (isObject(current)) put(current, op.key, structuredClone(op.value));
		else if (Array.isArray(current)) current.push(structuredClone(op.value));
		return root;
	}
	if (path.length === 0) return op.kind === 'drop' ? root : (replacement as Json);
	const parent = valueAt(root, path.slice(0, -1)) as Record<string | number, Json>;
	const last = path[path.length - 1];
	if (op.kind === 'drop') {
		if (Array.isArray(parent)) parent.splice(last as number, 1);
		else delete parent[last];
	} else put(parent, last, replacement as Json);
	return root;
}

/** A documented example with up to five mutations, as JSON text. */
export function mutatedJson(
	seeds: readonly unknown[],
	options: MutationOptions,
): fc.Arbitrary<string> {
	return fc
		.record({
			seed: fc.constantFrom(...seeds),
			mutations: fc.array(mutation(options), { maxLength: 5 }),
		})
		.map(({ seed, mutations }) =>
			JSON.stringify(mutations.reduce(applyMutation, structuredClone(seed) as Json)),
		);
}

const NOT_JSON = [
	'',
	' ',
	'not json',
	'{"event":',
	'<xml/>',
	'event=INCOMING_MESSAGE&workspaceId=12',
	'\uFEFF{}',
	'null',
];

/** What an authentic request's body can be once n8n has read it. */
export function requestBody(
	seeds: readonly unknown[],
	options: MutationOptions,
): fc.Arbitrary<BodySample> {
	const mutated = mutatedJson(seeds, options);
	return fc.oneof(
		{ weight: 6, arbitrary: mutated.map((json) => ({ json })) },
		{
			weight: 2,
			arbitrary: fc
				.array(mutated, { maxLength: 3 })
				.map((texts) => ({ json: `[${texts.join(',')}]` })),
		},
		{ weight: 1, arbitrary: fc.jsonValue().map((value) => ({ json: JSON.stringify(value) })) },
		{
			weight: 1,
			arbitrary: fc
				.oneof(fc.string({ unit: 'binary' }), fc.constantFrom<unknown>(undefined, ...NOT_JSON))
				.map((raw) => ({ raw })),
		},
	);
}
