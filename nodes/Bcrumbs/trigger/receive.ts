import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { BCRUMBS } from '../core/descriptor';
import { deliveryHandler } from '../../shared/trigger/platformTrigger';
import { receiveDelivery } from '../../shared/trigger/receiveDelivery';
import { endpointKeyOf, endpointsOf } from './endpoints';

// the secret this node registered for the URL being called; none held: everything is refused
const handler = deliveryHandler(BCRUMBS, (context) => ({
	secret: endpointsOf(context.getWorkflowStaticData('node'))[endpointKeyOf(context)]?.secret,
}));

/** Checks the secret this node registered, then parses the delivery (core/descriptor.ts). */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return await receiveDelivery(this, handler);
}
