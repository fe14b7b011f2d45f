/**
 * 1. Core throughput: each trigger's verify + parse + normalize on every documented example, on one
 * core, beside a floor on the same payload (JSON.parse of its text + a shallow copy: the least any
 * receiver does with a delivery). The ratio core/floor says how many floors one delivery costs.
 */
import { VERIFICATION_HEADER } from '../nodes/Bcrumbs/core/descriptor';
import { conversationEventSchema } from '../nodes/Bcrumbs/core/schemas';
import { deliveryKey } from '../nodes/shared/core/normalized';
import { verifySharedSecretHeader } from '../nodes/shared/core/verify';
import {
	allDeliveries,
	decode,
	receiveStep,
	SECRETS,
	type DecodedDelivery,
	type Platform,
	type ReceiveResult,
	type WireDelivery,
} from './platformDeliveries';
import { compareRates, DEFAULT_RATE, pairedRatio, timeSync, type RateOptions } from './timing';

export interface CoreRow {
	platform: Platform;
	event: string;
	method: string;
	bytes: number;
	/** deliveries per second through verify + parse + normalize (median of rounds) */
	eventsPerSec: number;
	floorPerSec: number;
	/** the fastest round of each, for a machine shared with other work */
	bestEventsPerSec: number;
	bestFloorPerSec: number;
	/** events/s over floor/s, the median over rounds of each round's pair (timed back to back) */
	ratioToFloor: number;
	items: number;
	allValid: boolean;
}

export interface CoreResult {
	/** untimed warm-up of every example before the first measured one (wall time, ms) */
	warmUpMs: number;
	rows: CoreRow[];
	target: {
		platform: Platform;
		event: string;
		eventsPerSec: number;
		bestEventsPerSec: number;
		targetRatio: number;
		met: boolean;
		ratioToFloor: number;
	};
	/** the example with the lowest core/floor, against EVERY_EXAMPLE_RATIO */
	slowest: {
		platform: Platform;
		event: string;
		ratioToFloor: number;
		targetRatio: number;
		met: boolean;
	};
	/** where one bcrumbs INCOMING_MESSAGE delivery's time goes, µs each (the parts timed on their own, fastest rounds) */
	breakdownUs: Record<string, number>;
}

/** Targets as ratios to the floor measured in the same run: the focus event, and every documented example. */
export const TARGET_EVENT = {
	platform: 'bcrumbs' as Platform,
	event: 'INCOMING_MESSAGE',
	ratioToFloor: 0.2,
};
export const EVERY_EXAMPLE_RATIO = 0.1;

// independent copies, rotated: no run sees the same object twice in a row (no identity caching)
const POOL = 32;

/** One example, ready to time: its receive step over a pool of copies, and its floor. */
interface PreparedExample {
	delivery: WireDelivery;
	step: (i: number) => ReceiveResult;
	floor: () => object;
	floorText: string;
	check: ReceiveResult;
}

function prepare(delivery: WireDelivery): PreparedExample {
	const receive = receiveStep(delivery.platform);
	const pool: DecodedDelivery[] = Array.from({ length: POOL }, () => decode(delivery));
	const floorText =
		delivery.bodyText ||
		JSON.stringify(Object.fromEntries(new URLSearchParams(delivery.queryText)));
	return {
		delivery,
		step: (i) => receive(pool[i % POOL]),
		floor: () => ({ ...(JSON.parse(floorText) as object) }),
		floorText,
		check: receive(pool[0]),
	};
}

/**
 * Untimed, before the first measured round: every example's receive step and floor, round-robin, for
 * about CORE_WARMUP_MS of wall time. The examples share most of their code (zod, the delivery key, the
 * item); without this, the first measured example paid for compiling it. V8 compiles on background
 * threads, and process.cpuUsage counts every thread: on a busy machine its median fell to 0.6x its
 * fastest round while every other example's median stayed close to its fastest.
 */
export const CORE_WARMUP_MS = 3000;
const WARMUP_PASSES = 4;
const WARMUP_BATCH = 64;

function warmUpEveryExample(examples: PreparedExample[], ms: number): void {
	const sliceMs = ms / (WARMUP_PASSES * examples.length);
	for (let pass = 0; pass < WARMUP_PASSES; pass++) {
		for (const example of examples) {
			const until = performance.now() + sliceMs;
			while (performance.now() < until) {
				timeSync(example.step, WARMUP_BATCH);
				timeSync(example.floor, WARMUP_BATCH);
			}
		}
	}
}

function measureExample(example: PreparedExample, options: RateOptions): CoreRow {
	const { delivery, check } = example;
	const [core, floor] = compareRates([example.step, example.floor], options);
	return {
		platform: delivery.platform,
		event: delivery.name,
		method: delivery.method,
		bytes: Buffer.byteLength(example.floorText),
		eventsPerSec: core.median,
		floorPerSec: floor.median,
		bestEventsPerSec: core.best,
		bestFloorPerSec: floor.best,
		ratioToFloor: pairedRatio(core, floor),
		items: check.items.length,
		allValid: check.items.every((item) => item.valid),
	};
}

export function runCoreThroughput(
	options: RateOptions = DEFAULT_RATE,
	log: (line: string) => void = () => undefined,
	warmUpMs = CORE_WARMUP_MS,
): CoreResult {
	const examples = allDeliveries().map(prepare);
	log(`  warm-up: every example's receive step, untimed, ${(warmUpMs / 1000).toFixed(1)} s`);
	warmUpEveryExample(examples, warmUpMs);
	const rows: CoreRow[] = [];
	for (const example of examples) {
		const row = measureExample(example, options);
		rows.push(row);
		log(
			`  ${row.platform.padEnd(10)} ${row.event.padEnd(40)} ${Math.round(row.eventsPerSec).toLocaleString('en-US').padStart(10)}/s  floor ${Math.round(row.floorPerSec).toLocaleString('en-US').padStart(10)}/s  ${(row.ratioToFloor * 100).toFixed(0).padStart(3)}%`,
		);
	}
	const focus = rows.find(
		(row) => row.platform === TARGET_EVENT.platform && row.event === TARGET_EVENT.event,
	) as CoreRow;
	const slowest = rows.reduce((low, row) => (row.ratioToFloor < low.ratioToFloor ? row : low));
	return {
		warmUpMs,
		rows,
		target: {
			platform: TARGET_EVENT.platform,
			event: TARGET_EVENT.event,
			eventsPerSec: focus.eventsPerSec,
			bestEventsPerSec: focus.bestEventsPerSec,
			targetRatio: TARGET_EVENT.ratioToFloor,
			met: focus.ratioToFloor >= TARGET_EVENT.ratioToFloor,
			ratioToFloor: focus.ratioToFloor,
		},
		slowest: {
			platform: slowest.platform,
			event: slowest.event,
			ratioToFloor: slowest.ratioToFloor,
			targetRatio: EVERY_EXAMPLE_RATIO,
			met: slowest.ratioToFloor >= EVERY_EXAMPLE_RATIO,
		},
		breakdownUs: targetBreakdown(options),
	};
}

/** The bcrumbs step in parts: the secret check, the zod schema, the delivery key (a sorted-keys SHA-256), the rest. */
function targetBreakdown(options: RateOptions): Record<string, number> {
	const wire = allDeliveries().find(
		(d) => d.platform === TARGET_EVENT.platform && d.name === TARGET_EVENT.event,
	)!;
	const pool: DecodedDelivery[] = Array.from({ length: POOL }, () => decode(wire));
	const step = receiveStep('bcrumbs');
	const rates = compareRates(
		[
			(i) => step(pool[i % POOL]),
			(i) =>
				verifySharedSecretHeader(
					pool[i % POOL].headers[VERIFICATION_HEADER],
					SECRETS.bcrumbs.secret,
				),
			(i) => conversationEventSchema.safeParse(pool[i % POOL].body),
			(i) => deliveryKey('bcrumbs', pool[i % POOL].body),
		],
		options,
	);
	// the fastest rounds: the parts are timed one after the other, so noise would not cancel out
	const [whole, verify, schema, key] = rates.map((rate) => 1e6 / rate.best);
	return {
		whole,
		'verify (secret header)': verify,
		'zod schema': schema,
		'delivery key': key,
		'normalize + item (rest)': Math.max(0, whole - verify - schema - key),
	};
}
