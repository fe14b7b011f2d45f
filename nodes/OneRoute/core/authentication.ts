import {
	configuredSecret,
	headerValue,
	verifyHmacHex,
	type HeaderValue,
	type Verdict,
} from '../../shared/core/verify';

/** The header OneRoute signs deliveries in. */
export const ONEROUTE_SIGNATURE_HEADER = 'x-oneroute-signature';

/**
 * OneRoute signs each delivery with HMAC-SHA512 (hex) of the body in `x-oneroute-signature`. The raw bytes
 * are checked first; the re-serialized parsed body is the fallback when a proxy re-encoded the body.
 * The secret key is used as typed; one empty after trimming is no key, and every delivery is refused.
 */
export function verifyOneRouteSignature(
	headers: Record<string, HeaderValue>,
	secret: string | undefined,
	rawBody: Buffer | string | undefined,
	parsedBody: unknown,
): Verdict {
	try {
		return verifyHmacHex(
			headerValue(headers, ONEROUTE_SIGNATURE_HEADER),
			configuredSecret(secret),
			{ rawBody, parsedBody },
			'sha512',
		);
	} catch {
		// re-serializing a pathological body can throw (too deep, cyclic): that is a refusal, not a crash
		return { ok: false, reason: 'the body could not be serialized to check the signature' };
	}
}
