import type { IHookFunctions } from 'n8n-workflow';

import { gatewayCapabilities, type GatewayCapabilities } from '../transport/capabilities';
import type { EndpointState, HeldRegistration } from '../core/registrations';
import { deleteWebhooks, type DeleteOutcome } from '../transport/webhooks';
import {
	endpointKeyOf,
	endpointsOf,
	forgetListing,
	lifecycleKey,
	type EndpointKey,
} from './endpoints';
import { serialized } from './keyedMutex';

/**
 * The removing side of the Bcrumbs Trigger's lifecycle: deactivation, the rollback of a failed activation,
 * and the registrations of a URL n8n no longer uses. Deletes only where the gateway can; what stays is
 * kept in state (reused next time) or named in the log.
 */

/**
 * n8n's webhook URL changed (another WEBHOOK_URL, a renamed path): the registrations for the old URL would
 * post to nowhere forever. Removed where the gateway can; otherwise named in the log for manual removal.
 */
export async function retireMovedEndpoint(
	context: IHookFunctions,
	moved: EndpointState | undefined,
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	if (!moved || moved.registrations.length === 0) return;
	const node = context.getNode().name;
	if (!capabilities?.canDelete) {
		const why = capabilities
			? 'this gateway cannot delete webhooks'
			: 'could not check whether this gateway deletes webhooks';
		const ids = moved.registrations.map((registration) => registration.id).join(', ');
		context.logger.warn(
			`Bcrumbs Trigger "${node}": the webhook URL changed and ${why}; delete the bcrumbs webhooks for ${moved.url} by hand: ${ids}`,
		);
		return;
	}
	const { deleted, failure } = await deleteWebhooks(
		context,
		moved.registrations.map((registration) => registration.id),
		'removing the registrations for the old URL',
	);
	if (failure) {
		const left = moved.registrations
			.filter((registration) => !deleted.includes(registration.id))
			.map((registration) => registration.id);
		context.logger.warn(
			`Bcrumbs Trigger "${node}": could not remove the webhooks for the old URL ${moved.url} (${left.join(', ')}): ${failure.message}`,
		);
	}
}

/** Deletes held registrations; those gone leave the state, the others stay in it. Returns why some stayed. */
export async function deleteHeld(
	context: IHookFunctions,
	endpoint: EndpointState,
	ids: string[],
	step: string,
): Promise<DeleteOutcome['failure']> {
	const { deleted, failure } = await deleteWebhooks(context, ids, step);
	endpoint.registrations = endpoint.registrations.filter(
		(registration) => !deleted.includes(registration.id),
	);
	return failure;
}

/** After a failed activation: remove what this attempt registered where the gateway can; otherwise it stays in state for the next try to adopt. */
export async function rollBack(
	context: IHookFunctions,
	endpoint: EndpointState,
	created: HeldRegistration[],
	capabilities: GatewayCapabilities | undefined,
): Promise<void> {
	if (created.length === 0 || !capabilities?.canDelete) return;
	const failure = await deleteHeld(
		context,
		endpoint,
		created.map((registration) => registration.id),
		'rolling back',
	);
	if (failure)
		context.logger.warn(
			`Bcrumbs Trigger "${context.getNode().name}": rollback incomplete: ${failure.message}`,
		);
}

/** Removes this node's registrations where the gateway can; never throws, so deactivation always completes. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const endpoints = endpointsOf(this.getWorkflowStaticData('node'));
	// n8n tears test webhooks down in 'internal' mode: find the endpoint by the URL it reports, not by mode
	const url = this.getNodeWebhookUrl('default') ?? '';
	const key =
		(Object.keys(endpoints) as EndpointKey[]).find(
			(candidate) => endpoints[candidate]?.url === url,
		) ?? endpointKeyOf(this);
	const lockKey = lifecycleKey(this, endpoints[key]?.url ?? url);
	return await serialized(lockKey, async () => {
		forgetListing(lockKey);
		const endpoint = endpoints[key];
		const nothingHeld = !endpoint || endpoint.registrations.length === 0;
		// the endpoint leaves the state only once bcrumbs holds nothing of it
		if (nothingHeld || (await removedAll(this, endpoint))) delete endpoints[key];
		return true;
	});
}

/** Deletes the endpoint's registrations; true when all are gone. What stays is named in the log, never thrown. */
async function removedAll(context: IHookFunctions, endpoint: EndpointState): Promise<boolean> {
	const node = context.getNode().name;
	const count = `${endpoint.registrations.length} registration(s) for ${endpoint.url}`;
	try {
		const capabilities = await gatewayCapabilities(context);
		if (!capabilities) {
			context.logger.warn(
				`Bcrumbs Trigger "${node}": could not check whether this bcrumbs gateway deletes webhooks; ${count} stay in bcrumbs and in this node's state, reused or removed next time`,
			);
			return false;
		}
		if (!capabilities.canDelete) {
			// kept, with its secret, so the next activation reuses it instead of registering twice
			endpoint.deleteUnsupported = true;
			context.logger.info(
				`Bcrumbs Trigger "${node}": this bcrumbs gateway cannot delete webhooks; ${count} stay in bcrumbs and are reused on the next activation`,
			);
			return false;
		}
		const failure = await deleteHeld(
			context,
			endpoint,
			endpoint.registrations.map((registration) => registration.id),
			'deactivating',
		);
		if (failure) {
			const left = endpoint.registrations.map((registration) => registration.id).join(', ');
			context.logger.warn(
				`Bcrumbs Trigger "${node}": could not remove its bcrumbs webhooks ${left}; kept in state for the next activation or deactivation: ${failure.message}`,
			);
			return false;
		}
	} catch (error) {
		context.logger.warn(
			`Bcrumbs Trigger "${node}": could not remove its bcrumbs webhooks: ${(error as Error).message}`,
		);
		return false;
	}
	return true;
}
