// What a user does in the editor of a real n8n: run the Bcrumbs action node by hand, "Listen for
// test event" on the trigger, and press "Test" on the credential. All against the sandbox gateway.
import { SANDBOX_API_KEY, type Sandbox } from '../../sandbox';
import { nodeOutput } from '../harness';
import { sleep } from '../harness/proc';
import * as setup from './bcrumbsSetup';

const REFUSED =
	'bcrumbs refused the API key or the workspace ID: check that the key is valid, not expired, and belongs to this workspace';
const LISTEN_EVENTS = ['INCOMING_MESSAGE', setup.SMPP];

/** Manual Trigger -> Bcrumbs create -> Bcrumbs getAll (label filter). */
const actionWorkflow = (credential: setup.CredentialRef) =>
	setup.createThenList({
		name: 'action node',
		credential,
		create: {
			label: 'e2e CRM hook',
			url: 'https://crm.example.com/hooks/bcrumbs',
			event: 'NEW_CLIENT',
			additionalFields: {
				headers: { header: [{ name: 'x-api-key', value: 'k-123' }] },
				headersJson: '{"x-team": "crm"}',
			},
		},
		list: { returnAll: true, filters: { label: 'e2e' } },
		spacing: 240,
	});

/**
 * Polls the sandbox until the test registrations at `url` are gone (n8n removes them right after it
 * answered the delivery, or on "Stop listening"): how many are left, and the deleteWebhook calls since.
 */
async function testRegistrationsGone(sandbox: Sandbox, url: string, deletesBefore: number) {
	const deadline = Date.now() + 5000;
	while (setup.registrationsFor(sandbox, url).length !== 0 && Date.now() < deadline)
		await sleep(100);
	return {
		left: setup.registrationsFor(sandbox, url).length,
		deleteWebhookCalls: sandbox.callCount('deleteWebhook') - deletesBefore,
	};
}

describe('Bcrumbs nodes in the n8n editor', () => {
	let app: setup.BcrumbsN8n;
	let withDelete: Sandbox;
	let withoutDelete: Sandbox;
	let credA: setup.CredentialRef;
	let credB: setup.CredentialRef;
	/** A trigger workflow for LISTEN_EVENTS, with the test URL "Listen for test event" registers. */
	const listening = (name: string, credential: setup.CredentialRef) =>
		setup.createTrigger(app, { name, credential, events: LISTEN_EVENTS }, setup.testUrl);

	beforeAll(async () => {
		[app, [withDelete, withoutDelete]] = await setup.step('start n8n + 2 sandboxes', () =>
			Promise.all([
				setup.startN8nWithPackage(),
				setup.startSandboxes({ deleteMutation: true }, { deleteMutation: false }),
			]),
		);
		credA = await setup.createSandboxCredential(app.rest, 'sandbox with deleteWebhook', withDelete);
		credB = await setup.createSandboxCredential(
			app.rest,
			'sandbox without deleteWebhook',
			withoutDelete,
		);
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandboxes', () =>
			setup.stopAll(app?.n8n, [withDelete, withoutDelete].filter(Boolean)),
		);
		setup.printTimings('bcrumbs-editor');
	});

	it('the action node creates a webhook and lists it (manual run)', async () => {
		// decoys the label filter and the workspace must exclude
		withDelete.addWebhook({
			workspaceId: 12,
			label: 'other hook',
			url: 'https://other.example.com/',
			event: 'NEW_CONV',
		});
		withDelete.addWebhook({
			workspaceId: 99,
			label: 'e2e foreign workspace',
			url: 'https://foreign.example.com/',
			event: 'NEW_CONV',
		});
		const workflow = await app.rest.createWorkflow(actionWorkflow(credA));
		const run = await setup.step('manual run: create + getAll', () =>
			app.rest.runManually(workflow.id),
		);
		expect(run.status).toBe('success');

		const [created] = nodeOutput(run, 'Create webhook') as Array<Record<string, unknown>>;
		expect(created).toMatchObject({
			workspaceId: 12,
			label: 'e2e CRM hook',
			url: 'https://crm.example.com/hooks/bcrumbs',
			event: 'NEW_CLIENT',
			headerNames: ['x-api-key', 'x-team'],
		});
		// header values are secrets: the output names them only
		expect(JSON.stringify(created)).not.toContain('k-123');
		expect(created.id).toMatch(/^[0-9a-f]{24}$/);
		const stored = withDelete.webhooks().find((w) => w.id === created.id);
		expect(stored).toMatchObject({
			workspaceId: 12,
			event: 'NEW_CLIENT',
			headers: { 'x-api-key': 'k-123', 'x-team': 'crm' },
		});

		const listed = nodeOutput(run, 'List webhooks') as Array<Record<string, unknown>>;
		// the sandbox pads event names ("NEW_CLIENT ") like bcrumbs does: the node trims them
		expect(listed).toEqual([
			expect.objectContaining({
				id: created.id,
				label: 'e2e CRM hook',
				event: 'NEW_CLIENT',
				workspaceId: 12,
			}),
		]);
	});

	it('"Listen for test event" registers the /webhook-test/ URL and removes it after one event', async () => {
		const { json, workflow, url } = await listening('listen once', credA);
		await setup.step('listen for test event', () =>
			app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger'),
		);
		expect(url).toBe(`http://localhost:${app.n8n.port}/webhook-test/${json.webhookId}/webhook`);
		const registered = setup.registrationsFor(withDelete, url);
		expect(setup.eventsOf(registered)).toEqual(setup.sorted(LISTEN_EVENTS));
		expect(registered[0].headers?.[setup.SECRET_HEADER]).toMatch(/^[0-9a-f]{64}$/);

		const before = await setup.executionCount(app.rest, workflow.id);
		const deletesBefore = withDelete.callCount('deleteWebhook');
		const [delivery] = await withDelete.emit('INCOMING_MESSAGE');
		expect(delivery.status).toBe(200);
		const [run] = await setup.step('wait for the test execution', () =>
			setup.newExecutions(app.rest, workflow.id, before, 1),
		);
		expect(run.mode).toBe('manual');
		expect(setup.triggerItems(run)).toEqual([
			expect.objectContaining({ event: 'INCOMING_MESSAGE', valid: true }),
		]);

		const gone = await setup.step('wait for the test registration to go', () =>
			testRegistrationsGone(withDelete, url, deletesBefore),
		);
		// n8n called the trigger's delete() after the event: both registrations deleted, in one batched request
		expect(gone).toEqual({ left: 0, deleteWebhookCalls: 1 });
	});

	it('"Stop listening" removes the test registrations', async () => {
		const { workflow, url } = await listening('listen and stop', credA);
		await setup.step('listen for test event', () =>
			app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger'),
		);
		expect(setup.eventsOf(setup.registrationsFor(withDelete, url))).toEqual(
			setup.sorted(LISTEN_EVENTS),
		);
		const deletesBefore = withDelete.callCount('deleteWebhook');
		await setup.step('stop listening', () => app.rest.stopListening(workflow.id));
		expect(await testRegistrationsGone(withDelete, url, deletesBefore)).toEqual({
			left: 0,
			deleteWebhookCalls: 1,
		});
	});

	it('without deleteWebhook, listening again still works and keeps one registration per (URL, event)', async () => {
		const { workflow, url } = await listening('listen twice', credB);
		await setup.step('listen #1 (no-delete gateway)', () =>
			app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger'),
		);
		await app.rest.stopListening(workflow.id);
		await sleep(300);
		const second = await setup.step('listen #2 (no-delete gateway)', () =>
			app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger').then(
				() => 'listening',
				(e: Error) => e.message,
			),
		);
		expect(second).toBe('listening');
		expect(setup.eventsOf(setup.registrationsFor(withoutDelete, url))).toEqual(
			setup.sorted(LISTEN_EVENTS),
		);
		await app.rest.stopListening(workflow.id).catch(() => undefined);
	});

	it('the credential test passes with the sandbox key and names the problem with a bad key or workspace', async () => {
		const base = { id: credA.id, name: credA.name, type: setup.CREDENTIAL_TYPE };
		const gatewayUrl = withDelete.url;
		// one after another, as a person clicks Test: n8n 2.41's tester keeps its mock node per node type
		// in one module-level map and deletes it when a test ends, so parallel tests of one type can fail
		const tests = [
			{ apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl },
			{ apiKey: 'bck_wrong_key', workspaceId: 12, gatewayUrl },
			{ apiKey: SANDBOX_API_KEY, workspaceId: 13, gatewayUrl },
		];
		const [good, badKey, badWorkspace] = await setup.step('3 credential tests', async () => {
			const results = [];
			for (const data of tests) results.push(await app.rest.testCredential({ ...base, data }));
			return results;
		});
		expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(badKey).toEqual({ status: 'Error', message: REFUSED });
		expect(badWorkspace).toEqual({ status: 'Error', message: REFUSED });
	});
});
