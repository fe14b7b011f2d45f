import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RemoteWebhook } from '../core/registrations';
import { asNodeError, type GatewayCapabilities } from '../transport/capabilities';

/**
 * n8n shows only an error's description when activation fails: put the message (step and remote
 * message) in front of it, so the user sees what failed as well as what to do.
 */
export function forActivation(
	context: IHookFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	const nodeError = asNodeError(context.getNode(), error);
	if (nodeError.description?.startsWith(nodeError.message) !== true) {
		nodeError.description = nodeError.description
			? `${nodeError.message}. ${nodeError.description}`
			: nodeError.message;
	}
	return nodeError;
}

/** Registrations for this URL the node cannot verify and cannot replace: what to do about them. */
export function unverifiable(
	context: IHookFunctions,
	strangers: RemoteWebhook[],
	capabilities: GatewayCapabilities | undefined,
): NodeOperationError {
	const list = strangers.map((webhook) => `${webhook.id} (${webhook.event.trim()})`).join(', ');
	const them = strangers.length === 1 ? 'it' : 'them';
	const why = capabilities
		? `This gateway cannot delete webhooks through its API: delete ${them} in bcrumbs (Settings > Webhooks), then activate again.`
		: `Could not check whether this gateway can delete webhooks (its introspection failed): activate again, or delete ${them} in bcrumbs (Settings > Webhooks).`;
	return new NodeOperationError(
		context.getNode(),
		`bcrumbs already has webhooks for this URL that this node cannot verify: ${list}`,
		{
			description: `Their secret is unknown, so their deliveries would be refused. ${why}`,
		},
	);
}
