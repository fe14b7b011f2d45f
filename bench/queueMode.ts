/**
 * 8. Queue mode: n8n's main + webhook processors behind nginx + 2 workers, Postgres and Redis (the
 * queue suite's topology). The same deliveries through nginx into Bcrumbs Trigger and into n8n's own
 * Webhook node (Header Auth on the same header), in alternating rounds, first with nginx sending to one
 * webhook processor, then to two. Every workflow posts each item to a sink: a round ends when the workers
 * executed all of it, so one side's backlog never slows the other's round.
 *
 * A second, identical Webhook-node workflow runs in the same rounds as a control: its ratio to the first
 * shows how far two equal targets drift apart on this machine (the noise band of each ratio).
 */
import { randomUUID } from 'node:crypto';

import { HttpSink, N8nRestClient } from '../e2e/harness';
import { drain } from '../e2e/queue/deliveries';
import { QueueTopology } from '../e2e/queue/topology';
import { reportingWorkflow } from '../e2e/queue/workflows';
import { VERIFICATION_HEADER } from '../nodes/Bcrumbs/core/descriptor';
import { exampleEvent, startSandbox } from '../sandbox';
import {
	bcrumbsTriggerNode,
	createBenchCredentials,
	n8nUnavailable,
	webhookNode,
	type LoadTarget,
} from './n8nSetup';
import { runLoad, type LoadResult } from './loadLoop';
import { percentile } from './timing';

const CONTROL = 'Webhook node (control)';

export interface QueueModeOptions {
	/** deliveries per target and processor count, split over the rounds */
	deliveries: number;
	concurrency: number;
	rounds: number;
	/** deliveries per target before the measured rounds, through both processors */
	warmup: number;
	/** n8n's expression engine on every instance (the queue suite's setting) */
	expressionEngine: string;
}

export interface QueueSide {
	label: string;
	processors: number;
	sent: number;
	ok: number;
	/** acknowledged deliveries per second, as the sender saw them */
	eventsPerSec: number;
	p50Ms: number;
	p99Ms: number;
	/** deliveries per second from the first request until the workers had executed every one */
	executedPerSec: number;
}

export interface QueueModeResult {
	skipped?: string;
	options?: QueueModeOptions;
	n8nVersion?: string;
	sides?: QueueSide[];
	/** Bcrumbs / Webhook node, acknowledged events/s, per processor count */
	throughputRatio?: Record<number, number>;
	p99Ratio?: Record<number, number>;
	/** the control: a second Webhook node / the first, per processor count (equal targets: noise only) */
	controlThroughputRatio?: Record<number, number>;
	controlP99Ratio?: Record<number, number>;
	/** two processors / one, acknowledged events/s, per trigger */
	scaling?: Record<string, number>;
}

function combine(
	label: string,
	processors: number,
	bursts: Array<{ load: LoadResult; executedMs: number }>,
): QueueSide {
	const latencies = bursts.flatMap((b) => b.load.latenciesMs);
	const ok = bursts.reduce((sum, b) => sum + b.load.ok, 0);
	return {
		label,
		processors,
		sent: bursts.reduce((sum, b) => sum + b.load.sent, 0),
		ok,
		eventsPerSec: (ok * 1000) / bursts.reduce((sum, b) => sum + b.load.durationMs, 0),
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		executedPerSec: (ok * 1000) / bursts.reduce((sum, b) => sum + b.executedMs, 0),
	};
}

export async function runQueueMode(
	options: QueueModeOptions,
	tarball: string,
	log: (line: string) => void,
): Promise<QueueModeResult> {
	const unavailable = n8nUnavailable();
	if (unavailable) return { skipped: unavailable };
	const [sandbox, sink] = await Promise.all([startSandbox(), HttpSink.start()]);
	let q: QueueTopology | undefined;
	try {
		q = await QueueTopology.start({
			tarballs: [tarball],
			env: {
				N8N_EXPRESSION_ENGINE: options.expressionEngine,
				EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			},
			log: (line) => {
				if (!/^\[(main|webhook|worker)/.test(line)) log(`  ${line}`);
			},
		});
		const rest = new N8nRestClient(q.main.baseUrl);
		await rest.setupOwner();
		const credentials = await createBenchCredentials(rest, sandbox);
		const bcrumbsJson = reportingWorkflow({
			name: 'bench queue: Bcrumbs Trigger',
			sinkUrl: `${sink.url}/bcrumbs`,
			trigger: bcrumbsTriggerNode(credentials),
		});
		const webhookPath = randomUUID();
		const webhookJson = reportingWorkflow({
			name: 'bench queue: Webhook node',
			sinkUrl: `${sink.url}/webhook`,
			trigger: webhookNode(credentials, webhookPath),
		});
		const controlPath = randomUUID();
		const controlJson = reportingWorkflow({
			name: 'bench queue: Webhook node (control)',
			sinkUrl: `${sink.url}/control`,
			trigger: webhookNode(credentials, controlPath),
		});
		for (const workflow of [bcrumbsJson, webhookJson, controlJson])
			await rest.activate((await rest.createWorkflow(workflow)).id);

		const [registration] = sandbox.webhooks();
		const secret = registration?.headers?.[VERIFICATION_HEADER];
		if (!secret) throw new Error('Bcrumbs Trigger registered no webhook with a secret header');
		const body = JSON.stringify(exampleEvent('INCOMING_MESSAGE'));
		const json = { 'content-type': 'application/json' };
		const base = `http://127.0.0.1:${q.nginx.port}/webhook`;
		const targets: Array<LoadTarget & { sinkPath: string }> = [
			{
				label: 'Bcrumbs Trigger',
				url: `${base}/${bcrumbsJson.webhookId}/webhook`,
				headers: { ...json, [VERIFICATION_HEADER]: secret },
				body,
				sinkPath: '/bcrumbs',
			},
			{
				label: 'Webhook node',
				url: `${base}/${webhookPath}`,
				headers: { ...json, [VERIFICATION_HEADER]: credentials.headerSecret },
				body,
				sinkPath: '/webhook',
			},
			{
				label: CONTROL,
				url: `${base}/${controlPath}`,
				headers: { ...json, [VERIFICATION_HEADER]: credentials.headerSecret },
				body,
				sinkPath: '/control',
			},
		];

		const warmUp = async (count: number) => {
			for (const target of targets) {
				const before = sink.received(target.sinkPath).length;
				const warm = await runLoad({
					...target,
					count,
					concurrency: options.concurrency,
					timeLimitMs: 120_000,
				});
				if (warm.ok !== warm.sent)
					throw new Error(`${target.label} warm-up: ${JSON.stringify(warm.statusCounts)}`);
				await drain(sink, target.sinkPath, before + warm.ok, 120_000, 500);
			}
		};
		// warm-up through both processors: each loads the trigger's parser on its first delivery, and
		// its first executions compile; none of that belongs to the measured rounds
		await warmUp(options.warmup);

		const sides: QueueSide[] = [];
		const perBurst = Math.ceil(options.deliveries / options.rounds);
		for (const processors of [1, 2]) {
			await q.nginx.reconfigure({
				webhookPorts: q.webhooks.slice(0, processors).map((w) => w.port),
				mainPort: q.main.port,
			});
			// nginx reloaded: its new workers open fresh upstream connections, and the first rounds after a
			// reload ran slower (whichever target went first), so both warm up again in full
			await warmUp(options.warmup);
			const bursts = new Map(
				targets.map((t) => [t.label, [] as Array<{ load: LoadResult; executedMs: number }>]),
			);
			for (let round = 0; round < options.rounds; round++) {
				// rotating, so each target goes first equally often; each processor count starts elsewhere
				const first = (round + processors) % targets.length;
				for (const target of [...targets.slice(first), ...targets.slice(0, first)]) {
					const before = sink.received(target.sinkPath).length;
					const t0 = Date.now();
					const load = await runLoad({
						...target,
						count: perBurst,
						concurrency: options.concurrency,
						timeLimitMs: 300_000,
					});
					await drain(sink, target.sinkPath, before + load.ok, 300_000, 500);
					const executedMs = Date.now() - t0 - 500; // drain waits 500 ms of quiet
					bursts.get(target.label)!.push({ load, executedMs });
					log(
						`    ${processors} processor(s), round ${round + 1} ${target.label.padEnd(16)} ${load.ok}/${load.sent} ok, ${load.eventsPerSec.toFixed(1)}/s acknowledged, ${((load.ok * 1000) / executedMs).toFixed(1)}/s executed`,
					);
				}
			}
			for (const target of targets)
				sides.push(combine(target.label, processors, bursts.get(target.label)!));
		}
		const side = (label: string, processors: number) =>
			sides.find((s) => s.label === label && s.processors === processors)!;
		const ratio = (pick: (s: QueueSide) => number, processors: number, label = 'Bcrumbs Trigger') =>
			pick(side(label, processors)) / pick(side('Webhook node', processors));
		const perProcessors = (pick: (s: QueueSide) => number, label?: string) => ({
			1: ratio(pick, 1, label),
			2: ratio(pick, 2, label),
		});
		return {
			options,
			n8nVersion: q.main.install.version,
			sides,
			throughputRatio: perProcessors((s) => s.eventsPerSec),
			p99Ratio: perProcessors((s) => s.p99Ms),
			controlThroughputRatio: perProcessors((s) => s.eventsPerSec, CONTROL),
			controlP99Ratio: perProcessors((s) => s.p99Ms, CONTROL),
			scaling: Object.fromEntries(
				targets.map((t) => [
					t.label,
					side(t.label, 2).eventsPerSec / side(t.label, 1).eventsPerSec,
				]),
			),
		};
	} finally {
		await q?.stop();
		await Promise.all([sandbox.close(), sink.close()]);
	}
}
