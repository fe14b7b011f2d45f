/**
 * 7. What the package costs n8n at startup: a real n8n started again and again on two prepared user
 * folders, one with the package installed and one without, alternating, in the same run. Each start is
 * timed from spawning the process to /healthz/readiness answering 200 (n8n loads community nodes
 * before it listens); memory is the main process's RSS after startup, after a forced full GC.
 * The figures are the medians over rounds of each round's pair (with / without). The control is the same
 * figure between two starts of the same folder in consecutive rounds (without against without, with
 * against with): what noise alone gives, the band the verdicts use.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePorts, installTarballs } from '../e2e/harness';
import { ensureN8n } from '../e2e/harness/install';
import { n8nEnv } from '../e2e/harness/n8n';
import { groupAlive, killGroup, sleep } from '../e2e/harness/proc';
import { forceGc, treeRss } from './processMemory';
import { median } from './timing';

export interface StartupSample {
	withPackage: boolean;
	readyMs: number;
	mainRssMb: number;
	totalRssMb: number;
}

export interface StartupCostResult {
	rounds: number;
	samples: StartupSample[];
	medianReadyMs: { without: number; with: number };
	medianMainRssMb: { without: number; with: number };
	/** median over rounds of (with / without) - 1 */
	addedTimeRatio: number;
	/** median over rounds of (with - without), MB of the main process after a full GC */
	addedMemoryMb: number;
	/**
	 * The control: the same figures between two starts of one folder in consecutive rounds (round k
	 * against round k - 1, without and with alike). Equal starts, so noise only.
	 */
	control: { addedTimeRatio: number[]; addedMemoryMb: number[] };
	/** the package really was loaded in the "with" starts (its nodes appear in n8n's log) */
	packageLoaded: boolean;
	targets: { addedTimeRatio: number; addedMemoryMb: number };
}

export const STARTUP_TARGETS = { addedTimeRatio: 0.02, addedMemoryMb: 10 };

async function startOnce(
	userFolder: string,
	withPackage: boolean,
): Promise<StartupSample & { loaded: boolean }> {
	const install = await ensureN8n();
	const [port, brokerPort, inspectorPort] = await freePorts(3);
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		...n8nEnv({ userFolder, port, brokerPort, logLevel: 'debug' }),
		NODE_OPTIONS: `--inspect-port=127.0.0.1:${inspectorPort}`,
	};
	const logFile = join(userFolder, `n8n-${Date.now()}.log`);
	const fd = openSync(logFile, 'a');
	const started = process.hrtime.bigint();
	const child = spawn(install.nodeBin, [install.n8nBin, 'start'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	closeSync(fd);
	let exited = false;
	child.once('exit', () => (exited = true));
	try {
		let readyMs = 0;
		for (const deadline = Date.now() + 180_000; ;) {
			if (exited) throw new Error(`n8n exited during startup (see ${logFile})`);
			if (Date.now() > deadline) throw new Error('n8n was not ready within 180 s');
			const ok = await fetch(`http://127.0.0.1:${port}/healthz/readiness`, {
				signal: AbortSignal.timeout(1000),
			})
				.then((response) => response.ok)
				.catch(() => false);
			if (ok) {
				readyMs = Number(process.hrtime.bigint() - started) / 1e6;
				break;
			}
			await sleep(20);
		}
		await sleep(2000); // what startup left to do after listening (activation, runner start)
		await forceGc(child.pid!, inspectorPort);
		const rss = treeRss(child.pid!);
		const { readFileSync } = await import('node:fs');
		const loaded = /n8n-nodes-bcrumbs/.test(readFileSync(logFile, 'utf8'));
		return { withPackage, readyMs, mainRssMb: rss.mainMb, totalRssMb: rss.totalMb, loaded };
	} finally {
		killGroup(child.pid, 'SIGTERM');
		for (let i = 0; i < 150 && groupAlive(child.pid); i++) {
			if (i === 100) killGroup(child.pid, 'SIGKILL');
			await sleep(100);
		}
	}
}

/** Each start against the same folder's start of the round before: two equal starts, so noise only. */
function roundToRound(
	starts: StartupSample[],
	figure: (later: StartupSample, earlier: StartupSample) => number,
): number[] {
	return starts.slice(1).map((sample, k) => figure(sample, starts[k]));
}

function startupResult(
	rounds: number,
	samples: StartupSample[],
	packageLoaded: boolean,
): StartupCostResult {
	const side = (withPackage: boolean) =>
		samples.filter((sample) => sample.withPackage === withPackage);
	const [without, withPackage] = [side(false), side(true)];
	const addedTime = (a: StartupSample, b: StartupSample) => a.readyMs / b.readyMs - 1;
	const addedMemory = (a: StartupSample, b: StartupSample) => a.mainRssMb - b.mainRssMb;
	const paired = (figure: typeof addedTime) =>
		median(withPackage.map((sample, round) => figure(sample, without[round])));
	const control = (figure: typeof addedTime) => [
		...roundToRound(without, figure),
		...roundToRound(withPackage, figure),
	];
	return {
		rounds,
		samples,
		medianReadyMs: {
			without: median(without.map((s) => s.readyMs)),
			with: median(withPackage.map((s) => s.readyMs)),
		},
		medianMainRssMb: {
			without: median(without.map((s) => s.mainRssMb)),
			with: median(withPackage.map((s) => s.mainRssMb)),
		},
		addedTimeRatio: paired(addedTime),
		addedMemoryMb: paired(addedMemory),
		control: { addedTimeRatio: control(addedTime), addedMemoryMb: control(addedMemory) },
		packageLoaded,
		targets: STARTUP_TARGETS,
	};
}

export async function runStartupCost(
	tarball: string,
	rounds: number,
	log: (line: string) => void,
): Promise<StartupCostResult> {
	const scratch = mkdtempSync(join(tmpdir(), 'bcrumbs-startup-'));
	try {
		const folders = { without: join(scratch, 'without'), with: join(scratch, 'with') };
		for (const folder of Object.values(folders))
			mkdirSync(join(folder, '.n8n'), { recursive: true });
		await installTarballs(folders.with, [tarball]);
		// first start of each folder: database migrations, not counted
		for (const [name, folder] of Object.entries(folders)) {
			const warm = await startOnce(folder, name === 'with');
			log(`  warm-up ${name.padEnd(7)} package: ready after ${Math.round(warm.readyMs)} ms`);
		}
		const samples: StartupSample[] = [];
		let packageLoaded = true;
		for (let round = 0; round < rounds; round++) {
			// alternate which goes first: neither side always starts right after the other
			const order = round % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const);
			for (const name of order) {
				const { loaded, ...sample } = await startOnce(folders[name], name === 'with');
				if (name === 'with') packageLoaded &&= loaded;
				samples.push(sample);
				log(
					`  round ${round + 1} ${name.padEnd(7)} package: ready after ${Math.round(sample.readyMs)} ms, main RSS ${sample.mainRssMb.toFixed(0)} MB`,
				);
			}
		}
		return startupResult(rounds, samples, packageLoaded);
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}
