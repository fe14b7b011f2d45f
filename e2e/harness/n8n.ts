// Drives one real n8n process (pinned version, see install.ts) on loopback only.
// Why: end-to-end tests must exercise the packaged node exactly as n8n loads it,
// including webhook registration (checkExists/create/delete) on activation.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePorts } from './freePort';
import { cacheDir, ensureN8n, N8nInstall } from './install';
import { groupAlive, killGroup, Log, npmCommand, run, sleep } from './proc';

export interface StartOptions {
	/** N8N_USER_FOLDER (n8n keeps its data in `<userFolder>/.n8n`). Default: a fresh temp dir. */
	userFolder?: string;
	/** n8n HTTP port. Default: a free loopback port. */
	port?: number;
	/** `npm pack` tarballs to install into `<userFolder>/.n8n/nodes`. */
	packageTarballs?: string[];
	/** Extra/overriding environment variables for n8n. */
	env?: Record<string, string>;
	/** N8N_LOG_LEVEL; default `info` (`debug` shows "Loaded all credentials and nodes from ..."). */
	logLevel?: string;
	/** Harness progress lines (install, npm, startup). */
	log?: Log;
	/** How long to wait for n8n to become ready. Default 240 s (2.41 with debug logging on a busy 2-core machine needed more than 120 s). */
	startTimeoutMs?: number;
	/** Task-broker port for the first attempt only (a retry after "port in use" takes a fresh one). */
	brokerPort?: number;
	/** n8n's command: `start` (main, default), `webhook` (production webhooks), `worker` (queue mode). */
	command?: N8nCommand;
	/** Extra CLI arguments, e.g. `--concurrency=5` for a worker. */
	args?: string[];
}

export type N8nCommand = 'start' | 'webhook' | 'worker';

/** What each command prints once it serves (main: after active workflows were activated). */
const READY_LINE: Record<N8nCommand, RegExp> = {
	start: /Editor is now accessible/,
	webhook: /Webhook listener waiting for requests/,
	worker: /n8n worker is now ready/,
};

/** Fixed key: credentials stay decryptable across restarts of the same user folder. */
export const ENCRYPTION_KEY = 'e2e-harness-fixed-encryption-key-not-secret';

// Every live instance. n8n runs in its own process group (so stop() reaches the
// task runner), which also means Ctrl-C in a terminal does not reach it: we forward
// exit and signals ourselves. SIGTERM lets n8n close its sqlite file cleanly.
const live = new Set<N8nProcess>();
let hooksInstalled = false;
function installExitHooks() {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.once('exit', () => live.forEach((p) => killGroup(p.pid, 'SIGTERM')));
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(sig, () => {
			live.forEach((p) => killGroup(p.pid, 'SIGTERM'));
			// Nobody else handles it: keep the default behaviour (terminate).
			if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
		});
	}
}

/**
 * Keep the caller's PATH etc. but drop n8n settings that could leak in from the shell.
 * NODE_ENV matters most: jest sets it to `test`, which makes n8n exit silently at
 * startup; `production` adds login rate limits and a 10 s startup sleep after an
 * unclean stop (crash journal). Unset = n8n's development defaults.
 */
function baseEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (
			/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|npm_|JEST_|TS_NODE_)/.test(
				k,
			)
		)
			continue;
		env[k] = v;
	}
	return env;
}

export function n8nEnv(o: {
	userFolder: string;
	port: number;
	brokerPort: number;
	logLevel: string;
	install?: N8nInstall;
}): Record<string, string> {
	const webhookUrl = `http://localhost:${o.port}/`;
	const lane = o.install?.lane;
	return {
		// the lane's node first: n8n starts its task runner (and npm for packages) from PATH
		...(o.install
			? { PATH: `${o.install.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` }
			: {}),
		...(lane?.disabledModules ? { N8N_DISABLED_MODULES: lane.disabledModules } : {}),
		N8N_USER_FOLDER: o.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(o.port),
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: webhookUrl, // the one 2.8.4 reads (services/url.service.js)
		N8N_WEBHOOK_URL: webhookUrl, // newer name, for later versions
		N8N_EDITOR_BASE_URL: `http://localhost:${o.port}/`,
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: o.logLevel,
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1', // plain text in the log file
		// No outbound traffic (see shared notes): telemetry, version checks, templates, banners, AI, license.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// Task runner broker on its own free port, so parallel instances don't clash on 5679.
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
		// Plain http on loopback: a Secure cookie would not be sent back by browsers.
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Don't hang for 30 s on stop.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/**
 * Install packed community node packages exactly as n8n 2.8's own installer
 * (CommunityPackagesService.downloadPackage) does: unpack into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, strip dev/peer/optional deps from
 * its package.json, `npm install` its runtime deps inside that folder, and record
 * it in `nodes/package.json`. Stripping the peer `n8n-workflow` means no second
 * copy: n8n puts its own node_modules on NODE_PATH before loading community nodes.
 * Node types are then `<package name>.<nodeName>`.
 */
export async function installTarballs(
	userFolder: string,
	tarballs: string[],
	log?: Log,
): Promise<void> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const rootPj = path.join(nodesDir, 'package.json');
	const root = fs.existsSync(rootPj)
		? JSON.parse(fs.readFileSync(rootPj, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} as Record<string, string> };
	const { cmd, prefixArgs } = npmCommand();
	for (const tarball of tarballs.map((t) => path.resolve(t))) {
		// Read the name from the tarball first, then unpack into its final folder.
		const staging = fs.mkdtempSync(path.join(nodesDir, '.unpack-'));
		try {
			const untar = await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], {
				cwd: nodesDir,
				timeoutMs: 60_000,
			});
			if (untar.code !== 0) throw new Error(`Cannot unpack ${tarball}:\n${untar.output}`);
			const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
				fs.readFileSync(path.join(staging, 'package.json'), 'utf8'),
			);
			void devDependencies;
			void peerDependencies;
			void optionalDependencies;
			fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify(pkg, null, 2));
			const dest = path.join(nodesDir, 'node_modules', pkg.name);
			fs.rmSync(dest, { recursive: true, force: true });
			fs.mkdirSync(path.dirname(dest), { recursive: true });
			fs.renameSync(staging, dest);
			log?.(`[nodes] ${pkg.name}@${pkg.version} unpacked; installing its dependencies`);
			const r = await run(
				cmd,
				[
					...prefixArgs,
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
				],
				{
					cwd: dest,
					env: { ...baseEnv(), npm_config_cache: path.join(cacheDir, 'npm-cache') },
					log,
					prefix: '[nodes npm] ',
					timeoutMs: 5 * 60_000,
				},
			);
			if (r.code !== 0)
				throw new Error(`npm install for ${pkg.name} failed:\n${r.output.slice(-3000)}`);
			root.dependencies = { ...(root.dependencies ?? {}), [pkg.name]: pkg.version };
		} finally {
			fs.rmSync(staging, { recursive: true, force: true });
		}
	}
	fs.writeFileSync(rootPj, JSON.stringify(root, null, 2) + '\n');
}

/** n8n's own words when its port or its task broker's port is taken (and Node's). */
const PORT_TAKEN = /[^\n]*(port \d+ is already in use|EADDRINUSE)[^\n]*/i;
class PortTakenError extends Error {}

export class N8nProcess {
	readonly baseUrl: string;
	readonly logFile: string;
	private exited: Promise<number | null>;
	private exitCode: number | null | undefined;

	private constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		readonly port: number,
		readonly brokerPort: number,
		private readonly child: ChildProcess,
		logFile: string,
		private readonly opts: StartOptions,
		/** True when the harness created the (temp) user folder; stop({removeUserFolder}) deletes only those. */
		public ownsUserFolder: boolean,
	) {
		// 127.0.0.1 rather than localhost: no IPv6 surprises in clients.
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.logFile = logFile;
		this.exited = new Promise((resolve) =>
			child.once('exit', (code, signal) => {
				this.exitCode = code ?? (signal ? -1 : null);
				live.delete(this);
				resolve(code);
			}),
		);
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	/** The base n8n advertises to nodes (`getNodeWebhookUrl`): `http://localhost:<port>/` unless overridden via env. */
	get webhookBaseUrl(): string {
		const custom = this.opts.env?.WEBHOOK_URL ?? this.opts.env?.N8N_WEBHOOK_URL;
		return custom ? custom.replace(/\/?$/, '/') : `http://localhost:${this.port}/`;
	}

	productionWebhookUrl(webhookPath: string): string {
		return `${this.webhookBaseUrl}webhook/${webhookPath.replace(/^\//, '')}`;
	}

	testWebhookUrl(webhookPath: string): string {
		return `${this.webhookBaseUrl}webhook-test/${webhookPath.replace(/^\//, '')}`;
	}

	/** Everything n8n printed so far (stdout and stderr interleaved). */
	logs(): string {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** Wait until the log matches (counting only output after `fromOffset`). */
	async waitForLog(re: RegExp, timeoutMs = 30_000, fromOffset = 0): Promise<RegExpMatchArray> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const m = this.logs().slice(fromOffset).match(re);
			if (m) return m;
			if (!this.running)
				throw new Error(`n8n exited while waiting for ${re}\n${this.logs().slice(-3000)}`);
			if (Date.now() > deadline)
				throw new Error(`Timed out waiting for ${re} in n8n log\n${this.logs().slice(-3000)}`);
			await sleep(200);
		}
	}

	static async start(opts: StartOptions = {}): Promise<N8nProcess> {
		const log = opts.log ?? (() => undefined);
		const install = await ensureN8n({ log });
		const createdUserFolder = !opts.userFolder;
		const userFolder = opts.userFolder
			? path.resolve(opts.userFolder)
			: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
		fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
		if (opts.packageTarballs?.length) await installTarballs(userFolder, opts.packageTarballs, log);

		// A port picked as free can be taken before n8n binds it (busy machine): retry with fresh ones.
		for (let attempt = 1; ; attempt++) {
			try {
				const brokerPort = attempt === 1 ? opts.brokerPort : undefined;
				return await N8nProcess.spawnOnce(
					install,
					userFolder,
					createdUserFolder,
					{ ...opts, brokerPort },
					log,
				);
			} catch (e) {
				const taken = e instanceof PortTakenError;
				if (!taken || attempt >= 4) {
					if (taken && createdUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
					throw e;
				}
				log(
					`[n8n] ${e.message.split('\n')[0]}: retrying with fresh ports (attempt ${attempt + 1})`,
				);
			}
		}
	}

	private static async spawnOnce(
		install: N8nInstall,
		userFolder: string,
		createdUserFolder: boolean,
		opts: StartOptions,
		log: Log,
	): Promise<N8nProcess> {
		const [p1, p2] = await freePorts(2);
		const port = opts.port ?? p1;
		const brokerPort = opts.brokerPort ?? (p2 === port ? (await freePorts(1))[0] : p2);
		const env = {
			...baseEnv(),
			...n8nEnv({ userFolder, port, brokerPort, logLevel: opts.logLevel ?? 'info', install }),
			...(opts.env ?? {}),
		};

		// stdout/stderr go straight into a file: nothing is lost if the test process is busy.
		const logFile = path.join(userFolder, 'n8n.log');
		const fd = fs.openSync(logFile, 'a');
		fs.writeSync(
			fd,
			`\n=== harness: starting n8n ${install.version} (${opts.command ?? 'start'}) on port ${port} at ${new Date().toISOString()} ===\n`,
		);
		const startOffset = fs.fstatSync(fd).size;
		const command = opts.command ?? 'start';
		if (command === 'worker') {
			// a worker serves no editor: its port is the health server's (readiness is checked there)
			Object.assign(env, {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
		}
		const child = spawn(install.nodeBin, [install.n8nBin, command, ...(opts.args ?? [])], {
			cwd: userFolder,
			env,
			stdio: ['ignore', fd, fd],
			detached: true, // own process group: stop() also reaches the task-runner children
		});
		fs.closeSync(fd);
		const proc = new N8nProcess(
			install,
			userFolder,
			port,
			brokerPort,
			child,
			logFile,
			opts,
			createdUserFolder,
		);
		installExitHooks();
		live.add(proc);
		log(`[n8n] pid ${child.pid}, port ${port}, broker ${brokerPort}, user folder ${userFolder}`);
		try {
			await proc.waitUntilReady(opts.startTimeoutMs ?? 240_000, startOffset, READY_LINE[command]);
		} catch (e) {
			const portTaken = PORT_TAKEN.exec(proc.logs().slice(startOffset));
			// the caller never gets this instance: remove the temp folder we made (the error carries the log tail),
			// unless we retry in it
			await proc.stop({ removeUserFolder: createdUserFolder && !portTaken });
			if (portTaken && !(opts.port && portTaken[0].includes(`port ${opts.port} `))) {
				throw new PortTakenError(`${portTaken[0].trim()}\n${(e as Error).message}`);
			}
			if (portTaken && createdUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			throw e;
		}
		return proc;
	}

	/**
	 * Ready = /healthz/readiness answers 200 (DB up, migrations done) AND the
	 * "Editor is now accessible" line is printed, which n8n prints only after
	 * active workflows were (attempted to be) activated at startup.
	 */
	private async waitUntilReady(
		timeoutMs: number,
		logOffset: number,
		readyLine: RegExp,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (!this.running)
				throw new Error(
					`n8n exited during startup (code ${this.exitCode})\n${this.logs().slice(-4000)}`,
				);
			if (PORT_TAKEN.test(this.logs().slice(logOffset)))
				throw new Error(`n8n could not bind a port\n${this.logs().slice(-4000)}`);
			if (Date.now() > deadline)
				throw new Error(`n8n not ready after ${timeoutMs / 1000} s\n${this.logs().slice(-4000)}`);
			const ok = await fetch(`${this.baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			})
				.then((r) => r.ok)
				.catch(() => false);
			if (ok && readyLine.test(this.logs().slice(logOffset))) return;
			await sleep(250);
		}
	}

	/** SIGTERM the whole process group, wait, SIGKILL what is left. Resolves when nothing runs. */
	async stop(o: { removeUserFolder?: boolean; timeoutMs?: number } = {}): Promise<void> {
		const pid = this.child.pid;
		if (this.running || groupAlive(pid)) {
			killGroup(pid, 'SIGTERM');
			// SIGKILL if n8n has not exited in time (timer cleared, so it can't hold the event loop).
			const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), o.timeoutMs ?? 20_000);
			await this.exited;
			clearTimeout(timer);
			// Task-runner children may outlive n8n by a moment.
			for (let i = 0; i < 50 && groupAlive(pid); i++) {
				if (i === 25) killGroup(pid, 'SIGKILL');
				await sleep(100);
			}
		}
		live.delete(this);
		if (o.removeUserFolder && this.ownsUserFolder)
			fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** SIGKILL the whole process group (a crash: no graceful shutdown) and wait until it is gone. */
	async kill(): Promise<void> {
		killGroup(this.child.pid, 'SIGKILL');
		await this.exited;
		for (let i = 0; i < 50 && groupAlive(this.child.pid); i++) await sleep(100);
		live.delete(this);
	}

	/** Stop and start again on the same user folder and port (webhook URLs stay valid). */
	async restart(
		extra: Partial<StartOptions> = {},
		stop: { timeoutMs?: number } = {},
	): Promise<N8nProcess> {
		await this.stop(stop);
		const next = await N8nProcess.start({
			...this.opts,
			packageTarballs: undefined,
			...extra,
			userFolder: this.userFolder,
			port: this.port,
		});
		next.ownsUserFolder = this.ownsUserFolder;
		return next;
	}
}
