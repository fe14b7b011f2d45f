import type { QueueModeResult } from '../../bench/queueMode';
import type { RealN8nResult } from '../../bench/realN8n';
import type { StartupCostResult } from '../../bench/startupCost';
import { summarySections, targetRows, type BenchResults } from '../../bench/summary';

// The summary decides every verdict of a part with a control through bench/verdict.ts: these results are
// made up, shaped like a run's, to check that each part hands the rule its figure and its control's rounds.

const rounds = (throughput: number[], p99: number[]) => ({ throughput, p99 });

function benchResults(parts: Partial<BenchResults>): BenchResults {
	return {
		date: '2026-12-01T00:00:00.000Z',
		machine: {
			cpu: 'test',
			cores: 2,
			node: 'v20',
			os: 'test',
			memoryGb: 1,
			loadAverageAtStart: [],
		},
		command: 'npm run bench',
		config: {},
		errors: {},
		...parts,
	};
}

function realN8n(throughputRatio: number, p99Ratio: number): RealN8nResult {
	const side = (label: string) => ({
		label,
		sent: 100,
		ok: 100,
		statusCounts: { 200: 100 },
		eventsPerSec: 25,
		p50Ms: 500,
		p99Ms: 800,
	});
	return {
		options: {
			deliveries: 100,
			concurrency: 16,
			rounds: 3,
			warmup: 10,
			settleMs: 0,
			timeLimitMs: 1,
		},
		n8nVersion: '2.41.1',
		bcrumbs: side('Bcrumbs Trigger'),
		webhook: side('Webhook node'),
		control: side('Webhook node (control)'),
		throughputRatio,
		p99Ratio,
		controlThroughputRatio: 0.97,
		controlP99Ratio: 1.05,
		roundRatios: {
			bcrumbs: rounds([0.9, 0.92, 0.91], [1.3, 1.35, 1.3]),
			control: rounds([0.88, 1.02, 0.96], [0.9, 1.2, 1.05]),
		},
		erroredExecutions: 0,
	};
}

function queue(engine: string, throughput: [number, number], p99: [number, number]) {
	const side = (label: string, processors: number) => ({
		label,
		processors,
		sent: 96,
		ok: 96,
		eventsPerSec: 50,
		p50Ms: 100,
		p99Ms: 300,
		executedPerSec: 3,
	});
	const labels = ['Bcrumbs Trigger', 'Webhook node', 'Webhook node (control)'];
	const control = rounds([0.92, 1.06], [0.7, 1.4]);
	return {
		options: { deliveries: 96, concurrency: 16, rounds: 2, warmup: 10, expressionEngine: engine },
		n8nVersion: '2.41.1',
		n8nDefaultEngine: engine === 'vm',
		sides: [1, 2].flatMap((processors) => labels.map((label) => side(label, processors))),
		throughputRatio: { 1: throughput[0], 2: throughput[1] },
		p99Ratio: { 1: p99[0], 2: p99[1] },
		controlThroughputRatio: { 1: 1, 2: 1 },
		controlP99Ratio: { 1: 1, 2: 1 },
		roundRatios: {
			1: { bcrumbs: rounds([1, 1], [1, 1]), control },
			2: { bcrumbs: rounds([1, 1], [1, 1]), control },
		},
		scaling: Object.fromEntries(labels.map((label) => [label, 1])),
	} satisfies QueueModeResult;
}

function startup(addedTimeRatio: number): StartupCostResult {
	return {
		rounds: 5,
		samples: [],
		medianReadyMs: { without: 4000, with: 4200 },
		medianMainRssMb: { without: 397, with: 398 },
		addedTimeRatio,
		addedMemoryMb: 1.3,
		control: { addedTimeRatio: [-0.03, 0.072, 0.01, -0.02], addedMemoryMb: [0.5, -1.2, 2] },
		packageLoaded: true,
		targets: { addedTimeRatio: 0.02, addedMemoryMb: 10 },
	};
}

const verdictOf = (results: BenchResults, target: string) =>
	targetRows(results).find((row) => row.target.startsWith(target))?.verdict;

describe('the bench summary judges parts with a control against its band', () => {
	it('real n8n: a miss inside the control rounds is within noise, one outside is NOT met', () => {
		const results = benchResults({ realN8n: realN8n(0.91, 1.32) });
		expect(verdictOf(results, 'real n8n: throughput')).toBe('within noise');
		expect(verdictOf(results, 'real n8n: p99')).toBe('NOT met');
		const met = benchResults({ realN8n: realN8n(0.98, 1.0) });
		expect(verdictOf(met, 'real n8n: throughput')).toBe('met');
		expect(verdictOf(met, 'real n8n: p99')).toBe('met');
	});

	it('queue mode: judged on the first engine, the worse of 1 and 2 processors', () => {
		const results = benchResults({
			queue: [queue('vm', [0.96, 0.93], [1.3, 1.0]), queue('legacy', [0.5, 0.5], [3, 3])],
		});
		expect(verdictOf(results, 'queue mode through nginx: throughput')).toBe('within noise');
		expect(verdictOf(results, 'queue mode through nginx: p99')).toBe('within noise');
		const row = targetRows(results).find((r) => r.target.includes('throughput'))!;
		expect(row.measured).toMatch(/^vm: 0\.96, 0\.93 /);
		expect(row.measured).toContain('legacy (reference only, not judged)');
		const outside = benchResults({ queue: [queue('vm', [0.9, 0.96], [1.0, 1.0])] });
		expect(verdictOf(outside, 'queue mode through nginx: throughput')).toBe('NOT met');
	});

	it('queue mode: the summary names each engine and which one is judged', () => {
		const results = benchResults({
			queue: [queue('vm', [1, 1], [1, 1]), queue('legacy', [1, 1], [1, 1])],
		});
		const [, lines] = summarySections(results).find(([title]) => title.startsWith('8.'))!;
		expect(lines.filter((line) => line.includes('expression engine'))).toEqual([
			expect.stringContaining("expression engine vm (n8n's default), judged"),
			expect.stringContaining('expression engine legacy, reference only'),
		]);
	});

	it('startup: added time inside the round-to-round band is within noise', () => {
		expect(verdictOf(benchResults({ startup: startup(0.061) }), 'n8n startup')).toBe(
			'within noise',
		);
		expect(verdictOf(benchResults({ startup: startup(0.09) }), 'n8n startup')).toBe('NOT met');
		expect(verdictOf(benchResults({ startup: startup(0.01) }), 'n8n memory')).toBe('met');
	});
});
