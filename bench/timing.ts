/**
 * Small timing helpers. Every figure the bench prints is a median of several timed rounds, so a
 * burst of noise from another process on the machine moves one round, not the result.
 */

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of already collected samples. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

/** Keeps results alive so the JIT cannot drop the work being timed. */
export let blackhole: unknown;
export function consume(value: unknown): void {
	blackhole = value;
}

/** Nanoseconds spent running `op` `iterations` times. */
export function timeSync(op: (i: number) => unknown, iterations: number): number {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) consume(op(i));
	return Number(process.hrtime.bigint() - start);
}

/**
 * CPU nanoseconds (user + system, this process) spent running `op` `iterations` times. On a machine
 * shared with other work, wall time also counts the time the process waited for a core; CPU time counts
 * only the work itself (and the garbage collector's, which is part of the work).
 */
export function cpuTimeSync(op: (i: number) => unknown, iterations: number): number {
	const start = process.cpuUsage();
	for (let i = 0; i < iterations; i++) consume(op(i));
	const spent = process.cpuUsage(start);
	return (spent.user + spent.system) * 1000;
}

export async function timeAsync(
	op: (i: number) => Promise<unknown>,
	iterations: number,
): Promise<number> {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) consume(await op(i));
	return Number(process.hrtime.bigint() - start);
}

export interface RateOptions {
	/** How long one timed round should last (the iteration count is calibrated to it) */
	roundMs: number;
	rounds: number;
	warmupMs: number;
	/** 'cpu' (default): CPU time of this process, robust to other processes on the machine; 'wall': elapsed time */
	clock?: 'cpu' | 'wall';
}

export const DEFAULT_RATE: RateOptions = { roundMs: 40, rounds: 9, warmupMs: 30 };

/** Iterations that take about `ms`, found by doubling: the first timings also warm the JIT up. */
function calibrate(timeIt: (iterations: number) => number, ms: number): number {
	let iterations = 16;
	for (;;) {
		const ns = timeIt(iterations);
		if (ns >= ms * 1e6 || iterations >= 1 << 24)
			return Math.max(1, Math.round((iterations * ms * 1e6) / Math.max(ns, 1)));
		iterations *= 2;
	}
}

export interface Rate {
	/** median over the rounds: the reported figure */
	median: number;
	/** the fastest round: closest to the code's own cost when other processes share the CPU */
	best: number;
	/** every round's figure, in order */
	rounds: number[];
}

/**
 * Operations per CPU second for several synchronous operations, timed in interleaved rounds (a, b, a, b, ...)
 * so that both see the same machine.
 */
export function compareRates(
	ops: Array<(i: number) => unknown>,
	options: RateOptions = DEFAULT_RATE,
): Rate[] {
	const clock = options.clock === 'wall' ? timeSync : cpuTimeSync;
	const counted = ops.map((op) => {
		calibrate((n) => clock(op, n), options.warmupMs); // warm-up only
		return calibrate((n) => clock(op, n), options.roundMs);
	});
	const rates: number[][] = ops.map(() => []);
	for (let round = 0; round < options.rounds; round++) {
		ops.forEach((op, k) => rates[k].push((counted[k] * 1e9) / Math.max(clock(op, counted[k]), 1)));
	}
	return rates.map((values) => ({
		median: median(values),
		best: Math.max(...values),
		rounds: values,
	}));
}

/** The median over rounds of a/b, each round's pair timed back to back: drift on the machine cancels out. */
export function pairedRatio(a: Rate, b: Rate): number {
	return median(a.rounds.map((value, round) => value / b.rounds[round]));
}

/** The same for async operations (each awaited in turn): µs per operation, median over interleaved rounds. */
export async function compareAsyncCosts(
	ops: Array<(i: number) => Promise<unknown>>,
	iterations: number,
	rounds: number,
): Promise<number[]> {
	for (const op of ops) await timeAsync(op, Math.max(50, iterations >> 1)); // warm-up
	const costs: number[][] = ops.map(() => []);
	for (let round = 0; round < rounds; round++) {
		// alternate the order each round: neither side always runs right after the other
		const order = round % 2 ? [...ops.keys()].reverse() : [...ops.keys()];
		for (const k of order) costs[k].push((await timeAsync(ops[k], iterations)) / iterations / 1000);
	}
	return costs.map(median);
}

export const round = (value: number, digits = 2): number =>
	Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
