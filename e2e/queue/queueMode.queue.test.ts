// n8n's queue mode with real parts (Postgres, Redis, nginx, main + 2 webhook processors + 2 workers),
// the package installed on every instance. One topology, proven step by step; counts are printed.
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { exampleEvent, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox';
import {
	chain,
	HttpSink,
	manualTriggerNode,
	N8nRestClient,
	nodeOutput,
	type Workflow,
} from '../harness';
import { sleep } from '../harness/proc';
import { packedTarball } from '../packageUnderTest';
import {
	burst,
	drain,
	exactlyOnce,
	percentile,
	settle,
	sinkCounts,
	type BurstResult,
} from './deliveries';
import { QueueTopology } from './topology';
import { BCRUMBS_EVENTS, reportingWorkflow } from './workflows';

// n8n's default expression engine (`vm` on 2.41, one isolate per instance) runs these workflows at about
// 5 deliveries/s through this topology on 2 cores, `legacy` at about 30/s: the default run sends 600
// per trigger; QUEUE_E2E_EXPRESSION_ENGINE=legacy QUEUE_E2E_DELIVERIES=5000 is the larger run.
const EXPRESSION_ENGINE = process.env.QUEUE_E2E_EXPRESSION_ENGINE;
const DELIVERIES = Number(process.env.QUEUE_E2E_DELIVERIES || (EXPRESSION_ENGINE ? 5000 : 600));
const FAULT_BURST = Math.min(1000, Math.max(200, Math.round(DELIVERIES / 3)));
const CONCURRENCY = 24;
const SECRET_HEADER = 'x-bcrumbs-n8n-secret';
const ONEROUTE_KEY = 'or-queue-secret-key-5521';
const ONEROUTE_BODY = JSON.parse(
	readFileSync(
		join(__dirname, '..', '..', 'test', 'fixtures', 'oneroute', 'new-message-text.json'),
		'utf8',
	),
);
const say = (line: string) => process.stdout.write(`  [queue] ${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const acknowledged = (r: BurstResult) =>
	[...r.outcomes.values()].filter((s) => typeof s === 'number' && s >= 200 && s < 300).length;

describe('queue mode: main + 2 webhook processors behind nginx + 2 workers, Postgres, Redis', () => {
	let q: QueueTopology;
	let sandbox: Sandbox;
	let sink: HttpSink;
	let rest: N8nRestClient;
	let bcrumbsCredential: { id: string; name: string };
	let bcrumbs: Workflow & { webhookId: string };
	let oneroute: Workflow & { webhookId: string };
	const hookUrl = (w: { webhookId: string }) =>
		`http://localhost:${q.nginx.port}/webhook/${w.webhookId}/webhook`;
	const registrations = () => sandbox.webhooks().filter((w) => w.url === hookUrl(bcrumbs));
	const registeredEvents = () =>
		registrations()
			.map((w) => w.event.trim())
			.sort();
	const secret = () => String(registrations()[0].headers?.[SECRET_HEADER]);
	const bcrumbsRequest = (marker: string) => ({
		url: hookUrl(bcrumbs).replace('localhost', '127.0.0.1'),
		headers: { [SECRET_HEADER]: secret() },
		body: JSON.stringify({ ...exampleEvent('INCOMING_MESSAGE'), messageId: marker }),
	});
	const onerouteRequest = (marker: string, key = ONEROUTE_KEY) => {
		const body = JSON.stringify({
			...ONEROUTE_BODY,
			message: { ...ONEROUTE_BODY.message, externalId: marker },
		});
		return {
			url: hookUrl(oneroute).replace('localhost', '127.0.0.1'),
			headers: { 'x-oneroute-signature': createHmac('sha512', key).update(body).digest('hex') },
			body,
		};
	};
	/** n8n's worker logs "Worker started execution <id>" for each execution it runs */
	const ranOnAWorker = (executionId: string) =>
		q.workers.some((worker) =>
			new RegExp(`Worker started execution ${executionId}\\b`).test(worker.logs()),
		);
	/** The executions n8n failed as stalled jobs (never retried): its webhook processors log each one. */
	const stalledJobFailures = () =>
		new Set(
			q.webhooks.flatMap((p) =>
				[
					...p
						.logs()
						.matchAll(
							/Problem with execution (\d+): This execution failed to be processed too many times/g,
						),
				].map((m) => m[1]),
			),
		).size;
	const report = (label: string, r: BurstResult, counts: Map<string, number>) => {
		const e = exactlyOnce(r, counts);
		say(
			`${label}: sent ${e.sent} in ${seconds(r.ms)} s (${((e.sent * 1000) / r.ms).toFixed(0)}/s, p50 ${percentile(r.latencies, 50)} ms, p99 ${percentile(r.latencies, 99)} ms); 2xx ${e.accepted}, non-2xx ${e.refused}, connection errors ${e.connectionErrors}; executed once ${e.executedOnce}, acknowledged but not executed ${e.acceptedNotExecuted.length}, executed more than once ${e.executedTwice.length}, executed without 2xx ${e.executedWithoutAck}`,
		);
		return e;
	};

	beforeAll(async () => {
		const t0 = Date.now();
		[sandbox, sink] = await Promise.all([startSandbox(), HttpSink.start()]);
		q = await QueueTopology.start({
			tarballs: [await packedTarball()],
			log: say,
			// manual executions run on the workers, as they always will in n8n 3.0
			env: {
				...(EXPRESSION_ENGINE ? { N8N_EXPRESSION_ENGINE: EXPRESSION_ENGINE } : {}),
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			},
		});
		say(
			`topology up in ${seconds(Date.now() - t0)} s; nginx ${q.publicUrl}; expression engine ${EXPRESSION_ENGINE ?? 'n8n default'}`,
		);
		rest = new N8nRestClient(q.main.baseUrl);
		await rest.setupOwner();
		bcrumbsCredential = await rest.createCredential({
			name: 'sandbox',
			type: 'bcrumbsApi',
			data: { apiKey: SANDBOX_API_KEY, workspaceId: 12, gatewayUrl: sandbox.url },
		});
		const onerouteCredential = await rest.createCredential({
			name: 'oneroute',
			type: 'oneRouteWebhookApi',
			data: { secretKey: ONEROUTE_KEY },
		});
		const bcrumbsJson = reportingWorkflow({
			name: 'queue bcrumbs',
			sinkUrl: `${sink.url}/bcrumbs`,
			trigger: {
				name: 'Bcrumbs Trigger',
				type: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
				parameters: { events: [...BCRUMBS_EVENTS], options: {} },
				credentials: { bcrumbsApi: bcrumbsCredential },
			},
		});
		const onerouteJson = reportingWorkflow({
			name: 'queue oneroute',
			sinkUrl: `${sink.url}/oneroute`,
			trigger: {
				name: 'OneRoute Trigger',
				type: 'n8n-nodes-bcrumbs.oneRouteTrigger',
				parameters: { verification: 'credentials', options: { includeRawBody: true } },
				credentials: { oneRouteWebhookApi: onerouteCredential },
			},
		});
		bcrumbs = { ...(await rest.createWorkflow(bcrumbsJson)), webhookId: bcrumbsJson.webhookId };
		oneroute = { ...(await rest.createWorkflow(onerouteJson)), webhookId: onerouteJson.webhookId };
	}, 600_000);

	afterAll(async () => {
		await q?.stop();
		await Promise.all([sandbox?.close(), sink?.close()]);
	}, 120_000);

	it('activation on the main registers one webhook per selected event; re-publishing and restarting the main add none', async () => {
		await rest.activate(bcrumbs.id);
		await rest.activate(oneroute.id);
		expect(registeredEvents()).toEqual([...BCRUMBS_EVENTS].sort());
		expect(registrations()[0].url).toBe(
			`http://localhost:${q.nginx.port}/webhook/${bcrumbs.webhookId}/webhook`,
		);

		await rest.updateWorkflow(bcrumbs.id, { name: 'queue bcrumbs (v2)' });
		await rest.activate(bcrumbs.id);
		expect(registeredEvents()).toEqual([...BCRUMBS_EVENTS].sort());

		const t0 = Date.now();
		await q.restartMain();
		await rest.login();
		say(
			`main restarted in ${seconds(Date.now() - t0)} s; registrations ${registeredEvents().join(', ')}`,
		);
		expect(registeredEvents()).toEqual([...BCRUMBS_EVENTS].sort());
	});

	it(`${DELIVERIES} Bcrumbs and ${DELIVERIES} OneRoute deliveries through nginx: both processors share them, each executes exactly once`, async () => {
		const [b, o] = await Promise.all([
			burst({
				count: DELIVERIES,
				concurrency: CONCURRENCY / 2,
				marker: (i) => `q-bc-${i}`,
				request: bcrumbsRequest,
			}),
			burst({
				count: DELIVERIES,
				concurrency: CONCURRENCY / 2,
				marker: (i) => `q-or-${i}`,
				request: (m) => onerouteRequest(m),
			}),
		]);
		const t0 = Date.now();
		await Promise.all([
			drain(sink, '/bcrumbs', acknowledged(b)),
			drain(sink, '/oneroute', acknowledged(o)),
		]);
		say(
			`workers drained the queue ${seconds(Date.now() - t0)} s after the last delivery was acknowledged`,
		);
		const eb = report('Bcrumbs Trigger', b, sinkCounts(sink, '/bcrumbs', /q-bc-\d+/));
		const eo = report('OneRoute Trigger', o, sinkCounts(sink, '/oneroute', /q-or-\d+/));
		const shares = q.webhookShares();
		say(
			`nginx shares per webhook processor: ${[...shares].map(([port, n]) => `${port}: ${n}`).join(', ')}`,
		);
		for (const e of [eb, eo])
			expect({ accepted: e.accepted, executedOnce: e.executedOnce }).toEqual({
				accepted: DELIVERIES,
				executedOnce: DELIVERIES,
			});
		for (const processor of q.webhooks)
			expect(shares.get(processor.port) ?? 0).toBeGreaterThan(DELIVERIES * 0.4);
	});

	it('forged deliveries are refused by the webhook processors and start nothing', async () => {
		const before = { b: sink.received('/bcrumbs').length, o: sink.received('/oneroute').length };
		const forgedBcrumbs = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				fetch(bcrumbsRequest(`q-forged-${i}`).url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', [SECRET_HEADER]: 'guessed' },
					body: bcrumbsRequest(`q-forged-${i}`).body,
				}),
			),
		);
		const forgedOneRoute = await Promise.all(
			Array.from({ length: 6 }, (_, i) => {
				const r = onerouteRequest(`q-forged-or-${i}`, 'guessed');
				return fetch(r.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...r.headers },
					body: r.body,
				});
			}),
		);
		expect(forgedBcrumbs.map((r) => r.status).every((s) => s === 401 || s === 403)).toBe(true);
		expect(forgedOneRoute.map((r) => r.status)).toEqual(Array(6).fill(401));
		const processorsSeen = new Set(
			q.nginx
				.accessLog()
				.filter((e) => e.status === 401 || e.status === 403)
				.map((e) => e.upstream),
		);
		expect(processorsSeen.size).toBe(q.webhooks.length);
		await new Promise((r) => setTimeout(r, 3000));
		expect({ b: sink.received('/bcrumbs').length, o: sink.received('/oneroute').length }).toEqual(
			before,
		);
	});

	it('SIGKILL of a webhook processor mid-burst: every acknowledged delivery executes exactly once', async () => {
		const before = sink.received('/bcrumbs').length;
		const result = await burst({
			count: FAULT_BURST,
			concurrency: CONCURRENCY,
			marker: (i) => `q-kill-${i}`,
			request: bcrumbsRequest,
			midway: { atIndex: Math.round(FAULT_BURST / 3), action: () => q.killWebhookProcessor(0) },
		});
		const counts = () => sinkCounts(sink, '/bcrumbs', /q-kill-\d+/);
		const accepted = acknowledged(result);
		await drain(sink, '/bcrumbs', before + accepted, 300_000);
		const e = report('webhook processor SIGKILL', result, counts());
		expect(q.webhooks[0].running).toBe(false);
		expect({
			acknowledgedNotExecuted: e.acceptedNotExecuted,
			executedTwice: e.executedTwice,
		}).toEqual({ acknowledgedNotExecuted: [], executedTwice: [] });
		expect(e.executedOnce).toBeGreaterThanOrEqual(accepted);
		expect(accepted).toBeGreaterThan(FAULT_BURST / 2); // the surviving processor kept serving
	});

	// A worker that stops can take a job off the queue and never run it: n8n's shutdown cuts Bull's
	// blocking read (`pause(true, true)`), the job stalls, and n8n, which never retries a stalled job
	// (`maxStalledCount: 0`), fails it: the webhook processor logs "Problem with execution <id>: This
	// execution failed to be processed too many times". Such a delivery is lost inside n8n whatever the
	// trigger (README, queue mode); every other acknowledged delivery must execute exactly once.
	it('a worker restarted mid-burst: every acknowledged delivery executes once, but for jobs n8n fails as stalled', async () => {
		const before = sink.received('/bcrumbs').length;
		const stalledBefore = stalledJobFailures();
		const result = await burst({
			count: FAULT_BURST,
			concurrency: CONCURRENCY,
			marker: (i) => `q-worker-${i}`,
			request: bcrumbsRequest,
			midway: { atIndex: Math.round(FAULT_BURST / 3), action: () => q.restartWorker(0) },
		});
		await settle(sink, '/bcrumbs', before + acknowledged(result), 120_000);
		const e = report('worker restart', result, sinkCounts(sink, '/bcrumbs', /q-worker-\d+/));
		const lost = e.acceptedNotExecuted.length;
		// n8n notices a stalled job within its lock (60 s) and stalled-check (30 s) times, then rechecks for 30 s
		const deadline = Date.now() + 150_000;
		while (stalledJobFailures() - stalledBefore < lost && Date.now() < deadline) await sleep(1000);
		const stalled = stalledJobFailures() - stalledBefore;
		if (lost || stalled)
			say(
				`worker restart: ${lost} acknowledged but not executed; n8n failed ${stalled} job(s) as stalled`,
			);
		expect({
			accepted: e.accepted,
			lostBeyondStalledJobs: Math.max(0, lost - stalled),
			executedTwice: e.executedTwice,
		}).toEqual({ accepted: FAULT_BURST, lostBeyondStalledJobs: 0, executedTwice: [] });
		expect(q.workers[0].running).toBe(true);
	});

	it('"Listen for test event" is served by the main, through nginx', async () => {
		const testUrl = `http://localhost:${q.nginx.port}/webhook-test/${bcrumbs.webhookId}/webhook`;
		await rest.listenForTestEvent(bcrumbs.id, 'Bcrumbs Trigger');
		const test = sandbox.webhooks().filter((w) => w.url === testUrl);
		expect(test.map((w) => w.event.trim()).sort()).toEqual([...BCRUMBS_EVENTS].sort());
		const before = sink.received('/bcrumbs').length;
		const response = await fetch(testUrl.replace('localhost', '127.0.0.1'), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				[SECRET_HEADER]: String(test[0].headers?.[SECRET_HEADER]),
			},
			body: JSON.stringify({ ...exampleEvent('INCOMING_MESSAGE'), messageId: 'q-test-event' }),
		});
		expect(response.status).toBe(200);
		const main = q.nginx.accessLog().filter((e) => e.uri.startsWith('/webhook-test/'));
		expect(main.every((e) => e.upstream.endsWith(`:${q.main.port}`))).toBe(true);
		await drain(sink, '/bcrumbs', before + 1, 60_000, 1000);
		expect(sinkCounts(sink, '/bcrumbs', /q-test-event/).get('q-test-event')).toBe(1);
		const manual = (await rest.listExecutions(bcrumbs.id, 5)).filter((x) => x.mode === 'manual');
		expect(manual.length).toBe(1);
		// offloaded: a worker ran it, and the item verified there reached the execution's run data
		expect(ranOnAWorker(manual[0].id)).toBe(true);
		const run = await rest.waitForExecution(manual[0].id);
		expect(nodeOutput(run, 'Bcrumbs Trigger')).toEqual([
			expect.objectContaining({ messageId: 'q-test-event', valid: true }),
		]);
	});

	it('a manual execution of the action node runs on a worker and its items reach the run data', async () => {
		const workflow = await rest.createWorkflow({
			name: 'queue action node',
			nodes: [
				manualTriggerNode(),
				{
					name: 'List webhooks',
					type: 'n8n-nodes-bcrumbs.bcrumbs',
					typeVersion: 1,
					position: [240, 0],
					parameters: { resource: 'webhook', operation: 'getAll', returnAll: true, filters: {} },
					credentials: { bcrumbsApi: bcrumbsCredential },
				},
			],
			connections: chain('Start', 'List webhooks'),
			settings: { executionOrder: 'v1' },
		});
		const run = await rest.runManually(workflow.id, { triggerNode: 'Start', timeoutMs: 60_000 });
		expect(run.status).toBe('success');
		expect(ranOnAWorker(run.id)).toBe(true);
		const listed = nodeOutput(run, 'List webhooks') as Array<{ url: string }>;
		expect(listed.map((webhook) => webhook.url)).toContain(hookUrl(bcrumbs));
	});
});
