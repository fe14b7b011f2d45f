import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseBcrumbsDelivery } from '../core/parse';
import { registrationEvents } from '../core/registrations';
import { normalizeEventName } from '../core/webhookEvents';
import { readReceiptQuery, receiptToken } from '../core/receiptToken';
import { safeEqual, verifySharedSecretHeader, type Verdict } from '../../shared/core/verify';
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

const isReceipt = (delivery: IncomingDelivery) => delivery.method.toUpperCase() === 'GET';

/**
 * The secret header, or on an SMPP receipt (a GET, which may carry no custom headers) the token in the URL
 * it was registered with. The token authenticates receipts only: it never stands in for the header on a POST.
 */
export function verifyBcrumbsDelivery(delivery: IncomingDelivery, secret: string | undefined): Verdict {
	const byHeader = verifySharedSecretHeader(delivery.headers[VERIFICATION_HEADER], secret);
	if (byHeader.ok || !secret || !isReceipt(delivery)) return byHeader;
	const { tokens } = readReceiptQuery(delivery.query);
	if (tokens.length === 0) return { ok: false, reason: 'neither the secret header nor the URL token is present' };
	const expected = receiptToken(secret);
	// every value compared, in constant time each: which one matched shows nothing
	const matched = tokens.map((token) => safeEqual(token, expected)).includes(true);
	return matched ? { ok: true } : { ok: false, reason: 'the URL token does not match' };
}

/** Checks the secret this node registered (none held: everything refused), then parses the delivery. */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return await receiveDelivery(this, {
		verify: async (context, delivery) => {
			const endpoint = endpointsOf(context.getWorkflowStaticData('node'))[endpointKeyOf(context)];
			return verifyBcrumbsDelivery(delivery, endpoint?.secret);
		},
		parse: (delivery, parameter) => {
			const selectedEvents = parameter('events', []) as string[];
			if (fromRetiredRegistration(delivery, selectedEvents)) return { items: [], skipped: 1, event: 'retired registration' };
			// the token never reaches an item: the receipt is read without it
			const request = isReceipt(delivery) ? { ...delivery, query: readReceiptQuery(delivery.query).query } : delivery;
			return parseBcrumbsDelivery(request, { selectedEvents, includeRawBody: parameter('options.includeRawBody', false) === true });
		},
	});
}
