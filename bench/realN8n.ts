/**
 * 3. Real n8n: the same deliveries at fixed concurrency into one n8n, through Bcrumbs Trigger and through
 * n8n's Webhook node, in rotating rounds so that noise from the machine falls on both. A second,
 * identical Webhook-node workflow runs in the same rounds as a control: its ratio to the first is what
 * noise alone gives.
 * 6. Memory: n8n's RSS (main process + task runner) before the measured bursts, right after, after
 * settling, and after a forced full GC.
 */
import { join } from 'node:path';

import { sleep } from '../e2e/harness/proc';
import { scratchDir } from './env';
import { roundRatios, runLoad, type LoadResult, type RoundRatios } from './loadLoop';
import { startBenchN8n, n8nUnavailable, type LoadTarget } from './n8nSetup';
import { ensureBuilt, packInto } from './packageBuild';
import { forceGc, treeRss, type TreeRss } from './processMemory';
import { percentile } from './timing';

export interface RealN8nOptions {
	deliveries: number;
	concurrency: number;
	rounds: number;
	warmup: number;
	settleMs: number;
	/** upper bound for one target's measured bursts together */
	timeLimitMs: number;
}

export interface BurstStats {
	label: string;
	sent: number;
	ok: number;
	statusCounts: Record<string, number>;
	eventsPerSec: number;
	p50Ms: number;
	p99Ms: number;
	sampleBody?: string;
}

export interface MemoryResult {
	/** after warm-up and, when the inspector opened, a forced full GC */
	beforeMb: number;
	rightAfterMb: number;
	settledMb: number;
	afterGcMb?: number;
	gc: string;
	/** highest sample minus before */
	peakGrowthMb: number;
	/** after GC (or settled, without GC) minus before */
	residualGrowthMb: number;
	/** residual growth <= max(30 MB, half the peak growth) */
	settles: boolean;
	runnerProcesses: number;
	/** total RSS over time (s since the first measured burst) */
	samples: Array<{ t: number; mb: number; phase: string }>;
}

export interface RealN8nResult {
	skipped?: string;
	n8nVersion?: string;
	options?: RealN8nOptions;
	bcrumbs?: BurstStats;
	webhook?: BurstStats;
	/** a second, identical Webhook-node workflow in the same rounds */
	control?: BurstStats;
	/** Bcrumbs / Webhook node events/s; target in targets.ts */
	throughputRatio?: number;
	/** Bcrumbs / Webhook node p99; target in targets.ts */
	p99Ratio?: number;
	/**
	 * Each round's ratios on their own, to the Webhook node's burst of the same round: Bcrumbs Trigger's,
	 * and the control's (min..max of the control's is the noise band its verdicts use)
	 */
	roundRatios?: { bcrumbs: RoundRatios; control: RoundRatios };
	/** control / Webhook node: the same ratios between two equal targets, noise only */
	controlThroughputRatio?: number;
	controlP99Ratio?: number;
	erroredExecutions?: number;
	memory?: MemoryResult;
}

function combine(label: string, bursts: LoadResult[]): BurstStats {
	const latencies = bursts.flatMap((b) => b.latenciesMs);
	const statusCounts: Record<string, number> = {};
	for (const burst of bursts)
		for (const [status, n] of Object.entries(burst.statusCounts))
			statusCounts[status] = (statusCounts[status] ?? 0) + n;
	const ok = bursts.reduce((sum, b) => sum + b.ok, 0);
	const ms = bursts.reduce((sum, b) => sum + b.durationMs, 0);
	return {
		label,
		sent: bursts.reduce((sum, b) => sum + b.sent, 0),
		ok,
		statusCounts,
		eventsPerSec: (ok * 1000) / ms,
		p50Ms: percentile(latencies, 50),
		p99Ms: percentile(latencies, 99),
		sampleBody: bursts[0]?.sampleBody,
	};
}

type Load = (target: LoadTarget, count: number, timeLimitMs: number) => Promise<LoadResult>;

async function warmUp(load: Load, targets: LoadTarget[], count: number): Promise<void> {
	for (const target of targets) {
		const warm = await load(target, count, 60_000);
		if (warm.ok !== warm.sent)
			throw new Error(
				`${target.label} warm-up: ${JSON.stringify(warm.statusCounts)}; answer: ${warm.sampleBody}`,
			);
	}
}

/** The measured bursts, in rotating rounds: each target goes first equally often. */
async function measureRounds(
	load: Load,
	targets: LoadTarget[],
	options: RealN8nOptions,
	afterBurst: (label: string) => void,
	log: (line: string) => void,
): Promise<Record<string, LoadResult[]>> {
	const bursts: Record<string, LoadResult[]> = Object.fromEntries(
		targets.map((target) => [target.label, []]),
	);
	const perBurst = Math.ceil(options.deliveries / options.rounds);
	// a safety net, not a pace: each target's rounds together may take timeLimitMs
	const burstLimit = options.timeLimitMs / options.rounds;
	for (let round = 0; round < options.rounds; round++) {
		const first = round % targets.length;
		for (const target of [...targets.slice(first), ...targets.slice(0, first)]) {
			const result = await load(target, perBurst, burstLimit);
			bursts[target.label].push(result);
			log(
				`    round ${round + 1} ${target.label.padEnd(22)} ${result.ok}/${result.sent} ok, ${result.eventsPerSec.toFixed(0)}/s`,
			);
			afterBurst(target.label);
			await sleep(300); // let the executions the burst started finish before the other side's burst
		}
	}
	return bursts;
}

const gcOrNote = (pid: number, port: number) =>
	forceGc(pid, port).catch((error: Error) => ({ done: false, note: error.message }));

/** n8n's RSS around the measured bursts: samples them, then settles and forces a GC. */
class MemoryWatch {
	private readonly before: TreeRss;
	private readonly t0 = Date.now();
	readonly samples: MemoryResult['samples'];

	private constructor(
		private readonly pid: number,
		private readonly gcBefore: { done: boolean; note: string },
	) {
		this.before = treeRss(pid);
		this.samples = [{ t: 0, mb: this.before.totalMb, phase: 'before' }];
	}

	/** a GC'd baseline: what the bursts leave behind is then compared GC'd against GC'd */
	static async start(pid: number, inspectorPort: number): Promise<MemoryWatch> {
		const gcBefore = await gcOrNote(pid, inspectorPort);
		await sleep(1000);
		return new MemoryWatch(pid, gcBefore);
	}

	sample(phase: string, mb = treeRss(this.pid).totalMb): void {
		this.samples.push({ t: (Date.now() - this.t0) / 1000, mb, phase });
	}

	async finish(settleMs: number, inspectorPort: number): Promise<MemoryResult> {
		const rightAfter = treeRss(this.pid);
		for (let waited = 0; waited < settleMs; waited += 2000) {
			await sleep(Math.min(2000, settleMs - waited));
			this.sample('settling');
		}
		const settled = treeRss(this.pid);
		const gc = this.gcBefore.done ? await gcOrNote(this.pid, inspectorPort) : this.gcBefore;
		let afterGcMb: number | undefined;
		if (gc.done) {
			await sleep(1000);
			afterGcMb = treeRss(this.pid).totalMb;
			this.sample('after GC', afterGcMb);
		}
		const beforeMb = this.before.totalMb;
		const peakGrowthMb = Math.max(...this.samples.map((s) => s.mb)) - beforeMb;
		const residualGrowthMb = (afterGcMb ?? settled.totalMb) - beforeMb;
		return {
			beforeMb,
			rightAfterMb: rightAfter.totalMb,
			settledMb: settled.totalMb,
			afterGcMb,
			gc: gc.note,
			peakGrowthMb,
			residualGrowthMb,
			settles: residualGrowthMb <= Math.max(30, peakGrowthMb / 2),
			runnerProcesses: this.before.children.length,
			samples: this.samples,
		};
	}
}

export async function runRealN8n(
	options: RealN8nOptions,
	log: (line: string) => void,
): Promise<RealN8nResult> {
	const unavailable = n8nUnavailable();
	if (unavailable) return { skipped: unavailable };
	await ensureBuilt(log);
	const tarball = await packInto(join(scratchDir, 'pack'));
	const bench = await startBenchN8n(tarball, log);
	const pid = bench.n8n.pid as number;
	try {
		const load: Load = (target, count, timeLimitMs) =>
			runLoad({ ...target, count, concurrency: options.concurrency, timeLimitMs });
		const targets = [bench.bcrumbs, bench.webhook, bench.control];
		await warmUp(load, targets, options.warmup);
		const memory = await MemoryWatch.start(pid, bench.inspectorPort);
		const bursts = await measureRounds(
			load,
			targets,
			options,
			(label) => memory.sample(`after ${label}`),
			log,
		);
		const memoryResult = await memory.finish(options.settleMs, bench.inspectorPort);
		const errored = (await bench.rest.listExecutions(undefined, 250)).filter(
			(execution) => execution.status !== 'success',
		).length;
		const [bcrumbs, webhook, control] = targets.map((t) => combine(t.label, bursts[t.label]));
		const baselineBursts = bursts[bench.webhook.label];
		return {
			options,
			n8nVersion: bench.n8n.install.version,
			bcrumbs,
			webhook,
			control,
			throughputRatio: bcrumbs.eventsPerSec / webhook.eventsPerSec,
			p99Ratio: bcrumbs.p99Ms / webhook.p99Ms,
			controlThroughputRatio: control.eventsPerSec / webhook.eventsPerSec,
			controlP99Ratio: control.p99Ms / webhook.p99Ms,
			roundRatios: {
				bcrumbs: roundRatios(bursts[bench.bcrumbs.label], baselineBursts),
				control: roundRatios(bursts[bench.control.label], baselineBursts),
			},
			erroredExecutions: errored,
			memory: memoryResult,
		};
	} finally {
		await bench.stop();
	}
}
