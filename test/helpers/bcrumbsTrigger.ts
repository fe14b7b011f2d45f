import type { IDataObject } from 'n8n-workflow';

import { BcrumbsTrigger } from '../../nodes/Bcrumbs/BcrumbsTrigger.node';
import {
	SANDBOX_API_KEY,
	type NewWebhook,
	type Sandbox,
	type StoredWebhook,
	type WebhookEvent,
} from '../../sandbox';
import { TriggerHarness, type TriggerHarnessOptions } from '../../support/triggerHarness';

export interface BcrumbsTriggerOptions extends Pick<
	TriggerHarnessOptions,
	'staticData' | 'workflowId' | 'webhookId' | 'nodeId'
> {
	events: string[];
	/** The node's Options parameter (Include Raw Payload, ...) */
	options?: IDataObject;
}

/** A Bcrumbs Trigger on the given events, with a credential for the gateway at `gateway.url` (a sandbox's or any other). */
export function bcrumbsTrigger(
	gateway: Pick<Sandbox, 'url'>,
	{ events, options = {}, ...harness }: BcrumbsTriggerOptions,
): TriggerHarness {
	return new TriggerHarness({
		nodeType: new BcrumbsTrigger(),
		typeName: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
		parameters: { events, options: options as never },
		credentials: {
			bcrumbsApi: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: gateway.url },
		},
		...harness,
	});
}

/**
 * A registration for the trigger's production URL that the node did not make: made by hand in bcrumbs, or
 * by another node (another secret).
 */
export function registeredByHand(
	sandbox: Sandbox,
	harness: TriggerHarness,
	{
		label,
		headers,
		event = 'INCOMING_MESSAGE',
	}: Pick<NewWebhook, 'label' | 'headers'> & {
		event?: WebhookEvent;
	},
): StoredWebhook {
	return sandbox.addWebhook({ workspaceId: 12, label, url: harness.webhookUrl(), event, headers });
}

/** The events of every webhook registered in the sandbox, sorted. */
export const eventsOf = (sandbox: Sandbox) =>
	sandbox
		.webhooks()
		.map((webhook) => webhook.event)
		.sort();

/** The ids of every webhook registered in the sandbox, sorted. */
export const idsOf = (sandbox: Sandbox) =>
	sandbox
		.webhooks()
		.map((webhook) => webhook.id)
		.sort();
