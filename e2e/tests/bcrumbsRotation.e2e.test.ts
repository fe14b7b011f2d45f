// A rotated API key in a real n8n: the user saves the new key in the credential of an active Bcrumbs
// Trigger and activates again. Deliveries signed with the old key's secret then get 401, deliveries from
// the gateway verify, and exactly one registration per event remains (a gateway that deletes).
import { exampleEvent, SANDBOX_API_KEY, type Sandbox } from '../../sandbox';
import type { Workflow } from '../harness';
import * as setup from './bcrumbsSetup';

const ROTATED_KEY = 'bck_rotated_e2e_0123456789abcdef';
const EVENTS = ['INCOMING_MESSAGE', 'NEW_CLIENT'];

describe('Bcrumbs Trigger after its API key is rotated, in a real n8n', () => {
	let app: setup.BcrumbsN8n;
	let sandbox: Sandbox;
	let credential: setup.CredentialRef;
	let workflow: Workflow;
	let url: string;

	beforeAll(async () => {
		[app, [sandbox]] = await setup.step('start n8n + sandbox (two keys)', () =>
			Promise.all([
				setup.startN8nWithPackage(),
				setup.startSandboxes({
					profile: 'extended',
					apiKeys: [
						{ key: SANDBOX_API_KEY, workspaceId: 12 },
						{ key: ROTATED_KEY, workspaceId: 12 },
					],
				}),
			]),
		);
		credential = await setup.createSandboxCredential(app.rest, 'bcrumbs to rotate', sandbox);
		({ workflow, url } = await setup.createTrigger(app, {
			name: 'rotation',
			credential,
			events: EVENTS,
		}));
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandbox', () => setup.stopAll(app?.n8n, sandbox ? [sandbox] : []));
		setup.printTimings('bcrumbs-rotation');
	});

	it('the next activation re-keys: the old secret gets 401, the gateway verifies, one registration per event', async () => {
		await setup.step('activate', () => app.rest.activate(workflow.id));
		const oldSecret = setup.registrationsFor(sandbox, url)[0].headers?.[
			setup.SECRET_HEADER
		] as string;
		expect(oldSecret).toMatch(/^[0-9a-f]{64}$/);

		await app.rest.updateCredential(credential.id, {
			name: credential.name,
			type: setup.CREDENTIAL_TYPE,
			data: { apiKey: ROTATED_KEY, workspaceId: 12, gatewayUrl: sandbox.url },
		});
		await setup.step('deactivate', () => app.rest.deactivate(workflow.id));
		await setup.step('activate with the new key', () =>
			app.rest.getWorkflow(workflow.id).then(() => app.rest.activate(workflow.id)),
		);

		const registered = setup.registrationsFor(sandbox, url);
		expect(setup.eventsOf(registered)).toEqual(setup.sorted(EVENTS));
		const newSecrets = [
			...new Set(registered.map((webhook) => webhook.headers?.[setup.SECRET_HEADER])),
		];
		expect(newSecrets).toHaveLength(1);
		expect(newSecrets[0]).not.toBe(oldSecret);

		const before = await setup.executionCount(app.rest, workflow.id);
		const forged = await setup.postJson(url, JSON.stringify(exampleEvent('INCOMING_MESSAGE')), {
			[setup.SECRET_HEADER]: oldSecret,
		});
		expect(forged.status).toBe(401);
		await setup.expectNoNewExecution(app.rest, workflow.id, before);

		const deliveries = await sandbox.emit('INCOMING_MESSAGE');
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const [run] = await setup.newExecutions(app.rest, workflow.id, before, 1);
		expect(setup.triggerItems(run)[0]).toMatchObject({ event: 'INCOMING_MESSAGE', valid: true });
		// deactivation deleted the old registrations here: nothing was left to re-key, so no log line is due
		expect(app.n8n.logs()).not.toContain(ROTATED_KEY);
	});
});
