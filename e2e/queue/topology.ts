// n8n's queue mode on one machine, with real parts: Postgres + Redis, one main (`n8n start`:
// editor, activation, test webhooks), webhook processors (`n8n webhook`) behind nginx, workers
// (`n8n worker`). Every instance has its own user folder with the package installed in it,
// as on separate machines; they share only the database, Redis and the encryption key.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePorts } from '../harness/freePort';
import { N8nProcess, type StartOptions } from '../harness/n8n';
import { Log } from '../harness/proc';
import { Nginx } from './nginx';
import { startPostgres, startRedis, type Service } from './services';

/**
 * A worker's shutdown window: n8n's default (30 s), not the 10 s the harness gives other instances to
 * stop quickly. On SIGTERM a worker keeps taking jobs until its queue is paused, then drains them; a job
 * still active when the window ends is not run again (n8n 2.41 sets Bull's maxStalledCount to 0). With
 * 10 s, one run on a busy 2-core machine lost 3 of 1,000 acknowledged deliveries to a worker restart.
 */
const WORKER_SHUTDOWN_S = 30;

export interface QueueOptions {
	tarballs: string[];
	webhookProcessors?: number;
	workers?: number;
	/** Jobs one worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency?: number;
	log?: Log;
	/** Extra env for every instance. */
	env?: Record<string, string>;
	/** Keep n8n's data and logs in this folder (default: a temp folder, removed on stop). */
	baseDir?: string;
}

export class QueueTopology {
	main!: N8nProcess;
	webhooks: N8nProcess[] = [];
	workers: N8nProcess[] = [];
	nginx!: Nginx;
	private postgres?: Service;
	private redis?: Service;
	private baseDir!: string;
	private ownsBaseDir = false;

	private constructor(private readonly o: QueueOptions) {}

	get log(): Log {
		return this.o.log ?? (() => undefined);
	}

	/** The public base URL (nginx): what n8n advertises to senders and what they call. */
	get publicUrl(): string {
		return this.nginx.url;
	}

	static async start(o: QueueOptions): Promise<QueueTopology> {
		const t = new QueueTopology(o);
		try {
			await t.boot();
		} catch (e) {
			await t.stop();
			throw e;
		}
		return t;
	}

	private async boot(): Promise<void> {
		this.ownsBaseDir = !this.o.baseDir;
		this.baseDir = this.o.baseDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
		fs.mkdirSync(this.baseDir, { recursive: true });
		[this.postgres, this.redis] = await Promise.all([
			startPostgres(this.log),
			startRedis(this.log),
		]);
		// nginx first, on provisional upstream ports: every instance must know the public URL it advertises
		const provisional = await freePorts(2);
		this.nginx = await Nginx.start(
			{ webhookPorts: provisional, mainPort: provisional[1] },
			this.log,
		);

		this.main = await this.instance('main', 'start', {
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		const webhooks = Array.from({ length: this.o.webhookProcessors ?? 2 }, (_, i) =>
			this.instance(`webhook-${i + 1}`, 'webhook'),
		);
		const workers = Array.from({ length: this.o.workers ?? 2 }, (_, i) =>
			this.instance(`worker-${i + 1}`, 'worker', {
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(WORKER_SHUTDOWN_S),
			}),
		);
		this.webhooks = await Promise.all(webhooks);
		this.workers = await Promise.all(workers);
		await this.routeNginx();
	}

	/** Environment every instance shares (n8n's queue-mode settings). */
	queueEnv(): Record<string, string> {
		const publicUrl = `http://localhost:${this.nginx.port}/`;
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis!.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres!.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			WEBHOOK_URL: publicUrl,
			N8N_WEBHOOK_URL: publicUrl,
			N8N_EDITOR_BASE_URL: publicUrl,
			...(this.o.env ?? {}),
		};
	}

	private async instance(
		name: string,
		command: 'start' | 'webhook' | 'worker',
		env: Record<string, string> = {},
	): Promise<N8nProcess> {
		const opts: StartOptions = {
			command,
			userFolder: path.join(this.baseDir, name),
			packageTarballs: this.o.tarballs,
			env: { ...this.queueEnv(), ...env },
			args: command === 'worker' ? [`--concurrency=${this.o.workerConcurrency ?? 10}`] : [],
			log: (l) => this.log(`[${name}] ${l}`),
			startTimeoutMs: 420_000, // five n8n processes booting at once on 2 cores
		};
		return N8nProcess.start(opts);
	}

	/** Point nginx at the processors' current ports (after a start or a restart). */
	async routeNginx(): Promise<void> {
		await this.nginx.reconfigure({
			webhookPorts: this.webhooks.filter((w) => w.running).map((w) => w.port),
			mainPort: this.main.port,
		});
	}

	/** SIGKILL a webhook processor and its children: no graceful shutdown, as on a crash. */
	async killWebhookProcessor(index: number): Promise<void> {
		await this.webhooks[index].kill();
	}

	/** SIGTERM, then start again: the graceful restart n8n does by default (see WORKER_SHUTDOWN_S). */
	async restartWorker(index: number): Promise<void> {
		this.workers[index] = await this.workers[index].restart(
			{},
			{ timeoutMs: (WORKER_SHUTDOWN_S + 15) * 1000 },
		);
	}

	async restartMain(): Promise<void> {
		this.main = await this.main.restart();
		await this.routeNginx();
	}

	/** nginx's access log: production deliveries per webhook processor port. */
	webhookShares(): Map<number, number> {
		const shares = new Map<number, number>();
		for (const entry of this.nginx.accessLog().filter((e) => e.uri.startsWith('/webhook/'))) {
			const last = entry.upstream.split(',').pop()!.trim();
			const port = Number(last.split(':').pop());
			if (port) shares.set(port, (shares.get(port) ?? 0) + 1);
		}
		return shares;
	}

	async stop(): Promise<void> {
		const n8n = [...this.webhooks, ...this.workers, this.main].filter(Boolean);
		await Promise.all(n8n.map((p) => p.stop().catch(() => undefined)));
		await this.nginx?.stop().catch(() => undefined);
		await Promise.all(
			[this.redis?.stop(), this.postgres?.stop()].map((p) => p?.catch(() => undefined)),
		);
		if (this.ownsBaseDir && this.baseDir) fs.rmSync(this.baseDir, { recursive: true, force: true });
	}
}
