import type { INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type {
	DeliverySelection,
	IncomingDelivery,
	PlatformDescriptor,
} from '../core/platformDescriptor';
import {
	AGENT_AFTER_TRIGGER,
	filterProperty,
	OPTIONS_PROPERTY,
	verificationProperties,
	VERIFIED_TRIGGER_BASE,
	webhookUrlNotice,
	type WithBuilderHint,
} from './descriptions';
import {
	platformWebhook,
	verifyWithCredential,
	type DeliveryEnvironment,
	type DeliveryHandler,
	type ReadParameter,
} from './receiveDelivery';

/** The credential is asked for only while Verification is on. */
export const VERIFICATION_ON = { show: { verification: ['credentials'] } };

/** The user's choices, read from the node's parameters: each filter (empty = all) and Include Raw Payload. */
export function readSelection(
	descriptor: PlatformDescriptor,
	parameter: ReadParameter,
	environment: DeliveryEnvironment,
): DeliverySelection {
	return {
		includeRawBody: parameter('options.includeRawBody', false) === true,
		filters: Object.fromEntries(
			descriptor.filters.map((filter) => [filter.name, parameter(filter.name, []) as string[]]),
		),
		timeZone: environment.timeZone,
	};
}

/**
 * The receiving steps of a platform. Without `registeredSecrets` the secret is the user's credential, checked
 * unless Verification is None; with it (bcrumbs), the secret the node registered, always checked.
 */
export function deliveryHandler(
	descriptor: PlatformDescriptor,
	registeredSecrets?: (context: IWebhookFunctions) => Record<string, unknown>,
): DeliveryHandler {
	const { authentication } = descriptor;
	const { verifyHandshake } = authentication;
	return {
		verify: async (context, delivery) =>
			registeredSecrets
				? authentication.verify(delivery, registeredSecrets(context))
				: await verifyWithCredential(context, descriptor, (credential) =>
						authentication.verify(delivery, credential),
					),
		...(descriptor.handshake ? { handshake: descriptor.handshake } : {}),
		...(verifyHandshake
			? {
					verifyHandshake: async (context: IWebhookFunctions, delivery: IncomingDelivery) =>
						await verifyWithCredential(context, descriptor, (credential) =>
							verifyHandshake(delivery, credential),
						),
				}
			: {}),
		refusalHint: descriptor.refusalHint,
		parse: (delivery, parameter, environment) =>
			descriptor.parse(delivery, readSelection(descriptor, parameter, environment)),
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
			{
				name: descriptor.credentialType,
				required: true,
				testedBy: 'webhookSecret',
				displayOptions: VERIFICATION_ON,
			},
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

/** The node's `webhook`: n8n calls it with the webhook context as `this`. */
export function descriptorWebhook(
	descriptor: PlatformDescriptor,
): (this: IWebhookFunctions) => Promise<IWebhookResponseData> {
	return platformWebhook(deliveryHandler(descriptor));
}
