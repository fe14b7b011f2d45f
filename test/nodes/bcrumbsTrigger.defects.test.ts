/**
 * Issue items about the bcrumbs gateway as documented and the lifecycle defects, each with a test that
 * fails if it regresses, in both sandbox profiles.
 */
import type { IDataObject } from 'n8n-workflow';

import { VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import {
	SANDBOX_API_KEY,
	SANDBOX_PROFILES,
	startSandbox,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox';
import { gql } from '../sandbox/helpers';
import { bcrumbsTrigger, eventsOf, idsOf, registeredByHand } from '../helpers/bcrumbsTrigger';
import { TriggerHarness } from '../../support/triggerHarness';
import { takeLogged } from '../../support/n8nLog';

const harnesses: TriggerHarness[] = [];
const sandboxes: Sandbox[] = [];
afterEach(async () => {
	await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
	await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
	jest.restoreAllMocks();
});

/** A fresh gateway per test: the node caches what a gateway offers per gateway URL. */
async function gateway(options: SandboxOptions): Promise<Sandbox> {
	const sandbox = await startSandbox(options);
	sandboxes.push(sandbox);
	return sandbox;
}

function trigger(sandbox: Sandbox, events: string[], staticData?: IDataObject): TriggerHarness {
	const harness = bcrumbsTrigger(sandbox, { events, staticData });
	harnesses.push(harness);
	return harness;
}

const production = (harness: TriggerHarness) =>
	(harness.staticData.endpoints as IDataObject).production as {
		secret: string;
		registrations: Array<{ id: string }>;
		deleteUnsupported?: boolean;
	};

describe.each(SANDBOX_PROFILES)('%s profile', (profile) => {
	it('item 1: activation works whether or not listed webhooks have headers, and a re-activation verifies them', async () => {
		const sandbox = await gateway({ profile });
		const harness = trigger(sandbox, ['INCOMING_MESSAGE', 'NEW_CLIENT']);
		await harness.activate();
		expect(eventsOf(sandbox)).toEqual(['INCOMING_MESSAGE', 'NEW_CLIENT']);
		expect(await harness.runHook('checkExists')).toBe(true);
		// one introspection per gateway, cached
		await harness.activate();
		expect(sandbox.callCount('__type')).toBe(1);
	});

	it('item 3: lost state without delete: a new node recomputes the secret, registers nothing twice, and deliveries verify', async () => {
		const sandbox = await gateway({ profile, deleteMutation: false });
		const amnesiac = trigger(sandbox, ['INCOMING_MESSAGE', 'NEW_CONV']);
		await amnesiac.listen();
		await amnesiac.activate();
		const ids = idsOf(sandbox);
		// as for a copied workflow or "Listen for test event": the same URL, empty static data
		amnesiac.forgetStaticData();
		await amnesiac.activate();
		expect(idsOf(sandbox)).toEqual(ids);
		expect(sandbox.callCount('createWebhook')).toBe(2);
		expect(
			production(amnesiac)
				.registrations.map((registration) => registration.id)
				.sort(),
		).toEqual(ids);
		expect(await amnesiac.runHook('checkExists')).toBe(true);
		// the registrations still post to the URL now served by the new node: it accepts them
		const deliveries = await sandbox.emit('INCOMING_MESSAGE');
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		expect(amnesiac.executions).toHaveLength(1);
	});

	it('item 3: the derived secret differs per URL (production, test), and nothing registered contains the API key', async () => {
		const sandbox = await gateway({
			profile,
			deleteMutation: false,
			apiKeys: [{ key: SANDBOX_API_KEY, workspaceId: 12 }],
		});
		const harness = trigger(sandbox, ['NEW_CONV']);
		await harness.activate();
		await harness.activate(true);
		const endpoints = harness.staticData.endpoints as Record<string, { secret: string }>;
		expect(endpoints.production.secret).not.toBe(endpoints.test.secret);
		for (const webhook of sandbox.webhooks()) {
			expect(JSON.stringify(webhook)).not.toContain(SANDBOX_API_KEY);
			expect(webhook.label).not.toContain(endpoints.production.secret.slice(0, 8));
		}
	});

	it('item 3: a registration for its URL made with another secret is never adopted where the gateway cannot delete', async () => {
		const sandbox = await gateway({ profile, deleteMutation: false });
		const harness = trigger(sandbox, ['INCOMING_MESSAGE']);
		const foreign = registeredByHand(sandbox, harness, {
			label: 'n8n: Support inbox / Bcrumbs Trigger [0badc0de]',
			headers: { 'x-api-key': 'someone-elses' },
		});
		await expect(harness.activate()).rejects.toThrow(
			`cannot verify: ${foreign.id} (INCOMING_MESSAGE)`,
		);
	});

	it('item 5: one failed introspection is asked again; deactivation then deletes', async () => {
		const sandbox = await gateway({ profile, deleteMutation: true });
		const harness = trigger(sandbox, ['INCOMING_MESSAGE']);
		sandbox.setFault('http500', { operations: ['__type'], remaining: 1 });
		await harness.activate();
		expect(sandbox.callCount('__type')).toBe(2);
		await harness.deactivate();
		expect(sandbox.webhooks()).toEqual([]);
	});

	it('item 5: an introspection that keeps failing is "could not check", never cached as "cannot delete"', async () => {
		const sandbox = await gateway({ profile, deleteMutation: true });
		const harness = trigger(sandbox, ['INCOMING_MESSAGE']);
		sandbox.setFault('http500', { operations: ['__type'] });
		await harness.activate();
		await harness.deactivate();
		expect(sandbox.webhooks()).toHaveLength(1);
		expect(production(harness).registrations).toHaveLength(1);
		expect(production(harness).deleteUnsupported).toBeUndefined();
		expect(takeLogged('warn')).toEqual([
			expect.stringMatching(
				/^bcrumbs: could not check what the gateway offers .*: bcrumbs introspection \(what does the gateway offer\?\) failed: Internal server error$/,
			),
			expect.stringMatching(/^bcrumbs: could not check what the gateway offers/),
			expect.stringMatching(/could not check whether this bcrumbs gateway deletes webhooks/),
		]);
		expect(takeLogged('info').join('\n')).not.toMatch(/cannot delete/);
		// nothing was cached: once introspection answers, deactivation deletes
		sandbox.setFault('none');
		await harness.deactivate();
		expect(sandbox.webhooks()).toEqual([]);
		expect(harness.staticData.endpoints).toEqual({});
	});

	it('item 5: a delete failing part-way through deactivation keeps the registrations not deleted', async () => {
		const sandbox = await gateway({ profile, deleteMutation: true });
		const harness = trigger(sandbox, ['INCOMING_MESSAGE', 'NEW_CONV', 'NEW_CLIENT']);
		await harness.activate();
		const [first, second, third] = production(harness).registrations.map(
			(registration) => registration.id,
		);
		// one already gone makes the batched delete fail; then the third delete fails too
		await gql(
			sandbox,
			'mutation($input: WebhookDeleteInput!) { deleteWebhook(input: $input) { id } }',
			{ input: { workspaceId: 12, id: second } },
		);
		sandbox.setFault('http500', { operations: ['deleteWebhook'], after: 3 });
		await harness.deactivate();
		expect(sandbox.webhooks().map((webhook) => webhook.id)).toEqual([third]);
		expect(takeLogged('warn')).toEqual([
			expect.stringMatching(
				new RegExp(`could not remove its bcrumbs webhooks ${third}; kept in state`),
			),
		]);
		expect(production(harness).registrations.map((registration) => registration.id)).toEqual([
			third,
		]);
		expect(first).toBeDefined();
	});

	it('item 6: two overlapping activations of the same node leave one registration per event and one secret', async () => {
		const sandbox = await gateway({ profile });
		// the same node (same workflow, same node id) activated twice at once
		const [a, b] = [1, 2].map(() => {
			const harness = bcrumbsTrigger(sandbox, {
				events: ['INCOMING_MESSAGE', 'NEW_CONV'],
				nodeId: 'overlapping-node',
			});
			harnesses.push(harness);
			return harness;
		});
		await Promise.all([a.activate(), b.activate()]);
		expect(eventsOf(sandbox)).toEqual(['INCOMING_MESSAGE', 'NEW_CONV']);
		expect(production(a).secret).toBe(production(b).secret);
		expect(
			production(b)
				.registrations.map((registration) => registration.id)
				.sort(),
		).toEqual(
			production(a)
				.registrations.map((registration) => registration.id)
				.sort(),
		);
		expect(
			sandbox
				.webhooks()
				.every((webhook) => webhook.headers?.[VERIFICATION_HEADER] === production(a).secret),
		).toBe(true);
	});

	it('item 7: a createWebhook answer without an id is an error naming the operation, not stored state', async () => {
		const sandbox = await gateway({ profile });
		const harness = trigger(sandbox, ['INCOMING_MESSAGE']);
		sandbox.setFault('wrongShape', { operations: ['createWebhook'], remaining: 1 });
		await expect(harness.activate()).rejects.toThrow(
			/bcrumbs createWebhook \(registering INCOMING_MESSAGE\) failed: the gateway's answer has an unexpected shape \(createWebhook\.id: expected string/,
		);
		expect(production(harness)?.registrations ?? []).toEqual([]);
	});

	it('item 7: a listing of the wrong shape is a NodeApiError naming the operation, not a TypeError', async () => {
		const sandbox = await gateway({ profile });
		sandbox.setFault('wrongShape', { operations: ['webhooks'] });
		const failure = await trigger(sandbox, ['INCOMING_MESSAGE'])
			.activate()
			.catch((error: unknown) => error);
		expect(failure).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(
				/^bcrumbs webhooks \(checking existing registrations\) failed: the gateway's answer has an unexpected shape \(webhooks\.nodes: expected array/,
			),
		});
	});
});

describe('Activation cost (issue: replacing registrations without a verifiable secret)', () => {
	it.each([
		['capabilities cached', true],
		['cold gateway', false],
	])(
		'replacing N unverifiable registrations costs at most N + 2 calls (%s)',
		async (_case, warm) => {
			const sandbox = await gateway({ profile: 'extended' });
			const events = ['INCOMING_MESSAGE', 'NEW_CONV', 'NEW_CLIENT'];
			if (warm) await trigger(sandbox, ['ENDING_CONV']).activate();
			sandbox.reset();
			const harness = trigger(sandbox, events);
			for (const event of events)
				registeredByHand(sandbox, harness, {
					label: 'not ours',
					event: event as never,
					headers: null,
				});
			await harness.activate();
			expect(sandbox.callCount()).toBeLessThanOrEqual(events.length + 2);
			expect(sandbox.webhooks().map((webhook) => webhook.label)).not.toContain('not ours');
			expect(eventsOf(sandbox)).toEqual([...events].sort());
		},
	);
});
