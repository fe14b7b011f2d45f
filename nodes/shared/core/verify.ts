import { createHmac, timingSafeEqual } from 'node:crypto';

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

function single(value: HeaderValue): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** A secret the platform echoes back in a header of our choosing (bcrumbs' registered headers). */
export function verifySharedSecretHeader(received: HeaderValue, expected: string | undefined): Verdict {
	if (!expected) return { ok: false, reason: 'no secret is registered for this webhook' };
	const value = single(received);
	if (value === undefined || value === '') return { ok: false, reason: 'the secret header is missing' };
	return safeEqual(value, expected) ? OK : { ok: false, reason: 'the secret header does not match' };
}

/** `Authorization: Bearer <token>` (MOBtexting, wakit). */
export function verifyBearer(authorization: HeaderValue, expectedToken: string | undefined): Verdict {
	if (!expectedToken) return { ok: false, reason: 'no token is configured' };
	const value = single(authorization)?.trim() ?? '';
	const match = /^Bearer\s+(.+)$/i.exec(value);
	if (!match) return { ok: false, reason: 'the Authorization header has no Bearer token' };
	return safeEqual(match[1].trim(), expectedToken) ? OK : { ok: false, reason: 'the Bearer token does not match' };
}

/** HTTP Basic auth (BIK): user and password both compared in constant time. */
export function verifyBasic(authorization: HeaderValue, expectedUser: string | undefined, expectedPassword: string | undefined): Verdict {
	if (!expectedUser && !expectedPassword) return { ok: false, reason: 'no Basic auth credentials are configured' };
	const value = single(authorization)?.trim() ?? '';
	const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value);
	if (!match) return { ok: false, reason: 'the Authorization header has no Basic credentials' };
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator < 0) return { ok: false, reason: 'the Basic credentials are malformed' };
	const userOk = safeEqual(decoded.slice(0, separator), expectedUser ?? '');
	const passwordOk = safeEqual(decoded.slice(separator + 1), expectedPassword ?? '');
	return userOk && passwordOk ? OK : { ok: false, reason: 'the Basic credentials do not match' };
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
	if (!secret) return { ok: false, reason: 'no signing secret is configured' };
	const received = single(signature)?.trim().toLowerCase();
	if (!received) return { ok: false, reason: 'the signature header is missing' };
	const candidates: Array<Buffer | string> = [];
	if (payloads.rawBody !== undefined && payloads.rawBody.length > 0) candidates.push(payloads.rawBody);
	if (payloads.parsedBody !== undefined) {
		try {
			candidates.push(JSON.stringify(payloads.parsedBody));
		} catch {
			// not serializable (too deep): only the raw bytes can match
		}
	}
	for (const candidate of candidates) {
		const expected = createHmac(algorithm, secret).update(candidate).digest('hex');
		if (safeEqual(received, expected)) return OK;
	}
	return { ok: false, reason: 'the signature does not match the body' };
}
