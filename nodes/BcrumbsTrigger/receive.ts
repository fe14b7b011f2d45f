import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseBcrumbsDelivery } from '../shared/bcrumbs/parse';
import { verifySharedSecretHeader } from '../shared/verify';
import { receiveDelivery } from '../triggerAdapter/receiveDelivery';
import { endpointKeyOf, endpointsOf, VERIFICATION_HEADER } from './lifecycle';

/** Checks the secret this node registered (none held: everything refused), then parses the delivery. */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return await receiveDelivery(this, {
		verify: async (context, delivery) => {
			const endpoint = endpointsOf(context.getWorkflowStaticData('node'))[endpointKeyOf(context)];
			return verifySharedSecretHeader(delivery.headers[VERIFICATION_HEADER], endpoint?.secret);
		},
		parse: (delivery, parameter) =>
			parseBcrumbsDelivery(delivery, {
				selectedEvents: parameter('events', []) as string[],
				includeRawBody: parameter('options.includeRawBody', false) === true,
			}),
	});
}
