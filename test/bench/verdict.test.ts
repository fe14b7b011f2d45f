import { atLeast, atMost, judge, metOrNot, noiseBand, worstOf } from '../../bench/verdict';

describe('the bench verdict rule', () => {
	const throughput = atLeast(0.95);
	const p99 = atMost(1.05);

	it('says met when the figure meets its target, whatever the band', () => {
		expect(judge(0.95, throughput)).toBe('met');
		expect(judge(1.2, throughput, { low: 0.9, high: 1.1 })).toBe('met');
		expect(judge(1.05, p99, { low: 0.5, high: 1.5 })).toBe('met');
		expect(judge(0.4, p99)).toBe('met');
	});

	it('says within noise when the figure misses but lies inside the control band', () => {
		const band = { low: 0.9, high: 1.08 };
		expect(judge(0.91, throughput, band)).toBe('within noise');
		expect(judge(0.9, throughput, band)).toBe('within noise'); // the band's ends belong to it
		expect(judge(1.32, p99, { low: 0.56, high: 1.4 })).toBe('within noise');
	});

	it('says NOT met when the figure misses and lies outside the band, or there is no band', () => {
		expect(judge(0.89, throughput, { low: 0.9, high: 1.08 })).toBe('NOT met');
		expect(judge(1.41, p99, { low: 0.56, high: 1.4 })).toBe('NOT met');
		expect(judge(0.91, throughput)).toBe('NOT met');
	});

	it('works on figures centred on 0 as well as on 1 (startup: added time as a fraction)', () => {
		const addedTime = atMost(0.02);
		const band = noiseBand([-0.04, 0.031, 0.07, -0.01]);
		expect(judge(0.061, addedTime, band)).toBe('within noise');
		expect(judge(0.08, addedTime, band)).toBe('NOT met');
		expect(judge(-0.004, addedTime, band)).toBe('met');
	});

	it('gives no verdict without a figure', () => {
		expect(judge(undefined, throughput)).toBeUndefined();
		expect(judge(NaN, p99, { low: 0, high: 2 })).toBeUndefined();
		expect(judge(Infinity, p99, { low: 0, high: 2 })).toBeUndefined();
	});

	it('takes the band from the control values: min..max, and none from fewer than two', () => {
		expect(noiseBand([1.02, 0.93, 1.07, undefined, NaN])).toEqual({ low: 0.93, high: 1.07 });
		expect(noiseBand([1.02])).toBeUndefined();
		expect(noiseBand([])).toBeUndefined();
	});

	it('combines the verdicts of one target by the worst', () => {
		expect(worstOf(['met', 'met'])).toBe('met');
		expect(worstOf(['met', 'within noise'])).toBe('within noise');
		expect(worstOf(['within noise', 'NOT met', 'met'])).toBe('NOT met');
		expect(worstOf(['met', undefined])).toBeUndefined();
		expect(worstOf([])).toBeUndefined();
	});

	it('turns a boolean rule into met or NOT met', () => {
		expect(metOrNot(true)).toBe('met');
		expect(metOrNot(false)).toBe('NOT met');
		expect(metOrNot(undefined)).toBeUndefined();
	});
});
