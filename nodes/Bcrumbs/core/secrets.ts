import { createHmac } from 'node:crypto';

/**
 * Webhook secrets the node can compute again instead of remembering them. "Listen for test event" and a
 * copied workflow start with empty static data; on a gateway that neither lists registered headers nor
 * deletes webhooks, the node could otherwise never verify (or replace) its own registrations.
 */

const KEY_CONTEXT = 'n8n-nodes-bcrumbs webhook secret key v2';
const TAG_CONTEXT = 'n8n-nodes-bcrumbs label tag v1';

/** What a webhook secret is derived from: the credential's API key and workspace, and the n8n instance. */
export interface SecretMaterial {
	apiKey: string;
	workspaceId: number | string;
	/**
	 * n8n's instance id: derived from the instance's encryption key (or set for the whole cluster), the same
	 * on every main, webhook processor and worker of one queue-mode cluster, and unknown to someone who
	 * holds only the API key
	 */
	instanceId: string;
}

/**
 * The secret for one endpoint (one n8n webhook URL; all its registrations share it): HMAC-SHA256 of the
 * URL under a key that is itself an HMAC-SHA256, keyed by the instance id, of the API key and workspace.
 * Holding the API key is not enough to compute it; another key (a rotation) derives another secret; HMAC
 * is one-way, so neither the secret nor the tag reveals the API key or the instance id.
 */
export function deriveEndpointSecret(material: SecretMaterial, url: string): string {
	const key = createHmac('sha256', material.instanceId)
		.update(`${KEY_CONTEXT}\n${material.workspaceId}\n${material.apiKey}`)
		.digest();
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
