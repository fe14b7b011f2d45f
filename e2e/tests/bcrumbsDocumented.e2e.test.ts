// A real n8n against the documented bcrumbs API (sandbox profile `documented`: no deleteWebhook,
// listed webhooks without headers). Activation, re-activation, a restart, "Listen for test event"
// twice and a workflow re-created from a copy each leave exactly one registration per selected
// event; deliveries verify; forged requests get 401 and start nothing.
import { exampleEvent, type Sandbox, type StoredWebhook } from '../../sandbox';
import { N8nRestClient, type Workflow } from '../harness';
import {
	BcrumbsN8n,
	createSandboxCredential,
	createTrigger,
	type CredentialRef,
	eventsOf,
	executionCount,
	expectNoNewExecution,
	newExecutions,
	printTimings,
	registrationsFor,
	SECRET_HEADER,
	send,
	SMPP,
	sorted,
	startN8nWithPackage,
	startSandboxes,
	step,
	stopAll,
	testUrl,
	triggerItems,
	triggerWorkflow,
} from './bcrumbsSetup';

// the SMPP receipt arrives as a GET without custom headers: its registered URL's token verifies it
const EVENTS = ['INCOMING_MESSAGE', 'NEW_CLIENT', SMPP];
const ids = (webhooks: StoredWebhook[]) => webhooks.map((w) => w.id).sort();

describe('Bcrumbs Trigger in a real n8n against the documented API', () => {
	let app: BcrumbsN8n;
	let sandbox: Sandbox;
	let credential: CredentialRef;
	let json: ReturnType<typeof triggerWorkflow>;
	let workflow: Workflow;
	let url: string;

	/** Emits each event and expects one verified execution per event, in order (receipts joined with a naive '?' as well). */
	async function deliveriesVerify(
		workflowId: string,
		events: string[],
		queryJoin: 'standard' | 'naive' = 'standard',
	): Promise<void> {
		const before = await executionCount(app.rest, workflowId);
		const statuses: Array<number | null> = [];
		for (const event of events)
			statuses.push(...(await sandbox.emit(event as never, { queryJoin })).map((d) => d.status));
		expect(statuses).toEqual(events.map(() => 200));
		const runs = await newExecutions(app.rest, workflowId, before, events.length);
		expect(runs.map((r) => [triggerItems(r)[0].event, triggerItems(r)[0].valid])).toEqual(
			events.map((event) => [event, true]),
		);
	}

	beforeAll(async () => {
		[app, [sandbox]] = await step('start n8n + documented sandbox', () =>
			Promise.all([startN8nWithPackage(), startSandboxes({ profile: 'documented' })]),
		);
		credential = await createSandboxCredential(app.rest, 'documented bcrumbs', sandbox);
		({ json, workflow, url } = await createTrigger(app, {
			name: 'documented',
			credential,
			events: EVENTS,
		}));
	});
	afterAll(async () => {
		await step('stop n8n + sandbox', () => stopAll(app?.n8n, sandbox ? [sandbox] : []));
		printTimings('bcrumbs-documented');
	});

	it('activation registers one webhook per event; deliveries verify; forged ones get 401 and start nothing', async () => {
		await step('activate', () => app.rest.activate(workflow.id));
		expect(eventsOf(registrationsFor(sandbox, url))).toEqual(sorted(EVENTS));
		await step('deliver each event', () => deliveriesVerify(workflow.id, EVENTS));

		const before = await executionCount(app.rest, workflow.id);
		const body = JSON.stringify(exampleEvent('INCOMING_MESSAGE'));
		const forged = await Promise.all([
			send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
			send(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', [SECRET_HEADER]: 'f'.repeat(64) },
				body,
			}),
			send(`${url}?message_id=wamid_X&status=DELIVRD`),
			send(`${url}?n8n_token=${'0'.repeat(64)}&message_id=wamid_X&status=DELIVRD`),
		]);
		expect(forged.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
		await expectNoNewExecution(app.rest, workflow.id, before);
	});

	it('re-activation keeps the same registrations and registers nothing', async () => {
		const first = ids(registrationsFor(sandbox, url));
		const creates = sandbox.callCount('createWebhook');
		await step('deactivate + activate', async () => {
			await app.rest.deactivate(workflow.id);
			await app.rest.activate(workflow.id);
		});
		expect(ids(registrationsFor(sandbox, url))).toEqual(first);
		expect(sandbox.callCount('createWebhook')).toBe(creates);
		await step('deliver after re-activation', () =>
			deliveriesVerify(workflow.id, ['NEW_CLIENT', SMPP], 'naive'),
		);
	});

	it('a restart keeps them and deliveries still verify', async () => {
		const first = ids(registrationsFor(sandbox, url));
		const creates = sandbox.callCount('createWebhook');
		app.n8n = await step('restart n8n', () => app.n8n.restart());
		app.rest = new N8nRestClient(app.n8n.baseUrl);
		await app.rest.login();
		expect(ids(registrationsFor(sandbox, url))).toEqual(first);
		expect(sandbox.callCount('createWebhook')).toBe(creates);
		await step('deliver after restart', () =>
			deliveriesVerify(workflow.id, ['INCOMING_MESSAGE', SMPP]),
		);
	});

	it('a copy of the workflow (same webhook, no static data) adopts the registrations instead of adding any', async () => {
		const first = ids(registrationsFor(sandbox, url));
		await step('deactivate and delete the original', async () => {
			await app.rest.deactivate(workflow.id);
			await app.rest.deleteWorkflow(workflow.id);
		});
		workflow = await app.rest.createWorkflow({ ...json, name: 'documented (copy)' });
		await step('activate the copy', () => app.rest.activate(workflow.id));
		expect(ids(registrationsFor(sandbox, url))).toEqual(first);
		expect(eventsOf(registrationsFor(sandbox, url))).toEqual(sorted(EVENTS));
		await step('deliver to the copy', () => deliveriesVerify(workflow.id, EVENTS));
	});

	it('"Listen for test event" twice (fresh static data each time) keeps one test registration per event, and it verifies', async () => {
		const test = testUrl(app.n8n, json.webhookId);
		await step('listen #1', () => app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger'));
		expect(eventsOf(registrationsFor(sandbox, test))).toEqual(sorted(EVENTS));
		await app.rest.stopListening(workflow.id);
		await step('listen #2', () => app.rest.listenForTestEvent(workflow.id, 'Bcrumbs Trigger'));
		expect(eventsOf(registrationsFor(sandbox, test))).toEqual(sorted(EVENTS));

		const before = await executionCount(app.rest, workflow.id);
		const deliveries = await sandbox.emit('NEW_CLIENT');
		// the production and the test registration both receive it; the test one runs a manual execution
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		const runs = await step('wait for production + test executions', () =>
			newExecutions(app.rest, workflow.id, before, 2),
		);
		expect(runs.map((r) => r.mode).sort()).toEqual(['manual', 'webhook']);
		expect(runs.every((r) => triggerItems(r)[0].valid === true)).toBe(true);
	});
});
