import {
	configuredSecret,
	headerValue,
	verifyBasic,
	type BasicExpectation,
	type HeaderValue,
	type Verdict,
} from '../../shared/core/verify';

/** The BIK credential's fields: one authorization key, or a user name and a password. */
export interface BikCredentialFields {
	/** Left by credentials saved when the form had a chooser; what is filled in decides now */
	authForm?: unknown;
	authKey?: unknown;
	user?: unknown;
	password?: unknown;
}

/**
 * The key when one is set (the form BIK's document describes), else the user and password. A field empty
 * after trimming is not set (configuredSecret): a blank key falls back to the pair, and a blank user or
 * password matches nothing. The key is compared trimmed, the user and password as typed (see verifyBasic).
 */
export function bikBasicExpectation(
	credentials: BikCredentialFields | undefined,
): BasicExpectation | undefined {
	if (!credentials) return undefined;
	const key = configuredSecret(credentials.authKey);
	if (key !== undefined) return { key };
	return {
		user: configuredSecret(credentials.user) ?? '',
		password: configuredSecret(credentials.password) ?? '',
	};
}

/** BIK authenticates its calls with HTTP Basic auth built from the authorization key set in its developer portal. */
export function verifyBikAuthorization(
	headers: Record<string, HeaderValue>,
	credentials: BikCredentialFields | undefined,
): Verdict {
	return verifyBasic(headerValue(headers, 'authorization'), bikBasicExpectation(credentials));
}
