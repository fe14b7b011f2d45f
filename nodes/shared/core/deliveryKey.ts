import * as crypto from 'node:crypto';

import { canonicalJson, noteProtoKey } from './canonicalJson';

/**
 * The delivery key: a SHA-256 of the platform and the body's canonical JSON (every object's keys sorted),
 * so a retry re-serialized in another key order keeps its key and any change to the body changes it.
 *
 * The canonical text is exactly what `JSON.stringify(body, sortKeys)` gives (keys already issued stay
 * valid across versions), built by a direct walk (canonicalJson.ts): the replacer form allocated a
 * sorted copy of every object and took JSON.stringify's slow replacer path.
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
		text = canonicalJson(body);
	} catch {
		// deeper than the walk goes, cyclic or BigInt: the slower forms below decide, and they do not look
		// for "__proto__" keys (the parsers then look themselves, see protoKeys.ts)
		noteProtoKey();
		text = undefined;
	}
	return text ?? replacerJson(body) ?? boundedJson(body);
}

// Node >= 20.12 has the one-shot crypto.hash; createHash is the same digest with more calls across to C++
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;
const sha256Hex = oneShotHash
	? (text: string) => oneShotHash('sha256', text)
	: (text: string) => crypto.createHash('sha256').update(text).digest('hex');

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
