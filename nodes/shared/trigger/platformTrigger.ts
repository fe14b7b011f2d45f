import type { INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { PlatformDescriptor } from '../core/platformDescriptor';
import {
	AGENT_AFTER_TRIGGER,
	filterProperty,
	OPTIONS_PROPERTY,
	verificationProperties,
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

/**
 * A hand-configured platform's trigger: one POST webhook, the verification switch, its filters. The node
 * file adds the icon, the subtitle and its credential (descriptor.credentialType, checked by
 * test/nodes/platformDescriptors.test.ts), which n8n's scanner reads only from the literal.
 */
export function platformTriggerDescription(
	descriptor: PlatformDescriptor,
): Omit<INodeTypeDescription, 'icon' | 'subtitle' | 'credentials'> & WithBuilderHint {
	const { node } = descriptor;
	return {
		displayName: node.displayName,
		name: node.name,
		description: node.description,
		builderHint: { searchHint: node.description, relatedNodes: [AGENT_AFTER_TRIGGER] },
		defaults: { name: node.displayName },
		...VERIFIED_TRIGGER_BASE,
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
