// A loopback HTTP sink that records every request. Why: it is how tests observe,
// from outside n8n, what a node or workflow sent (lifecycle calls, deliveries).
// Custom routes can answer specific requests (e.g. play a fake remote API).
import * as http from 'http';
import { AddressInfo } from 'net';
import { sleep } from './proc';

export interface SinkRequest {
	method: string;
	path: string; // without query
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown; // parsed JSON when possible, else the raw text
	at: number; // Date.now() on arrival
}

/** A response with an explicit status (and headers); plain return values are sent as 200 JSON. */
export class SinkReply {
	constructor(
		readonly status: number,
		readonly body?: unknown,
		readonly headers: Record<string, string> = {},
	) {}
}
export const reply = (status: number, body?: unknown, headers?: Record<string, string>) =>
	new SinkReply(status, body, headers);

/** Returns the response body (JSON-serialised), a `reply(...)`, or undefined for `200 { ok: true }`. */
export type SinkRoute = (req: SinkRequest) => unknown | Promise<unknown>;

export class HttpSink {
	readonly requests: SinkRequest[] = [];
	private routes: Array<{ method: string; path: string; handler: SinkRoute }> = [];

	private constructor(
		private readonly server: http.Server,
		readonly url: string,
	) {}

	static async start(): Promise<HttpSink> {
		// eslint-disable-next-line prefer-const -- assigned after the server whose handler reads it is created
		let sink!: HttpSink;
		const server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', async () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: unknown = text;
				try {
					body = text ? JSON.parse(text) : undefined;
				} catch {
					/* keep text */
				}
				const u = new URL(req.url ?? '/', 'http://sink');
				const r: SinkRequest = {
					method: req.method ?? 'GET',
					path: u.pathname,
					query: Object.fromEntries(u.searchParams),
					headers: req.headers,
					body,
					at: Date.now(),
				};
				sink.requests.push(r);
				try {
					const route = sink.routes.find(
						(x) => (x.method === '*' || x.method === r.method) && x.path === r.path,
					);
					const out = route ? await route.handler(r) : undefined;
					const rep = out instanceof SinkReply ? out : new SinkReply(200, out ?? { ok: true });
					res.writeHead(rep.status, { 'content-type': 'application/json', ...rep.headers });
					res.end(rep.body === undefined ? '' : JSON.stringify(rep.body));
				} catch (e) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: String(e) }));
				}
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		sink = new HttpSink(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		return sink;
	}

	/** Answer `method path` with a handler (method '*' = any). */
	on(method: string, path: string, handler: SinkRoute): this {
		this.routes.push({ method: method.toUpperCase(), path, handler });
		return this;
	}

	received(path: string | RegExp): SinkRequest[] {
		return this.requests.filter((r) =>
			typeof path === 'string' ? r.path === path : path.test(r.path),
		);
	}

	/** Wait for the `count`-th request to `path` (counting from the start). */
	async waitFor(path: string | RegExp, count = 1, timeoutMs = 15_000): Promise<SinkRequest> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const hits = this.received(path);
			if (hits.length >= count) return hits[count - 1];
			if (Date.now() > deadline) {
				const seen = this.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'nothing';
				throw new Error(
					`Sink: no request #${count} to ${path} within ${timeoutMs} ms (saw: ${seen})`,
				);
			}
			await sleep(50);
		}
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((r) => this.server.close(() => r(undefined)));
	}
}
