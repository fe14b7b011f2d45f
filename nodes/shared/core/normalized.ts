import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * One shape for every trigger item, whatever the platform, placed under `normalized` beside the
 * platform's own fields so one workflow can serve several platforms.
 */
export const PLATFORMS = ['bcrumbs', 'oneroute', 'bik', 'mobtexting', 'wakit'] as const;

export const NORMALIZED_KINDS = [
	'message.received',
	'message.sent',
	'message.status',
	'conversation.opened',
	'conversation.closed',
	'contact.created',
	'contact.updated',
	'contact.unsubscribed',
	'call.completed',
	'unknown',
] as const;

const nullableText = z.string().nullable();

export const normalizedContactSchema = z.object({
	id: nullableText,
	phone: nullableText,
	name: nullableText,
	email: nullableText,
});

export const normalizedMediaSchema = z.object({
	type: z.string(),
	url: nullableText,
	caption: nullableText,
});

export const normalizedSchema = z.object({
	platform: z.enum(PLATFORMS),
	/** The platform's own event name, e.g. "INCOMING_MESSAGE", "whatsapp:message:in", "messages/insert" */
	event: z.string(),
	kind: z.enum(NORMALIZED_KINDS),
	/** whatsapp, sms, rcs, viber, instagram, telegram, voice, custom, ... (lower case), null when unknown */
	channel: nullableText,
	messageId: nullableText,
	conversationId: nullableText,
	contact: normalizedContactSchema,
	text: nullableText,
	media: normalizedMediaSchema.nullable(),
	/** Lower-case delivery state: pending, sent, delivered, read, failed, deleted, ... */
	status: nullableText,
	/** ISO 8601 (UTC) */
	timestamp: nullableText,
	/** Same for every retry of one delivery, different between deliveries: key n8n's Remove Duplicates node on it */
	deliveryKey: z.string(),
});

export type Normalized = z.infer<typeof normalizedSchema>;
export type NormalizedKind = (typeof NORMALIZED_KINDS)[number];
export type Platform = (typeof PLATFORMS)[number];
export type NormalizedContact = z.infer<typeof normalizedContactSchema>;

export const NO_CONTACT: NormalizedContact = Object.freeze({
	id: null,
	phone: null,
	name: null,
	email: null,
});

type NormalizedFields = Omit<Normalized, 'platform' | 'deliveryKey' | 'contact'> & {
	contact?: Partial<NormalizedContact>;
};

/** Fills the defaults and the delivery key; `body` is the delivery as received (the key's source). */
export function buildNormalizedView(
	platform: Platform,
	body: unknown,
	fields: NormalizedFields,
): Normalized {
	return buildNormalizedViewWithKey(platform, deliveryKey(platform, body), fields);
}

/** The same with a key computed by the caller (a batch keyed part by part, see partsDeliveryKey). */
export function buildNormalizedViewWithKey(
	platform: Platform,
	key: string,
	fields: NormalizedFields,
): Normalized {
	return { platform, ...fields, contact: { ...NO_CONTACT, ...fields.contact }, deliveryKey: key };
}

/**
 * A hash of the platform and the body with its keys sorted, so a retry re-serialized in another key order
 * keeps its key. Native JSON.stringify with a sorting replacer is the fast path; bodies it cannot handle
 * (too deep, cyclic, BigInt) fall back to a bounded walk.
 */
export function deliveryKey(platform: Platform, body: unknown): string {
	return partsDeliveryKey(platform, [keyText(body)]);
}

/**
 * A key over several texts, each hashed once: a list of events sharing one envelope is keyed by the
 * envelope's digest and each entry, so the work stays proportional to the body.
 */
export function partsDeliveryKey(platform: Platform, parts: readonly string[]): string {
	const hash = createHash('sha256').update(platform);
	for (const part of parts) hash.update('\n').update(part);
	return hash.digest('hex').slice(0, 32);
}

/** The key-order independent text a delivery key is computed from. */
export function keyText(value: unknown): string {
	try {
		const text = JSON.stringify(value, sortKeys) as string | undefined;
		if (text !== undefined) return text;
	} catch {
		// too deep, cyclic or BigInt: the bounded walk below
	}
	return stableStringify(value);
}

export function digestOf(text: string): string {
	return createHash('sha256').update(text).digest('hex');
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

function stableStringify(value: unknown, depth = 0, seen = new WeakSet<object>()): string {
	if (typeof value === 'bigint') return JSON.stringify(value.toString());
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
	if (depth >= KEY_DEPTH_LIMIT) return '"[too deep]"';
	if (seen.has(value)) return '"[cycle]"';
	seen.add(value);
	const text = Array.isArray(value)
		? `[${value.map((entry) => stableStringify(entry, depth + 1, seen)).join(',')}]`
		: `{${Object.keys(value)
				.sort()
				.map(
					(key) =>
						`${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key], depth + 1, seen)}`,
				)
				.join(',')}}`;
	seen.delete(value);
	return text;
}

/** Trimmed string or null: platforms send "", null and missing for the same "nothing". */
export function textOrNull(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}
