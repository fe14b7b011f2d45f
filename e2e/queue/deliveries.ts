// Bursts of deliveries as a platform sends them (each with a unique marker), and the exactly-once
// bookkeeping: the workflows post every item to a sink, so the sink counts executions per marker.
import type { HttpSink } from '../harness/sink';
import { sleep } from '../harness/proc';

export type Outcome = number | 'connection error';

export interface BurstResult {
	/** marker -> HTTP status, or 'connection error' */
	outcomes: Map<string, Outcome>;
	ms: number;
	/** per-request latency in ms, for the 2xx ones */
	latencies: number[];
}

export interface BurstOptions {
	count: number;
	concurrency: number;
	/** The marker of delivery `index` (it must reach the sink inside the item). */
	marker: (index: number) => string;
	/** The request for a marker. */
	request: (marker: string) => { url: string; headers: Record<string, string>; body: string };
	/** Called once when `atIndex` deliveries were started (e.g. kill a process mid-burst). */
	midway?: { atIndex: number; action: () => Promise<void> };
}

export async function burst(o: BurstOptions): Promise<BurstResult> {
	const outcomes = new Map<string, Outcome>();
	const latencies: number[] = [];
	let next = 0;
	let midwayDone: Promise<void> | undefined;
	const t0 = Date.now();
	const sender = async () => {
		while (next < o.count) {
			const index = next++;
			if (o.midway && index === o.midway.atIndex) midwayDone = o.midway.action();
			const marker = o.marker(index);
			const { url, headers, body } = o.request(marker);
			const started = Date.now();
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body,
					signal: AbortSignal.timeout(30_000),
				});
				await res.arrayBuffer();
				outcomes.set(marker, res.status);
				if (res.ok) latencies.push(Date.now() - started);
			} catch {
				outcomes.set(marker, 'connection error');
			}
		}
	};
	await Promise.all(Array.from({ length: o.concurrency }, sender));
	await midwayDone;
	return { outcomes, ms: Date.now() - t0, latencies };
}

/** How often each marker reached the sink (a marker is `<prefix>-<n>`). */
export function sinkCounts(
	sink: HttpSink,
	path: string,
	markerPattern: RegExp,
): Map<string, number> {
	const counts = new Map<string, number>();
	for (const request of sink.received(path)) {
		const found = new Set(
			JSON.stringify(request.body).match(new RegExp(markerPattern.source, 'g')) ?? [],
		);
		for (const marker of found) counts.set(marker, (counts.get(marker) ?? 0) + 1);
	}
	return counts;
}

/** Waits until the sink has seen at least `min` requests on `path` and nothing new for `quietMs`. */
export async function drain(
	sink: HttpSink,
	path: string,
	min: number,
	timeoutMs = 600_000,
	quietMs = 4000,
): Promise<number> {
	const n = await settle(sink, path, min, timeoutMs, quietMs);
	if (n < min)
		throw new Error(`Sink ${path}: ${n} of at least ${min} requests after ${timeoutMs / 1000} s`);
	return n;
}

/** Like `drain`, but answers the count it reached when `timeoutMs` passes instead of failing. */
export async function settle(
	sink: HttpSink,
	path: string,
	min: number,
	timeoutMs: number,
	quietMs = 4000,
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const n = sink.received(path).length;
		if (n !== last) {
			last = n;
			stableSince = Date.now();
		}
		if (n >= min && Date.now() - stableSince >= quietMs) return n;
		if (Date.now() > deadline) return n;
		await sleep(250);
	}
}

export interface ExactlyOnce {
	sent: number;
	accepted: number;
	refused: number;
	connectionErrors: number;
	executedOnce: number;
	acceptedNotExecuted: string[];
	executedTwice: string[];
	/** executions of deliveries that got no 2xx (the platform would retry them) */
	executedWithoutAck: number;
}

export function exactlyOnce(result: BurstResult, counts: Map<string, number>): ExactlyOnce {
	const r: ExactlyOnce = {
		sent: result.outcomes.size,
		accepted: 0,
		refused: 0,
		connectionErrors: 0,
		executedOnce: 0,
		acceptedNotExecuted: [],
		executedTwice: [],
		executedWithoutAck: 0,
	};
	for (const [marker, outcome] of result.outcomes) {
		const n = counts.get(marker) ?? 0;
		const ok = typeof outcome === 'number' && outcome >= 200 && outcome < 300;
		if (ok) r.accepted++;
		else if (outcome === 'connection error') r.connectionErrors++;
		else r.refused++;
		if (n === 1) r.executedOnce++;
		if (n > 1) r.executedTwice.push(marker);
		if (ok && n === 0) r.acceptedNotExecuted.push(marker);
		if (!ok && n > 0) r.executedWithoutAck++;
	}
	return r;
}

export function percentile(values: number[], p: number): number {
	if (!values.length) return NaN;
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
