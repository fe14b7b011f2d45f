import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { parseOneRouteDelivery, verifyOneRouteSignature } from '../shared/oneroute/parse';
import { OPTIONS_PROPERTY, POST_WEBHOOK, verificationProperties, webhookUrlNotice } from '../triggerAdapter/descriptions';
import { receiveDelivery, testWebhookSecret, verifyWithCredential } from '../triggerAdapter/receiveDelivery';

export class OneRouteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OneRoute Trigger',
		name: 'oneRouteTrigger',
		icon: { light: 'file:oneroute.svg', dark: 'file:oneroute.dark.svg' },
		group: ['trigger'],
		subtitle: '={{$parameter["verification"] === "none" ? "Not verified" : "Verified"}}',
		version: 1,
		description: 'Starts the workflow when a new message arrives in OneRoute',
		defaults: { name: 'OneRoute Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// checked only when Verification is on
		credentials: [{ name: 'oneRouteWebhookApi', required: true, testedBy: 'webhookSecret', displayOptions: { show: { verification: ['credentials'] } } }],
		webhooks: [POST_WEBHOOK],
		properties: [
			webhookUrlNotice('paste it as the webhook URL in OneRoute (Settings, or on a channel)'),
			...verificationProperties('x-oneroute-signature (HMAC-SHA512 of the body with your secret key)'),
			OPTIONS_PROPERTY,
		],
	};

	methods = { credentialTest: { webhookSecret: testWebhookSecret } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, {
			verify: async (context, delivery) =>
				await verifyWithCredential(context, 'oneRouteWebhookApi', (credentials) =>
					verifyOneRouteSignature(delivery.headers, credentials.secretKey as string, delivery.rawBody, delivery.body),
				),
			parse: (delivery, parameter) => parseOneRouteDelivery(delivery.body, { includeRawBody: parameter('options.includeRawBody', false) === true }),
		});
	}
}
