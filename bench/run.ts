/**
 * `npm run bench`: eight measurements in one run, each beside a baseline measured in the same run.
 * Prints a summary and writes bench/results/latest.json and latest.md. No timing is asserted.
 *
 * Options (flag or environment variable): --deliveries=2000 (BENCH_DELIVERIES), --concurrency=16,
 * --rounds=8, --warmup=200, --settle-s=15, --startup-rounds=5, --queue-engine=vm,legacy (the first is
 * judged, the others are reported as a reference), --queue-deliveries=N (per trigger and processor
 * count, every engine; default by engine, see QUEUE_LOAD), --only=core,webhookPath,activation,coldLoad,
 * realN8n,startup,queue (a partial run prints its figures but leaves bench/results as they were).
 */
import { removeScratch, scratchDir } from './env'; // first: sets N8N_USER_FOLDER before n8n-core loads

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join, resolve } from 'node:path';

import { runActivationCost } from './activationCost';
import { runColdLoad } from './coldLoad';
import { runCoreThroughput } from './coreThroughput';
import { markdownReport } from './markdown';
import { ensureBuilt, packInto } from './packageBuild';
import {
	enginesOfThisN8n,
	N8N_DEFAULT_ENGINE,
	queueLoadFor,
	runQueueMode,
	type QueueModeResult,
} from './queueMode';
import { runRealN8n } from './realN8n';
import { runStartupCost } from './startupCost';
import { summarySections, type BenchResults } from './summary';
import { runWebhookPath } from './webhookPath';
import { ensureN8n } from '../e2e/harness/install';

const PARTS = [
	'core',
	'webhookPath',
	'activation',
	'coldLoad',
	'realN8n',
	'startup',
	'queue',
] as const;
type Part = (typeof PARTS)[number];

function option(name: string, fallback: string): string {
	const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	if (flag) return flag.slice(name.length + 3);
	return process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
}
const numberOption = (name: string, fallback: number): number => {
	const value = Number(option(name, String(fallback)));
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
	return value;
};
/** A number option without a default: undefined when not given. */
const givenNumber = (name: string): number | undefined =>
	option(name, '') === '' ? undefined : numberOption(name, 0);

const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Part 8 once per engine, each in a topology of its own: the first engine's figures are judged, the
 * others' are a reference. A reference run that fails is reported as failed; the judged one still counts.
 */

/** A failure as the results record it: its first line, the repository's path left out, at most 300 characters. */
function recordable(error: unknown): string {
	const firstLine = ((error as Error).message ?? String(error)).split('\n')[0];
	return firstLine.split(resolve(__dirname, '..')).join('.').slice(0, 300);
}

async function runQueueEngines(
	tarball: string,
	config: { concurrency: number; queueDeliveries?: number; queueEngines: string[] },
	log: (line: string) => void,
): Promise<QueueModeResult[]> {
	const results: QueueModeResult[] = [];
	for (const [k, { engine, isDefault }] of enginesOfThisN8n(config.queueEngines).entries()) {
		log(`  expression engine ${engine}: ${k === 0 ? 'judged' : 'reference only'}`);
		const load = queueLoadFor(engine);
		const options = {
			deliveries: config.queueDeliveries ?? load.deliveries,
			concurrency: config.concurrency,
			rounds: 6,
			warmup: load.warmup,
			expressionEngine: engine,
		};
		try {
			results.push({ ...(await runQueueMode(options, tarball, log)), n8nDefaultEngine: isDefault });
		} catch (error) {
			if (k === 0) throw error;
			log(`  ${engine} failed: ${(error as Error).stack ?? String(error)}`);
			results.push({ options, failed: recordable(error) });
		}
	}
	return results;
}

type Config = ReturnType<typeof readConfig>;

function readConfig() {
	return {
		deliveries: numberOption('deliveries', 2000),
		concurrency: numberOption('concurrency', 16),
		rounds: numberOption('rounds', 8),
		warmup: numberOption('warmup', 200),
		settleS: numberOption('settle-s', 15),
		startupRounds: numberOption('startup-rounds', 5),
		queueDeliveries: givenNumber('queue-deliveries'),
		queueEngines: option('queue-engine', `${N8N_DEFAULT_ENGINE},legacy`)
			.split(',')
			.map((engine) => engine.trim())
			.filter(Boolean),
	};
}

function emptyResults(config: Config, only: Part[]): BenchResults {
	return {
		date: new Date().toISOString(),
		machine: {
			cpu: cpus()[0]?.model ?? 'unknown',
			cores: cpus().length,
			node: process.version,
			os: `${osType()} ${release()}`,
			memoryGb: Math.round(totalmem() / 2 ** 30),
			loadAverageAtStart: loadavg(),
		},
		command: 'npm run bench',
		config: {
			...config,
			queueDeliveries: config.queueDeliveries ?? 'by engine',
			queueEngines: config.queueEngines.join(','),
			parts: only.join(','),
		},
		errors: {},
	};
}

/** Only a full run replaces the recorded figures: a --only run is for looking, not for the record. */
function record(results: BenchResults, only: Part[]): void {
	const seconds = (results.durationS ?? 0).toFixed(0);
	if (!PARTS.every((key) => only.includes(key))) {
		log(`\npartial run (--only): bench/results/latest.* left as they were (${seconds} s)`);
		return;
	}
	const dir = join(__dirname, 'results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, '\t')}\n`);
	writeFileSync(join(dir, 'latest.md'), markdownReport(results));
	log(`\nwrote bench/results/latest.json and bench/results/latest.md (${seconds} s)`);
}

/** Each part asked for, in order; one failed part does not hide the others' figures. */
async function runParts(results: BenchResults, config: Config, only: Part[]): Promise<void> {
	const part = async (key: Part, title: string, run: () => Promise<void> | void) => {
		if (!only.includes(key)) return;
		const t0 = Date.now();
		log(`\n[${title}]`);
		try {
			await run();
		} catch (error) {
			// one failed part does not hide the others' figures
			results.errors[key] = recordable(error);
			log(`  failed: ${(error as Error).stack ?? String(error)}`);
		}
		log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	};

	await part(
		'core',
		'1. core throughput',
		() => void (results.core = runCoreThroughput(undefined, log)),
	);
	// parts 2, 3 and 6 compare against n8n's own Webhook node: a fresh clone installs the pinned n8n first
	if (['webhookPath', 'realN8n', 'startup', 'queue'].some((key) => only.includes(key as Part))) {
		await ensureN8n({ log: (line) => log(`  ${line}`) });
	}
	await part(
		'webhookPath',
		'2. webhook() per request',
		async () => void (results.webhookPath = await runWebhookPath()),
	);
	await part(
		'activation',
		'5. activation cost',
		async () => void (results.activation = await runActivationCost()),
	);
	await part('coldLoad', '4. cold load', async () => {
		await ensureBuilt(log);
		results.coldLoad = runColdLoad();
	});
	await part('realN8n', '3 + 6. real n8n and its memory', async () => {
		const { deliveries, concurrency, rounds, warmup, settleS } = config;
		results.realN8n = await runRealN8n(
			{ deliveries, concurrency, rounds, warmup, settleMs: settleS * 1000, timeLimitMs: 180_000 },
			log,
		);
	});

	await part('startup', '7. n8n startup with and without the package', async () => {
		await ensureBuilt(log);
		results.startup = await runStartupCost(
			await packInto(join(scratchDir, 'startup-pack')),
			config.startupRounds,
			log,
		);
	});

	await part(
		'queue',
		'8. queue mode: main + webhook processors behind nginx + workers',
		async () => {
			await ensureBuilt(log);
			const tarball = await packInto(join(scratchDir, 'queue-pack'));
			results.queue = await runQueueEngines(tarball, config, log);
		},
	);
}

async function main(): Promise<number> {
	const started = Date.now();
	const only = option('only', PARTS.join(','))
		.split(',')
		.map((part) => part.trim()) as Part[];
	const config = readConfig();
	const results = emptyResults(config, only);
	log(
		`bench: ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}, load average ${loadavg()
			.map((n) => n.toFixed(2))
			.join(' ')}`,
	);

	await runParts(results, config, only);

	results.machine.loadAverageAtEnd = loadavg();
	results.durationS = (Date.now() - started) / 1000;
	log('\n================ summary ================');
	for (const [title, lines] of summarySections(results))
		log(`\n${title}\n${lines.map((line) => `  ${line}`).join('\n')}`);

	record(results, only);
	return Object.keys(results.errors).length > 0 ? 1 : 0;
}

// a hard bound: if anything hangs, exit (the e2e harness then stops n8n on the way out)
const limitMinutes = Number(process.env.BENCH_LIMIT_MIN ?? 30);
setTimeout(() => {
	log(`bench: still running after ${limitMinutes} min, giving up`);
	removeScratch();
	process.exit(2);
}, limitMinutes * 60_000).unref();

// Ctrl-C: remove the scratch folder; exiting lets the e2e harness stop n8n (it hooks process exit)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		removeScratch();
		process.exit(130);
	});
}

main()
	.then((code) => {
		removeScratch();
		process.exit(code);
	})
	.catch((error: Error) => {
		log(error.stack ?? String(error));
		removeScratch();
		process.exit(1);
	});
