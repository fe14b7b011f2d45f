import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { bcrumbsGraphql, getBcrumbsCredentials, type BcrumbsContext } from './index';
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
} from './capabilities';
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
	type WebhookRecord,
} from './documents';

/**
 * The bcrumbs webhooks API: the one way the action node and the trigger list, create and delete webhooks.
 * `operation` names the call in errors ("bcrumbs <operation> failed: ...").
 */

export interface CallOptions {
	operation: string;
	timeoutMs?: number;
}

export interface Listing {
	webhooks: WebhookRecord[];
	/** whether the records carry their headers (asked only where the gateway lists them) */
	withHeaders: boolean;
}

export async function listWebhooks(
	context: BcrumbsContext,
	options: CallOptions & { filters?: { label?: string; event?: string }; withHeaders?: boolean },
): Promise<Listing> {
	const withHeaders = options.withHeaders === true;
	const result = await bcrumbsGraphql<ListWebhooksResult>(context, {
		operation: options.operation,
		document: withHeaders ? LIST_WEBHOOKS_WITH_HEADERS : LIST_WEBHOOKS,
		input: { ...options.filters },
		timeoutMs: options.timeoutMs,
		answer: 'list',
	});
	return { webhooks: result.webhooks.nodes, withHeaders };
}

/**
 * The webhooks and what the gateway offers. Asked together (documented fields only) when the
 * capabilities are not cached; if that combined request fails, separately, so each failure is named.
 * As for a separate introspection, only an answer that introspection is disabled means the documented
 * API (cached, not asked again); any other failure (a rate limit, HTTP 5xx) is asked again separately.
 */
export async function listWebhooksAndCapabilities(
	context: BcrumbsContext,
	operation: string,
): Promise<Listing & { capabilities: GatewayCapabilities | undefined }> {
	const { gatewayUrl } = await getBcrumbsCredentials(context);
	const cached = cachedCapabilities(gatewayUrl);
	const listed = async (capabilities: GatewayCapabilities | undefined) => ({
		...(await listWebhooks(context, {
			operation,
			withHeaders: capabilities?.listedHeaders === true,
		})),
		capabilities,
	});
	if (cached) return await listed(cached);
	try {
		const result = await bcrumbsGraphql<ListWebhooksResult & GatewayCapabilitiesResult>(context, {
			operation,
			document: LIST_WEBHOOKS_AND_CAPABILITIES,
			input: {},
			answer: 'listAndCapabilities',
		});
		const capabilities = capabilitiesFound(context, gatewayUrl, result);
		return { webhooks: result.webhooks.nodes, withHeaders: false, capabilities };
	} catch (error) {
		if (!refusesIntrospection(error)) return await listed(await gatewayCapabilities(context));
		rememberCapabilities(gatewayUrl, DOCUMENTED_API);
		return await listed(DOCUMENTED_API);
	}
}

export async function createWebhook(
	context: BcrumbsContext,
	input: { url: string; event: string; label: string; headers?: Record<string, string> },
	options: CallOptions & { secrets?: string[] },
): Promise<WebhookRecord> {
	const result = await bcrumbsGraphql<CreateWebhookResult>(context, {
		operation: options.operation,
		document: CREATE_WEBHOOK,
		input,
		timeoutMs: options.timeoutMs,
		secrets: options.secrets,
		answer: 'create',
	});
	return result.createWebhook;
}

export interface DeleteOutcome {
	/** the ids gone from bcrumbs (deleted now, or already gone) */
	deleted: string[];
	/** why the others were not deleted */
	failure?: NodeApiError | NodeOperationError;
}

/**
 * Deletes webhooks in one request (aliased deleteWebhook fields). If that request fails in any way
 * (one id already gone, a fault), deletes one id at a time until the first failure, so what is gone
 * is known; one already gone counts as deleted.
 */
export async function deleteWebhooks(
	context: BcrumbsContext,
	ids: readonly string[],
	step: string,
): Promise<DeleteOutcome> {
	if (ids.length === 0) return { deleted: [] };
	if (ids.length > 1 && (await deletedAtOnce(context, ids, step))) return { deleted: [...ids] };
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

async function deletedAtOnce(
	context: BcrumbsContext,
	ids: readonly string[],
	step: string,
): Promise<boolean> {
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
		return true;
	} catch {
		// which ones went is unknown: the caller asks one by one
		return false;
	}
}

async function deleteOne(context: BcrumbsContext, id: string, step: string): Promise<void> {
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
