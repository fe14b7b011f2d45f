// nginx from Debian in front of the webhook processors, as queue mode is deployed: production
// `/webhook/` round-robin over the webhook processors, everything else (editor, REST,
// `/webhook-test/`) to the main. Config, logs and temp files live in a temp folder.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { freePort } from '../harness/freePort';
import { groupAlive, killGroup, Log, sleep } from '../harness/proc';
import { trackGroup, untrackGroup } from './services';

export interface Upstreams {
	webhookPorts: number[];
	mainPort: number;
}

export function nginxConfig(dir: string, port: number, u: Upstreams): string {
	// max_fails 3: one reset connection must not take a processor out of rotation (a lone survivor then meant 503s)
	const servers = u.webhookPorts
		.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=5s;`)
		.join('\n');
	const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
		.map((t) => `  ${t}_temp_path ${dir}/${t}_temp;`)
		.join('\n');
	return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  log_format upstream '$upstream_addr $status $request_method $uri';
  access_log ${dir}/access.log upstream;
${temp}
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  upstream webhook_processors {
${servers}
    keepalive 64;
    # below Node's 5 s keep-alive: otherwise n8n closes an idle connection just as nginx reuses it (502)
    keepalive_timeout 4s;
  }
  upstream n8n_main {
    server 127.0.0.1:${u.mainPort};
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 16m;
    proxy_http_version 1.1;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $remote_addr;
    location /webhook/ {
      proxy_set_header Connection '';
      proxy_pass http://webhook_processors;
    }
    location / {
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_pass http://n8n_main;
    }
  }
}
`;
}

export class Nginx {
	private constructor(
		readonly port: number,
		readonly dir: string,
		private readonly pid: number,
		private readonly exited: Promise<void>,
	) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	static async start(upstreams: Upstreams, log: Log = () => undefined): Promise<Nginx> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-nginx-'));
		fs.chmodSync(dir, 0o755);
		for (let attempt = 1; ; attempt++) {
			const port = await freePort();
			fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, upstreams));
			const fd = fs.openSync(path.join(dir, 'nginx.out'), 'a');
			const child = spawn(
				'nginx',
				[
					'-p',
					dir,
					'-c',
					path.join(dir, 'nginx.conf'),
					'-e',
					path.join(dir, 'error.log'),
					'-g',
					'daemon off;',
				],
				{
					stdio: ['ignore', fd, fd],
					detached: true,
				},
			);
			fs.closeSync(fd);
			trackGroup(child.pid);
			let gone = false;
			const exited = new Promise<void>((resolve) =>
				child.once('exit', () => ((gone = true), resolve())),
			);
			for (let i = 0; i < 100 && !gone && !(await listening(port)); i++) await sleep(100);
			if (!gone && (await listening(port))) {
				log(
					`[nginx] 127.0.0.1:${port} -> webhook processors ${upstreams.webhookPorts.join(', ')}; main ${upstreams.mainPort}`,
				);
				return new Nginx(port, dir, child.pid!, exited);
			}
			killGroup(child.pid, 'SIGKILL');
			const errors = readOr(path.join(dir, 'error.log')) + readOr(path.join(dir, 'nginx.out'));
			if (!/Address already in use/.test(errors) || attempt >= 4)
				throw new Error(`nginx did not start:\n${errors.slice(-2000)}`);
		}
	}

	/** New upstream ports (processors restarted elsewhere): rewrite the config and reload gracefully. */
	async reconfigure(upstreams: Upstreams): Promise<void> {
		fs.writeFileSync(
			path.join(this.dir, 'nginx.conf'),
			nginxConfig(this.dir, this.port, upstreams),
		);
		process.kill(this.pid, 'SIGHUP');
		await sleep(500); // new workers take over; the old ones finish their requests
	}

	/** Requests nginx passed on, from its access log: `upstream status method uri`. */
	accessLog(): Array<{ upstream: string; status: number; method: string; uri: string }> {
		return readOr(path.join(this.dir, 'access.log'))
			.split('\n')
			.filter(Boolean)
			.map((line) => {
				const m = /^(.*) (\d{3}) (\S+) (\S+)$/.exec(line)!;
				return { upstream: m[1], status: Number(m[2]), method: m[3], uri: m[4] };
			});
	}

	async stop(): Promise<void> {
		killGroup(this.pid, 'SIGQUIT');
		const timer = setTimeout(() => killGroup(this.pid, 'SIGKILL'), 10_000);
		await this.exited;
		clearTimeout(timer);
		for (let i = 0; i < 30 && groupAlive(this.pid); i++) await sleep(100);
		untrackGroup(this.pid);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

const readOr = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}
