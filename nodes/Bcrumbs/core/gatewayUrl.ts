/**
 * Where the API key may be sent. Every request to the gateway carries the key in its `authorization`
 * header, so the Gateway URL must use https://; plain http:// is accepted only for loopback addresses,
 * where the key never leaves the machine (the sandbox). No n8n imports: the credential loads it too.
 */
export const GATEWAY_URL_NOT_HTTPS =
	'The gateway URL must use https:// (the API key would travel in clear text); http:// is allowed only for loopback addresses such as the sandbox';

export const GATEWAY_URL_INVALID =
	'The gateway URL is not a valid URL: use a full https:// address such as https://gateway.bcrumbs.net/core/gq';

export const GATEWAY_URL_HINT =
	'Change the Gateway URL in the Bcrumbs API credentials to its https:// address (the default is https://gateway.bcrumbs.net/core/gq). http:// is accepted for 127.0.0.0/8, [::1] and localhost only.';

/**
 * 127.0.0.0/8, ::1 and localhost, as WHATWG URL writes a hostname. Not *.localhost: outside some resolvers
 * such a name goes to DNS, whose answer would then receive the key in clear text.
 */
export function isLoopbackHostname(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost') return true;
	if (host === '[::1]' || host === '::1') return true;
	// URL normalizes IPv4 forms (127.1, 0x7f.0.0.1, 2130706433) to dotted decimal
	return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why the API key must not be sent to `url`, or undefined when it may. Never quotes the URL (it may carry a token). */
export function gatewayUrlProblem(url: unknown): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(String(url ?? '').trim());
	} catch {
		return GATEWAY_URL_INVALID;
	}
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && isLoopbackHostname(parsed.hostname)) return undefined;
	return GATEWAY_URL_NOT_HTTPS;
}
