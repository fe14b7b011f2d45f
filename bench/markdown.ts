/** bench/results/latest.md: the summary, then one table per part and two small ASCII charts. */
import {
	fileName,
	int,
	num,
	summarySections,
	targetRows,
	verdict,
	type BenchResults,
} from './summary';

const table = (head: string[], rows: Array<Array<string | number>>): string =>
	[
		`| ${head.join(' | ')} |`,
		`|${head.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	].join('\n');

/** A part's heading and its table. */
const tableSection = (
	title: string,
	head: string[],
	rows: Array<Array<string | number>>,
): string[] => [`### ${title}`, table(head, rows)];

function bars(rows: Array<[string, number]>, width = 40): string {
	const max = Math.max(...rows.map(([, value]) => value), 1);
	const labelWidth = Math.max(...rows.map(([label]) => label.length));
	return rows
		.map(
			([label, value]) =>
				`${label.padEnd(labelWidth)} ${'#'.repeat(Math.max(1, Math.round((value / max) * width))).padEnd(width)} ${int(value)}`,
		)
		.join('\n');
}

function coreTables(results: BenchResults): string[] {
	const core = results.core;
	if (!core) return [];
	const rows = core.rows.map((r) => [
		r.platform,
		r.event,
		r.method,
		r.bytes,
		int(r.eventsPerSec),
		int(r.bestEventsPerSec),
		int(r.floorPerSec),
		num(r.ratioToFloor, 3),
		r.allValid ? 'yes' : 'NO',
	]);
	return [
		'### 1. Core throughput per example',
		'events/s = deliveries per second through verify + parse + normalize on one core; floor = `JSON.parse` of the same payload text + a shallow copy.',
		table(
			[
				'platform',
				'event / fixture',
				'method',
				'bytes',
				'events/s (median)',
				'fastest round',
				'floor/s',
				'core/floor',
				'valid',
			],
			rows,
		),
		'```text\nevents/s (verify + parse + normalize)\n' +
			bars(core.rows.map((r) => [`${r.platform} ${r.event}`, r.eventsPerSec])) +
			'\n```',
	];
}

function webhookTable(results: BenchResults): string[] {
	const w = results.webhookPath;
	if (!w?.usPerRequest) return [];
	return tableSection(
		'2. webhook() per request',
		['node', 'µs/request'],
		Object.entries(w.usPerRequest).map(([label, us]) => [label, num(us, 1)]),
	);
}

function realTable(results: BenchResults): string[] {
	const r = results.realN8n;
	if (!r?.bcrumbs || !r.webhook) return [];
	const row = (s: NonNullable<typeof r.bcrumbs>) => [
		s.label,
		`${s.ok}/${s.sent}`,
		num(s.eventsPerSec, 1),
		num(s.p50Ms, 1),
		num(s.p99Ms, 1),
	];
	return tableSection(
		'3. Real n8n',
		['trigger', 'answered 200', 'events/s', 'p50 ms', 'p99 ms'],
		[r.bcrumbs, r.webhook, r.control].filter((s) => s !== undefined).map(row),
	);
}

function queueTable(results: BenchResults): string[] {
	const runs = (results.queue ?? []).filter((run) => run.sides);
	if (runs.length === 0) return [];
	return tableSection(
		'8. Queue mode through nginx',
		[
			'expression engine',
			'webhook processors',
			'trigger',
			'answered 200',
			'events/s acknowledged',
			'p50 ms',
			'p99 ms',
			'executed/s',
		],
		runs.flatMap((run, k) =>
			run.sides!.map((s) => [
				`${run.options!.expressionEngine}${k === 0 ? '' : ' (reference only)'}`,
				String(s.processors),
				s.label,
				`${s.ok}/${s.sent}`,
				num(s.eventsPerSec, 1),
				num(s.p50Ms, 1),
				num(s.p99Ms, 1),
				num(s.executedPerSec, 1),
			]),
		),
	);
}

function coldTable(results: BenchResults): string[] {
	const c = results.coldLoad;
	if (!c) return [];
	const rows = [
		['n8n-workflow only (baseline)', num(c.baseline.ms, 1), '', c.baseline.modules, '', '', ''],
		...c.rows.map((r) => [
			fileName(r.file),
			num(r.totalMs, 1),
			num(r.ownMs, 1),
			r.modules,
			r.ownModules,
			r.graphqlLoaded || r.graphqlAfterWebhook ? 'YES' : 'no',
			r.firstWebhookMs === undefined ? '' : num(r.firstWebhookMs, 1),
		]),
	];
	return tableSection(
		'4. Cold load',
		[
			'file',
			'fresh process ms',
			'own ms',
			'modules',
			'own modules',
			'graphql',
			'first webhook() ms',
		],
		rows,
	);
}

function activationTable(results: BenchResults): string[] {
	const a = results.activation;
	if (!a) return [];
	const rows = a.map((r) => [
		r.events,
		r.scenario,
		r.calls,
		Object.entries(r.byOperation)
			.map(([op, n]) => `${op} ${n}`)
			.join(', '),
		num(r.perEvent),
		`<= ${r.target ?? `${r.targetPerEvent}/event`}`,
		r.met ? 'met' : 'NOT met',
	]);
	return tableSection(
		'5. Activation cost',
		['events', 'scenario', 'API calls', 'by operation', 'per event', 'target', ''],
		rows,
	);
}

function memoryTable(results: BenchResults): string[] {
	const m = results.realN8n?.memory;
	if (!m) return [];
	const rows = [
		['before (after warm-up)', int(m.beforeMb)],
		['right after the bursts', int(m.rightAfterMb)],
		['settled', int(m.settledMb)],
		...(m.afterGcMb === undefined ? [] : [['after forced GC', int(m.afterGcMb)]]),
	];
	const series = m.samples.map((s): [string, number] => [
		`${num(s.t, 0).padStart(4)} s ${s.phase}`,
		s.mb,
	]);
	return [
		...tableSection('6. Memory (n8n main process + task runner, RSS)', ['moment', 'MB'], rows),
		'```text\nRSS over time (MB)\n' + bars(series, 30) + '\n```',
	];
}

function startupTable(results: BenchResults): string[] {
	const s = results.startup;
	if (!s) return [];
	const rows = s.samples.map((sample, index) => [
		Math.floor(index / 2) + 1,
		sample.withPackage ? 'with' : 'without',
		int(sample.readyMs),
		num(sample.mainRssMb, 0),
		num(sample.totalRssMb, 0),
	]);
	return tableSection(
		'7. n8n startup with and without the package',
		['round', 'package', 'ready after ms', 'main RSS MB (after GC)', 'with task runner MB'],
		rows,
	);
}

export function markdownReport(results: BenchResults): string {
	const m = results.machine;
	const targets = table(
		['target', 'measured', ''],
		targetRows(results).map((row) => [row.target, row.measured, verdict(row.verdict)]),
	);
	const summary = summarySections(results)
		.filter(([title]) => title !== 'Targets')
		.map(
			([title, lines]) => `**${title}**\n\n${lines.map((line) => `- ${line.trim()}`).join('\n')}`,
		);
	const config = Object.entries(results.config)
		.map(([key, value]) => `${key} ${value}`)
		.join(', ');
	const header = [
		`- date: ${results.date}`,
		`- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}`,
		`- load average at start ${m.loadAverageAtStart.map((n) => num(n)).join(' ')}, at end ${(m.loadAverageAtEnd ?? []).map((n) => num(n)).join(' ')} (other processes add noise; each figure's baseline ran in the same run)`,
		`- command: \`${results.command}\` (${config}); took ${num(results.durationS, 0)} s`,
	].join('\n');
	return [
		'# n8n-nodes-bcrumbs benchmark',
		header,
		'## Targets',
		`Measured ${results.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, Node ${m.node}; every ratio against a baseline from the same run.`,
		targets,
		'## Summary',
		...summary,
		'## Details',
		...coreTables(results),
		...webhookTable(results),
		...realTable(results),
		...queueTable(results),
		...coldTable(results),
		...activationTable(results),
		...memoryTable(results),
		...startupTable(results),
		'',
	].join('\n\n');
}
