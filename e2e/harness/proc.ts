// Small child-process helpers shared by the harness.
// Why: installs and n8n itself are long-running; we want streamed output,
// a hard time bound, and the ability to kill a whole process group.
import { spawn, SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Repo root, computed from this file's location (never hard-coded). */
export const repoRoot = path.resolve(__dirname, '..', '..');

export type Log = (line: string) => void;

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	log?: Log;
	/** Prefix for streamed lines, e.g. "[npm] ". */
	prefix?: string;
	timeoutMs?: number;
}

export interface RunResult {
	code: number | null;
	output: string;
}

/** Split a stream into lines and hand each to `onLine`. */
export function lineSplitter(onLine: (line: string) => void) {
	let buf = '';
	return {
		push(chunk: Buffer | string) {
			buf += chunk.toString();
			let i: number;
			while ((i = buf.indexOf('\n')) >= 0) {
				onLine(buf.slice(0, i).replace(/\r$/, ''));
				buf = buf.slice(i + 1);
			}
		},
		flush() {
			if (buf) onLine(buf);
			buf = '';
		},
	};
}

/** Kill a detached child's whole process group (ignore "already gone"). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM') {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		/* group already gone */
	}
}

/** True while any process of the group still exists. */
export function groupAlive(pid: number | undefined): boolean {
	if (!pid) return false;
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Run a command to completion, streaming its output line by line.
 * Resolves with the exit code (never rejects on non-zero); rejects on timeout
 * after killing the whole process group.
 */
// Children run in their own process groups: a signal to this process alone does not reach them, so
// whatever still runs when this process exits (an install cut short by Ctrl-C or a supervisor) is ended.
const running = new Set<number>();
let exitHookInstalled = false;
function endRunningOnExit(pid: number | undefined): void {
	if (pid === undefined) return;
	running.add(pid);
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => running.forEach((group) => killGroup(group, 'SIGTERM')));
}

export function run(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const spawnOpts: SpawnOptions = {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group, so a timeout kills grandchildren too
		};
		const child = spawn(cmd, args, spawnOpts);
		endRunningOnExit(child.pid);
		let output = '';
		const onLine = (line: string) => {
			output += line + '\n';
			if (output.length > 200_000) output = output.slice(-100_000);
			opts.log?.((opts.prefix ?? '') + line);
		};
		const out = lineSplitter(onLine);
		const err = lineSplitter(onLine);
		child.stdout!.on('data', (c) => out.push(c));
		child.stderr!.on('data', (c) => err.push(c));
		let timedOut = false;
		const timer = opts.timeoutMs
			? setTimeout(() => {
					timedOut = true;
					killGroup(child.pid, 'SIGKILL');
				}, opts.timeoutMs)
			: undefined;
		child.on('error', (e) => {
			if (timer) clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			running.delete(child.pid as number);
			if (timer) clearTimeout(timer);
			out.flush();
			err.flush();
			if (timedOut) {
				reject(
					new Error(
						`Timed out after ${Math.round(opts.timeoutMs! / 1000)} s: ${cmd} ${args.join(' ')}\n` +
							output.slice(-4000),
					),
				);
			} else resolve({ code, output });
		});
	});
}

/** The npm CLI that belongs to the running node (avoids PATH surprises). */
export function npmCommand(): { cmd: string; prefixArgs: string[] } {
	const npmCli = path.join(
		path.dirname(process.execPath),
		'..',
		'lib',
		'node_modules',
		'npm',
		'bin',
		'npm-cli.js',
	);
	if (fs.existsSync(npmCli)) return { cmd: process.execPath, prefixArgs: [npmCli] };
	return { cmd: 'npm', prefixArgs: [] };
}

/**
 * process.env without the npm_* variables an enclosing `npm run`/`npm start` sets
 * (npm_config_local_prefix, npm_config_ignore_scripts, npm_config_cache, ...):
 * they would steer the npm we spawn towards the repo instead of its own folder.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
	return env;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// N8N_HARNESS_CACHE_DIR lets CI keep installs outside a fresh clone, so a reused machine skips them
export const cacheDir = process.env.N8N_HARNESS_CACHE_DIR
	? path.resolve(process.env.N8N_HARNESS_CACHE_DIR)
	: path.join(repoRoot, '.cache');

/** Cross-process lock on `<target>.lock` (mkdir is atomic), so parallel workers install once. */
export async function withLock<T>(
	target: string,
	maxWaitMs: number,
	log: Log,
	fn: () => Promise<T>,
): Promise<T> {
	const lockDir = `${target}.lock`;
	const deadline = Date.now() + maxWaitMs;
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	for (let announced = false; ;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			let owner = 0;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* lock just created, pid not written yet */
			}
			let alive = true;
			try {
				if (owner) process.kill(owner, 0);
			} catch {
				alive = false;
			}
			if (!alive) {
				fs.rmSync(lockDir, { recursive: true, force: true }); // stale lock
				continue;
			}
			if (!announced)
				log(
					`[install] waiting for another process (pid ${owner}) installing ${path.basename(target)}`,
				);
			announced = true;
			if (Date.now() > deadline)
				throw new Error(`Timed out waiting for the lock on ${path.basename(target)}`);
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}
