// A real n8n against the documented bcrumbs API (sandbox profile `documented`: no deleteWebhook,
// listed webhooks without headers). Activation, re-activation, a restart, "Listen for test event"
// twice and a workflow re-created from a copy each leave exactly one registration per selected
// event; deliveries verify; forged requests get 401 and start nothing.
import { exampleEvent, type Sandbox, type StoredWebhook } from '../../sandbox';
import { N8nRestClient, type Workflow } from '../harness';
import * as setup from './bcrumbsSetup';

// the SMPP receipt arrives as a GET without custom headers: its registered URL's token verifies it
const EVENTS = ['INCOMING_MESSAGE', 'NEW_CLIENT', setup.SMPP];
const ids = (webhooks: StoredWebhook[]) => webhooks.map((w) => w.id).sort();

describe('Bcrumbs Trigger in a real n8n against the documented API', () => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;
	let credential: setup.CredentialRef;
	let json: ReturnType<typeof setup.triggerWorkflow>;
	let workflow: Workflow;
	let url: string;

	/** Emits each event and expects one verified execution per event, in order (receipts joined with a naive '?' as well). */
	async function deliveriesVerify(
		workflowId: string,
		events: string[],
		queryJoin: 'standard' | 'naive' = 'standard',
	): Promise<void> {
		const before = await setup.executionCount(app.rest, workflowId);
		const statuses: Array<number | null> = [];
		for (const event of events)
			statuses.push(...(await sandbox.emit(event as never, { queryJoin })).map((d) => d.status));
		expect(statuses).toEqual(events.map(() => 200));
		const runs = await setup.newExecutions(app.rest, workflowId, before, events.length);
		expect(
			runs.map((r) => [setup.triggerItems(r)[0].event, setup.triggerItems(r)[0].valid]),
		).toEqual(events.map((event) => [event, true]));
	}

	beforeAll(async () => {
		[app, [sandbox]] = await setup.step('start n8n + documented sandbox', () =>
			Promise.all([setup.startN8nWithPackage(), setup.startSandboxes({ profile: 'documented' })]),
		);
		credential = await setup.createSandboxCredential(app.rest, 'documented bcrumbs', sandbox);
		({ json, workflow, url } = await setup.createTrigger(app, {
			name: 'documented',
			credential,
			events: EVENTS,
		}));
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandbox', () => setup.stopAll(app?.n8n, sandbox ? [sandbox] : []));
		setup.printTimings('bcrumbs-documented');
	});

	it('activation registers one webhook per event; deliveries verify; forged ones get 401 and start nothing', async () => {
		await setup.step('activate', () => app.rest.activate(workflow.id));
		expect(setup.eventsOf(setup.registrationsFor(sandbox, url))).toEqual(setup.sorted(EVENTS));
		await setup.step('deliver each event', () => deliveriesVerify(workflow.id, EVENTS));

		const before = await setup.executionCount(app.rest, workflow.id);
		const body = JSON.stringify(exampleEvent('INCOMING_MESSAGE'));
		const forged = await Promise.all([
			setup.postJson(url, body),
			setup.postJson(url, body, { [setup.SECRET_HEADER]: 'f'.repeat(64) }),
			setup.send(`${url}?message_id=wamid_X&status=DELIVRD`),
			setup.send(`${url}?n8n_token=${'0'.repeat(64)}&message_id=wamid_X&status=DELIVRD`),
		]);
		expect(forged.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
		await setup.expectNoNewExecution(app.rest, workflow.id, before);
	});

	it('re-activation keeps the same registrations and registers nothing', async () => {
		const first = ids(setup.registrationsFor(sandbox, url));
		const creates = sandbox.callCount('createWebhook');
		await setup.step('deactivate + activate', async () => {
			await app.rest.deactivate(workflow.id);
			await app.rest.activate(workflow.id);
		});
		expect(ids(setup.registrationsFor(sandbox, url))).toEqual(first);
		expect(sandbox.callCount('createWebhook')).toBe(creates);
		await setup.step('deliver after re-activation', () =>
			deliveriesVerify(workflow.id, ['NEW_CLIENT', setup.SMPP], 'naive'),
		);
	});

	it('a restart keeps them and deliveries still verify', async () => {
		const first = ids(setup.registrationsFor(sandbox, url));
		const creates = sandbox.callCount('createWebhook');
		app.n8n = await setup.step('restart n8n', () => app.n8n.restart());
		app.rest = new N8nRestClient(app.n8n.baseUrl);
		await app.rest.login();
		expect(ids(setup.registrationsFor(sandbox, url))).toEqual(first);
		expect(sandbox.callCount('createWebhook')).toBe(creates);
		await setup.step('deliver after restart', () =>
			deliveriesVerify(workflow.id, ['INCOMING_MESSAGE', setup.SMPP]),
		);
	});

	it('a copy of the workflow (same webhook, no static data) adopts the registrations instead of adding any', async () => {
		const first = ids(setup.registrationsFor(sandbox, url));
		await setup.step('deactivate and delete the original', async () => {
			await app.rest.deactivate(workflow.id);
			await app.rest.deleteWorkflow(workflow.id);
		});
		workflow = await app.rest.createWorkflow({ ...json, name: 'documented (copy)' });
		await setup.step('activate the copy', () => app.rest.activate(workflow.id));
		expect(ids(setup.registrationsFor(sandbox, url))).toEqual(first);
		expect(setup.eventsOf(setup.registrationsFor(sandbox, url))).toEqual(setup.sorted(EVENTS));
		await setup.step('deliver to the copy', () => deliveriesVerify(workflow.id, EVENTS));
	});

	it('"Listen for test event" twice (fresh static data each time) keeps one test registration per event, and it verifies', async () => {
		const test = setup.testUrl(app.n8n, json.webhookId);
		await setup.step('listen #1', () =>
			app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger'),
		);
		expect(setup.eventsOf(setup.registrationsFor(sandbox, test))).toEqual(setup.sorted(EVENTS));
		await app.rest.stopListening(workflow.id);
		await setup.step('listen #2', () =>
			app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger'),
		);
		expect(setup.eventsOf(setup.registrationsFor(sandbox, test))).toEqual(setup.sorted(EVENTS));

		const before = await setup.executionCount(app.rest, workflow.id);
		const deliveries = await sandbox.emit('NEW_CLIENT');
		// the production and the test registration both receive it; the test one runs a manual execution
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		const runs = await setup.step('wait for production + test executions', () =>
			setup.newExecutions(app.rest, workflow.id, before, 2),
		);
		expect(runs.map((r) => r.mode).sort()).toEqual(['manual', 'webhook']);
		expect(runs.every((r) => setup.triggerItems(r)[0].valid === true)).toBe(true);
	});
});
