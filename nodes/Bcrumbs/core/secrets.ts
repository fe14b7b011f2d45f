import { createHmac } from 'node:crypto';

/**
 * Webhook secrets the node can compute again instead of remembering them. "Listen for test event" and a
 * copied workflow start with empty static data; on a gateway that neither lists registered headers nor
 * deletes webhooks, the node could otherwise never verify (or replace) its own registrations.
 */

const KEY_CONTEXT = 'n8n-nodes-bcrumbs webhook secret key v1';
const TAG_CONTEXT = 'n8n-nodes-bcrumbs label tag v1';

/**
 * The secret for one endpoint (one n8n webhook URL; all its registrations share it), under a key derived
 * from the credential's API key and workspace: HMAC is one-way, so neither the secret nor the tag
 * reveals the API key, and another credential derives other secrets.
 */
export function deriveEndpointSecret(
	apiKey: string,
	workspaceId: number | string,
	url: string,
): string {
	const key = createHmac('sha256', apiKey).update(`${KEY_CONTEXT}\n${workspaceId}`).digest();
	return createHmac('sha256', key).update(url).digest('hex');
}

/** 8 hex characters that prove, in a registration's label, which secret it was registered with. */
export function secretTag(secret: string): string {
	return createHmac('sha256', secret).update(TAG_CONTEXT).digest('hex').slice(0, 8);
}

const TAG_SUFFIX = / \[([0-9a-f]{8})\]$/;

/** "n8n: Support inbox / Bcrumbs Trigger [1a2b3c4d]": readable in bcrumbs, recognisable where headers are not listed. */
export function taggedLabel(label: string, secret: string): string {
	return `${label} [${secretTag(secret)}]`;
}

export function labelCarriesTagOf(label: string | null | undefined, secret: string): boolean {
	return TAG_SUFFIX.exec(label ?? '')?.[1] === secretTag(secret);
}
