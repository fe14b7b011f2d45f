/**
 * Each platform's trigger node behind n8n-core's real WebhookContext (TriggerHarness), with its secret in
 * a mutable credential (or, for bcrumbs, in the node's static data) so a fuzz run can rotate it, and a raw
 * HTTP client that can send what fetch cannot: duplicate header lines, any content type, any method.
 */
import { request as httpRequest } from 'node:http';
import type { ICredentialDataDecryptedObject, IDataObject, INodeType } from 'n8n-workflow';

import type { Platform } from '../../../nodes/shared/core/normalized';
import type { PlatformDescriptor } from '../../../nodes/shared/core/platformDescriptor';
import { ALL_DESCRIPTORS, driverOf, everyDeliveryParameters } from '../../../support/platforms';
import { TriggerHarness } from '../../../support/triggerHarness';
import { triggerNodeOf } from '../../helpers/triggerNodes';
import { basic, sign } from './auth';

export { basic, sign };

/** What authenticates a request: one secret, plus a user name for Basic auth (BIK). */
export interface Secrets {
	secret: string;
	user: string;
}

interface PlatformSetup {
	nodeType: () => INodeType;
	parameters: IDataObject;
	credentialType: string;
	credential: (secrets: Secrets) => ICredentialDataDecryptedObject;
	/** The headers the platform sends with a delivery whose raw bytes are `raw` */
	auth: (secrets: Secrets, raw: string) => Record<string, string>;
}

// only activation talks to bcrumbs; receiving reads the secret the node registered (static data)
const UNUSED_BCRUMBS_CREDENTIAL = {
	apiKey: 'bck_unused_by_the_webhook',
	workspaceId: 12,
	gatewayUrl: 'http://127.0.0.1:9/core/gq',
};

function setupOf(descriptor: PlatformDescriptor): PlatformSetup {
	const driver = driverOf(descriptor);
	return {
		nodeType: () => triggerNodeOf(descriptor),
		parameters: everyDeliveryParameters(descriptor) as IDataObject,
		credentialType: descriptor.credentialType,
		credential: (secrets) =>
			descriptor.authentication.secretIn === 'credential'
				? driver.secretsFor(secrets.secret, secrets.user)
				: UNUSED_BCRUMBS_CREDENTIAL,
		auth: (secrets, raw) => driver.sign(driver.secretsFor(secrets.secret, secrets.user), raw),
	};
}

export const SETUPS = Object.fromEntries(
	ALL_DESCRIPTORS.map((descriptor) => [descriptor.platform, setupOf(descriptor)]),
) as Record<Platform, PlatformSetup>;

export interface LiveTrigger {
	harness: TriggerHarness;
	/** The production webhook URL on the local server */
	url: string;
	secrets: Secrets;
	/** Rotates the secret the node checks against (credential or registered bcrumbs secret) */
	setSecrets(secrets: Secrets): void;
	auth(raw: string): Record<string, string>;
	close(): Promise<void>;
}

export interface LiveTriggerOptions {
	secrets?: Secrets;
	/** false: the node has no credential (or, for bcrumbs, holds no registered secret) */
	withCredential?: boolean;
	workflowId?: string;
	parameters?: IDataObject;
}

const NODE_NAME = 'Bcrumbs Trigger'; // TriggerHarness names every node so; static data is keyed by it

export const defaultSecrets = (platform: Platform): Secrets => ({
	secret: `${platform}-secret-0123456789abcdef`,
	user: `${platform}-user`,
});

export async function startTrigger(
	platform: Platform,
	options: LiveTriggerOptions = {},
): Promise<LiveTrigger> {
	const setup = SETUPS[platform];
	let secrets = options.secrets ?? defaultSecrets(platform);
	const withCredential = options.withCredential ?? true;
	const credentials: Record<string, ICredentialDataDecryptedObject> =
		withCredential || platform === 'bcrumbs'
			? { [setup.credentialType]: setup.credential(secrets) }
			: {};
	const workflowId = options.workflowId ?? `wf-${platform}`;
	const webhookId = `${workflowId}-hook`;
	const endpoint = {
		url: 'registered-url',
		secret: secrets.secret,
		registrations: [{ id: 'wh-1', event: 'ANY_EVENT' }],
	};
	const harness = new TriggerHarness({
		nodeType: setup.nodeType(),
		typeName: `n8n-nodes-bcrumbs.${setup.nodeType().description.name}`,
		parameters: { ...setup.parameters, ...options.parameters } as never,
		credentials,
		staticData:
			platform === 'bcrumbs' && withCredential
				? { [`node:${NODE_NAME}`]: { endpoints: { production: endpoint } } }
				: {},
		workflowId,
		webhookId,
	});
	const base = await harness.listen();
	const live: LiveTrigger = {
		harness,
		url: `${base}/webhook/${webhookId}/webhook`,
		get secrets() {
			return secrets;
		},
		setSecrets(next) {
			secrets = next;
			if (platform === 'bcrumbs') endpoint.secret = next.secret;
			else if (withCredential) credentials[setup.credentialType] = setup.credential(next);
		},
		auth: (raw) => setup.auth(secrets, raw),
		close: () => harness.close(),
	};
	return live;
}

/** Starts the platform's trigger before the block's tests (handed to `started`) and closes it after them. */
export function useLiveTrigger(platform: Platform, started: (trigger: LiveTrigger) => void): void {
	let trigger: LiveTrigger;
	beforeAll(async () => {
		trigger = await startTrigger(platform);
		started(trigger);
	});
	afterAll(async () => trigger.close());
}

export interface RawResponse {
	status: number;
	text: string;
	json: unknown;
}

export interface RawRequest {
	method?: string;
	/** An array value is sent as that many header lines */
	headers?: Record<string, string | string[]>;
	body?: string | Buffer;
	/** Appended to the URL as is */
	query?: string;
}

/** One HTTP request; rejects (failing the test) if no answer comes: a webhook must never hang. */
export function send(url: string, request: RawRequest = {}): Promise<RawResponse> {
	const body = request.body === undefined ? undefined : Buffer.from(request.body);
	const headers: Record<string, string | string[]> = {
		...(body ? { 'content-length': String(body.length) } : {}),
		...request.headers,
	};
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest(
			`${url}${request.query ?? ''}`,
			{ method: request.method ?? 'POST', headers, timeout: 15_000 },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: unknown;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: response.statusCode ?? 0, text, json });
				});
			},
		);
		outgoing.on('timeout', () => outgoing.destroy(new Error('the webhook did not answer')));
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** A JSON delivery with the platform's own authentication, as the platform would send it. */
export async function deliverJson(
	trigger: LiveTrigger,
	body: unknown,
	extraHeaders: Record<string, string | string[]> = {},
): Promise<RawResponse> {
	const raw = JSON.stringify(body);
	return await send(trigger.url, {
		body: raw,
		headers: { 'content-type': 'application/json', ...trigger.auth(raw), ...extraHeaders },
	});
}
