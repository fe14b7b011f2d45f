import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseBcrumbsDelivery } from '../shared/bcrumbs/parse';
import { verifySharedSecretHeader } from '../shared/verify';
import { endpointKeyOf, endpointsOf, VERIFICATION_HEADER } from './lifecycle';

/** Verifies the registered secret, then turns the delivery into items. Never leaves a request unanswered. */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const endpoint = endpointsOf(this.getWorkflowStaticData('node'))[endpointKeyOf(this)];
	const verdict = verifySharedSecretHeader(request.headers[VERIFICATION_HEADER], endpoint?.secret);
	if (!verdict.ok) {
		// fail closed, before any execution; the reason stays server-side
		this.getResponseObject().status(401).json({ error: 'Unauthorized' });
		return { noWebhookResponse: true };
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const result = parseBcrumbsDelivery(
		{ method: request.method, body: this.getBodyData(), query: this.getQueryData() as Record<string, unknown> },
		{ selectedEvents: this.getNodeParameter('events', []) as string[], includeRawBody: options.includeRawBody === true },
	);
	if (result.items.length === 0) {
		return { webhookResponse: { received: true, event: result.event, started: false } };
	}
	return {
		workflowData: [this.helpers.returnJsonArray(result.items as IDataObject[])],
		webhookResponse: { received: true, event: result.event, started: true },
	};
}
