import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { parseOneRouteDelivery, verifyOneRouteSignature } from './core/parse';
import { OPTIONS_PROPERTY, verificationProperties, VERIFICATION_SUBTITLE, VERIFIED_TRIGGER_BASE, webhookUrlNotice } from '../shared/trigger/descriptions';
import { platformWebhook, verifyWithCredential, WEBHOOK_SECRET_METHODS } from '../shared/trigger/receiveDelivery';

export class OneRouteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OneRoute Trigger',
		name: 'oneRouteTrigger',
		icon: { light: 'file:oneroute.svg', dark: 'file:oneroute.dark.svg' },
		description: 'Starts the workflow when a new message arrives in OneRoute',
		defaults: { name: 'OneRoute Trigger' },
		...VERIFIED_TRIGGER_BASE,
		subtitle: VERIFICATION_SUBTITLE,
		// asked for only while Verification is on
		credentials: [{ name: 'oneRouteWebhookApi', required: true, testedBy: 'webhookSecret', displayOptions: { show: { verification: ['credentials'] } } }],
		properties: [
			webhookUrlNotice('paste it as the webhook URL in OneRoute (Settings, or on a channel)'),
			...verificationProperties('x-oneroute-signature (HMAC-SHA512 of the body with your secret key)'),
			OPTIONS_PROPERTY,
		],
	};

	methods = WEBHOOK_SECRET_METHODS;

	webhook = platformWebhook({
		verify: async (context, delivery) =>
			await verifyWithCredential(context, 'oneRouteWebhookApi', (credentials) =>
				verifyOneRouteSignature(delivery.headers, credentials.secretKey as string, delivery.rawBody, delivery.body),
			),
		parse: (delivery, parameter) => parseOneRouteDelivery(delivery.body, { includeRawBody: parameter('options.includeRawBody', false) === true }),
	});
}
