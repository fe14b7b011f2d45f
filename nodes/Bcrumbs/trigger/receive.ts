import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseBcrumbsDelivery } from '../core/parse';
import { registrationEvents } from '../core/registrations';
import { normalizeEventName } from '../core/webhookEvents';
import { verifySharedSecretHeader } from '../../shared/core/verify';
import { receiveDelivery, type IncomingDelivery } from '../../shared/trigger/receiveDelivery';
import { endpointKeyOf, endpointsOf, REGISTERED_EVENT_HEADER, VERIFICATION_HEADER } from './lifecycle';

/**
 * A registration left in bcrumbs for an event no longer selected (a gateway without delete) still
 * delivers; when its event is now covered by another registration (Any Event), running it would start
 * the workflow twice. Its registered-event header tells it apart.
 */
function fromRetiredRegistration(delivery: IncomingDelivery, selected: string[]): boolean {
	const header = delivery.headers[REGISTERED_EVENT_HEADER];
	const registeredFor = normalizeEventName(Array.isArray(header) ? header[0] : header);
	return registeredFor !== '' && !registrationEvents(selected).includes(registeredFor);
}

/** Checks the secret this node registered (none held: everything refused), then parses the delivery. */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return await receiveDelivery(this, {
		verify: async (context, delivery) => {
			const endpoint = endpointsOf(context.getWorkflowStaticData('node'))[endpointKeyOf(context)];
			return verifySharedSecretHeader(delivery.headers[VERIFICATION_HEADER], endpoint?.secret);
		},
		parse: (delivery, parameter) => {
			const selectedEvents = parameter('events', []) as string[];
			if (fromRetiredRegistration(delivery, selectedEvents)) return { items: [], skipped: 1, event: 'retired registration' };
			return parseBcrumbsDelivery(delivery, { selectedEvents, includeRawBody: parameter('options.includeRawBody', false) === true });
		},
	});
}
