/**
 * The bench's results as one object, and the summary printed to the console (also the top of latest.md).
 * Every figure is printed beside the baseline measured in the same run.
 */
import type { ActivationRow } from './activationCost';
import type { ColdLoadResult } from './coldLoad';
import type { CoreResult } from './coreThroughput';
import type { QueueModeResult } from './queueMode';
import type { RealN8nResult } from './realN8n';
import type { StartupCostResult } from './startupCost';
import { RATIO_TARGETS } from './targets';
import { median } from './timing';
import {
	atMost,
	judge,
	metOrNot,
	noiseBand,
	worstOf,
	type NoiseBand,
	type Target,
	type Verdict,
} from './verdict';
import type { WebhookPathResult } from './webhookPath';

export interface BenchResults {
	date: string;
	machine: {
		cpu: string;
		cores: number;
		node: string;
		os: string;
		memoryGb: number;
		loadAverageAtStart: number[];
		loadAverageAtEnd?: number[];
	};
	command: string;
	config: Record<string, number | string>;
	durationS?: number;
	core?: CoreResult;
	webhookPath?: WebhookPathResult;
	realN8n?: RealN8nResult;
	/** part 8 once per expression engine: the first is judged, the others are a reference */
	queue?: QueueModeResult[];
	coldLoad?: ColdLoadResult;
	activation?: ActivationRow[];
	startup?: StartupCostResult;
	/** a part that failed, with its error: the others still ran */
	errors: Record<string, string>;
}

export const int = (value: number): string => Math.round(value).toLocaleString('en-US');
export const num = (value: number | undefined, digits = 2): string =>
	value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
export const verdict = (outcome: boolean | Verdict | undefined): string =>
	(typeof outcome === 'string' ? outcome : metOrNot(outcome)) ?? 'n/a';
export const fileName = (file: string): string => file.split(/[\\/]/).pop() as string;
const packages = (counts: Record<string, number>) =>
	Object.entries(counts)
		.sort((a, b) => b[1] - a[1])
		.map(([name, n]) => `${name} ${n}`)
		.join(', ');

function coreLines(core: CoreResult): string[] {
	const t = core.target;
	const focus = core.rows.find((row) => row.platform === t.platform && row.event === t.event)!;
	const lines = [
		`${t.platform} ${t.event}: ${int(t.eventsPerSec)} events/s, fastest round ${int(t.bestEventsPerSec)}/s; floor ${int(focus.floorPerSec)}/s, core/floor ${num(t.ratioToFloor, 3)} (target >= ${t.targetRatio}: ${verdict(t.met)})`,
		`lowest core/floor of all examples: ${core.slowest.platform} ${core.slowest.event} ${num(core.slowest.ratioToFloor, 3)} (target >= ${core.slowest.targetRatio} for every example: ${verdict(core.slowest.met)})`,
		`  where one delivery's time goes (µs, fastest rounds): ${Object.entries(core.breakdownUs)
			.map(([part, us]) => `${part} ${num(us, 1)}`)
			.join(', ')}`,
		`  every example's receive step ran untimed for ${num(core.warmUpMs / 1000, 1)} s before the first measured round`,
	];
	for (const platform of [...new Set(core.rows.map((row) => row.platform))]) {
		const rows = core.rows.filter((row) => row.platform === platform);
		const rates = rows.map((row) => row.eventsPerSec).sort((a, b) => a - b);
		const ratios = rows.map((row) => row.ratioToFloor);
		lines.push(
			`  ${platform.padEnd(10)} ${String(rows.length).padStart(2)} examples: ${int(rates[0])}-${int(rates[rates.length - 1])} events/s, core/floor ${num(Math.min(...ratios), 3)}-${num(Math.max(...ratios), 3)}`,
		);
	}
	const invalid = core.rows.filter((row) => !row.allValid || row.items === 0);
	lines.push(
		`  every example gave valid items: ${invalid.length === 0 ? 'yes' : `NO (${invalid.map((row) => `${row.platform}/${row.event}`).join(', ')})`}`,
	);
	return lines;
}

function webhookLines(result: WebhookPathResult): string[] {
	if (result.skipped) return [`skipped: ${result.skipped}`];
	const costs = Object.entries(result.usPerRequest ?? {}).map(
		([label, us]) => `${label} ${num(us, 1)} µs`,
	);
	return [
		`µs/request: ${costs.join(', ')} (Webhook node ${result.webhookNodeFile})`,
		`ratio Bcrumbs/Webhook node ${num(result.ratio)} (target <= 1.0: ${verdict((result.ratio ?? Infinity) <= 1)}); against Webhook node with Header Auth ${num(result.ratioHeaderAuth)}`,
	];
}

/** A figure beside its target, its control's band from the same run, and the verdict of the three. */
export interface JudgedFigure {
	value: number | undefined;
	target: Target;
	band?: NoiseBand;
	verdict: Verdict | undefined;
}

export function judgedAgainstControl(
	value: number | undefined,
	target: Target,
	controlValues: number[] | undefined,
): JudgedFigure {
	const band = noiseBand(controlValues ?? []);
	return { value, target, band, verdict: judge(value, target, band) };
}

export const targetText = (target: Target, digits = 2): string =>
	`${target.direction === 'at least' ? '>=' : '<='} ${num(target.limit, digits)}`;
const bandText = (band: NoiseBand | undefined, digits = 2): string =>
	band ? `control band ${num(band.low, digits)} to ${num(band.high, digits)}` : 'no control band';

/** "0.91 (target >= 0.95: within noise; control band 0.88 to 1.06)" */
export const judgedText = (figure: JudgedFigure, digits = 2): string =>
	`${num(figure.value, digits)} (target ${targetText(figure.target, digits)}: ${verdict(figure.verdict)}; ${bandText(figure.band, digits)})`;

/** Part 3's two figures, each against the band of the control's per-round ratios. */
export function realVerdicts(result: RealN8nResult): Record<'throughput' | 'p99', JudgedFigure> {
	const control = result.roundRatios?.control;
	return {
		throughput: judgedAgainstControl(
			result.throughputRatio,
			RATIO_TARGETS.throughput,
			control?.throughput,
		),
		p99: judgedAgainstControl(result.p99Ratio, RATIO_TARGETS.p99, control?.p99),
	};
}

const roundsText = (values: number[] | undefined): string =>
	`${(values ?? []).map((ratio) => num(ratio)).join(', ')} (median ${num(median(values ?? []))})`;

function realLines(result: RealN8nResult): string[] {
	if (result.skipped || !result.bcrumbs || !result.webhook)
		return [`skipped: ${result.skipped ?? 'no result'}`];
	const o = result.options!;
	const side = (s: typeof result.bcrumbs) =>
		`${s!.label}: ${num(s!.eventsPerSec, 1)} events/s, p50 ${num(s!.p50Ms, 1)} ms, p99 ${num(s!.p99Ms, 1)} ms (${s!.ok}/${s!.sent} answered 200${s!.sent < o.deliveries ? `; ${o.deliveries - s!.sent} never sent: the time limit cut the bursts short` : ''})`;
	const judged = realVerdicts(result);
	const rounds = result.roundRatios;
	return [
		`${o.deliveries} deliveries each, concurrency ${o.concurrency}, ${o.rounds} rotating rounds with a second Webhook node as control, ${o.warmup} warm-up each; workflows end in NoOp, success executions not saved; n8n's default expression engine`,
		side(result.bcrumbs),
		side(result.webhook),
		...(result.control
			? [
					side(result.control),
					`control, a second Webhook node / the first (equal targets, so noise only): throughput ${num(result.controlThroughputRatio)}, p99 ${num(result.controlP99Ratio)}`,
				]
			: []),
		`throughput ratio ${judgedText(judged.throughput)}, p99 ratio ${judgedText(judged.p99)}, p50 ratio ${num(result.bcrumbs.p50Ms / result.webhook.p50Ms)}; executions not successful: ${result.erroredExecutions}`,
		`round by round, Bcrumbs Trigger / Webhook node: throughput ${roundsText(rounds?.bcrumbs.throughput)}; p99 ${roundsText(rounds?.bcrumbs.p99)}`,
		`round by round, control / Webhook node: throughput ${roundsText(rounds?.control.throughput)}; p99 ${roundsText(rounds?.control.p99)}`,
	];
}

const PROCESSORS = [1, 2] as const;

/** Part 8's two figures, each the worse of 1 and 2 processors, each against its own control band. */
export function queueVerdicts(
	result: QueueModeResult,
): Record<'throughput' | 'p99', JudgedFigure[]> {
	const judged = (figure: 'throughput' | 'p99', ratios?: Record<number, number>) =>
		PROCESSORS.map((processors) =>
			judgedAgainstControl(
				ratios?.[processors],
				RATIO_TARGETS[figure],
				result.roundRatios?.[processors].control[figure],
			),
		);
	return {
		throughput: judged('throughput', result.throughputRatio),
		p99: judged('p99', result.p99Ratio),
	};
}

/** What the engine is to n8n, and to this run. */
function engineText(result: QueueModeResult, judged: boolean): string {
	const engine = result.options?.expressionEngine ?? 'n/a';
	const role = judged ? 'judged' : 'reference only';
	return `expression engine ${engine}${result.n8nDefaultEngine ? " (n8n's default)" : ''}, ${role}`;
}

/** On vm, n8n takes its one expression isolate in the webhook phase for every trigger but its own Webhook node. */
const VM_WEBHOOK_PHASE_NOTE =
	"on vm, n8n 2.35 and 2.41 take the instance's single expression isolate in the webhook phase for every trigger that is not their own Webhook node (webhookPhaseNeedsIsolate in n8n's live-webhooks.js): Bcrumbs Trigger waits for it, the Webhook node does not";

function queueLines(result: QueueModeResult, judged: boolean): string[] {
	if (result.failed) return [`${engineText(result, judged)}: FAILED: ${result.failed}`];
	if (result.skipped || !result.sides) return [`skipped: ${result.skipped ?? 'no result'}`];
	const o = result.options!;
	const verdicts = queueVerdicts(result);
	const perProcessors = (figures: JudgedFigure[]) =>
		figures.map((figure, k) => `${PROCESSORS[k]} processor(s) ${judgedText(figure)}`).join(', ');
	const rounds = (processors: number, who: 'bcrumbs' | 'control', figure: 'throughput' | 'p99') =>
		(result.roundRatios?.[processors][who][figure] ?? []).map((ratio) => num(ratio)).join(', ');
	return [
		`n8n ${result.n8nVersion}, ${engineText(result, judged)}; 2 workers; ${o.deliveries} deliveries per trigger and processor count, concurrency ${o.concurrency}, ${o.rounds} rotating rounds with a second Webhook node as control, ${o.warmup} warm-up each; each round waits until the workers executed it`,
		...(o.expressionEngine === 'vm' ? [VM_WEBHOOK_PHASE_NOTE] : []),
		...result.sides.map(
			(s) =>
				`${s.processors} processor(s), ${s.label.padEnd(22)} ${num(s.eventsPerSec, 1)} events/s acknowledged (p50 ${num(s.p50Ms, 1)} ms, p99 ${num(s.p99Ms, 1)} ms), ${num(s.executedPerSec, 1)}/s executed (${s.ok}/${s.sent} answered 200)`,
		),
		`Bcrumbs / Webhook node throughput: ${perProcessors(verdicts.throughput)}`,
		`Bcrumbs / Webhook node p99: ${perProcessors(verdicts.p99)}`,
		`control, a second Webhook node / the first (equal targets, so noise only), whole run: throughput ${num(result.controlThroughputRatio?.[1])} with 1 processor, ${num(result.controlThroughputRatio?.[2])} with 2; p99: ${num(result.controlP99Ratio?.[1])}, ${num(result.controlP99Ratio?.[2])}`,
		...PROCESSORS.map(
			(p) =>
				`round by round, ${p} processor(s): Bcrumbs throughput ${rounds(p, 'bcrumbs', 'throughput')}, p99 ${rounds(p, 'bcrumbs', 'p99')}; control throughput ${rounds(p, 'control', 'throughput')}, p99 ${rounds(p, 'control', 'p99')}`,
		),
		`2 processors / 1: ${Object.entries(result.scaling!)
			.map(([label, ratio]) => `${label} ${num(ratio)}`)
			.join(', ')}`,
	];
}

/** Every engine's block: the judged engine first. */
const queueEngineLines = (results: QueueModeResult[]): string[] =>
	results.flatMap((result, k) => queueLines(result, k === 0));

function coldLines(result: ColdLoadResult): string[] {
	const lines = [
		`baseline, fresh process requiring only n8n-workflow: ${num(result.baseline.ms, 1)} ms, ${result.baseline.modules} modules (median of ${result.runs} processes)`,
	];
	for (const row of result.rows) {
		const webhook =
			row.firstWebhookMs === undefined
				? ''
				: `; first webhook() ${num(row.firstWebhookMs, 1)} ms${row.webhookStarted ? '' : ' (started NO execution)'}`;
		lines.push(
			`  ${fileName(row.file).padEnd(26)} ${num(row.totalMs, 1)} ms total, +${num(row.ownMs, 1)} ms over the baseline, ${row.modules} modules (+${row.ownModules}: ${packages(row.ownPackages)}); graphql loaded: ${row.graphqlLoaded || row.graphqlAfterWebhook ? 'YES' : 'no'}${webhook}`,
		);
	}
	lines.push(
		`  triggers' load and webhook path free of graphql/graphql-request: ${result.triggersFreeOfGraphql ? 'yes' : 'NO'}`,
	);
	return lines;
}

function activationLines(rows: ActivationRow[]): string[] {
	const lines: string[] = [];
	for (const count of [...new Set(rows.map((row) => row.events))]) {
		const parts = rows
			.filter((row) => row.events === count)
			.map((row) => `${row.scenario} ${row.calls} (<= ${row.target}: ${verdict(row.met)})`);
		lines.push(`${count} event(s): ${parts.join('; ')}`);
	}
	for (const scenario of [
		'after lost state, documented gateway',
		'replacing unverifiable registrations, capabilities cached',
		'replacing unverifiable registrations, cold gateway',
	]) {
		const row = [...rows].reverse().find((r) => r.scenario === scenario);
		if (row)
			lines.push(
				`  ${scenario}, ${row.events} events = ${Object.entries(row.byOperation)
					.map(([op, n]) => `${op} ${n}`)
					.join(' + ')}`,
			);
	}
	return lines;
}

function memoryLines(result: RealN8nResult): string[] {
	const m = result.memory;
	if (!m) return [`skipped: ${result.skipped ?? 'no result'}`];
	const delta = (mb: number) =>
		`${int(mb)} MB (${mb - m.beforeMb >= 0 ? '+' : ''}${int(mb - m.beforeMb)})`;
	return [
		`n8n RSS, main process + ${m.runnerProcesses} task runner process(es): before ${int(m.beforeMb)} MB, right after ${delta(m.rightAfterMb)}, settled ${delta(m.settledMb)}${m.afterGcMb === undefined ? '' : `, after forced GC ${delta(m.afterGcMb)}`}`,
		`peak growth ${int(m.peakGrowthMb)} MB, residual ${int(m.residualGrowthMb)} MB: settles ${m.settles ? 'yes' : 'NO'} (rule: residual <= max(30 MB, half the peak growth)); GC: ${m.gc}`,
	];
}

/** Part 7's two figures, each against the band of its round-to-round control (two equal starts). */
export function startupVerdicts(
	result: StartupCostResult,
): Record<'time' | 'memory', JudgedFigure> {
	return {
		time: judgedAgainstControl(
			result.addedTimeRatio,
			atMost(result.targets.addedTimeRatio),
			result.control?.addedTimeRatio,
		),
		memory: judgedAgainstControl(
			result.addedMemoryMb,
			atMost(result.targets.addedMemoryMb),
			result.control?.addedMemoryMb,
		),
	};
}

const pct = (ratio: number | undefined) =>
	ratio === undefined ? 'n/a' : `${ratio >= 0 ? '+' : ''}${num(ratio * 100, 1)} %`;
const mb = (value: number | undefined) => `${num(value, 1)} MB`;

/** "+6.1 % (target <= +2.0 %: within noise; control band -3.0 % to +7.2 %)" */
function startupText(figure: JudgedFigure, unit: (value: number | undefined) => string): string {
	const band = figure.band
		? `control band ${unit(figure.band.low)} to ${unit(figure.band.high)}`
		: 'no control band';
	return `${unit(figure.value)} (target <= ${unit(figure.target.limit)}: ${verdict(figure.verdict)}; ${band})`;
}

function startupLines(result: StartupCostResult): string[] {
	const judged = startupVerdicts(result);
	return [
		`${result.rounds} alternating rounds after one warm-up start each; process start to /healthz/readiness; main process RSS after a forced full GC; control: each start against the same folder's start one round before`,
		`ready after (median): without the package ${int(result.medianReadyMs.without)} ms, with it ${int(result.medianReadyMs.with)} ms`,
		`added startup time ${startupText(judged.time, pct)} (median of the rounds' pairs)`,
		`main process RSS (median): without ${num(result.medianMainRssMb.without, 0)} MB, with ${num(result.medianMainRssMb.with, 0)} MB; added ${startupText(judged.memory, mb)}`,
		`the package's nodes were loaded in every start with it: ${result.packageLoaded ? 'yes' : 'NO'}`,
	];
}

export interface TargetRow {
	target: string;
	measured: string;
	verdict: Verdict | undefined;
}

export const COLD_LOAD_TARGET_MS = 15;

/** "0.96, 1.07 (control bands 0.93 to 1.05, 0.95 to 1.08)" for 1 and 2 processors. */
function queueMeasured(figures: JudgedFigure[]): string {
	const bands = figures.map((figure) => bandText(figure.band).replace('control band ', ''));
	return `${figures.map((figure) => num(figure.value)).join(', ')} (control bands ${bands.join(', ')})`;
}

/** Part 8's targets, judged on the first engine; the other engines' figures ride along as a reference. */
function queueTargetRows(queue: QueueModeResult[]): TargetRow[] {
	const [judged, ...references] = queue.filter((r) => !r.skipped && !r.failed && r.sides);
	if (!judged) return [];
	const engine = (result: QueueModeResult) => result.options!.expressionEngine;
	const reference = (figure: 'throughput' | 'p99') =>
		references
			.map((r) => {
				const figures = queueVerdicts(r)[figure];
				const own = verdict(worstOf(figures.map((f) => f.verdict)));
				return `; ${engine(r)} (reference only, not judged): ${queueMeasured(figures)}, on its own ${own}`;
			})
			.join('');
	const verdicts = queueVerdicts(judged);
	const row = (figure: 'throughput' | 'p99', what: string): TargetRow => ({
		target: `queue mode through nginx: ${what} / Webhook node ${targetText(RATIO_TARGETS[figure])} (1 and 2 processors)`,
		measured: `${engine(judged)}: ${queueMeasured(verdicts[figure])}${reference(figure)}`,
		verdict: worstOf(verdicts[figure].map((f) => f.verdict)),
	});
	return [row('throughput', 'throughput'), row('p99', 'p99 latency')];
}

/** Every target of the bench beside what this run measured. */
export function targetRows(results: BenchResults): TargetRow[] {
	const rows: TargetRow[] = [];
	const { core, webhookPath, realN8n, coldLoad, startup } = results;
	if (core) {
		const t = core.target;
		rows.push({
			target: `core: ${t.platform} ${t.event} >= ${t.targetRatio}x the JSON.parse + copy floor`,
			measured: `${num(t.ratioToFloor, 3)}x`,
			verdict: metOrNot(t.met),
		});
		const s = core.slowest;
		rows.push({
			target: `core: every documented example >= ${s.targetRatio}x the floor`,
			measured: `lowest ${num(s.ratioToFloor, 3)}x (${s.platform} ${s.event})`,
			verdict: metOrNot(s.met),
		});
	}
	if (webhookPath && !webhookPath.skipped)
		rows.push({
			target: "webhook(): Bcrumbs Trigger / n8n's Webhook node <= 1.0",
			measured: num(webhookPath.ratio),
			verdict: metOrNot((webhookPath.ratio ?? Infinity) <= 1),
		});
	if (realN8n && !realN8n.skipped) {
		const judged = realVerdicts(realN8n);
		rows.push({
			target: `real n8n: throughput / Webhook node ${targetText(RATIO_TARGETS.throughput)}`,
			measured: `${num(realN8n.throughputRatio)} (${bandText(judged.throughput.band)} round by round; control ${num(realN8n.controlThroughputRatio)} over the run)`,
			verdict: judged.throughput.verdict,
		});
		rows.push({
			target: `real n8n: p99 latency / Webhook node ${targetText(RATIO_TARGETS.p99)}`,
			measured: `${num(realN8n.p99Ratio)} (${bandText(judged.p99.band)} round by round; control ${num(realN8n.controlP99Ratio)} over the run)`,
			verdict: judged.p99.verdict,
		});
	}
	rows.push(...queueTargetRows(results.queue ?? []));
	if (startup) {
		const judged = startupVerdicts(startup);
		const band = (figure: JudgedFigure, unit: (value: number) => string) =>
			figure.band ? ` (control band ${unit(figure.band.low)} to ${unit(figure.band.high)})` : '';
		rows.push({
			target: `n8n startup: the package adds <= ${num(startup.targets.addedTimeRatio * 100, 0)} %`,
			measured: `${pct(startup.addedTimeRatio)}${band(judged.time, pct)}`,
			verdict: judged.time.verdict,
		});
		rows.push({
			target: `n8n memory after startup: the package adds <= ${startup.targets.addedMemoryMb} MB`,
			measured: `${mb(startup.addedMemoryMb)}${band(judged.memory, mb)}`,
			verdict: judged.memory.verdict,
		});
	}
	if (coldLoad) {
		const slowest = coldLoad.rows.reduce((high, row) => (row.ownMs > high.ownMs ? row : high));
		rows.push({
			target: `cold load: any one node file <= ${COLD_LOAD_TARGET_MS} ms`,
			measured: `slowest ${num(slowest.ownMs, 1)} ms (${fileName(slowest.file)})`,
			verdict: metOrNot(slowest.ownMs <= COLD_LOAD_TARGET_MS),
		});
	}
	return rows;
}

/** The results of one part of the bench, by their key. */
type Part = 'core' | 'webhookPath' | 'realN8n' | 'queue' | 'coldLoad' | 'activation' | 'startup';

/** Section title and lines for each part that ran. */
export function summarySections(results: BenchResults): Array<[string, string[]]> {
	const sections: Array<[string, string[]]> = [];
	const add = <K extends Part>(
		key: K,
		title: string,
		lines: (part: NonNullable<BenchResults[K]>) => string[],
	) => {
		const part = results[key];
		if (results.errors[key]) sections.push([title, [`FAILED: ${results.errors[key]}`]]);
		else if (part) sections.push([title, lines(part)]);
	};
	add(
		'core',
		'1. Core throughput (verify + parse + normalize, one core, median of rounds)',
		coreLines,
	);
	add('webhookPath', "2. webhook() per request through n8n-core's WebhookContext", webhookLines);
	add(
		'realN8n',
		`3. Real n8n ${results.realN8n?.n8nVersion ?? ''}: Bcrumbs Trigger against the Webhook node`,
		realLines,
	);
	add('coldLoad', '4. Cold load of the built node files', coldLines);
	add(
		'activation',
		'5. Activation cost (bcrumbs API calls counted by the sandbox)',
		activationLines,
	);
	add('realN8n', '6. Memory of the n8n process during part 3', memoryLines);
	add('startup', '7. n8n startup with and without the package', startupLines);
	add(
		'queue',
		'8. Queue mode through nginx: Bcrumbs Trigger against the Webhook node, 1 and 2 webhook processors',
		queueEngineLines,
	);
	const targets = targetRows(results);
	if (targets.length > 0)
		sections.unshift([
			'Targets',
			targets.map((row) => `${verdict(row.verdict).padEnd(12)} ${row.target}: ${row.measured}`),
		]);
	return sections;
}
