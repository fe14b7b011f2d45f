import type { IHookFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MUTATION_FIELDS, type MutationFieldsResult } from './documents';
import { bcrumbsGraphql, getBcrumbsCredentials } from './index';

// a gateway's schema changes rarely: ask once per gateway every few minutes, not on every activation
const CACHE_MS = 5 * 60_000;
const deleteSupport = new Map<string, { supported: boolean; at: number }>();

/** Whether the gateway offers `deleteWebhook` (bcrumbs documents none), found by GraphQL introspection. */
export async function gatewaySupportsDelete(context: IHookFunctions): Promise<boolean> {
	const { gatewayUrl } = await getBcrumbsCredentials(context);
	const cached = deleteSupport.get(gatewayUrl);
	if (cached && Date.now() - cached.at < CACHE_MS) return cached.supported;
	let result: MutationFieldsResult;
	try {
		result = await bcrumbsGraphql<MutationFieldsResult>(context, { operation: 'introspection (does the gateway delete webhooks?)', document: MUTATION_FIELDS });
	} catch (error) {
		// a gateway that refuses introspection is treated as one without delete, and asked again next time
		context.logger.warn(`bcrumbs: could not ask the gateway whether it deletes webhooks: ${(error as Error).message}`);
		return false;
	}
	const supported = (result.__type?.fields ?? []).some((field) => field.name === 'deleteWebhook');
	deleteSupport.set(gatewayUrl, { supported, at: Date.now() });
	return supported;
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
