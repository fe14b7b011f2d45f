import type { INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { PlatformDescriptor } from '../core/platformDescriptor';
import {
	AGENT_AFTER_TRIGGER,
	filterProperty,
	OPTIONS_PROPERTY,
	verificationProperties,
	ASKED_WHILE_VERIFYING,
	VERIFIED_TRIGGER_BASE,
	webhookUrlNotice,
	type WithBuilderHint,
} from './descriptions';
import { receiveDelivery, webhookSecretMethods } from './receiveDelivery';

/**
 * What a hand-configured platform's trigger does, bound to its descriptor: the credential test, and
 * webhook(), which n8n calls with the request's context as `this`. The node class extends it and writes
 * only its description.
 */
export function platformTriggerBase(descriptor: PlatformDescriptor) {
	return class {
		methods = webhookSecretMethods(descriptor.authentication);

		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await receiveDelivery(this, descriptor);
		}
	};
}

/** A hand-configured platform's trigger: one POST webhook, an optional verification credential, its filters. */
export function platformTriggerDescription(
	descriptor: PlatformDescriptor,
): Omit<INodeTypeDescription, 'icon' | 'subtitle'> & WithBuilderHint {
	const { node } = descriptor;
	return {
		displayName: node.displayName,
		name: node.name,
		description: node.description,
		builderHint: { searchHint: node.description, relatedNodes: [AGENT_AFTER_TRIGGER] },
		defaults: { name: node.displayName },
		...VERIFIED_TRIGGER_BASE,
		credentials: [
			{ name: descriptor.credentialType, testedBy: 'webhookSecret', ...ASKED_WHILE_VERIFYING },
		],
		properties: [
			webhookUrlNotice(descriptor.setupNotice),
			...verificationProperties(descriptor.authentication),
			...descriptor.filters.map((filter) =>
				filterProperty(filter.displayName, filter.name, filter.values, filter.description),
			),
			// Include Raw Payload and Time Zone of Zone-Less Times, the same on every trigger
			OPTIONS_PROPERTY,
		],
	};
}
