/**
 * SMPP receipts (MESSAGE_UPDATED_SMPP): a GET that, as documented, may carry no custom headers. The
 * registration's URL carries a token as its last path segment, where a sender that rebuilds the query
 * cannot drop it; registrations made before carry it in the query and keep working. Either the header or
 * that token verifies a receipt. Through the sandbox in both profiles and n8n-core's real contexts.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BcrumbsTrigger } from '../../nodes/Bcrumbs/BcrumbsTrigger.node';
import {
	queryReceiptUrl,
	RECEIPT_PATH,
	RECEIPT_TOKEN_PARAM,
	receiptToken,
	receiptUrl,
} from '../../nodes/Bcrumbs/core/receiptToken';
import { REGISTERED_EVENT_HEADER, VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import { deriveEndpointSecret, taggedLabel } from '../../nodes/Bcrumbs/core/secrets';
import {
	exampleEvent,
	SANDBOX_API_KEY,
	startSandbox,
	type QueryJoin,
	type Sandbox,
	type SandboxProfile,
	type WebhookEvent,
} from '../../sandbox';
import { bcrumbsTrigger } from '../helpers/bcrumbsTrigger';
import { takeRefusalCauses } from '../../support/n8nLog';
import type { TriggerHarness } from '../../support/triggerHarness';

const PROFILES: SandboxProfile[] = ['documented', 'extended'];
// standard: through a URL API; naive: a second '?'; ampersand: '&' glued onto the URL, whatever it ends
// in; replace: the query rebuilt from message_id and status alone
const JOINS: QueryJoin[] = ['standard', 'naive', 'ampersand', 'replace'];

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

it('the node listens for GET receipts at its receipt path, beside the plain URL of receipts registered before', () => {
	const webhooks = new BcrumbsTrigger().description.webhooks ?? [];
	expect(webhooks).toContainEqual(
		expect.objectContaining({ name: 'setup', httpMethod: 'GET', path: 'receipt/:token' }),
	);
	expect(webhooks).toContainEqual(
		expect.objectContaining({ name: 'setup', httpMethod: 'GET', path: 'webhook' }),
	);
});

describe.each(PROFILES)('SMPP receipts, %s profile', (profile) => {
	it('registers the receipt with the token as a path segment of its URL (no query); the POST events keep the plain URL', async () => {
		const harness = await activeTrigger(sandboxes[profile]);
		const url = harness.webhookUrl();
		const id = harness.node.webhookId as string;
		const token = receiptToken(secretOf(harness));
		const registered = receiptRegistration(sandboxes[profile])?.url;
		// <base>/webhook/<id>/<id>/receipt/<token>: the id twice, as n8n routes the node's receipt path
		expect(registered).toBe(url.replace(/\/webhook$/, `/${id}/receipt/${token}`));
		expect(registered).toMatch(
			new RegExp(`^http://127\\.0\\.0\\.1:\\d+/webhook/${id}/${id}/receipt/[0-9a-f]{64}$`),
		);
		expect(registered).not.toContain('?');
		expect(registered).not.toContain(RECEIPT_TOKEN_PARAM);
		// where n8n itself stores the node's receipt webhook, behind the webhook id it routes by
		const stored = NodeHelpers.getNodeWebhookPath('wf1', harness.node, RECEIPT_PATH);
		expect(registered).toBe(
			`${url.split(`/${id}/webhook`)[0]}/${id}/${stored.replace(':token', token)}`,
		);
		expect(
			sandboxes[profile].webhooks().find((webhook) => webhook.event.trim() === 'INCOMING_MESSAGE')
				?.url,
		).toBe(url);
		// derived from the secret, yet not the secret: a URL in an access log does not open the POST deliveries
		expect(token).toMatch(/^[0-9a-f]{64}$/);
		expect(token).not.toBe(secretOf(harness));
	});

	it.each(JOINS)(
		'a receipt whose query was joined the %s way verifies and becomes one item without the token',
		async (queryJoin) => {
			const harness = await activeTrigger(sandboxes[profile], { includeRawBody: true });
			const registered = receiptRegistration(sandboxes[profile])!.url;
			const [delivery] = await sandboxes[profile].emit('MESSAGE_UPDATED_SMPP', {
				queryJoin,
				payload: { message_id: 'wamid_XYZ', status: 'UNDELIV' },
			});
			expect(delivery).toMatchObject({ method: 'GET', status: 200 });
			// the documented gateway sends no header at all: the token alone verified it. With '&' the
			// parameters are glued onto the token's path segment; every other join starts a query after it.
			expect(delivery.url).toBe(
				`${registered}${queryJoin === 'ampersand' ? '&' : '?'}message_id=wamid_XYZ&status=UNDELIV`,
			);
			expect(harness.executions).toHaveLength(1);
			expect(harness.executions[0]).toHaveLength(1);
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
			const token = receiptToken(secretOf(harness));
			expect(text).not.toContain(RECEIPT_TOKEN_PARAM);
			expect(text).not.toContain(token);
			expect(text).not.toContain(token.slice(0, 8));
		},
	);

	it.each([
		['a query after the token', '?'],
		["parameters glued onto the token with '&'", '&'],
	])('the registered URL alone verifies a receipt without the header: %s', async (_case, glue) => {
		const harness = await activeTrigger(sandboxes[profile]);
		const outcome = await getReceipt(
			`${receiptRegistration(sandboxes[profile])!.url}${glue}message_id=m1&status=DELIVRD`,
		);
		expect(outcome.status).toBe(200);
		expect(harness.executions).toEqual([
			[expect.objectContaining({ messageId: 'm1', status: 'DELIVRD', valid: true })],
		]);
	});

	const absent = 'neither the secret header nor the URL token is present';
	const mismatch = 'the URL token does not match';
	const TOKEN_SEGMENT = /[0-9a-f]{64}$/;
	it.each([
		['no token segment', (url: string) => url.replace(TOKEN_SEGMENT, ''), ['?'], absent],
		[
			'the plain webhook URL',
			(_url: string, _secret: string, plain: string) => plain,
			['?'],
			absent,
		],
		[
			"no token, the parameters glued on with '&'",
			(url: string) => url.replace(TOKEN_SEGMENT, ''),
			['&'],
			mismatch,
		],
		[
			'a wrong token',
			(url: string) => url.replace(TOKEN_SEGMENT, '0'.repeat(64)),
			['&', '?'],
			mismatch,
		],
		['the token cut short', (url: string) => url.slice(0, -1), ['&', '?'], mismatch],
		[
			'the header secret in place of the token',
			(url: string, secret: string) => url.replace(TOKEN_SEGMENT, secret),
			['&', '?'],
			mismatch,
		],
	])(
		'a GET to the receipt path without the header and with %s: 401, no execution, logged once',
		async (_case, forge, glues, cause) => {
			const harness = await activeTrigger(sandboxes[profile]);
			const registered = receiptRegistration(sandboxes[profile])!.url;
			for (const glue of glues) {
				const outcome = await getReceipt(
					`${forge(registered, secretOf(harness), harness.webhookUrl())}${glue}message_id=x&status=DELIVRD`,
				);
				expect(outcome).toEqual({ status: 401, body: { error: 'Unauthorized' } });
			}
			expect(harness.executions).toEqual([]);
			expect(takeRefusalCauses()).toEqual([cause]);
		},
	);

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
		'a GET to the URL of a registration made before (token in the query) without the header and with %s: 401, no execution, logged once',
		async (_case, forge, cause) => {
			const harness = await activeTrigger(sandboxes[profile]);
			// the form registrations made before carry: n8n's webhook URL with ?n8n_token=<token>
			const legacy = queryReceiptUrl(harness.webhookUrl(), secretOf(harness));
			for (const glue of ['&', '?']) {
				const outcome = await getReceipt(
					`${forge(legacy, secretOf(harness))}${glue}message_id=x&status=DELIVRD`,
				);
				expect(outcome).toEqual({ status: 401, body: { error: 'Unauthorized' } });
			}
			expect(harness.executions).toEqual([]);
			expect(takeRefusalCauses()).toEqual([cause]);
		},
	);

	it('the token does not stand in for the header on a POST', async () => {
		const harness = await activeTrigger(sandboxes[profile]);
		const registered = receiptRegistration(sandboxes[profile])!.url;
		for (const url of [registered, queryReceiptUrl(harness.webhookUrl(), secretOf(harness))]) {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(exampleEvent('INCOMING_MESSAGE')),
			});
			expect(response.status).toBe(401);
		}
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

describe.each(PROFILES)(
	'SMPP receipts registered with the token in the query (before the path form), %s profile',
	(profile) => {
		/** What an earlier version left in bcrumbs for this trigger: the receipt at <webhookUrl>?n8n_token=<token>. */
		async function legacyTrigger(sandbox: Sandbox) {
			const harness = bcrumbsTrigger(sandbox, {
				events: ['INCOMING_MESSAGE', 'MESSAGE_UPDATED_SMPP'],
			});
			harnesses.push(harness);
			await harness.listen();
			const url = harness.webhookUrl();
			// the secret the node derives from its credential: the one those registrations were made with
			const secret = deriveEndpointSecret(
				{ apiKey: SANDBOX_API_KEY, workspaceId: 12, instanceId: harness.instanceId() },
				url,
			);
			const label = taggedLabel('n8n: Support inbox / Bcrumbs Trigger', secret);
			const register = (event: WebhookEvent, at: string) =>
				sandbox.addWebhook({
					workspaceId: 12,
					label,
					url: at,
					event,
					headers: { [VERIFICATION_HEADER]: secret, [REGISTERED_EVENT_HEADER]: event },
				});
			const incoming = register('INCOMING_MESSAGE', url);
			const receipt = register('MESSAGE_UPDATED_SMPP', queryReceiptUrl(url, secret));
			expect(receipt.url).toBe(`${url}?${RECEIPT_TOKEN_PARAM}=${receiptToken(secret)}`);
			return { harness, secret, incoming, receipt };
		}

		it('activates without a second receipt registration: the one made before is kept', async () => {
			const sandbox = sandboxes[profile];
			const { harness, secret, incoming, receipt } = await legacyTrigger(sandbox);
			await harness.activate();
			expect(sandbox.webhooks()).toEqual([incoming, receipt]);
			expect(sandbox.callCount('createWebhook')).toBe(0);
			expect(sandbox.callCount('deleteWebhook')).toBe(0);
			expect(secretOf(harness)).toBe(secret);
			const held = (harness.staticData.endpoints as IDataObject).production as {
				registrations: Array<{ id: string; event: string }>;
			};
			expect(held.registrations).toEqual(
				expect.arrayContaining([
					{ id: incoming.id, event: 'INCOMING_MESSAGE' },
					{ id: receipt.id, event: 'MESSAGE_UPDATED_SMPP' },
				]),
			);
			expect(held.registrations).toHaveLength(2);
			// converged: the next activation asks nothing more of bcrumbs
			expect(await harness.runHook('checkExists')).toBe(true);
		});

		it.each(['standard', 'naive', 'ampersand'] as const)(
			'a receipt sent to the URL registered before (joined the %s way) still verifies and starts one execution',
			async (queryJoin) => {
				const sandbox = sandboxes[profile];
				const { harness, secret, receipt } = await legacyTrigger(sandbox);
				await harness.activate();
				const [delivery] = await sandbox.emit('MESSAGE_UPDATED_SMPP', {
					queryJoin,
					payload: { message_id: 'wamid_OLD', status: 'DELIVRD' },
				});
				expect(delivery).toMatchObject({ method: 'GET', status: 200 });
				expect(delivery.url).toBe(
					`${receipt.url}${queryJoin === 'naive' ? '?' : '&'}message_id=wamid_OLD&status=DELIVRD`,
				);
				expect(harness.executions).toHaveLength(1);
				const [[item]] = harness.executions;
				expect(item).toMatchObject({
					event: 'MESSAGE_UPDATED_SMPP',
					messageId: 'wamid_OLD',
					status: 'DELIVRD',
					valid: true,
				});
				const text = JSON.stringify(item);
				expect(text).not.toContain(RECEIPT_TOKEN_PARAM);
				expect(text).not.toContain(receiptToken(secret));
			},
		);
	},
);
