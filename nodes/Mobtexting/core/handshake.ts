import type { HeaderValue, Verdict } from '../../shared/core/verify';
import { configuredSecret, headerValue, safeEqual, verifyBearer } from '../../shared/core/verify';
import { isRecord } from '../../shared/core/records';

/** The longest challenge echoed back (characters). A longer one is not a handshake. */
export const MAX_HANDSHAKE_CHALLENGE_LENGTH = 256;

/** The only keys a handshake body has; `challenge` is required, `validation_key` optional. */
const HANDSHAKE_KEYS: ReadonlySet<string> = new Set(['validation_key', 'challenge']);

// control characters (C0, DEL, C1), lone surrogates, line and paragraph separators: not printable
const UNPRINTABLE = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (!isRecord(value)) return false;
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/**
 * The challenge of a body that is exactly a handshake, else undefined: a plain object whose keys are
 * `challenge` and optionally `validation_key`, nothing else, each a string, the challenge printable and at
 * most MAX_HANDSHAKE_CHALLENGE_LENGTH characters. Decided by hand, without a schema parse: most bodies
 * fail at their first key, and the one zod parse of a delivery is left to the parser.
 */
export function handshakeChallenge(body: unknown): string | undefined {
	if (!isPlainObject(body)) return undefined;
	let keys = 0;
	for (const key in body) {
		// an extra key (an event, a payload, padding) makes it data: it is verified and parsed, not echoed
		if (!HANDSHAKE_KEYS.has(key) || ++keys > HANDSHAKE_KEYS.size) return undefined;
	}
	const challenge = body.challenge;
	if (typeof challenge !== 'string' || challenge.length > MAX_HANDSHAKE_CHALLENGE_LENGTH)
		return undefined;
	if (UNPRINTABLE.test(challenge)) return undefined;
	if ('validation_key' in body && typeof body.validation_key !== 'string') return undefined;
	return challenge;
}

/**
 * When a webhook is saved, MOBtexting POSTs `?token=<validation key>` with `{validation_key, challenge}`
 * and expects 200 `{"challenge": <challenge>}`. That request is answered, not turned into an item. Only a
 * body of exactly that shape (handshakeChallenge) that names a key, in the body or the query, is one.
 */
export function isMobtextingHandshake(query: unknown, body: unknown): boolean {
	if (handshakeChallenge(body) === undefined) return false;
	const hasKey = Object.prototype.hasOwnProperty.call(body, 'validation_key');
	const hasToken =
		isRecord(query) && (typeof query.token === 'string' || Array.isArray(query.token));
	return hasKey || hasToken;
}

/** The answer MOBtexting expects: the challenge exactly as it was sent; null for a body that is no handshake. */
export function handshakeResponse(body: unknown): { challenge: string | null } {
	return { challenge: handshakeChallenge(body) ?? null };
}

function firstText(value: unknown): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
}

/**
 * Whether a handshake may be answered. With a validation key configured, the `token` in the query and the
 * `validation_key` in the body must match it (whichever are present, at least one): otherwise anyone could
 * POST a challenge and get text of their choosing echoed back from this URL. Without one, it is answered.
 */
export function verifyMobtextingHandshake(
	query: unknown,
	body: unknown,
	validationKey: string | undefined,
): Verdict {
	// compared trimmed; a validation token empty after trimming is none set: the handshake is answered
	const expected = configuredSecret(validationKey)?.trim();
	if (expected === undefined) return { ok: true };
	const presented = [
		isRecord(query) ? firstText(query.token) : undefined,
		isRecord(body) ? firstText(body.validation_key) : undefined,
	].filter((token): token is string => token !== undefined);
	if (presented.length === 0) return { ok: false, reason: 'the handshake carries no token' };
	// compare every presented token, so timing does not tell which one failed
	const matches = presented.map((token) => safeEqual(token.trim(), expected));
	return matches.every(Boolean)
		? { ok: true }
		: { ok: false, reason: 'the handshake token does not match the validation key' };
}

/**
 * MOBtexting can send `Authorization: Bearer <secret>` when one is set on the webhook. Fails closed
 * like every check here: the trigger calls it only when the user configured a secret, and a secret
 * empty after trimming is none (configuredSecret). Compared trimmed.
 */
export function verifyMobtextingSecret(
	headers: Record<string, HeaderValue>,
	secret: string | undefined,
): Verdict {
	return verifyBearer(headerValue(headers, 'authorization'), configuredSecret(secret));
}
