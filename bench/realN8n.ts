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
import { runLoad, type LoadResult } from './loadLoop';
import { startBenchN8n, n8nUnavailable, type LoadTarget } from './n8nSetup';
import { ensureBuilt, packInto } from './packageBuild';
import { forceGc, treeRss } from './processMemory';
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
	/** Bcrumbs / Webhook node events/s; target >= 0.95 */
	throughputRatio?: number;
	/** Bcrumbs / Webhook node p99; target <= 1.05 */
	p99Ratio?: number;
	/** the throughput ratio of each round on its own: how much the machine's noise moves it */
	roundRatios?: number[];
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
		const load = (target: LoadTarget, count: number, timeLimitMs: number) =>
			runLoad({ ...target, count, concurrency: options.concurrency, timeLimitMs });
		const targets = [bench.bcrumbs, bench.webhook, bench.control];
		for (const target of targets) {
			const warm = await load(target, options.warmup, 60_000);
			if (warm.ok !== warm.sent)
				throw new Error(
					`${target.label} warm-up: ${JSON.stringify(warm.statusCounts)}; answer: ${warm.sampleBody}`,
				);
		}
		// a GC'd baseline: what the bursts leave behind is then compared GC'd against GC'd
		const gcBefore = await forceGc(pid, bench.inspectorPort).catch((error: Error) => ({
			done: false,
			note: error.message,
		}));
		await sleep(1000);
		const before = treeRss(pid);
		const t0 = Date.now();
		const samples: MemoryResult['samples'] = [{ t: 0, mb: before.totalMb, phase: 'before' }];
		const sample = (phase: string) =>
			samples.push({ t: (Date.now() - t0) / 1000, mb: treeRss(pid).totalMb, phase });
		const bursts: Record<string, LoadResult[]> = Object.fromEntries(
			targets.map((target) => [target.label, []]),
		);
		const perBurst = Math.ceil(options.deliveries / options.rounds);
		// a safety net, not a pace: each target's rounds together may take timeLimitMs
		const burstLimit = options.timeLimitMs / options.rounds;
		for (let round = 0; round < options.rounds; round++) {
			// rotating, so each target goes first equally often
			const first = round % targets.length;
			for (const target of [...targets.slice(first), ...targets.slice(0, first)]) {
				const result = await load(target, perBurst, burstLimit);
				bursts[target.label].push(result);
				log(
					`    round ${round + 1} ${target.label.padEnd(22)} ${result.ok}/${result.sent} ok, ${result.eventsPerSec.toFixed(0)}/s`,
				);
				sample(`after ${target.label}`);
				await sleep(300); // let the executions the burst started finish before the other side's burst
			}
		}
		const rightAfter = treeRss(pid);
		for (let waited = 0; waited < options.settleMs; waited += 2000) {
			await sleep(Math.min(2000, options.settleMs - waited));
			sample('settling');
		}
		const settled = treeRss(pid);
		const gc = gcBefore.done
			? await forceGc(pid, bench.inspectorPort).catch((error: Error) => ({
					done: false,
					note: error.message,
				}))
			: gcBefore;
		let afterGcMb: number | undefined;
		if (gc.done) {
			await sleep(1000);
			afterGcMb = treeRss(pid).totalMb;
			samples.push({ t: (Date.now() - t0) / 1000, mb: afterGcMb, phase: 'after GC' });
		}
		const errored = (await bench.rest.listExecutions(undefined, 250)).filter(
			(execution) => execution.status !== 'success',
		).length;
		const bcrumbs = combine(bench.bcrumbs.label, bursts[bench.bcrumbs.label]);
		const webhook = combine(bench.webhook.label, bursts[bench.webhook.label]);
		const control = combine(bench.control.label, bursts[bench.control.label]);
		const finalMb = afterGcMb ?? settled.totalMb;
		const peakGrowthMb = Math.max(...samples.map((s) => s.mb)) - before.totalMb;
		const residualGrowthMb = finalMb - before.totalMb;
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
			roundRatios: bursts[bench.bcrumbs.label].map(
				(burst, k) => burst.eventsPerSec / bursts[bench.webhook.label][k].eventsPerSec,
			),
			erroredExecutions: errored,
			memory: {
				beforeMb: before.totalMb,
				rightAfterMb: rightAfter.totalMb,
				settledMb: settled.totalMb,
				afterGcMb,
				gc: gc.note,
				peakGrowthMb,
				residualGrowthMb,
				settles: residualGrowthMb <= Math.max(30, peakGrowthMb / 2),
				runnerProcesses: before.children.length,
				samples,
			},
		};
	} finally {
		await bench.stop();
	}
}
