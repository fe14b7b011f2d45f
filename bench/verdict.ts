/**
 * The one rule that turns a measured figure into a verdict. A part with a control (two equal targets
 * measured in the same rounds) knows how far noise alone moves a figure on this machine in this run: a
 * figure that misses its target but lies inside that band is "within noise", not "NOT met".
 */

export type Verdict = 'met' | 'NOT met' | 'within noise';

/** A target on one figure: the figure must be at least, or at most, `limit`. */
export interface Target {
	limit: number;
	direction: 'at least' | 'at most';
}

/** What noise alone gave for the same figure in the same run: the lowest and highest control value. */
export interface NoiseBand {
	low: number;
	high: number;
}

export const atLeast = (limit: number): Target => ({ limit, direction: 'at least' });
export const atMost = (limit: number): Target => ({ limit, direction: 'at most' });

/**
 * The control's band: min..max of its values (each round's ratio between two equal targets). Fewer than
 * two finite values give no band: one value says nothing about spread.
 */
export function noiseBand(controlValues: ReadonlyArray<number | undefined>): NoiseBand | undefined {
	const finite = controlValues.filter(
		(value): value is number => value !== undefined && Number.isFinite(value),
	);
	if (finite.length < 2) return undefined;
	return { low: Math.min(...finite), high: Math.max(...finite) };
}

export function meetsTarget(value: number, target: Target): boolean {
	return target.direction === 'at least' ? value >= target.limit : value <= target.limit;
}

/**
 * met: the figure meets its target. within noise: it misses, but lies inside the control's band (equal
 * targets drifted as far apart in this run). NOT met: it misses and lies outside the band, or there is
 * no band. No figure (not measured, or not a number): undefined.
 */
export function judge(
	value: number | undefined,
	target: Target,
	band?: NoiseBand,
): Verdict | undefined {
	if (value === undefined || !Number.isFinite(value)) return undefined;
	if (meetsTarget(value, target)) return 'met';
	if (band && value >= band.low && value <= band.high) return 'within noise';
	return 'NOT met';
}

const SEVERITY: Record<Verdict, number> = { met: 0, 'within noise': 1, 'NOT met': 2 };

/** One verdict for several figures under the same target (e.g. 1 and 2 processors): the worst of them. */
export function worstOf(verdicts: ReadonlyArray<Verdict | undefined>): Verdict | undefined {
	if (verdicts.length === 0 || verdicts.some((verdict) => verdict === undefined)) return undefined;
	return (verdicts as Verdict[]).reduce((worst, verdict) =>
		SEVERITY[verdict] > SEVERITY[worst] ? verdict : worst,
	);
}

/** A boolean rule's verdict, for the figures without a control. */
export const metOrNot = (met: boolean | undefined): Verdict | undefined =>
	met === undefined ? undefined : met ? 'met' : 'NOT met';
