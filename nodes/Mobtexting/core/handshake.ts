import type { HeaderValue, Verdict } from '../../shared/core/verify';
import { verifyBearer } from '../../shared/core/verify';
import { headerValue, isRecord } from '../../shared/core/platformParse';
import { mobtextingHandshakeSchema } from './schemas';

/**
 * When a webhook is saved, MOBtexting POSTs `?token=<validation key>` with `{validation_key, challenge}`
 * and expects 200 `{"challenge": <challenge>}`. That request is answered, not turned into an item.
 */
export function isMobtextingHandshake(query: unknown, body: unknown): boolean {
	if (!isRecord(body) || Object.prototype.hasOwnProperty.call(body, 'event')) return false;
	if (!mobtextingHandshakeSchema.safeParse(body).success) return false;
	const hasKey = Object.prototype.hasOwnProperty.call(body, 'validation_key');
	const hasToken = isRecord(query) && (typeof query.token === 'string' || Array.isArray(query.token));
	return hasKey || hasToken;
}

/** The answer MOBtexting expects: the challenge exactly as it was sent (string or number). */
export function handshakeResponse(body: unknown): { challenge: string | number | null } {
	const parsed = mobtextingHandshakeSchema.safeParse(body);
	return { challenge: parsed.success ? parsed.data.challenge : null };
}

/**
 * MOBtexting can send `Authorization: Bearer <secret>` when one is set on the webhook. Fails closed
 * like every check here: the trigger calls it only when the user configured a secret.
 */
export function verifyMobtextingSecret(headers: Record<string, HeaderValue>, secret: string | undefined): Verdict {
	return verifyBearer(headerValue(headers, 'authorization'), secret);
}
