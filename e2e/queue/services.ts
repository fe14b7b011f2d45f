// Postgres, Redis and nginx from Debian's packages, started on loopback with their data in a temp
// folder, the way queue mode needs them. Postgres refuses to run as root: as root we run it as
// the `postgres` user the package creates. A port picked as free can be taken meanwhile: retry.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { freePort } from '../harness/freePort';
import { killGroup, Log, groupAlive, run, sleep } from '../harness/proc';

export interface Service {
	port: number;
	dir: string;
	stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

// Servers run detached (own process groups): if this process ends without stop(), end them too.
const liveGroups = new Set<number>();
let exitHookInstalled = false;
export function trackGroup(pid: number | undefined): void {
	if (!pid) return;
	liveGroups.add(pid);
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => liveGroups.forEach((group) => killGroup(group, 'SIGTERM')));
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			liveGroups.forEach((group) => killGroup(group, 'SIGTERM'));
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	}
}
export const untrackGroup = (pid: number | undefined) => pid && liveGroups.delete(pid);

function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		: [];
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
	if (!newest)
		throw new Error(
			'Postgres not found under /usr/lib/postgresql: apt-get install postgresql (scripts/ci-apt.sh)',
		);
	return path.join(root, newest, 'bin');
}

/** argv that runs `cmd` as the postgres user when we are root (runuser keeps our environment). */
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
	isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

/** Spawns a server in its own process group with output in `logFile`; resolves once `ready()` holds. */
async function serve(
	name: string,
	argv: [string, string[]],
	logFile: string,
	ready: () => Promise<boolean>,
	timeoutMs = 60_000,
) {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(argv[0], argv[1], { stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	trackGroup(child.pid);
	let exited = false;
	const exit = new Promise<void>((resolve) =>
		child.once('exit', () => ((exited = true), resolve())),
	);
	const stop = async () => {
		if (!exited) killGroup(child.pid, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 15_000);
		await exit;
		clearTimeout(timer);
		for (let i = 0; i < 50 && groupAlive(child.pid); i++) await sleep(100);
		untrackGroup(child.pid);
	};
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		const log = fs.readFileSync(logFile, 'utf8');
		if (exited || Date.now() > deadline) {
			await stop();
			const taken =
				/already in use|Address in use|Could not create server TCP listening socket/i.test(log);
			throw Object.assign(
				new Error(`${name} did not start${taken ? ' (port taken)' : ''}:\n${log.slice(-2000)}`),
				{ portTaken: taken },
			);
		}
		await sleep(200);
	}
	return { stop, pid: child.pid };
}

async function retryOnTakenPort<T>(start: (port: number) => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await start(await freePort());
		} catch (e) {
			if (!(e as { portTaken?: boolean }).portTaken || attempt >= 4) throw e;
		}
	}
}

export async function startPostgres(
	log: Log = () => undefined,
): Promise<Service & { user: string; database: string }> {
	const bin = postgresBinDir();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-pg-'));
	fs.chmodSync(dir, 0o700);
	if (isRoot()) spawnSync('chown', ['postgres:postgres', dir]);
	const user = 'n8n';
	const init = await run(
		...asPostgres(path.join(bin, 'initdb'), [
			'-D',
			path.join(dir, 'data'),
			'-U',
			user,
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
		]),
		{
			cwd: dir,
			timeoutMs: 120_000,
		},
	);
	if (init.code !== 0) throw new Error(`initdb failed:\n${init.output.slice(-2000)}`);
	log(`[postgres] initdb done (${path.basename(path.dirname(bin))}, user ${user})`);
	return retryOnTakenPort(async (port) => {
		const args = [
			'-D',
			path.join(dir, 'data'),
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'max_connections=200',
		];
		// a throwaway database: durability settings off, so the suite measures n8n rather than fsync
		args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
		const logFile = path.join(dir, 'postgres.log');
		if (isRoot()) {
			fs.writeFileSync(logFile, '');
			spawnSync('chown', ['postgres:postgres', logFile]);
		}
		const pgIsReady = async () =>
			(
				await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
					cwd: dir,
					timeoutMs: 10_000,
				})
			).code === 0;
		const server = await serve(
			'postgres',
			asPostgres(path.join(bin, 'postgres'), args),
			logFile,
			pgIsReady,
		);
		const created = await run(
			path.join(bin, 'createdb'),
			['-h', '127.0.0.1', '-p', String(port), '-U', user, 'n8n'],
			{ cwd: dir, timeoutMs: 30_000 },
		);
		if (created.code !== 0) throw new Error(`createdb failed:\n${created.output}`);
		log(`[postgres] 127.0.0.1:${port}, database n8n`);
		return {
			port,
			dir,
			user,
			database: 'n8n',
			stop: async () => (await server.stop(), fs.rmSync(dir, { recursive: true, force: true })),
		};
	});
}

export async function startRedis(log: Log = () => undefined): Promise<Service> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	return retryOnTakenPort(async (port) => {
		const args = [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		];
		const server = await serve('redis', ['redis-server', args], path.join(dir, 'redis.log'), () =>
			redisPong(port),
		);
		log(`[redis] 127.0.0.1:${port}`);
		return {
			port,
			dir,
			stop: async () => (await server.stop(), fs.rmSync(dir, { recursive: true, force: true })),
		};
	});
}

function redisPong(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (d) => (socket.destroy(), resolve(d.toString().startsWith('+PONG'))));
		socket.once('error', () => resolve(false));
	});
}
