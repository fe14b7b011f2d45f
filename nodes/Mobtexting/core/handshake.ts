import type { HeaderValue, Verdict } from '../../shared/core/verify';
import { safeEqual, verifyBearer } from '../../shared/core/verify';
import { headerValue, isRecord } from '../../shared/core/platformParse';
import { mobtextingHandshakeSchema } from './schemas';

/**
 * When a webhook is saved, MOBtexting POSTs `?token=<validation key>` with `{validation_key, challenge}`
 * and expects 200 `{"challenge": <challenge>}`. That request is answered, not turned into an item.
 */
export function isMobtextingHandshake(query: unknown, body: unknown): boolean {
	if (!isRecord(body) || Object.prototype.hasOwnProperty.call(body, 'event')) return false;
	// every record but a handshake lacks a challenge: decided here, without a failing schema parse (costly in zod)
	if (!Object.prototype.hasOwnProperty.call(body, 'challenge')) return false;
	if (!mobtextingHandshakeSchema.safeParse(body).success) return false;
	const hasKey = Object.prototype.hasOwnProperty.call(body, 'validation_key');
	const hasToken =
		isRecord(query) && (typeof query.token === 'string' || Array.isArray(query.token));
	return hasKey || hasToken;
}

/** The answer MOBtexting expects: the challenge exactly as it was sent (string or number). */
export function handshakeResponse(body: unknown): { challenge: string | number | null } {
	const parsed = mobtextingHandshakeSchema.safeParse(body);
	return { challenge: parsed.success ? parsed.data.challenge : null };
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
	const expected = validationKey?.trim() ?? '';
	if (expected === '') return { ok: true };
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
 * like every check here: the trigger calls it only when the user configured a secret.
 */
export function verifyMobtextingSecret(
	headers: Record<string, HeaderValue>,
	secret: string | undefined,
): Verdict {
	return verifyBearer(headerValue(headers, 'authorization'), secret);
}
