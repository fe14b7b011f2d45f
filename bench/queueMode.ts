/**
 * 8. Queue mode: n8n's main + webhook processors behind nginx + 2 workers, Postgres and Redis (the
 * queue suite's topology). The same deliveries through nginx into Bcrumbs Trigger and into n8n's own
 * Webhook node (Header Auth on the same header), in alternating rounds, first with nginx sending to one
 * webhook processor, then to two. Every workflow posts each item to a sink: a round ends when the workers
 * executed all of it, so one side's backlog never slows the other's round.
 *
 * A second, identical Webhook-node workflow runs in the same rounds as a control: its ratio to the first
 * shows how far two equal targets drift apart on this machine (the noise band of each ratio).
 *
 * Each expression engine asked for gets a topology of its own (the engine is read when n8n starts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { HttpSink, N8nRestClient } from '../e2e/harness';
import { installDir } from '../e2e/harness/install';
import { drain } from '../e2e/queue/deliveries';
import { QueueTopology } from '../e2e/queue/topology';
import { reportingWorkflow } from '../e2e/queue/workflows';
import { VERIFICATION_HEADER } from '../nodes/Bcrumbs/core/descriptor';
import { exampleEvent, startSandbox, type Sandbox } from '../sandbox';
import {
	bcrumbsTriggerNode,
	createBenchCredentials,
	n8nUnavailable,
	webhookNode,
	type LoadTarget,
} from './n8nSetup';
import { roundRatios, runLoad, type LoadResult, type RoundRatios } from './loadLoop';
import { percentile } from './timing';

const BCRUMBS = 'Bcrumbs Trigger';
const WEBHOOK = 'Webhook node';
const CONTROL = 'Webhook node (control)';

type QueueTarget = LoadTarget & { sinkPath: string };
type Burst = { load: LoadResult; executedMs: number };

export interface QueueModeOptions {
	/** deliveries per target and processor count, split over the rounds */
	deliveries: number;
	concurrency: number;
	rounds: number;
	/** deliveries per target before the measured rounds, through both processors */
	warmup: number;
	/** n8n's expression engine on every instance (N8N_EXPRESSION_ENGINE) */
	expressionEngine: string;
}

/** The engine n8n evaluates expressions in when N8N_EXPRESSION_ENGINE is not set (2.35 and 2.41). */
export const N8N_DEFAULT_ENGINE = 'vm';

/**
 * Deliveries per target and processor count, and warm-up deliveries per target, by engine. On `vm`
 * (one isolate per instance) 2 workers executed these workflows (an HTTP Request whose body is one
 * expression) at about 3/s on 2 cores, against about 35/s on `legacy` (about 100/s in this part). Each
 * round waits for the workers, so `vm` gets a twelfth of the deliveries: 6 rounds of 16, one burst of the
 * 16 senders each.
 */
export const QUEUE_LOAD: Record<string, { deliveries: number; warmup: number }> = {
	vm: { deliveries: 96, warmup: 10 },
	legacy: { deliveries: 1200, warmup: 200 },
};
/** An engine without figures of its own (quickjs) gets vm's: the cautious count. */
export const queueLoadFor = (engine: string) => QUEUE_LOAD[engine] ?? QUEUE_LOAD.vm;

/**
 * The engines this n8n can run of those asked for. n8n 2.8.4 (the oldest lane) has one engine, what 2.41
 * calls `legacy`, and does not read N8N_EXPRESSION_ENGINE: it runs once, on that.
 */
export function enginesOfThisN8n(
	requested: string[],
): Array<{ engine: string; isDefault: boolean }> {
	const configs = join(installDir, 'node_modules/@n8n/config/dist/configs');
	// not installed: runQueueMode says so, once per engine asked for
	if (existsSync(configs) && !existsSync(join(configs, 'expression-engine.config.js')))
		return [{ engine: 'legacy', isDefault: true }];
	return requested.map((engine) => ({ engine, isDefault: engine === N8N_DEFAULT_ENGINE }));
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
	/** a reference engine's run that failed (the judged engine's failure fails the part) */
	failed?: string;
	/** the engine is the one this n8n uses when N8N_EXPRESSION_ENGINE is not set */
	n8nDefaultEngine?: boolean;
	options?: QueueModeOptions;
	n8nVersion?: string;
	sides?: QueueSide[];
	/** Bcrumbs / Webhook node, acknowledged events/s, per processor count */
	throughputRatio?: Record<number, number>;
	p99Ratio?: Record<number, number>;
	/** the control: a second Webhook node / the first, per processor count (equal targets: noise only) */
	controlThroughputRatio?: Record<number, number>;
	controlP99Ratio?: Record<number, number>;
	/**
	 * per processor count, each round's ratios to the Webhook node's burst of the same round: Bcrumbs
	 * Trigger's, and the control's (min..max of the control's is the noise band its verdicts use)
	 */
	roundRatios?: Record<number, { bcrumbs: RoundRatios; control: RoundRatios }>;
	/** two processors / one, acknowledged events/s, per trigger */
	scaling?: Record<string, number>;
}

function combine(label: string, processors: number, bursts: Burst[]): QueueSide {
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

/** The three workflows (each reports every item to the sink), active, and how to reach each through nginx. */
async function createTargets(
	q: QueueTopology,
	sandbox: Sandbox,
	sink: HttpSink,
): Promise<QueueTarget[]> {
	const rest = new N8nRestClient(q.main.baseUrl);
	await rest.setupOwner();
	const credentials = await createBenchCredentials(rest, sandbox);
	const bcrumbsJson = reportingWorkflow({
		name: `bench queue: ${BCRUMBS}`,
		sinkUrl: `${sink.url}/bcrumbs`,
		trigger: bcrumbsTriggerNode(credentials),
	});
	const [webhookPath, controlPath] = [randomUUID(), randomUUID()];
	const webhookJson = (label: string, path: string, sinkPath: string) =>
		reportingWorkflow({
			name: `bench queue: ${label}`,
			sinkUrl: `${sink.url}${sinkPath}`,
			trigger: webhookNode(credentials, path),
		});
	const workflows = [
		bcrumbsJson,
		webhookJson(WEBHOOK, webhookPath, '/webhook'),
		webhookJson(CONTROL, controlPath, '/control'),
	];
	for (const workflow of workflows) await rest.activate((await rest.createWorkflow(workflow)).id);

	const [registration] = sandbox.webhooks();
	const secret = registration?.headers?.[VERIFICATION_HEADER];
	if (!secret) throw new Error('Bcrumbs Trigger registered no webhook with a secret header');
	const body = JSON.stringify(exampleEvent('INCOMING_MESSAGE'));
	const json = { 'content-type': 'application/json' };
	const base = `http://127.0.0.1:${q.nginx.port}/webhook`;
	const headerAuth = { ...json, [VERIFICATION_HEADER]: credentials.headerSecret };
	return [
		{
			label: BCRUMBS,
			url: `${base}/${bcrumbsJson.webhookId}/webhook`,
			headers: { ...json, [VERIFICATION_HEADER]: secret },
			body,
			sinkPath: '/bcrumbs',
		},
		{
			label: WEBHOOK,
			url: `${base}/${webhookPath}`,
			headers: headerAuth,
			body,
			sinkPath: '/webhook',
		},
		{
			label: CONTROL,
			url: `${base}/${controlPath}`,
			headers: headerAuth,
			body,
			sinkPath: '/control',
		},
	];
}

/** One burst, then waiting until the workers executed every acknowledged delivery of it. */
async function burstAndDrain(
	target: QueueTarget,
	sink: HttpSink,
	count: number,
	concurrency: number,
	timeLimitMs: number,
): Promise<Burst> {
	const before = sink.received(target.sinkPath).length;
	const t0 = Date.now();
	const load = await runLoad({ ...target, count, concurrency, timeLimitMs });
	await drain(sink, target.sinkPath, before + load.ok, timeLimitMs, 500);
	return { load, executedMs: Date.now() - t0 - 500 }; // drain waits 500 ms of quiet
}

async function warmUp(targets: QueueTarget[], sink: HttpSink, options: QueueModeOptions) {
	for (const target of targets) {
		const warm = await burstAndDrain(target, sink, options.warmup, options.concurrency, 120_000);
		if (warm.load.ok !== warm.load.sent)
			throw new Error(`${target.label} warm-up: ${JSON.stringify(warm.load.statusCounts)}`);
	}
}

/** nginx sends to `processors` webhook processors; every target's rounds, rotating. */
async function measureProcessors(
	q: QueueTopology,
	targets: QueueTarget[],
	sink: HttpSink,
	options: QueueModeOptions,
	processors: number,
	log: (line: string) => void,
): Promise<Map<string, Burst[]>> {
	await q.nginx.reconfigure({
		webhookPorts: q.webhooks.slice(0, processors).map((w) => w.port),
		mainPort: q.main.port,
	});
	// nginx reloaded: its new workers open fresh upstream connections, and the first rounds after a
	// reload ran slower (whichever target went first), so every target warms up again in full
	await warmUp(targets, sink, options);
	const bursts = new Map(targets.map((t) => [t.label, [] as Burst[]]));
	const perBurst = Math.ceil(options.deliveries / options.rounds);
	for (let round = 0; round < options.rounds; round++) {
		// rotating, so each target goes first equally often; each processor count starts elsewhere
		const first = (round + processors) % targets.length;
		for (const target of [...targets.slice(first), ...targets.slice(0, first)]) {
			const burst = await burstAndDrain(target, sink, perBurst, options.concurrency, 300_000);
			bursts.get(target.label)!.push(burst);
			const { load, executedMs } = burst;
			log(
				`    ${options.expressionEngine}, ${processors} processor(s), round ${round + 1} ${target.label.padEnd(16)} ${load.ok}/${load.sent} ok, ${load.eventsPerSec.toFixed(1)}/s acknowledged, ${((load.ok * 1000) / executedMs).toFixed(1)}/s executed`,
			);
		}
	}
	return bursts;
}

function queueResult(
	options: QueueModeOptions,
	n8nVersion: string,
	byProcessors: Map<number, Map<string, Burst[]>>,
): QueueModeResult {
	const sides = [...byProcessors].flatMap(([processors, bursts]) =>
		[...bursts].map(([label, list]) => combine(label, processors, list)),
	);
	const side = (label: string, processors: number) =>
		sides.find((s) => s.label === label && s.processors === processors)!;
	const perProcessors = (pick: (s: QueueSide) => number, label = BCRUMBS) => ({
		1: pick(side(label, 1)) / pick(side(WEBHOOK, 1)),
		2: pick(side(label, 2)) / pick(side(WEBHOOK, 2)),
	});
	const loads = (bursts: Map<string, Burst[]>, label: string) =>
		bursts.get(label)!.map((burst) => burst.load);
	const rounds = (bursts: Map<string, Burst[]>) => ({
		bcrumbs: roundRatios(loads(bursts, BCRUMBS), loads(bursts, WEBHOOK)),
		control: roundRatios(loads(bursts, CONTROL), loads(bursts, WEBHOOK)),
	});
	return {
		options,
		n8nVersion,
		sides,
		throughputRatio: perProcessors((s) => s.eventsPerSec),
		p99Ratio: perProcessors((s) => s.p99Ms),
		controlThroughputRatio: perProcessors((s) => s.eventsPerSec, CONTROL),
		controlP99Ratio: perProcessors((s) => s.p99Ms, CONTROL),
		roundRatios: { 1: rounds(byProcessors.get(1)!), 2: rounds(byProcessors.get(2)!) },
		scaling: Object.fromEntries(
			[BCRUMBS, WEBHOOK, CONTROL].map((label) => [
				label,
				side(label, 2).eventsPerSec / side(label, 1).eventsPerSec,
			]),
		),
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
		const targets = await createTargets(q, sandbox, sink);
		// warm-up through both processors: each loads the trigger's parser on its first delivery, and
		// its first executions compile; none of that belongs to the measured rounds
		await warmUp(targets, sink, options);
		const byProcessors = new Map<number, Map<string, Burst[]>>();
		for (const processors of [1, 2])
			byProcessors.set(
				processors,
				await measureProcessors(q, targets, sink, options, processors, log),
			);
		return queueResult(options, q.main.install.version, byProcessors);
	} finally {
		await q?.stop();
		await Promise.all([sandbox.close(), sink.close()]);
	}
}
