/**
 * A closed-loop load generator: `concurrency` workers each send the next delivery as soon as their last
 * one was answered, over keep-alive connections, until `count` were sent or `timeLimitMs` passed.
 * Plain node:http, not fetch: the client should cost as little CPU as possible on a 2-core machine.
 */
import { Agent, request } from 'node:http';

import { percentile } from './timing';

export interface LoadOptions {
	url: string;
	headers: Record<string, string>;
	body: string;
	count: number;
	concurrency: number;
	timeLimitMs: number;
}

export interface LoadResult {
	sent: number;
	ok: number;
	statusCounts: Record<string, number>;
	durationMs: number;
	eventsPerSec: number;
	/** one per answered request, in ms */
	latenciesMs: number[];
	/** one answer body, to check what the receiver said */
	sampleBody?: string;
}

function send(
	agent: Agent,
	url: URL,
	headers: Record<string, string>,
	body: Buffer,
): Promise<{ status: number; text: string }> {
	return new Promise((resolve) => {
		const req = request(
			{
				agent,
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				headers: { ...headers, 'content-length': String(body.length) },
				timeout: 30_000,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
				);
				res.on('error', () => resolve({ status: 0, text: '' }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (error) => resolve({ status: 0, text: error.message }));
		req.end(body);
	});
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
	const url = new URL(options.url);
	const body = Buffer.from(options.body);
	const latenciesMs: number[] = [];
	const statusCounts: Record<string, number> = {};
	let next = 0;
	let sampleBody: string | undefined;
	const start = process.hrtime.bigint();
	const deadline = Date.now() + options.timeLimitMs;
	const worker = async () => {
		while (next < options.count && Date.now() < deadline) {
			next++;
			const sentAt = process.hrtime.bigint();
			const { status, text } = await send(agent, url, options.headers, body);
			latenciesMs.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
			statusCounts[status] = (statusCounts[status] ?? 0) + 1;
			sampleBody ??= text;
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, worker));
	const durationMs = Number(process.hrtime.bigint() - start) / 1e6;
	agent.destroy();
	const ok = statusCounts['200'] ?? 0;
	return {
		sent: next,
		ok,
		statusCounts,
		durationMs,
		eventsPerSec: (ok * 1000) / durationMs,
		latenciesMs,
		sampleBody,
	};
}

/** Each round's ratios of one target's burst to the baseline's burst of the same round. */
export interface RoundRatios {
	throughput: number[];
	p99: number[];
}

export function roundRatios(target: LoadResult[], baseline: LoadResult[]): RoundRatios {
	const p99 = (burst: LoadResult) => percentile(burst.latenciesMs, 99);
	return {
		throughput: target.map((burst, round) => burst.eventsPerSec / baseline[round].eventsPerSec),
		p99: target.map((burst, round) => p99(burst) / p99(baseline[round])),
	};
}
