import { isRecord } from '../platformParse';

/**
 * OneRoute sends the channel's configuration with every message, including its `credentials` (the
 * provider's API keys). They must never reach a workflow: dropped from the item, masked in the raw body.
 */
const CREDENTIAL_KEY = /^(credentials?|secrets?|tokens?|access_?tokens?|api_?keys?|passwords?)$/i;

export const REMOVED = '[removed]';

function isCredentialKey(key: string): boolean {
	return CREDENTIAL_KEY.test(key);
}

/** The channel without its credential-like fields (a new object; the input is left as it was). */
export function withoutCredentials<T extends Record<string, unknown>>(channel: T): T {
	return Object.fromEntries(Object.entries(channel).filter(([key]) => !isCredentialKey(key))) as T;
}

/** The body as received, except that `conversation.Channel`'s credential-like values read "[removed]". */
export function maskCredentialsInBody(body: unknown): unknown {
	if (!isRecord(body) || !isRecord(body.conversation) || !isRecord(body.conversation.Channel)) return body;
	const channel = body.conversation.Channel;
	if (!Object.keys(channel).some(isCredentialKey)) return body;
	const maskedChannel = Object.fromEntries(
		Object.entries(channel).map(([key, value]) => [key, isCredentialKey(key) ? REMOVED : value]),
	);
	return { ...body, conversation: { ...body.conversation, Channel: maskedChannel } };
}
