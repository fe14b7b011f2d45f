import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TriggerItemJson } from '../core/items';
import type {
	IncomingDelivery,
	PlatformAuthentication,
	PlatformDescriptor,
} from '../core/platformDescriptor';
import { zoneForZonelessTimes } from '../core/timestamps';
import type { Verdict } from '../core/verify';
import { DEFAULT_REFUSAL_HINT, warnRefusal } from './refusalWarnings';

export type { IncomingDelivery };

export type ReadParameter = (name: string, fallback: unknown) => unknown;

/** What parsing needs from n8n beyond the node's parameters. */
export interface DeliveryEnvironment {
	/** Where times sent without a zone are read: the node's option, else the workflow's time zone, else UTC */
	timeZone: string;
}

/** Where this node reads zone-less times: the one rule (core/timestamps.ts) applied to its option and its workflow. */
export function naiveTimeZone(context: IWebhookFunctions): string {
	// the option keeps its first name, naiveTimeZone: saved workflows carry it
	return zoneForZonelessTimes(
		context.getNodeParameter('options.naiveTimeZone', '') as unknown,
		context.getTimezone(),
	);
}

/**
 * The platform-specific steps of receiving one delivery. `parse` and `handshake` are the pure core;
 * `verify` may read n8n state (credentials, static data) through the context it is given.
 */
export interface DeliveryHandler {
	verify(context: IWebhookFunctions, delivery: IncomingDelivery): Promise<Verdict>;
	/** Protocol handshakes (MOBtexting's challenge) are answered without starting an execution */
	handshake?(delivery: IncomingDelivery): Record<string, unknown> | undefined;
	/** Whether a recognised handshake may be answered; refused with 401 when not */
	verifyHandshake?(context: IWebhookFunctions, delivery: IncomingDelivery): Promise<Verdict>;
	/** What to change when a delivery is refused, for the warning in n8n's log */
	refusalHint?: string;
	parse(
		delivery: IncomingDelivery,
		parameter: ReadParameter,
		environment: DeliveryEnvironment,
	): { items: TriggerItemJson[]; skipped?: number; event?: string };
}

/** Answers handshakes, refuses forged requests with 401 before any execution, then starts one with the items. */
export async function receiveDelivery(
	context: IWebhookFunctions,
	handler: DeliveryHandler,
): Promise<IWebhookResponseData> {
	// n8n keeps the raw bytes beside the parsed body
	const request = context.getRequestObject() as ReturnType<
		IWebhookFunctions['getRequestObject']
	> & { rawBody?: Buffer };
	const delivery: IncomingDelivery = {
		method: request.method,
		headers: request.headers,
		query: (request.query ?? {}) as Record<string, unknown>,
		params: context.getParamsData() as Record<string, unknown>,
		body: request.body,
		rawBody: request.rawBody,
	};
	const handshake = handler.handshake?.(delivery);
	if (handshake) {
		// a challenge is echoed only to the sender that proves it holds the validation key (when one is set)
		const handshakeVerdict = (await handler.verifyHandshake?.(context, delivery)) ?? { ok: true };
		if (!handshakeVerdict.ok) return refuse(context, handshakeVerdict.reason, handler.refusalHint);
		return { webhookResponse: handshake };
	}

	const verdict = await handler.verify(context, delivery);
	if (!verdict.ok) return refuse(context, verdict.reason, handler.refusalHint);

	const parameter: ReadParameter = (name, fallback) => context.getNodeParameter(name, fallback);
	const {
		items,
		skipped = 0,
		event,
	} = handler.parse(delivery, parameter, { timeZone: naiveTimeZone(context) });
	const acknowledgement: IDataObject = {
		received: true,
		...(event ? { event } : {}),
		started: items.length > 0,
	};
	if (items.length === 0) return { webhookResponse: { ...acknowledgement, skipped } };
	return {
		workflowData: [context.helpers.returnJsonArray(items as IDataObject[])],
		webhookResponse: acknowledgement,
	};
}

/**
 * A refused request starts nothing the workflow would run. In production: 401, the reason kept server-side
 * (a forger learns nothing) but logged, rate-limited. While the user listens for a test event: an error
 * on the trigger, which n8n shows in the editor with the fix, no node after it runs, and the listening
 * ends; the error names the cause only, never the request's data.
 */
function refuse(
	context: IWebhookFunctions,
	reason: string,
	hint: string | undefined,
): IWebhookResponseData {
	if (context.getMode() === 'manual') throw refusedTestDelivery(context, reason, hint);
	context.getResponseObject().status(401).json({ error: 'Unauthorized' });
	warnRefusal(context, reason, hint);
	return { noWebhookResponse: true };
}

/** The error shown in the editor for a test delivery that failed verification. */
export function refusedTestDelivery(
	context: Pick<IWebhookFunctions, 'getNode'>,
	reason: string,
	hint: string | undefined,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Request refused: ${reason}`, {
		description: `${hint ?? DEFAULT_REFUSAL_HINT} In production such a request gets 401 and starts nothing.`,
	});
}

/**
 * For triggers whose credential holds the platform's secret: verification follows the node's choice (its
 * default is the platform's), and on means fail closed, so a missing credential refuses everything.
 */
export async function verifyWithCredential(
	context: IWebhookFunctions,
	descriptor: Pick<PlatformDescriptor, 'credentialType' | 'authentication'>,
	check: (credentials: ICredentialDataDecryptedObject) => Verdict,
): Promise<Verdict> {
	const { credentialType, authentication } = descriptor;
	const chosen = context.getNodeParameter('verification', authentication.defaultVerification);
	if (chosen === 'none') return { ok: true };
	let credentials: ICredentialDataDecryptedObject | undefined;
	try {
		credentials = await context.getCredentials<ICredentialDataDecryptedObject>(credentialType);
	} catch {
		credentials = undefined;
	}
	return credentials
		? check(credentials)
		: { ok: false, reason: 'verification is on but no credential is set' };
}

/**
 * The credential test of a platform trigger. These credentials hold a secret the platform sends, not a
 * key for an API: the test checks every field the chosen form needs is filled in.
 */
export function webhookSecretMethods(
	authentication: Pick<PlatformAuthentication, 'optionalFields'>,
) {
	async function webhookSecret(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		const optional = authentication.optionalFields?.(data) ?? [];
		const empty = Object.entries(data)
			.filter(([name]) => !optional.includes(name))
			.filter(([, value]) => typeof value !== 'string' || value.trim() === '')
			.map(([name]) => name);
		if (empty.length > 0) return { status: 'Error', message: `Fill in: ${empty.join(', ')}` };
		return { status: 'OK', message: 'Saved: deliveries will be checked against it' };
	}
	return { credentialTest: { webhookSecret } };
}

/** The node's `webhook` for a platform trigger: n8n calls it with the webhook context as `this`. */
export function platformWebhook(
	handler: DeliveryHandler,
): (this: IWebhookFunctions) => Promise<IWebhookResponseData> {
	return async function webhook(this: IWebhookFunctions) {
		return await receiveDelivery(this, handler);
	};
}

/** The node `methods` that test a webhook-secret credential. */
