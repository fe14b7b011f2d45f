import type { IDataObject } from 'n8n-workflow';

import { VERIFICATION_HEADER } from '../../nodes/Bcrumbs/core/descriptor';
import {
	exampleEvent,
	POST_EVENTS,
	SANDBOX_PROFILES,
	startSandbox,
	type Sandbox,
	type SandboxProfile,
} from '../../sandbox';
import { bcrumbsTrigger } from '../helpers/bcrumbsTrigger';
import type { TriggerHarness } from '../../support/triggerHarness';
import { takeRefusalCauses } from '../../support/n8nLog';

describe.each(SANDBOX_PROFILES)('%s profile', (profile: SandboxProfile) => {
	let sandbox: Sandbox;
	let harness: TriggerHarness;

	beforeAll(async () => {
		sandbox = await startSandbox({ profile });
	});
	afterAll(async () => sandbox.close());

	async function activeTrigger(
		events: string[],
		options: IDataObject = {},
		workflowId = 'wf1',
	): Promise<TriggerHarness> {
		const created = bcrumbsTrigger(sandbox, {
			events,
			options,
			workflowId,
			webhookId: `${workflowId}-hook`,
		});
		await created.listen();
		await created.activate();
		return created;
	}

	const secretOf = (trigger: TriggerHarness) =>
		((trigger.staticData.endpoints as IDataObject).production as { secret: string }).secret;

	beforeEach(async () => {
		sandbox.reset();
		harness = await activeTrigger(['ANY_EVENT', 'MESSAGE_UPDATED_SMPP']);
	});
	afterEach(async () => harness.close());

	describe('Bcrumbs Trigger receiving from the sandbox', () => {
		it.each(POST_EVENTS)(
			'%s delivered by the sandbox starts the workflow with one valid item',
			async (event) => {
				const [delivery] = await sandbox.emit(event);
				expect(delivery).toMatchObject({ method: 'POST', status: 200 });
				expect(JSON.parse(delivery.responseBody)).toEqual({ received: true, event, started: true });
				expect(harness.executions).toHaveLength(1);
				expect(harness.executions[0]).toEqual([
					expect.objectContaining({
						event,
						valid: true,
						workspaceId: 12,
						normalized: expect.objectContaining({ platform: 'bcrumbs', event }),
					}),
				]);
			},
		);

		it('every event type the sandbox emits becomes the documented item', async () => {
			const seen: IDataObject[] = [];
			for (const event of [...POST_EVENTS, 'MESSAGE_UPDATED_SMPP'] as const) {
				const body = event === 'MESSAGE_UPDATED_SMPP' ? undefined : exampleEvent(event);
				const outcome = body
					? await harness.deliver({ body, headers: { [VERIFICATION_HEADER]: secretOf(harness) } })
					: await harness.deliver({
							method: 'GET',
							query: { message_id: 'wamid_ABC123', status: 'DELIVRD' },
							headers: { [VERIFICATION_HEADER]: secretOf(harness) },
						});
				expect(outcome.status).toBe(200);
				expect(outcome.items).toHaveLength(1);
				seen.push(outcome.items![0]);
			}
			expect(seen.map((item) => [item.event, item.valid])).toEqual(
				[...POST_EVENTS, 'MESSAGE_UPDATED_SMPP'].map((event) => [event, true]),
			);
			expect(seen[0]).toMatchObject({
				content: 'Hello',
				createdAt: '2025-01-04T15:35:46.000Z',
				normalized: { kind: 'message.received' },
			});
			expect(seen[7]).toMatchObject({ messageId: 'wamid_ABC123', statusFamily: 'delivered' });
		});

		// documented receipts carry no headers: the token in the registered URL verifies them
		it('the SMPP receipt arrives by GET with query parameters', async () => {
			const [delivery] = await sandbox.emit('MESSAGE_UPDATED_SMPP');
			expect(delivery).toMatchObject({ method: 'GET', status: 200 });
			expect(new URL(delivery.url).searchParams.get('status')).toBe('DELIVRD');
			expect(harness.executions).toEqual([
				[
					expect.objectContaining({
						event: 'MESSAGE_UPDATED_SMPP',
						messageId: 'wamid_ABC123',
						status: 'DELIVRD',
						valid: true,
					}),
				],
			]);
		});

		it('items never carry the secret or the verification header', async () => {
			const outcome = await harness.deliver({
				body: exampleEvent('NEW_CLIENT'),
				headers: { [VERIFICATION_HEADER]: secretOf(harness) },
			});
			const text = JSON.stringify(outcome);
			expect(text).not.toContain(secretOf(harness));
			expect(text).not.toContain(VERIFICATION_HEADER);
		});

		it('Include Raw Payload adds the body as sent', async () => {
			const raw = await activeTrigger(['NEW_CONV'], { includeRawBody: true }, 'wf-raw');
			const body = exampleEvent('NEW_CONV');
			const outcome = await raw.deliver({
				body,
				headers: { [VERIFICATION_HEADER]: secretOf(raw) },
			});
			expect(outcome.items?.[0].rawBody).toEqual(body);
			await raw.close();
		});
	});

	describe('Bcrumbs Trigger refuses forged requests before any execution', () => {
		it.each([
			['no secret header', {}, 'the secret header is missing'],
			[
				'a wrong secret',
				{ [VERIFICATION_HEADER]: 'f'.repeat(64) },
				'the secret header does not match',
			],
			['an empty secret', { [VERIFICATION_HEADER]: '' }, 'the secret header is missing'],
		])('%s: 401, no items, the cause logged', async (_name, headers, cause) => {
			const outcome = await harness.deliver({ body: exampleEvent('INCOMING_MESSAGE'), headers });
			expect(outcome).toEqual({ status: 401, body: { error: 'Unauthorized' }, items: undefined });
			expect(takeRefusalCauses()).toEqual([cause]);
		});

		it("another workflow's secret: 401", async () => {
			const other = await activeTrigger(['INCOMING_MESSAGE'], {}, 'wf-other');
			const outcome = await harness.deliver({
				body: exampleEvent('INCOMING_MESSAGE'),
				headers: { [VERIFICATION_HEADER]: secretOf(other) },
			});
			expect(outcome.status).toBe(401);
			expect(takeRefusalCauses()).toEqual(['the secret header does not match']);
			await other.close();
		});

		it('a forged SMPP GET: 401', async () => {
			const outcome = await harness.deliver({
				method: 'GET',
				query: { message_id: 'x', status: 'DELIVRD' },
			});
			expect(outcome.status).toBe(401);
			expect(takeRefusalCauses()).toEqual([
				'neither the secret header nor the URL token is present',
			]);
		});

		it('fails closed when the node holds no secret (never activated)', async () => {
			await harness.deactivate();
			const outcome = await harness.deliver({
				body: exampleEvent('INCOMING_MESSAGE'),
				headers: { [VERIFICATION_HEADER]: 'anything' },
			});
			expect(outcome.status).toBe(401);
			// a gateway without deleteWebhook keeps the registration, and its secret, for reuse
			expect(takeRefusalCauses()).toEqual([
				expect.stringMatching(
					/^(no secret is registered for this webhook|the secret header does not match)$/,
				),
			]);
		});
	});

	describe('Bcrumbs Trigger with authentic but unexpected deliveries', () => {
		it('a registration left for a deselected event (no delete API) does not start the workflow twice', async () => {
			const noDelete = await startSandbox({ profile, deleteMutation: false });
			const narrow = bcrumbsTrigger(noDelete, {
				events: ['INCOMING_MESSAGE'],
				workflowId: 'wf-switch',
				webhookId: 'wf-switch-hook',
			});
			await narrow.listen();
			await narrow.activate();
			narrow.node.parameters.events = ['ANY_EVENT'];
			await narrow.activate();
			expect(
				noDelete
					.webhooks()
					.map((webhook) => webhook.event.trim())
					.sort(),
			).toEqual(['ANY_EVENT', 'INCOMING_MESSAGE']);
			const deliveries = await noDelete.emit('INCOMING_MESSAGE');
			expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
			expect(narrow.executions).toHaveLength(1);
			await narrow.close();
			await noDelete.close();
		});

		it('an event that is not selected is answered 200 and starts nothing', async () => {
			const narrow = await activeTrigger(['INCOMING_MESSAGE'], {}, 'wf-narrow');
			const outcome = await narrow.deliver({
				body: exampleEvent('NEW_CLIENT'),
				headers: { [VERIFICATION_HEADER]: secretOf(narrow) },
			});
			expect(outcome).toEqual({
				status: 200,
				body: { received: true, event: 'NEW_CLIENT', started: false, skipped: 1 },
				items: undefined,
			});
			await narrow.close();
		});

		it('an unknown event still starts the workflow, flagged, with the raw body', async () => {
			const body = { event: 'CONTACT_MERGED', workspaceId: 12, ids: ['a', 'b'] };
			const outcome = await harness.deliver({
				body,
				headers: { [VERIFICATION_HEADER]: secretOf(harness) },
			});
			expect(outcome.items).toEqual([
				expect.objectContaining({ event: 'CONTACT_MERGED', valid: false, rawBody: body }),
			]);
		});

		it('a body that fails its schema still starts the workflow, flagged, with the problems', async () => {
			const body = { ...exampleEvent('MESSAGE_UPDATED'), externalMessageId: null };
			const outcome = await harness.deliver({
				body,
				headers: { [VERIFICATION_HEADER]: secretOf(harness) },
			});
			expect(outcome.items?.[0]).toMatchObject({
				event: 'MESSAGE_UPDATED',
				valid: false,
				problems: [expect.stringMatching(/^externalMessageId: /)],
			});
		});

		it('a test-URL delivery is verified against the test registration', async () => {
			await harness.activate(true);
			const testSecret = ((harness.staticData.endpoints as IDataObject).test as { secret: string })
				.secret;
			const outcome = await harness.deliver({
				test: true,
				body: exampleEvent('NEW_CONV'),
				headers: { [VERIFICATION_HEADER]: testSecret },
			});
			expect(outcome.items).toHaveLength(1);
			// the production registration's secret does not open the test URL
			expect(testSecret).not.toBe(secretOf(harness));
			const refused = await harness.deliver({
				test: true,
				body: exampleEvent('NEW_CONV'),
				headers: { [VERIFICATION_HEADER]: secretOf(harness) },
			});
			// while listening, a refusal is the trigger's error in the editor (n8n answers the sender 500), not a 401
			expect(refused.items).toBeUndefined();
			expect((refused.error as Error).message).toBe(
				'Request refused: the secret header does not match',
			);
		});
	});
});
