/** The arithmetic ISO form of a timestamp must be exactly what Date#toISOString gives, for every instant. */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import { isoFromEpochMs, toIsoTimestamp } from '../../nodes/shared/core/timestamps';
import { RUNS } from './support/budget';

const LIMIT = 8.64e15;

describe('isoFromEpochMs', () => {
	it('equals new Date(ms).toISOString() for any instant Date can hold', () => {
		const instants = fc.oneof(
			fc.integer({ min: -LIMIT, max: LIMIT }),
			fc.integer({ min: -62_167_219_200_001, max: 253_402_300_800_000 }), // around years 0000 and 9999
			fc.integer({ min: 0, max: 4_102_444_800_000 }), // 1970-2100, where deliveries live
			fc.double({ min: -LIMIT, max: LIMIT, noNaN: true }),
		);
		fc.assert(
			fc.property(instants, (ms) => assert.equal(isoFromEpochMs(ms), new Date(ms).toISOString())),
			{ numRuns: RUNS.cheap * 5 },
		);
		for (const edge of [
			0,
			-1,
			951_782_400_000,
			951_868_799_999,
			-62_167_219_200_000,
			253_402_300_799_999,
			LIMIT,
			-LIMIT,
		]) {
			assert.equal(isoFromEpochMs(edge), new Date(edge).toISOString());
		}
	});

	it('gives nothing for what Date cannot hold', () => {
		for (const bad of [Number.NaN, Infinity, -Infinity, LIMIT + 1])
			assert.equal(isoFromEpochMs(bad), undefined);
	});

	it('reads date strings as Date does', () => {
		fc.assert(
			fc.property(
				fc.date({ noInvalidDate: true, min: new Date(-LIMIT), max: new Date(LIMIT) }),
				(date) => {
					assert.equal(toIsoTimestamp(date.toISOString()), date.toISOString());
					const asRead = new Date(date.toUTCString());
					assert.equal(
						toIsoTimestamp(date.toUTCString()),
						Number.isNaN(asRead.getTime()) ? undefined : asRead.toISOString(),
					);
				},
			),
			{ numRuns: RUNS.cheap },
		);
	});
});
