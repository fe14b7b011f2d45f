/**
 * fast-check run counts: enough to hit rare shapes, small enough that the reliability suite stays well
 * under a minute on two cores. FC_RUNS_SCALE multiplies them all (e.g. 10 for a long local soak).
 */
const requested = Number(process.env.FC_RUNS_SCALE ?? '1');
const scale = Number.isFinite(requested) && requested > 0 ? requested : 1;
const runs = (count: number) => Math.max(1, Math.round(count * scale));

export const RUNS = {
	/** the main fuzzing property of a pure core, per platform */
	fuzz: runs(1500),
	/** other properties of the pure cores */
	property: runs(1000),
	/** very cheap pure checks (SMPP query parsing) */
	cheap: runs(2000),
	/** real HTTP through n8n-core's webhook context, per platform */
	http: runs(100),
	/** real HTTP, three requests per run */
	httpRetry: runs(25),
};
