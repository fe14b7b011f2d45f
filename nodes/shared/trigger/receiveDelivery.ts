import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { TriggerItemJson } from '../core/items';
import type { IncomingDelivery } from '../core/platformDescriptor';
import type { Verdict } from '../core/verify';

export type { IncomingDelivery };

export type ReadParameter = (name: string, fallback: unknown) => unknown;

/**
 * The platform-specific steps of receiving one delivery. `parse` and `handshake` are the pure core;
 * `verify` may read n8n state (credentials, static data) through the context it is given.
 */
export interface DeliveryHandler {
	verify(context: IWebhookFunctions, delivery: IncomingDelivery): Promise<Verdict>;
	/** Protocol handshakes (MOBtexting's challenge) are answered without starting an execution */
	handshake?(delivery: IncomingDelivery): Record<string, unknown> | undefined;
	parse(delivery: IncomingDelivery, parameter: ReadParameter): { items: TriggerItemJson[]; skipped?: number; event?: string };
}

/** Answers handshakes, refuses forged requests with 401 before any execution, then starts one with the items. */
export async function receiveDelivery(context: IWebhookFunctions, handler: DeliveryHandler): Promise<IWebhookResponseData> {
	// n8n keeps the raw bytes beside the parsed body
	const request = context.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer };
	const delivery: IncomingDelivery = {
		method: request.method,
		headers: request.headers,
		query: (request.query ?? {}) as Record<string, unknown>,
		body: request.body,
		rawBody: request.rawBody,
	};
	const handshake = handler.handshake?.(delivery);
	if (handshake) return { webhookResponse: handshake };

	const verdict = await handler.verify(context, delivery);
	if (!verdict.ok) {
		// the reason stays server-side: a forger learns nothing
		context.getResponseObject().status(401).json({ error: 'Unauthorized' });
		return { noWebhookResponse: true };
	}

	const { items, skipped = 0, event } = handler.parse(delivery, (name, fallback) => context.getNodeParameter(name, fallback));
	const acknowledgement: IDataObject = { received: true, ...(event ? { event } : {}), started: items.length > 0 };
	if (items.length === 0) return { webhookResponse: { ...acknowledgement, skipped } };
	return { workflowData: [context.helpers.returnJsonArray(items as IDataObject[])], webhookResponse: acknowledgement };
}

/**
 * For triggers whose credential holds the platform's secret: verification is on unless the user chose
 * None, and on means fail closed, so a missing credential refuses everything.
 */
export async function verifyWithCredential(
	context: IWebhookFunctions,
	credentialType: string,
	check: (credentials: ICredentialDataDecryptedObject) => Verdict,
): Promise<Verdict> {
	if (context.getNodeParameter('verification', 'credentials') === 'none') return { ok: true };
	let credentials: ICredentialDataDecryptedObject | undefined;
	try {
		credentials = await context.getCredentials<ICredentialDataDecryptedObject>(credentialType);
	} catch {
		credentials = undefined;
	}
	return credentials ? check(credentials) : { ok: false, reason: 'verification is on but no credential is set' };
}

/** These credentials hold a secret the platform sends, not a key for an API: the test checks every field is filled in. */
export async function testWebhookSecret(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const empty = Object.entries(credential.data ?? {})
		.filter(([, value]) => typeof value !== 'string' || value.trim() === '')
		.map(([name]) => name);
	if (empty.length > 0) return { status: 'Error', message: `Fill in: ${empty.join(', ')}` };
	return { status: 'OK', message: 'Saved: deliveries will be checked against it' };
}

/** The node's `webhook` for a platform trigger: n8n calls it with the webhook context as `this`. */
export function platformWebhook(handler: DeliveryHandler): (this: IWebhookFunctions) => Promise<IWebhookResponseData> {
	return async function webhook(this: IWebhookFunctions) {
		return await receiveDelivery(this, handler);
	};
}

/** The node `methods` that test a webhook-secret credential. */
export const WEBHOOK_SECRET_METHODS = { credentialTest: { webhookSecret: testWebhookSecret } };
