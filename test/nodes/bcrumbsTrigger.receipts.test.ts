/**
 * SMPP receipts (MESSAGE_UPDATED_SMPP): a GET that, as documented, may carry no custom headers. The
 * registration's URL carries a token; either the header or that token verifies a receipt. Through the
 * sandbox in both profiles and n8n-core's real contexts.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	RECEIPT_TOKEN_PARAM,
	receiptToken,
	receiptUrl,
} from '../../nodes/Bcrumbs/core/receiptToken';
import { VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import {
	exampleEvent,
	startSandbox,
	type QueryJoin,
	type Sandbox,
	type SandboxProfile,
} from '../../sandbox';
import { bcrumbsTrigger } from '../helpers/bcrumbsTrigger';
import { takeRefusalCauses } from '../helpers/n8nLog';
import type { TriggerHarness } from '../helpers/triggerHarness';

const PROFILES: SandboxProfile[] = ['documented', 'extended'];
const JOINS: QueryJoin[] = ['standard', 'naive'];

const sandboxes = {} as Record<SandboxProfile, Sandbox>;
const harnesses: TriggerHarness[] = [];

beforeAll(async () => {
	for (const profile of PROFILES) sandboxes[profile] = await startSandbox({ profile });
});
afterAll(async () => {
	await Promise.all(PROFILES.map((profile) => sandboxes[profile].close()));
});
beforeEach(() => PROFILES.forEach((profile) => sandboxes[profile].reset()));
afterEach(async () => {
	await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
});

async function activeTrigger(
	sandbox: Sandbox,
	options: IDataObject = {},
	staticData?: IDataObject,
	listen = true,
): Promise<TriggerHarness> {
	const harness = bcrumbsTrigger(sandbox, {
		events: ['INCOMING_MESSAGE', 'MESSAGE_UPDATED_SMPP'],
		options,
		staticData,
	});
	harnesses.push(harness);
	if (listen) await harness.listen();
	await harness.activate();
	return harness;
}

const secretOf = (harness: TriggerHarness) =>
	((harness.staticData.endpoints as IDataObject).production as { secret: string }).secret;
const receiptRegistration = (sandbox: Sandbox) =>
	sandbox.webhooks().find((webhook) => webhook.event === 'MESSAGE_UPDATED_SMPP');

/** A GET as a sender would send it, to a URL given whole (a naive sender's second '?' included). */
async function getReceipt(
	url: string,
	headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, { headers });
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as unknown) : text };
}

describe.each(PROFILES)('SMPP receipts, %s profile', (profile) => {
	it('registers the receipt with a token in its URL; the POST events keep the plain URL', async () => {
		const harness = await activeTrigger(sandboxes[profile]);
		const url = harness.webhookUrl();
		expect(receiptRegistration(sandboxes[profile])?.url).toBe(
			`${url}?${RECEIPT_TOKEN_PARAM}=${receiptToken(secretOf(harness))}`,
		);
		expect(
			sandboxes[profile].webhooks().find((webhook) => webhook.event.trim() === 'INCOMING_MESSAGE')
				?.url,
		).toBe(url);
		// derived from the secret, yet not the secret: a URL in an access log does not open the POST deliveries
		expect(receiptToken(secretOf(harness))).toMatch(/^[0-9a-f]{64}$/);
		expect(receiptToken(secretOf(harness))).not.toBe(secretOf(harness));
	});

	it.each(JOINS)(
		'a receipt whose query was joined the %s way verifies and becomes one item without the token',
		async (queryJoin) => {
			const harness = await activeTrigger(sandboxes[profile], { includeRawBody: true });
			const [delivery] = await sandboxes[profile].emit('MESSAGE_UPDATED_SMPP', {
				queryJoin,
				payload: { message_id: 'wamid_XYZ', status: 'UNDELIV' },
			});
			expect(delivery).toMatchObject({ method: 'GET', status: 200 });
			// the documented gateway sends no header at all: the token alone verified it
			expect(delivery.url).toContain(
				queryJoin === 'naive' ? '?message_id=wamid_XYZ' : '&message_id=wamid_XYZ',
			);
			expect(harness.executions).toHaveLength(1);
			const [item] = harness.executions[0];
			expect(item).toMatchObject({
				event: 'MESSAGE_UPDATED_SMPP',
				messageId: 'wamid_XYZ',
				status: 'UNDELIV',
				statusFamily: 'failed',
				valid: true,
			});
			expect(item.rawBody).toEqual({ message_id: 'wamid_XYZ', status: 'UNDELIV' });
			const text = JSON.stringify(item);
			expect(text).not.toContain(RECEIPT_TOKEN_PARAM);
			expect(text).not.toContain(receiptToken(secretOf(harness)).slice(0, 8));
		},
	);

	const absent = 'neither the secret header nor the URL token is present';
	const mismatch = 'the URL token does not match';
	it.each([
		['no token', (url: string) => url.split('?')[0], absent],
		[
			'a wrong token',
			(url: string) => url.replace(/=[0-9a-f]{64}/, `=${'0'.repeat(64)}`),
			mismatch,
		],
		['the token cut short', (url: string) => url.slice(0, -1), mismatch],
		[
			'the header secret in place of the token',
			(url: string, secret: string) => url.replace(/=[0-9a-f]{64}/, `=${secret}`),
			mismatch,
		],
		['an empty token', (url: string) => url.replace(/=[0-9a-f]{64}/, '='), mismatch],
	])(
		'a GET without the header and with %s: 401, no execution, logged once',
		async (_case, forge, cause) => {
			const harness = await activeTrigger(sandboxes[profile]);
			const registered = receiptRegistration(sandboxes[profile])!.url;
			for (const glue of ['&', '?']) {
				const outcome = await getReceipt(
					`${forge(registered, secretOf(harness))}${glue}message_id=x&status=DELIVRD`,
				);
				expect(outcome).toEqual({ status: 401, body: { error: 'Unauthorized' } });
			}
			expect(harness.executions).toEqual([]);
			expect(takeRefusalCauses()).toEqual([cause]);
		},
	);

	it('the token does not stand in for the header on a POST', async () => {
		const harness = await activeTrigger(sandboxes[profile]);
		const response = await fetch(receiptRegistration(sandboxes[profile])!.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(exampleEvent('INCOMING_MESSAGE')),
		});
		expect(response.status).toBe(401);
		expect(harness.executions).toEqual([]);
		expect(takeRefusalCauses()).toEqual(['the secret header is missing']);
	});

	it('the header alone still verifies a receipt (a gateway that sends registered headers with it)', async () => {
		const harness = await activeTrigger(sandboxes[profile]);
		const outcome = await getReceipt(`${harness.webhookUrl()}?message_id=m1&status=DELIVRD`, {
			[VERIFICATION_HEADER]: secretOf(harness),
		});
		expect(outcome.status).toBe(200);
		expect(harness.executions).toEqual([
			[expect.objectContaining({ messageId: 'm1', status: 'DELIVRD' })],
		]);
	});

	it('re-activation and a restart keep the one receipt registration and its URL', async () => {
		// not listening: both stand for the same n8n, at the same webhook URL
		const harness = await activeTrigger(sandboxes[profile], {}, undefined, false);
		const registered = receiptRegistration(sandboxes[profile])!;
		await harness.activate();
		await activeTrigger(sandboxes[profile], {}, harness.savedStaticData(), false);
		expect(
			sandboxes[profile].webhooks().filter((webhook) => webhook.event === 'MESSAGE_UPDATED_SMPP'),
		).toEqual([registered]);
		expect(sandboxes[profile].callCount('createWebhook')).toBe(2);
	});

	it('with its state lost, the node finds its receipt registration by URL and keeps verifying receipts', async () => {
		const harness = await activeTrigger(sandboxes[profile]);
		const registered = receiptRegistration(sandboxes[profile])!;
		harness.forgetStaticData();
		await harness.activate();
		expect(
			sandboxes[profile].webhooks().filter((webhook) => webhook.event === 'MESSAGE_UPDATED_SMPP'),
		).toEqual([registered]);
		expect(sandboxes[profile].callCount('createWebhook')).toBe(2);
		const [delivery] = await sandboxes[profile].emit('MESSAGE_UPDATED_SMPP', {
			queryJoin: 'naive',
		});
		expect(delivery.status).toBe(200);
		expect(harness.executions).toHaveLength(1);
	});
});

describe('SMPP receipts registered before the URL token existed', () => {
	it('a receipt registration at the plain URL is replaced by one with the token', async () => {
		const sandbox = sandboxes.extended;
		const harness = await activeTrigger(sandbox);
		const url = harness.webhookUrl();
		const endpoint = (harness.staticData.endpoints as IDataObject).production as {
			secret: string;
			registrations: Array<{ id: string; event: string }>;
		};
		// what an earlier version registered: the receipt at the bare URL
		const old = receiptRegistration(sandbox)!;
		sandbox.reset();
		const plain = sandbox.addWebhook({
			workspaceId: 12,
			label: old.label,
			url,
			event: 'MESSAGE_UPDATED_SMPP',
			headers: old.headers,
		});
		const incoming = sandbox.addWebhook({
			workspaceId: 12,
			label: old.label,
			url,
			event: 'INCOMING_MESSAGE',
			headers: old.headers,
		});
		endpoint.registrations = [
			{ id: plain.id, event: 'MESSAGE_UPDATED_SMPP' },
			{ id: incoming.id, event: 'INCOMING_MESSAGE' },
		];
		await harness.activate();
		expect(
			sandbox
				.webhooks()
				.map((webhook) => `${webhook.event} ${webhook.url}`)
				.sort(),
		).toEqual([
			`INCOMING_MESSAGE ${url}`,
			`MESSAGE_UPDATED_SMPP ${receiptUrl(url, endpoint.secret)}`,
		]);
	});
});
