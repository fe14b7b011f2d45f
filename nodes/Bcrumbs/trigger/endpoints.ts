import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { isForEndpoint, type EndpointState, type RemoteWebhook } from '../core/registrations';
import type { GatewayCapabilities } from '../transport/capabilities';
import { listWebhooks, listWebhooksAndCapabilities, type Listing } from '../transport/webhooks';

/**
 * The trigger's state per endpoint (the production URL, and the test URL of "Listen for test event") in
 * the node's static data, the secret a delivery to it must carry, the key its lifecycle work is
 * serialized under, and the endpoint's registrations as listed by bcrumbs (handed from checkExists to create).
 */

export type EndpointKey = 'production' | 'test';
export type Endpoints = Partial<Record<EndpointKey, EndpointState>>;

export function endpointsOf(staticData: IDataObject): Endpoints {
	return ((staticData.endpoints as Endpoints | undefined) ??= {} as Endpoints);
}

/** "Listen for test event" runs in manual mode on the test URL; the webhook context there reports the production URL, so key by mode. */
export function endpointKeyOf(context: { getMode(): string }): EndpointKey {
	return context.getMode() === 'manual' ? 'test' : 'production';
}

/** The secret this node registered for the URL being called; none held: everything is refused. */
export function registeredSecret(context: IWebhookFunctions): { secret: string | undefined } {
	return {
		secret: endpointsOf(context.getWorkflowStaticData('node'))[endpointKeyOf(context)]?.secret,
	};
}

/** Lifecycle work on one (workflow, node, URL) is serialized under this key; the hand-over listing is kept under it too. */
export function lifecycleKey(context: IHookFunctions, url: string): string {
	return `${context.getWorkflow().id}:${context.getNode().id}:${url}`;
}

const LISTING = 'webhooks (checking existing registrations)';

export interface RegistrationsAndCapabilities {
	webhooks: RemoteWebhook[];
	capabilities: GatewayCapabilities | undefined;
}

/** The registrations for this URL; their headers only where the gateway lists them (asking otherwise fails validation). */
export async function fetchRegistrations(
	context: IHookFunctions,
	url: string,
	withHeaders: boolean,
): Promise<RemoteWebhook[]> {
	return forEndpoint(await listWebhooks(context, { operation: LISTING, withHeaders }), url);
}

function forEndpoint(listing: Listing, url: string): RemoteWebhook[] {
	return listing.webhooks
		.filter((webhook) => isForEndpoint(webhook, url))
		.map((webhook) => ({
			id: webhook.id,
			url: webhook.url,
			event: webhook.event,
			label: webhook.label,
			...(listing.withHeaders ? { headers: webhook.headers ?? null } : {}),
		}));
}

// checkExists lists the registrations and create runs right after it: hand the listing over instead of asking twice
const recentListings = new Map<string, { listing: RegistrationsAndCapabilities; at: number }>();
const LISTING_REUSE_MS = 30_000;

export async function listRegistrations(
	context: IHookFunctions,
	url: string,
	reuse: boolean,
): Promise<RegistrationsAndCapabilities> {
	const key = lifecycleKey(context, url);
	const recent = recentListings.get(key);
	recentListings.delete(key);
	if (reuse && recent && Date.now() - recent.at < LISTING_REUSE_MS) return recent.listing;
	const { capabilities, ...all } = await listWebhooksAndCapabilities(context, LISTING);
	const listing = { webhooks: forEndpoint(all, url), capabilities };
	recentListings.set(key, { listing, at: Date.now() });
	return listing;
}

/** Drops the hand-over listing of a key (deactivation: the next activation must ask bcrumbs again). */
export function forgetListing(key: string): void {
	recentListings.delete(key);
}
