// Registration lifecycle through a real n8n: deactivation against a gateway that can delete
// webhooks (sandbox A) and one that cannot, like the documented bcrumbs API (sandbox B), then an
// n8n restart on the same user folder. Invariant everywhere: one registration per (URL, event).
import type { Sandbox, StoredWebhook } from '../../sandbox';
import type { Workflow } from '../harness';
import * as setup from './bcrumbsSetup';
import { N8nRestClient } from '../harness';

/** ANY_EVENT covers the POST events; the SMPP receipt must be registered by name. */
const WILDCARD_EVENTS = ['ANY_EVENT', setup.SMPP];
const ids = (webhooks: StoredWebhook[]) => webhooks.map((w) => w.id).sort();

describe('Bcrumbs Trigger lifecycle in a real n8n', () => {
	let app: setup.BcrumbsN8n;
	let withDelete: Sandbox;
	let withoutDelete: Sandbox;
	let deletable: { workflow: Workflow; url: string };
	let permanent: { workflow: Workflow; url: string };

	beforeAll(async () => {
		[app, [withDelete, withoutDelete]] = await setup.step('start n8n + 2 sandboxes', () =>
			Promise.all([
				setup.startN8nWithPackage(),
				setup.startSandboxes({ deleteMutation: true }, { deleteMutation: false }),
			]),
		);
		const [credA, credB] = await Promise.all([
			setup.createSandboxCredential(app.rest, 'sandbox with deleteWebhook', withDelete),
			setup.createSandboxCredential(app.rest, 'sandbox without deleteWebhook', withoutDelete),
		]);
		deletable = await setup.createTrigger(app, {
			name: 'deletable',
			credential: credA,
			events: setup.ALL_EVENTS,
		});
		permanent = await setup.createTrigger(app, {
			name: 'permanent',
			credential: credB,
			events: WILDCARD_EVENTS,
		});
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandboxes', () =>
			setup.stopAll(app?.n8n, [withDelete, withoutDelete].filter(Boolean)),
		);
		setup.printTimings('bcrumbs-lifecycle');
	});

	it('deactivation deletes the registrations when the gateway has deleteWebhook', async () => {
		await setup.step('activate (delete gateway)', () => app.rest.activate(deletable.workflow.id));
		expect(setup.eventsOf(setup.registrationsFor(withDelete, deletable.url))).toEqual(
			setup.sorted(setup.ALL_EVENTS),
		);
		await setup.step('deactivate (delete gateway)', () =>
			app.rest.deactivate(deletable.workflow.id),
		);
		expect(withDelete.webhooks()).toEqual([]);
		// all of them in one batched request
		expect(withDelete.callCount('deleteWebhook')).toBe(1);

		await setup.step('re-activate (delete gateway)', () =>
			app.rest.activate(deletable.workflow.id),
		);
		expect(setup.eventsOf(setup.registrationsFor(withDelete, deletable.url))).toEqual(
			setup.sorted(setup.ALL_EVENTS),
		);
		expect(withDelete.webhooks()).toHaveLength(setup.ALL_EVENTS.length);
	});

	it('without deleteWebhook, deactivation leaves the registrations and re-activation reuses them', async () => {
		await setup.step('activate (no-delete gateway)', () =>
			app.rest.activate(permanent.workflow.id),
		);
		const first = setup.registrationsFor(withoutDelete, permanent.url);
		expect(setup.eventsOf(first)).toEqual(setup.sorted(WILDCARD_EVENTS));
		const creates = withoutDelete.callCount('createWebhook');

		await setup.step('deactivate (no-delete gateway)', () =>
			app.rest.deactivate(permanent.workflow.id),
		);
		expect(ids(setup.registrationsFor(withoutDelete, permanent.url))).toEqual(ids(first));
		await setup.step('re-activate (no-delete gateway)', () =>
			app.rest.activate(permanent.workflow.id),
		);
		expect(ids(withoutDelete.webhooks())).toEqual(ids(first)); // same ones, nothing added
		expect(withoutDelete.callCount('createWebhook')).toBe(creates);

		// the kept secret still matches: deliveries start executions
		const before = await setup.executionCount(app.rest, permanent.workflow.id);
		const deliveries = [
			...(await withoutDelete.emit('NEW_CONV')),
			...(await withoutDelete.emit(setup.SMPP)),
		];
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		const runs = await setup.step('wait for 2 executions', () =>
			setup.newExecutions(app.rest, permanent.workflow.id, before, 2),
		);
		expect(runs.map((r) => setup.triggerItems(r)[0].event)).toEqual(['NEW_CONV', setup.SMPP]);
	});

	it('a restart keeps one registration per (URL, event); re-activation after it too; deliveries still work', async () => {
		const beforeA = ids(withDelete.webhooks());
		const beforeB = ids(withoutDelete.webhooks());
		const creates =
			withDelete.callCount('createWebhook') + withoutDelete.callCount('createWebhook');

		app.n8n = await setup.step('restart n8n', () => app.n8n.restart());
		app.rest = new N8nRestClient(app.n8n.baseUrl);
		await app.rest.login();
		// n8n re-activated both at startup (checkExists found them; with the publication service no hook
		// runs at startup): create() did not run
		expect(ids(withDelete.webhooks())).toEqual(beforeA);
		expect(ids(withoutDelete.webhooks())).toEqual(beforeB);
		expect(withDelete.callCount('createWebhook') + withoutDelete.callCount('createWebhook')).toBe(
			creates,
		);

		await setup.step('deactivate + re-activate both after restart', async () => {
			for (const { workflow } of [deletable, permanent]) {
				await app.rest.deactivate(workflow.id);
				await app.rest.activate(workflow.id);
			}
		});
		expect(setup.eventsOf(setup.registrationsFor(withDelete, deletable.url))).toEqual(
			setup.sorted(setup.ALL_EVENTS),
		);
		expect(withDelete.webhooks()).toHaveLength(setup.ALL_EVENTS.length);
		expect(ids(withoutDelete.webhooks())).toEqual(beforeB);

		const beforeRuns = await Promise.all(
			[deletable, permanent].map(({ workflow }) => setup.executionCount(app.rest, workflow.id)),
		);
		const deliveries = await setup.step('emit INCOMING_MESSAGE + SMPP in both', async () => [
			...(await withDelete.emit('INCOMING_MESSAGE')),
			...(await withDelete.emit(setup.SMPP)),
			...(await withoutDelete.emit('INCOMING_MESSAGE')),
			...(await withoutDelete.emit(setup.SMPP)),
		]);
		expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
		const [runsA, runsB] = await Promise.all(
			[deletable, permanent].map(({ workflow }, i) =>
				setup.newExecutions(app.rest, workflow.id, beforeRuns[i], 2),
			),
		);
		for (const runs of [runsA, runsB]) {
			expect(
				runs.map((r) => [r.status, setup.triggerItems(r)[0].event, setup.triggerItems(r)[0].valid]),
			).toEqual([
				['success', 'INCOMING_MESSAGE', true],
				['success', setup.SMPP, true],
			]);
		}
	});
});
