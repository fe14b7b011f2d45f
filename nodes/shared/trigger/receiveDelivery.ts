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

import type {
	DeliverySelection,
	IncomingDelivery,
	PlatformAuthentication,
	PlatformDescriptor,
} from '../core/platformDescriptor';
import { zoneForZonelessTimes } from '../core/timestamps';
import type { Verdict } from '../core/verify';
import { DEFAULT_REFUSAL_HINT, warnRefusal } from './refusalWarnings';

export type { IncomingDelivery };

/** Where this node reads zone-less times: the one rule (core/timestamps.ts) applied to its option and its workflow. */
export function naiveTimeZone(context: IWebhookFunctions): string {
	// the option keeps its first name, naiveTimeZone: saved workflows carry it
	return zoneForZonelessTimes(
		context.getNodeParameter('options.naiveTimeZone', '') as unknown,
		context.getTimezone(),
	);
}

/** The secrets a node registered itself (bcrumbs), read for the URL being called. */
export type RegisteredSecrets = (context: IWebhookFunctions) => Record<string, unknown>;

/**
 * Every delivery of every platform comes in here: answers handshakes, refuses forged requests with 401
 * before any execution, then starts one with the items the platform's parser made.
 */
export async function receiveDelivery(
	context: IWebhookFunctions,
	descriptor: PlatformDescriptor,
	registeredSecrets?: RegisteredSecrets,
): Promise<IWebhookResponseData> {
	const delivery = readDelivery(context);
	const handshake = descriptor.handshake?.(delivery);
	if (handshake) {
		// a challenge is echoed only to the sender that proves it holds the validation key (when one is set)
		const verdict = await verifyHandshake(context, descriptor, delivery);
		if (!verdict.ok) return refuse(context, verdict.reason, descriptor.refusalHint);
		return { webhookResponse: handshake };
	}

	const verdict = await verifyDelivery(context, descriptor, delivery, registeredSecrets);
	if (!verdict.ok) return refuse(context, verdict.reason, descriptor.refusalHint);

	const selection = readSelection(context, descriptor);
	const { items, skipped = 0, event } = descriptor.parser.parseDelivery(delivery, selection);
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

function readDelivery(context: IWebhookFunctions): IncomingDelivery {
	// n8n keeps the raw bytes beside the parsed body
	const request = context.getRequestObject() as ReturnType<
		IWebhookFunctions['getRequestObject']
	> & { rawBody?: Buffer };
	return {
		method: request.method,
		headers: request.headers,
		query: (request.query ?? {}) as Record<string, unknown>,
		params: context.getParamsData() as Record<string, unknown>,
		body: request.body,
		rawBody: request.rawBody,
	};
}

/**
 * One check for every authentication mode: the secret the node registered (bcrumbs), always checked;
 * else the user's credential, checked unless Verification is None.
 */
export async function verifyDelivery(
	context: IWebhookFunctions,
	descriptor: PlatformDescriptor,
	delivery: IncomingDelivery,
	registeredSecrets?: RegisteredSecrets,
): Promise<Verdict> {
	const { authentication } = descriptor;
	if (authentication.secretIn === 'registration')
		return registeredSecrets
			? authentication.verify(delivery, registeredSecrets(context))
			: { ok: false, reason: 'no registered secret is held for this URL' };
	return await verifyWithCredential(context, descriptor, (credential) =>
		authentication.verify(delivery, credential),
	);
}

async function verifyHandshake(
	context: IWebhookFunctions,
	descriptor: PlatformDescriptor,
	delivery: IncomingDelivery,
): Promise<Verdict> {
	const check = descriptor.authentication.verifyHandshake;
	if (!check) return { ok: true };
	return await verifyWithCredential(context, descriptor, (credential) =>
		check(delivery, credential),
	);
}

/** The user's choices, read from the node's parameters: each filter (empty = all) and Include Raw Payload. */
function readSelection(
	context: IWebhookFunctions,
	descriptor: PlatformDescriptor,
): DeliverySelection {
	return {
		includeRawBody: context.getNodeParameter('options.includeRawBody', false) === true,
		filters: Object.fromEntries(
			descriptor.filters.map((filter) => [
				filter.name,
				context.getNodeParameter(filter.name, []) as string[],
			]),
		),
		timeZone: naiveTimeZone(context),
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
