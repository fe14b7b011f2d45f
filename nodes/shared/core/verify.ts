import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRecord } from './records';

/**
 * Request authenticity checks shared by every trigger. Pure functions over header values;
 * each compares in constant time and fails closed when nothing is expected.
 */
export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };

/**
 * Constant-time equality. Only the length can show through timing, and the lengths of our secrets are
 * no secret (64 hex characters for bcrumbs); equal lengths take the constant-time path.
 */
export function safeEqual(received: string, expected: string): boolean {
	const a = Buffer.from(received, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) {
		timingSafeEqual(b, b); // spend comparable time either way
		return false;
	}
	return timingSafeEqual(a, b);
}

export type HeaderValue = string | string[] | undefined;

/** Header names arrive lower-cased from Node, but callers may pass any casing. */
export function headerValue(
	headers: Record<string, HeaderValue> | undefined,
	name: string,
): HeaderValue {
	if (!isRecord(headers)) return undefined;
	const wanted = name.toLowerCase();
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
	return key === undefined ? undefined : headers[key];
}

function single(value: HeaderValue): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The one rule for every platform: a configured secret (a credential field, bcrumbs' registered secret)
 * that is not a string, or is empty after trimming, is no secret. Every check refuses then (fails closed)
 * instead of comparing with it, so a credential saved as "   " never becomes a key anyone can sign with.
 *
 * The value comes back as typed: whether surrounding whitespace counts is the mechanism's own rule.
 * - Bearer tokens (MOBtexting, wakit), BIK's authorization key and MOBtexting's validation token: trimmed,
 *   as the received value is (an HTTP header value cannot carry surrounding whitespace).
 * - The HMAC key (OneRoute), a Basic user and password (BIK) and bcrumbs' registered secret: as typed,
 *   since they are the exact bytes the sender signs or encodes.
 */
export function configuredSecret(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A secret the platform echoes back in a header of our choosing (bcrumbs' registered headers). */
export function verifySharedSecretHeader(
	received: HeaderValue,
	registered: string | undefined,
): Verdict {
	const expected = configuredSecret(registered);
	if (expected === undefined)
		return { ok: false, reason: 'no secret is registered for this webhook' };
	const value = single(received);
	if (value === undefined || value === '')
		return { ok: false, reason: 'the secret header is missing' };
	return safeEqual(value, expected)
		? OK
		: { ok: false, reason: 'the secret header does not match' };
}

/** `Authorization: Bearer <token>` (MOBtexting, wakit). The configured token is compared trimmed, as the received one is. */
export function verifyBearer(
	authorization: HeaderValue,
	configuredToken: string | undefined,
): Verdict {
	const expectedToken = configuredSecret(configuredToken)?.trim();
	if (expectedToken === undefined) return { ok: false, reason: 'no token is configured' };
	const value = single(authorization)?.trim() ?? '';
	const match = /^Bearer\s+(.+)$/i.exec(value);
	if (!match) return { ok: false, reason: 'the Authorization header has no Bearer token' };
	return safeEqual(match[1].trim(), expectedToken)
		? OK
		: { ok: false, reason: 'the Bearer token does not match' };
}

/**
 * What a Basic-auth sender was given: one authorization key (BIK's portal asks for a key), or a user
 * name and a password (the classic pair, sent as base64("user:password")).
 */
export type BasicExpectation = { key: string } | { user: string; password: string };

const BASE64_TOKEN = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * HTTP Basic auth (BIK). From one key K a sender may produce `Basic K` as typed or `Basic base64(K)`;
 * a user and a password are sent as `Basic base64("user:password")`. Every form is compared in
 * constant time, and all of them are always compared, so timing does not tell which form came close.
 */
export function verifyBasic(
	authorization: HeaderValue,
	expected: BasicExpectation | undefined,
): Verdict {
	const key = expectedBasicKey(expected);
	if (key === undefined) return { ok: false, reason: 'no Basic auth credentials are configured' };
	if (typeof key !== 'string') return key;
	const value = single(authorization)?.trim() ?? '';
	const match = /^Basic\s+(.+)$/i.exec(value);
	if (!match) return { ok: false, reason: 'the Authorization header has no Basic credentials' };
	const token = match[1].trim();
	// only a key may arrive as typed; a user and password travel base64-encoded, as Basic auth defines
	const typedOk = safeEqual(token, key) && 'key' in expected!;
	// not base64 at all: compare against an impossible value so both paths take the same time
	const decoded = BASE64_TOKEN.test(token) ? Buffer.from(token, 'base64').toString('utf8') : '';
	const decodedOk = safeEqual(decoded, key) && decoded !== '';
	return typedOk || decodedOk ? OK : { ok: false, reason: 'the Basic credentials do not match' };
}

/** The key the header must carry; a refusal when the configuration cannot be matched safely. */
function expectedBasicKey(expected: BasicExpectation | undefined): string | Verdict | undefined {
	if (!expected) return undefined;
	if ('key' in expected) {
		// compared trimmed; a key pasted with its scheme ("Basic abc") means the same key
		return configuredSecret(expected.key)
			?.trim()
			.replace(/^Basic\s+/i, '');
	}
	// a user and a password travel base64-encoded: compared as typed, but a blank one is none
	const user = configuredSecret(expected.user);
	const password = configuredSecret(expected.password);
	if (user === undefined && password === undefined) return undefined;
	// "user:" would match a header carrying only the user name: an empty half is no credential
	if (user === undefined || password === undefined)
		return { ok: false, reason: 'the Basic auth user or password is empty' };
	return `${user}:${password}`;
}

/**
 * Hex HMAC over the raw request bytes (OneRoute: SHA-512 in `x-oneroute-signature`).
 * Falls back to the re-serialized body only when the raw bytes do not match, since the sender
 * signs its own serialization and a proxy may have re-encoded the body.
 */
export function verifyHmacHex(
	signature: HeaderValue,
	secret: string | undefined,
	payloads: { rawBody?: Buffer | string; parsedBody?: unknown },
	algorithm: 'sha256' | 'sha512' = 'sha512',
): Verdict {
	// the key is used as typed: it is the exact key the sender signs with
	const key = configuredSecret(secret);
	if (key === undefined) return { ok: false, reason: 'no signing secret is configured' };
	const received = single(signature)?.trim().toLowerCase();
	if (!received) return { ok: false, reason: 'the signature header is missing' };
	const candidates: Array<Buffer | string> = [];
	if (payloads.rawBody !== undefined && payloads.rawBody.length > 0)
		candidates.push(payloads.rawBody);
	if (payloads.parsedBody !== undefined) {
		try {
			candidates.push(JSON.stringify(payloads.parsedBody));
		} catch {
			// not serializable (too deep): only the raw bytes can match
		}
	}
	for (const candidate of candidates) {
		const expected = createHmac(algorithm, key).update(candidate).digest('hex');
		if (safeEqual(received, expected)) return OK;
	}
	return { ok: false, reason: 'the signature does not match the body' };
}
