import {
	configuredSecret,
	headerValue,
	verifyBearer,
	type HeaderValue,
	type Verdict,
} from '../../shared/core/verify';

/**
 * wakit sends the token configured on the webhook as `Authorization: Bearer <token>`. Compared trimmed;
 * a token empty after trimming is no token, and every delivery is refused.
 */
export function verifyWakitToken(
	headers: Record<string, HeaderValue>,
	token: string | undefined,
): Verdict {
	return verifyBearer(headerValue(headers, 'authorization'), configuredSecret(token));
}
