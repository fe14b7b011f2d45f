// Reliability in a real n8n (the lane's version): activation churn never leaves two registrations for one (URL, event),
// a burst of deliveries loses and duplicates nothing, and neither the API key nor any webhook secret
// ever appears in n8n's debug log or in what the workflow received.
import { exampleEvent, SANDBOX_API_KEY, type Sandbox } from '../../sandbox';
import {
	chain,
	HttpSink,
	N8nProcess,
	N8nRestClient,
	postJsonNode,
	type Workflow,
} from '../harness';
import { LANE } from '../harness/install';
import { packedTarball } from '../packageUnderTest';
import * as setup from './bcrumbsSetup';

const CHURN_CYCLES = 50;
const BURST = Number(process.env.RELIABILITY_E2E_BURST || LANE.reliabilityBurst);
const CONCURRENCY = 25;

describe('reliability in a real n8n', () => {
	let n8n: N8nProcess;
	let rest: N8nRestClient;
	let sandbox: Sandbox;
	let sink: HttpSink;
	const secretsSeen = new Set<string>();

	beforeAll(async () => {
		[n8n, [sandbox], sink] = await setup.step(
			'start n8n (debug log, success executions not saved) + sandbox + sink',
			async () =>
				Promise.all([
					// the burst measures the webhook path, not sqlite: successful executions are not stored
					N8nProcess.start({
						packageTarballs: [await packedTarball()],
						logLevel: 'debug',
						env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' },
					}),
					setup.startSandboxes({ deleteMutation: true }),
					HttpSink.start(),
				]),
		);
		rest = new N8nRestClient(n8n.baseUrl);
		await rest.setupOwner();
	});
	afterAll(async () => {
		await setup.step('stop n8n + sandbox + sink', async () => {
			await setup.stopAll(n8n, sandbox ? [sandbox] : []);
			await sink?.close();
		});
		setup.printTimings('reliability');
	});

	/** A credential and a trigger workflow of one name (stored, inactive), with its production URL. */
	const newTrigger = async (name: string, events: string[]) => {
		const credential = await setup.createSandboxCredential(rest, name, sandbox);
		return setup.createTrigger({ n8n, rest }, { name, credential, events });
	};
	const rememberSecrets = () =>
		sandbox
			.webhooks()
			.forEach((webhook) => secretsSeen.add(String(webhook.headers?.[setup.SECRET_HEADER])));

	it(`${CHURN_CYCLES} activate/deactivate cycles: never more than one registration per (URL, event)`, async () => {
		const { workflow, url } = await newTrigger('churn', [
			'INCOMING_MESSAGE',
			'NEW_CLIENT',
			'MESSAGE_UPDATED_SMPP',
		]);
		await setup.step(`${CHURN_CYCLES} cycles`, async () => {
			for (let cycle = 0; cycle < CHURN_CYCLES; cycle++) {
				await rest.activate(workflow.id);
				rememberSecrets();
				expect({ cycle, events: setup.eventsOf(setup.registrationsFor(sandbox, url)) }).toEqual({
					cycle,
					events: ['INCOMING_MESSAGE', 'MESSAGE_UPDATED_SMPP', 'NEW_CLIENT'],
				});
				await rest.deactivate(workflow.id);
				expect({ cycle, left: setup.registrationsFor(sandbox, url).length }).toEqual({
					cycle,
					left: 0,
				});
			}
		});
	});

	it(`a burst of ${BURST} deliveries: every one reaches the end of the workflow exactly once`, async () => {
		const credential = await setup.createSandboxCredential(rest, 'burst', sandbox);
		const json = setup.triggerWorkflow({ name: 'burst', credential, events: ['INCOMING_MESSAGE'] });
		// trigger -> HTTP Request posting the message id to the sink: the sink counts what the workflow did
		json.nodes[1] = postJsonNode(
			'Report',
			`${sink.url}/done`,
			'={{ JSON.stringify({ messageId: $json.messageId }) }}',
		);
		json.connections = chain(setup.TRIGGER_NODE, 'Report');
		const workflow: Workflow = await rest.createWorkflow(json);
		await rest.activate(workflow.id);
		rememberSecrets();
		const url = setup.productionUrl(n8n, json.webhookId);
		const secret = String(setup.registrationsFor(sandbox, url)[0].headers?.[setup.SECRET_HEADER]);
		let next = 0;
		const failures: string[] = [];
		await setup.step(`send ${BURST} deliveries (${CONCURRENCY} at a time)`, async () => {
			const worker = async () => {
				while (next < BURST) {
					const index = next++;
					const body = JSON.stringify({
						...exampleEvent('INCOMING_MESSAGE'),
						messageId: `burst-${index}`,
					});
					const response = await setup.postJson(url, body, { [setup.SECRET_HEADER]: secret });
					if (response.status !== 200) failures.push(`${index}: ${response.status}`);
				}
			};
			await Promise.all(Array.from({ length: CONCURRENCY }, worker));
		});
		expect(failures).toEqual([]);
		await setup.step('wait for the sink', () => sink.waitFor('/done', BURST, 240_000));
		const ids = sink.requests
			.filter((request) => request.path === '/done')
			.map((request) => (request.body as { messageId: string }).messageId);
		expect(ids).toHaveLength(BURST);
		expect(new Set(ids).size).toBe(BURST);
		// a bound against a hang, not a speed limit: a busy 2-core machine needs over 4 minutes for the burst
	}, 900_000);

	/** The error of an activation whose first gateway call, listing the registrations, failed with `cause`. */
	const listingFailed = (cause: string) =>
		new RegExp(`bcrumbs webhooks \\(checking existing registrations\\) failed: ${cause}`);

	it.each([
		['forbidden', listingFailed('.*FORBIDDEN')],
		['http500', listingFailed('Internal server error')],
		['malformed', listingFailed('the gateway answered with invalid JSON')],
	] as const)(
		'activation during a %s fault fails with a clear error naming the step; once it clears, one activation converges',
		async (mode, message) => {
			const { workflow, url } = await newTrigger(`fault ${mode}`, ['INCOMING_MESSAGE', 'NEW_CONV']);
			sandbox.setFault(mode);
			await expect(rest.activate(workflow.id)).rejects.toThrow(message);
			// n8n shows the description: it must name the step too, and say what to check
			sandbox.setFault('none');
			expect(setup.registrationsFor(sandbox, url)).toEqual([]);
			await rest.activate(workflow.id);
			rememberSecrets();
			expect(setup.eventsOf(setup.registrationsFor(sandbox, url))).toEqual([
				'INCOMING_MESSAGE',
				'NEW_CONV',
			]);
			await rest.deactivate(workflow.id);
		},
	);

	it('a failure in the middle of a multi-event registration is rolled back; the next activation converges, none orphaned', async () => {
		const { workflow, url } = await newTrigger('mid-registration', [
			'INCOMING_MESSAGE',
			'NEW_CONV',
			'NEW_CLIENT',
		]);
		const deletesBefore = sandbox.callCount('deleteWebhook');
		// every create after the first fails until cleared: n8n's publication service retries a failed
		// activation (5 attempts), and each attempt must leave nothing behind
		sandbox.setFault('http500', { operations: ['createWebhook'], after: 1 });
		await expect(rest.activate(workflow.id)).rejects.toThrow(
			/bcrumbs createWebhook \(registering (NEW_CONV|INCOMING_MESSAGE)\) failed/,
		);
		sandbox.setFault('none');
		expect(setup.registrationsFor(sandbox, url)).toEqual([]);
		expect(sandbox.callCount('deleteWebhook')).toBeGreaterThan(deletesBefore); // the first create rolled back
		await rest.activate(workflow.id);
		rememberSecrets();
		expect(setup.eventsOf(setup.registrationsFor(sandbox, url))).toEqual([
			'INCOMING_MESSAGE',
			'NEW_CLIENT',
			'NEW_CONV',
		]);
		expect(sandbox.webhooks().filter((webhook) => webhook.url === url)).toHaveLength(3);
		await rest.deactivate(workflow.id);
	});

	it('the API key and the webhook secrets never appear in the debug log or in what the workflow received', async () => {
		rememberSecrets();
		secretsSeen.delete('undefined');
		expect(secretsSeen.size).toBeGreaterThan(0);
		const log = n8n.logs();
		expect(log).toMatch(/debug/i);
		const received = JSON.stringify(sink.requests.map((request) => request.body));
		for (const secret of [SANDBOX_API_KEY, ...secretsSeen]) {
			expect({ inLog: log.includes(secret), inItems: received.includes(secret) }).toEqual({
				inLog: false,
				inItems: false,
			});
		}
	});
});
