import type { IHookFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { GATEWAY_CAPABILITIES, type GatewayCapabilitiesResult } from './documents';
import { bcrumbsGraphql, getBcrumbsCredentials } from './index';

/** What a gateway offers beyond bcrumbs' documentation. */
export interface GatewayCapabilities {
	/** `deleteWebhook` exists (bcrumbs documents none) */
	canDelete: boolean;
	/** listed webhooks have `headers` (the documented list query selects none): asking for a missing field fails validation */
	listedHeaders: boolean;
}

/** The documented API and nothing more: what a gateway that keeps its schema to itself is taken to be. */
export const DOCUMENTED_API: GatewayCapabilities = { canDelete: false, listedHeaders: false };

// a gateway's schema changes rarely: ask once per gateway every few minutes, not on every activation
const CACHE_MS = 5 * 60_000;
const known = new Map<string, { capabilities: GatewayCapabilities; at: number }>();

/** A GraphQL answer refusing introspection (HTTP 200 with errors, not an auth error) is an answer, not a failure. */
function refusesIntrospection(error: unknown): boolean {
	return (
		error instanceof NodeApiError && error.httpCode === '200' && remoteCodeOf(error) !== 'FORBIDDEN'
	);
}

export function capabilitiesFrom(result: GatewayCapabilitiesResult): GatewayCapabilities {
	const names = (type: GatewayCapabilitiesResult['mutationType']) =>
		new Set((type?.fields ?? []).map((field) => field.name));
	return {
		canDelete: names(result.mutationType).has('deleteWebhook'),
		listedHeaders: names(result.webhookType).has('headers'),
	};
}

/** What this gateway was found to offer in the last few minutes, if it was asked. */
export function cachedCapabilities(gatewayUrl: string): GatewayCapabilities | undefined {
	const cached = known.get(gatewayUrl);
	return cached && Date.now() - cached.at < CACHE_MS ? cached.capabilities : undefined;
}

export function rememberCapabilities(gatewayUrl: string, capabilities: GatewayCapabilities): void {
	known.set(gatewayUrl, { capabilities, at: Date.now() });
}

/**
 * What the gateway offers, found by introspection and cached per gateway. A failed introspection (HTTP 5xx,
 * timeout, network) is asked once more and never cached: undefined means "could not check", never "cannot".
 */
export async function gatewayCapabilities(
	context: IHookFunctions,
): Promise<GatewayCapabilities | undefined> {
	const { gatewayUrl } = await getBcrumbsCredentials(context);
	const cached = cachedCapabilities(gatewayUrl);
	if (cached) return cached;
	let lastError: unknown;
	for (let attempt = 1; attempt <= 2; attempt++) {
		try {
			const result = await bcrumbsGraphql<GatewayCapabilitiesResult>(context, {
				operation: 'introspection (what does the gateway offer?)',
				document: GATEWAY_CAPABILITIES,
				answer: 'capabilities',
			});
			const capabilities = capabilitiesFrom(result);
			rememberCapabilities(gatewayUrl, capabilities);
			return capabilities;
		} catch (error) {
			if (refusesIntrospection(error)) {
				rememberCapabilities(gatewayUrl, DOCUMENTED_API);
				return DOCUMENTED_API;
			}
			lastError = error;
		}
	}
	context.logger.warn(
		`bcrumbs: could not check what the gateway offers (deleteWebhook, headers on listed webhooks); asking again next time: ${(lastError as Error).message}`,
	);
	return undefined;
}

/** The remote error code (FORBIDDEN, NOT_FOUND, ...) carried by a transport error, if any. */
export function remoteCodeOf(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const code = (error.errorResponse as JsonObject | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

/** Passes n8n errors through unchanged and wraps anything else, so callers rethrow only n8n errors. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	// returns `error` itself when it already is a NodeApiError
	return new NodeApiError(node, error as JsonObject);
}
