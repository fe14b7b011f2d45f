import type { IHookFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RemoteWebhook } from '../core/registrations';
import { isForEndpoint } from '../core/registrations';
import { bcrumbsGraphql, getBcrumbsCredentials } from '../transport';
import {
	asNodeError,
	cachedCapabilities,
	capabilitiesFound,
	DOCUMENTED_API,
	gatewayCapabilities,
	refusesIntrospection,
	remoteCodeOf,
	rememberCapabilities,
	type GatewayCapabilities,
} from '../transport/capabilities';
import {
	CREATE_WEBHOOK,
	DELETE_WEBHOOK,
	deleteManyDocument,
	LIST_WEBHOOKS,
	LIST_WEBHOOKS_AND_CAPABILITIES,
	LIST_WEBHOOKS_WITH_HEADERS,
	type CreateWebhookResult,
	type GatewayCapabilitiesResult,
	type ListWebhooksResult,
} from '../transport/documents';

const LISTING = 'webhooks (checking existing registrations)';

function forEndpoint(
	result: ListWebhooksResult,
	url: string,
	withHeaders: boolean,
): RemoteWebhook[] {
	return result.webhooks.nodes
		.filter((webhook) => isForEndpoint(webhook, url))
		.map((webhook) => ({
			id: webhook.id,
			url: webhook.url,
			event: webhook.event,
			label: webhook.label,
			...(withHeaders ? { headers: webhook.headers ?? null } : {}),
		}));
}

/** The registrations for this URL; their headers only where the gateway lists them (asking otherwise fails validation). */
export async function fetchRegistrations(
	context: IHookFunctions,
	url: string,
	withHeaders: boolean,
): Promise<RemoteWebhook[]> {
	const result = await bcrumbsGraphql<ListWebhooksResult>(context, {
		operation: LISTING,
		document: withHeaders ? LIST_WEBHOOKS_WITH_HEADERS : LIST_WEBHOOKS,
		input: {},
		answer: 'list',
	});
	return forEndpoint(result, url, withHeaders);
}

export interface RegistrationsAndCapabilities {
	webhooks: RemoteWebhook[];
	capabilities: GatewayCapabilities | undefined;
}

/**
 * The registrations and what the gateway offers. Asked together (documented fields only) when the
 * capabilities are not cached; if that combined request fails, separately, so each failure is named.
 * As for a separate introspection, only an answer that introspection is disabled means the documented
 * API (cached, not asked again); any other failure (a rate limit, HTTP 5xx) is asked again separately.
 */
export async function fetchRegistrationsAndCapabilities(
	context: IHookFunctions,
	url: string,
): Promise<RegistrationsAndCapabilities> {
	const { gatewayUrl } = await getBcrumbsCredentials(context);
	const cached = cachedCapabilities(gatewayUrl);
	if (cached)
		return {
			webhooks: await fetchRegistrations(context, url, cached.listedHeaders),
			capabilities: cached,
		};
	try {
		const result = await bcrumbsGraphql<ListWebhooksResult & GatewayCapabilitiesResult>(context, {
			operation: LISTING,
			document: LIST_WEBHOOKS_AND_CAPABILITIES,
			input: {},
			answer: 'listAndCapabilities',
		});
		const capabilities = capabilitiesFound(context, gatewayUrl, result);
		return { webhooks: forEndpoint(result, url, false), capabilities };
	} catch (error) {
		if (refusesIntrospection(error)) {
			rememberCapabilities(gatewayUrl, DOCUMENTED_API);
			return {
				webhooks: await fetchRegistrations(context, url, false),
				capabilities: DOCUMENTED_API,
			};
		}
		const capabilities = await gatewayCapabilities(context);
		return {
			webhooks: await fetchRegistrations(context, url, capabilities?.listedHeaders === true),
			capabilities,
		};
	}
}

export async function createRegistration(
	context: IHookFunctions,
	input: { url: string; event: string; label: string; headers: Record<string, string> },
	secrets: string[],
): Promise<string> {
	const result = await bcrumbsGraphql<CreateWebhookResult>(context, {
		operation: `createWebhook (registering ${input.event})`,
		document: CREATE_WEBHOOK,
		input,
		secrets,
		answer: 'create',
	});
	return result.createWebhook.id;
}

async function deleteOne(context: IHookFunctions, id: string, step: string): Promise<void> {
	try {
		await bcrumbsGraphql(context, {
			operation: `deleteWebhook (${step})`,
			document: DELETE_WEBHOOK,
			input: { id },
		});
	} catch (error) {
		// already gone is what we wanted
		if (remoteCodeOf(error) !== 'NOT_FOUND') throw asNodeError(context.getNode(), error);
	}
}

export interface DeleteOutcome {
	/** the ids gone from bcrumbs (deleted now, or already gone) */
	deleted: string[];
	/** why the others were not deleted */
	failure?: NodeApiError | NodeOperationError;
}

/**
 * Deletes registrations in one request (aliased deleteWebhook fields). If that request fails in any way
 * (one id already gone, a fault), falls back to one delete per id so each outcome is known.
 */
export async function deleteRegistrations(
	context: IHookFunctions,
	ids: readonly string[],
	step: string,
): Promise<DeleteOutcome> {
	if (ids.length === 0) return { deleted: [] };
	if (ids.length > 1) {
		const { workspaceId } = await getBcrumbsCredentials(context);
		const variables = Object.fromEntries(
			ids.map((id, i) => [`d${i}`, { workspaceId: Number(workspaceId), id }]),
		);
		try {
			await bcrumbsGraphql(context, {
				operation: `deleteWebhook (${step}, ${ids.length} at once)`,
				document: deleteManyDocument(ids.length),
				variables,
				answer: 'deleteMany',
			});
			return { deleted: [...ids] };
		} catch {
			// which ones went is unknown: ask one by one (a delete of one already gone counts as done)
		}
	}
	const deleted: string[] = [];
	for (const id of ids) {
		try {
			await deleteOne(context, id, step);
		} catch (error) {
			return { deleted, failure: asNodeError(context.getNode(), error) };
		}
		deleted.push(id);
	}
	return { deleted };
}
