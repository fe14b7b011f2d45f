/**
 * The positional reader of RFC 1123 and UTC ISO times must give exactly what Date.parse gives, and must
 * read every strictly valid time of both forms itself (else the fast path is dead code).
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import { fixedWidthIso } from '../../nodes/shared/core/fixedWidthTimestamps';
import { isoFromEpochMs, toIsoTimestamp } from '../../nodes/shared/core/timestamps';
import { RUNS } from './support/budget';

/** What the general path makes of a string: Date.parse, then the ISO arithmetic. */
const byDateParse = (text: string) => isoFromEpochMs(Date.parse(text));

// years 1000-9999: the range the positional reader takes
const validDates = fc.date({
	noInvalidDate: true,
	min: new Date('1000-01-01T00:00:00.000Z'),
	max: new Date('9999-12-31T23:59:59.999Z'),
});

const forms = (date: Date) => {
	const iso = date.toISOString();
	return [date.toUTCString(), iso, `${iso.slice(0, 19)}Z`];
};

// characters that make near-misses: digits, separators, letters of the names, lower case, space
const MUTATIONS = '0123456789:-., TZtzGMTgmtJanFebSatXyz+';

describe('fixed-width timestamps', () => {
	it('reads every valid RFC 1123 and UTC ISO time by position, as Date.parse does', () => {
		fc.assert(
			fc.property(validDates, (date) => {
				for (const text of forms(date)) {
					const read = fixedWidthIso(text);
					assert.notEqual(read, undefined, `${text} was left to the general path`);
					assert.equal(read, byDateParse(text), text);
					assert.equal(toIsoTimestamp(text), read, text);
				}
			}),
			{ numRuns: RUNS.property },
		);
	});

	it('gives what Date.parse gives, or leaves it to the general path, for any one-character change', () => {
		fc.assert(
			fc.property(
				validDates,
				fc.nat(),
				fc.nat(),
				fc.constantFrom(...MUTATIONS),
				(date, which, position, replacement) => {
					const text = forms(date)[which % 3];
					const at = position % text.length;
					const changed = text.slice(0, at) + replacement + text.slice(at + 1);
					const read = fixedWidthIso(changed);
					if (read !== undefined) assert.equal(read, byDateParse(changed), changed);
					// whatever path it takes, toIsoTimestamp agrees with Date.parse on zoned text
					assert.equal(toIsoTimestamp(changed), byDateParse(changed.trim()), changed);
				},
			),
			{ numRuns: RUNS.property * 3 },
		);
	});

	it('leaves what Date.parse reads leniently to the general path, which keeps its answer', () => {
		const lenient = [
			'Sat, 31 Feb 2025 15:35:46 GMT', // rolls over to 3 March
			'Sat, 29 Feb 2023 15:35:46 GMT',
			'Sat, 04 Jan 2025 24:00:00 GMT',
			'Sat, 04 Jan 2025 23:60:00 GMT',
			'Sat, 04 Jan 2025 23:59:60 GMT',
			'sat, 04 jan 2025 15:35:46 gmt',
			'Xyz, 04 Jan 2025 15:35:46 GMT',
			'Sat, 04 Jan 0999 15:35:46 GMT',
			'2025-02-30T15:35:46.000Z',
			'2023-02-29T00:00:00Z',
			'2025-01-04T24:00:00.000Z',
			'0999-01-04T15:35:46.000Z',
			'2025-01-04t15:35:46.000z',
		];
		for (const text of lenient) {
			assert.equal(fixedWidthIso(text), undefined, text);
			assert.equal(toIsoTimestamp(text), byDateParse(text), text);
		}
	});

	it('reads the last day of every month, leap years included', () => {
		for (const year of [1900, 2000, 2023, 2024, 2100, 9999]) {
			for (let month = 0; month < 12; month++) {
				const last = new Date(Date.UTC(year, month + 1, 0, 23, 59, 59));
				for (const text of forms(last)) assert.equal(fixedWidthIso(text), byDateParse(text), text);
				const dayAfter = `${last.toISOString().slice(0, 8)}${String(last.getUTCDate() + 1).padStart(2, '0')}T00:00:00Z`;
				assert.equal(fixedWidthIso(dayAfter), undefined, dayAfter);
			}
		}
	});
});
