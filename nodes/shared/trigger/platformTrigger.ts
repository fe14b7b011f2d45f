import type { INodeTypeDescription } from 'n8n-workflow';

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

/** The credential is asked for only while Verification is on. */
export const VERIFICATION_ON = { show: { verification: ['credentials'] } };

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
