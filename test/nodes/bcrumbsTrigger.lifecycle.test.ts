import type { IDataObject } from 'n8n-workflow';

import { VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import { receiptUrl } from '../../nodes/Bcrumbs/core/receiptToken';
import { SANDBOX_PROFILES, startSandbox, type Sandbox } from '../../sandbox';
import { bcrumbsTrigger, eventsOf, idsOf, registeredByHand } from '../helpers/bcrumbsTrigger';
import { TriggerHarness } from '../../support/triggerHarness';
import { takeLogged } from '../../support/n8nLog';

// documented: listed webhooks without headers, as bcrumbs documents them; extended: with headers.
// Each profile is run with and without deleteWebhook, since that is what these tests are about.
describe.each(SANDBOX_PROFILES)('%s profile', (profile) => {
	let withDelete: Sandbox;
	let withoutDelete: Sandbox;
	const harnesses: TriggerHarness[] = [];

	beforeAll(async () => {
		withDelete = await startSandbox({ profile, deleteMutation: true });
		withoutDelete = await startSandbox({ profile, deleteMutation: false });
	});
	afterAll(async () => {
		await Promise.all([withDelete.close(), withoutDelete.close()]);
	});
	beforeEach(() => {
		withDelete.reset();
		withoutDelete.reset();
	});
	afterEach(async () => {
		await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
	});

	function trigger(sandbox: Sandbox, events: string[], staticData?: IDataObject): TriggerHarness {
		const harness = bcrumbsTrigger(sandbox, { events, staticData });
		harnesses.push(harness);
		return harness;
	}

	const pairs = (sandbox: Sandbox) =>
		sandbox
			.webhooks()
			.map((webhook) => `${webhook.url} ${webhook.event}`)
			.sort();

	describe('Bcrumbs Trigger activation', () => {
		it('registers one webhook per selected event with its URL, a label and a 32-byte secret header', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE', 'MESSAGE_UPDATED']);
			await harness.activate();
			const url = harness.webhookUrl();
			expect(url).toBe(
				'http://localhost:5678/webhook/6f0b6c1e-2f4a-4d8e-9a77-3c2b1d0e9f11/webhook',
			);
			const webhooks = withDelete.webhooks();
			expect(webhooks.map((webhook) => [webhook.url, webhook.event, webhook.label]).sort()).toEqual(
				[
					[
						url,
						'INCOMING_MESSAGE',
						expect.stringMatching(/^n8n: Support inbox \/ Bcrumbs Trigger \[[0-9a-f]{8}\]$/),
					],
					[
						url,
						'MESSAGE_UPDATED',
						expect.stringMatching(/^n8n: Support inbox \/ Bcrumbs Trigger \[[0-9a-f]{8}\]$/),
					],
				],
			);
			const secret = (harness.staticData.endpoints as IDataObject).production as {
				secret: string;
				registrations: unknown[];
			};
			expect(secret.secret).toMatch(/^[0-9a-f]{64}$/);
			expect(
				webhooks.every((webhook) => webhook.headers?.[VERIFICATION_HEADER] === secret.secret),
			).toBe(true);
			expect(secret.registrations).toEqual(
				expect.arrayContaining(
					webhooks.map((webhook) => ({ id: webhook.id, event: webhook.event })),
				),
			);
		});

		it('registers ANY_EVENT alone when it is chosen, the SMPP receipt beside it', async () => {
			await trigger(withDelete, [
				'INCOMING_MESSAGE',
				'ANY_EVENT',
				'MESSAGE_UPDATED_SMPP',
			]).activate();
			expect(eventsOf(withDelete)).toEqual(['ANY_EVENT', 'MESSAGE_UPDATED_SMPP']);
		});

		it('re-activating ten times leaves one registration per event, one query each time', async () => {
			const harness = trigger(withDelete, ['NEW_CONV', 'ENDING_CONV']);
			await harness.activate();
			const calls = withDelete.callCount();
			for (let i = 0; i < 10; i++) await harness.activate();
			expect(eventsOf(withDelete)).toEqual(['ENDING_CONV', 'NEW_CONV']);
			expect(withDelete.callCount() - calls).toBe(10);
			expect(withDelete.callCount('webhooks')).toBe(11);
		});

		it('first activation costs at most two API calls per event', async () => {
			await trigger(withDelete, ['NEW_CONV', 'ENDING_CONV', 'NEW_CLIENT']).activate();
			expect(withDelete.callCount()).toBeLessThanOrEqual(6);
			expect(withDelete.callCount('webhooks')).toBe(1);
		});

		it('after an n8n restart (static data saved) it adopts its registrations', async () => {
			const first = trigger(withDelete, ['INCOMING_MESSAGE']);
			await first.activate();
			const saved = first.savedStaticData();
			const restarted = trigger(withDelete, ['INCOMING_MESSAGE'], saved);
			expect(await restarted.runHook('checkExists')).toBe(true);
			expect(withDelete.webhooks()).toHaveLength(1);
		});

		it.each([
			['with', () => withDelete],
			['without', () => withoutDelete],
		])(
			'with lost state (%s a delete API), adopts the registrations whose secret the gateway returns',
			async (_name, sandboxOf) => {
				const sandbox = sandboxOf();
				const first = trigger(sandbox, ['INCOMING_MESSAGE', 'NEW_CLIENT']);
				await first.activate();
				const ids = idsOf(sandbox);
				const amnesiac = trigger(sandbox, ['INCOMING_MESSAGE', 'NEW_CLIENT']);
				await amnesiac.activate();
				expect(idsOf(sandbox)).toEqual(ids);
				expect(sandbox.callCount('createWebhook')).toBe(2);
				const adopted = (amnesiac.staticData.endpoints as IDataObject).production as {
					secret: string;
				};
				expect(adopted.secret).toBe(
					((first.staticData.endpoints as IDataObject).production as { secret: string }).secret,
				);
			},
		);

		it('replaces a registration for its URL that carries no verifiable secret, where the API can delete', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE']);
			const foreign = registeredByHand(withDelete, harness, {
				label: 'made by hand',
				headers: null,
			});
			await harness.activate();
			expect(withDelete.webhooks().map((webhook) => webhook.id)).not.toContain(foreign.id);
			expect(eventsOf(withDelete)).toEqual(['INCOMING_MESSAGE']);
		});

		it('without a delete API, fails activation naming the unverifiable webhook to remove in bcrumbs', async () => {
			const harness = trigger(withoutDelete, ['INCOMING_MESSAGE']);
			const foreign = registeredByHand(withoutDelete, harness, {
				label: 'made by hand',
				headers: { 'x-api-key': 'abc' },
			});
			await expect(harness.activate()).rejects.toThrow(
				`bcrumbs already has webhooks for this URL that this node cannot verify: ${foreign.id} (INCOMING_MESSAGE)`,
			);
			await expect(harness.activate()).rejects.toMatchObject({
				description: expect.stringMatching(/delete it in bcrumbs \(Settings > Webhooks\)/),
			});
			expect(withoutDelete.webhooks()).toHaveLength(1);
		});

		it('changing the selected events converges to exactly the new set (API with delete)', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE', 'NEW_CLIENT']);
			await harness.activate();
			harness.node.parameters.events = ['NEW_CLIENT', 'CLIENT_UPDATED'];
			await harness.activate();
			expect(eventsOf(withDelete)).toEqual(['CLIENT_UPDATED', 'NEW_CLIENT']);
			harness.node.parameters.events = ['ANY_EVENT'];
			await harness.activate();
			expect(eventsOf(withDelete)).toEqual(['ANY_EVENT']);
		});

		it('changing events without a delete API adds the new ones and never duplicates', async () => {
			const harness = trigger(withoutDelete, ['INCOMING_MESSAGE']);
			await harness.activate();
			harness.node.parameters.events = ['NEW_CLIENT'];
			await harness.activate();
			await harness.activate();
			expect(eventsOf(withoutDelete)).toEqual(['INCOMING_MESSAGE', 'NEW_CLIENT']);
			expect(await harness.runHook('checkExists')).toBe(true);
		});

		it("when n8n's webhook URL changes, the old URL's registrations are removed (API with delete)", async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE']);
			await harness.activate();
			const oldUrl = harness.webhookUrl();
			harness.node.webhookId = 'a-new-webhook-id';
			await harness.activate();
			expect(pairs(withDelete)).toEqual([`${harness.webhookUrl()} INCOMING_MESSAGE`]);
			expect(harness.webhookUrl()).not.toBe(oldUrl);
		});

		it('refuses an empty event selection with a clear error', async () => {
			await expect(trigger(withDelete, []).activate()).rejects.toThrow(
				'Select at least one event in "Events"',
			);
		});

		it('registers the test URL for "Listen for test event"; n8n\'s teardown (internal mode) removes it', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE']);
			await harness.activate(true);
			expect(pairs(withDelete)).toEqual([`${harness.webhookUrl(true)} INCOMING_MESSAGE`]);
			expect(harness.webhookUrl(true)).toContain('/webhook-test/');
			await harness.runHook('delete', true, 'internal');
			expect(withDelete.webhooks()).toEqual([]);
		});

		it('listening for a test event again, with fresh static data and no delete API, reuses the test registration', async () => {
			const harness = trigger(withoutDelete, ['INCOMING_MESSAGE', 'MESSAGE_UPDATED_SMPP']);
			await harness.activate(true);
			await harness.runHook('delete', true, 'internal');
			harness.forgetStaticData();
			await harness.activate(true);
			// the receipt's URL carries the token derived from the secret it adopted
			const { secret } = (harness.staticData.endpoints as IDataObject).test as { secret: string };
			expect(pairs(withoutDelete)).toEqual(
				[
					`${harness.webhookUrl(true)} INCOMING_MESSAGE`,
					`${receiptUrl(harness.webhookUrl(true), secret)} MESSAGE_UPDATED_SMPP`,
				].sort(),
			);
			expect(withoutDelete.callCount('createWebhook')).toBe(2);
		});
	});

	describe('Bcrumbs Trigger activation faults', () => {
		it.each([
			['forbidden', /bcrumbs webhooks \(checking existing registrations\) failed: .*FORBIDDEN/],
			[
				'http500',
				/bcrumbs webhooks \(checking existing registrations\) failed: Internal server error/,
			],
			[
				'malformed',
				/bcrumbs webhooks \(checking existing registrations\) failed: the gateway answered with invalid JSON/,
			],
		] as const)(
			'%s while listing: a clear error naming the step, nothing registered',
			async (mode, message) => {
				withDelete.setFault(mode);
				await expect(trigger(withDelete, ['INCOMING_MESSAGE']).activate()).rejects.toThrow(message);
				withDelete.setFault('none');
				expect(withDelete.webhooks()).toEqual([]);
			},
		);

		it('a failure in the middle of a multi-event registration is rolled back, then one activation converges', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE', 'NEW_CLIENT', 'NEW_CONV']);
			withDelete.setFault('http500', { operations: ['createWebhook'], after: 1, remaining: 1 });
			await expect(harness.activate()).rejects.toThrow(
				/bcrumbs createWebhook \(registering NEW_CLIENT\) failed/,
			);
			expect(withDelete.webhooks()).toEqual([]);
			await harness.activate();
			expect(eventsOf(withDelete)).toEqual(['INCOMING_MESSAGE', 'NEW_CLIENT', 'NEW_CONV']);
		});

		it('when n8n saves no state after a failed activation, the next one adopts what carries its secret', async () => {
			const harness = trigger(withoutDelete, ['INCOMING_MESSAGE']);
			await harness.activate();
			const saved = harness.savedStaticData();
			harness.node.parameters.events = ['INCOMING_MESSAGE', 'NEW_CLIENT', 'NEW_CONV'];
			withoutDelete.setFault('http500', { operations: ['createWebhook'], after: 1, remaining: 1 });
			await expect(harness.activate()).rejects.toThrow(/createWebhook \(registering NEW_CONV\)/);
			// as n8n does: the failed activation's static data is not saved
			const restarted = trigger(
				withoutDelete,
				['INCOMING_MESSAGE', 'NEW_CLIENT', 'NEW_CONV'],
				saved,
			);
			expect(await restarted.runHook('checkExists')).toBe(false);
			await restarted.activate();
			expect(eventsOf(withoutDelete)).toEqual(['INCOMING_MESSAGE', 'NEW_CLIENT', 'NEW_CONV']);
			expect(await restarted.runHook('checkExists')).toBe(true);
		});

		it('without a delete API the part already registered is kept in state and adopted by the next try', async () => {
			const harness = trigger(withoutDelete, ['INCOMING_MESSAGE', 'NEW_CLIENT']);
			withoutDelete.setFault('forbidden', {
				operations: ['createWebhook'],
				after: 1,
				remaining: 1,
			});
			await expect(harness.activate()).rejects.toThrow(/createWebhook \(registering NEW_CLIENT\)/);
			expect(eventsOf(withoutDelete)).toEqual(['INCOMING_MESSAGE']);
			await harness.activate();
			expect(eventsOf(withoutDelete)).toEqual(['INCOMING_MESSAGE', 'NEW_CLIENT']);
		});
	});

	describe('Bcrumbs Trigger deactivation', () => {
		it('deletes its registrations when the API can, and clears its state', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE', 'NEW_CONV']);
			await harness.activate();
			await harness.deactivate();
			expect(withDelete.webhooks()).toEqual([]);
			expect(harness.staticData.endpoints).toEqual({});
		});

		it('treats a registration already deleted in bcrumbs as done', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE', 'NEW_CONV']);
			await harness.activate();
			const [gone] = withDelete.webhooks();
			withDelete.reset();
			withDelete.addWebhook({
				workspaceId: 12,
				label: 'other',
				url: 'https://elsewhere.example.com',
				event: 'NEW_CONV',
			});
			await expect(harness.deactivate()).resolves.toBeUndefined();
			expect(withDelete.webhooks().map((webhook) => webhook.id)).not.toContain(gone.id);
			expect(withDelete.webhooks()).toHaveLength(1);
		});

		it('never throws when the gateway fails, and keeps the registration in state for the next try (item 5)', async () => {
			const harness = trigger(withDelete, ['INCOMING_MESSAGE']);
			await harness.activate();
			const [registered] = withDelete.webhooks();
			withDelete.setFault('http500');
			await expect(harness.deactivate()).resolves.toBeUndefined();
			expect((harness.staticData.endpoints as IDataObject).production).toMatchObject({
				registrations: [{ id: registered.id, event: 'INCOMING_MESSAGE' }],
			});
			// the user learns why the registration is still there, and the remote message
			expect(takeLogged('warn')).toEqual([
				expect.stringMatching(
					new RegExp(
						`could not remove its bcrumbs webhooks ${registered.id}; kept in state .*: ` +
							'bcrumbs deleteWebhook \\(deactivating\\) failed: Internal server error',
					),
				),
			]);
			withDelete.setFault('none');
			await harness.deactivate();
			expect(withDelete.webhooks()).toEqual([]);
			expect(harness.staticData.endpoints).toEqual({});
		});

		it('without a delete API leaves the registration, keeps its secret, and reuses it on re-activation', async () => {
			const harness = trigger(withoutDelete, ['INCOMING_MESSAGE']);
			await harness.activate();
			await harness.deactivate();
			expect(withoutDelete.webhooks()).toHaveLength(1);
			await harness.activate();
			expect(withoutDelete.webhooks()).toHaveLength(1);
			expect(withoutDelete.callCount('createWebhook')).toBe(1);
		});
	});
});
