/**
 * Who can compute or plant a Bcrumbs Trigger's secret: not someone holding only the API key (the secret
 * is bound to the n8n instance), not after a key rotation (the next activation re-keys), and not someone
 * who registers the trigger's URL first with a secret of their choosing (never adopted). Through the
 * sandbox gateway and n8n-core's real contexts.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { REGISTERED_EVENT_HEADER, VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import { deriveEndpointSecret, taggedLabel } from '../../nodes/Bcrumbs/core/secrets';
import { exampleEvent, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox';
import { bcrumbsTrigger } from '../helpers/bcrumbsTrigger';
import { takeLogged, takeRefusalCauses } from '../../support/n8nLog';
import type { TriggerHarness } from '../../support/triggerHarness';

const ROTATED_KEY = 'bck_rotated_fedcba9876543210';
const EVENTS = ['INCOMING_MESSAGE', 'NEW_CLIENT'];
const harnesses: TriggerHarness[] = [];
let sandboxes: Sandbox[] = [];

async function sandboxWith(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
	const sandbox = await startSandbox({
		apiKeys: [
			{ key: SANDBOX_API_KEY, workspaceId: 12 },
			{ key: ROTATED_KEY, workspaceId: 12 },
		],
		...options,
	});
	sandboxes.push(sandbox);
	return sandbox;
}

async function listening(sandbox: Sandbox): Promise<TriggerHarness> {
	const harness = bcrumbsTrigger(sandbox, { events: EVENTS });
	harnesses.push(harness);
	await harness.listen();
	return harness;
}

afterEach(async () => {
	await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
	await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
	sandboxes = [];
});

const secretOf = (harness: TriggerHarness) =>
	((harness.staticData.endpoints as IDataObject).production as { secret: string }).secret;
const post = (harness: TriggerHarness, secret: string) =>
	harness.deliver({
		body: exampleEvent('INCOMING_MESSAGE'),
		headers: { [VERIFICATION_HEADER]: secret },
	});
const registeredSecrets = (sandbox: Sandbox) => [
	...new Set(sandbox.webhooks().map((webhook) => webhook.headers?.[VERIFICATION_HEADER])),
];

/** What someone holding only the API key could compute: the same derivation without the instance. */
function fromApiKeyAlone(apiKey: string, url: string): string[] {
	const key = createHmac('sha256', apiKey)
		.update('n8n-nodes-bcrumbs webhook secret key v1\n12')
		.digest();
	return [
		createHmac('sha256', key).update(url).digest('hex'),
		deriveEndpointSecret({ apiKey, workspaceId: 12, instanceId: '' }, url),
	];
}

describe('Bcrumbs Trigger secrets', () => {
	it('are bound to the n8n instance: computed from the API key alone, they are refused', async () => {
		const sandbox = await sandboxWith({ profile: 'extended' });
		const harness = await listening(sandbox);
		await harness.activate();
		const url = harness.webhookUrl();
		expect(secretOf(harness)).toBe(
			deriveEndpointSecret(
				{ apiKey: SANDBOX_API_KEY, workspaceId: 12, instanceId: harness.instanceId() },
				url,
			),
		);
		for (const guess of fromApiKeyAlone(SANDBOX_API_KEY, url))
			expect((await post(harness, guess)).status).toBe(401);
		expect(takeRefusalCauses()).toEqual(['the secret header does not match']);
		expect((await post(harness, secretOf(harness))).status).toBe(200);
	});

	it.each(['extended', 'documented'] as const)(
		'after the API key is rotated (%s profile), the next activation re-keys: the old secret is refused, the gateway verifies, one log line',
		async (profile) => {
			const sandbox = await sandboxWith({ profile });
			const harness = await listening(sandbox);
			await harness.activate();
			const oldSecret = secretOf(harness);
			const url = harness.webhookUrl();
			harness.useCredentials({
				bcrumbsApi: { apiKey: ROTATED_KEY, workspaceId: 12, gatewayUrl: sandbox.url },
			});
			await harness.activate();
			expect(secretOf(harness)).not.toBe(oldSecret);
			const rekeyed = takeLogged('warn', /the API key changed/);
			expect(rekeyed).toHaveLength(1);
			expect(rekeyed[0]).not.toContain(ROTATED_KEY);

			expect((await post(harness, oldSecret)).status).toBe(401);
			takeRefusalCauses();
			const ours = sandbox.webhooks().filter((webhook) => webhook.url === url);
			if (profile === 'extended') {
				// replaced: exactly one registration per event, all with the new secret
				expect(ours.map((webhook) => webhook.event.trim()).sort()).toEqual([...EVENTS].sort());
				expect(registeredSecrets(sandbox)).toEqual([secretOf(harness)]);
			} else {
				// no delete: the old ones stay, named in the log line, and are refused
				expect(rekeyed[0]).toMatch(/delete the old ones in bcrumbs/);
				expect(ours).toHaveLength(EVENTS.length * 2);
			}
			const statuses = (await sandbox.emit('INCOMING_MESSAGE')).map((delivery) => delivery.status);
			expect(statuses.filter((status) => status === 200)).toHaveLength(1);
			if (profile === 'documented') {
				expect(statuses.filter((status) => status === 401)).toHaveLength(1);
				takeRefusalCauses();
			}
			// a third activation with the same key changes nothing
			const calls = sandbox.callCount('createWebhook');
			await harness.activate();
			expect(sandbox.callCount('createWebhook')).toBe(calls);
		},
	);

	it('registrations a re-key had to leave are deleted once the gateway can delete them', async () => {
		const sandbox = await sandboxWith({ profile: 'documented' });
		const harness = await listening(sandbox);
		await harness.activate();
		const url = harness.webhookUrl();
		const old = sandbox.webhooks().map((webhook) => webhook.id);
		harness.useCredentials({
			bcrumbsApi: { apiKey: ROTATED_KEY, workspaceId: 12, gatewayUrl: sandbox.url },
		});
		await harness.activate();
		expect(takeLogged('warn', /the API key changed/)).toHaveLength(1);
		expect(sandbox.webhooks().filter((webhook) => webhook.url === url)).toHaveLength(
			EVENTS.length * 2,
		);

		sandbox.setDeleteMutation(true);
		// the gateway's capabilities are cached for 5 minutes
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
		try {
			await harness.activate();
		} finally {
			clock.mockRestore();
		}
		const left = sandbox.webhooks().filter((webhook) => webhook.url === url);
		expect(left.map((webhook) => webhook.id).filter((id) => old.includes(id))).toEqual([]);
		expect(left.map((webhook) => webhook.event.trim()).sort()).toEqual([...EVENTS].sort());
		const endpoint = (harness.staticData.endpoints as IDataObject).production as IDataObject;
		expect(endpoint.retired).toEqual([]);
	});

	it.each([
		['a gateway that deletes', true],
		['a gateway without delete', false],
	] as const)(
		'a registration planted for its URL with another secret is never adopted (%s)',
		async (_name, deleteMutation) => {
			const sandbox = await sandboxWith({ profile: 'extended', deleteMutation });
			const harness = await listening(sandbox);
			const url = harness.webhookUrl();
			const planted = 'a'.repeat(64);
			// planted before the first activation, even with the tag this node's label would carry
			const derived = deriveEndpointSecret(
				{ apiKey: SANDBOX_API_KEY, workspaceId: 12, instanceId: harness.instanceId() },
				url,
			);
			const stranger = sandbox.addWebhook({
				workspaceId: 12,
				label: taggedLabel('n8n: Support inbox / Bcrumbs Trigger', derived),
				url,
				event: 'INCOMING_MESSAGE',
				headers: { [VERIFICATION_HEADER]: planted, [REGISTERED_EVENT_HEADER]: 'INCOMING_MESSAGE' },
			});
			if (deleteMutation) {
				await harness.activate();
				expect(sandbox.webhooks().map((webhook) => webhook.id)).not.toContain(stranger.id);
				expect(registeredSecrets(sandbox)).toEqual([derived]);
			} else {
				await expect(harness.activate()).rejects.toThrow(stranger.id);
			}
			expect((await post(harness, planted)).status).toBe(401);
			takeRefusalCauses();
		},
	);
});
