/**
 * The positional reader of RFC 1123 and zoned ISO 8601 times must give exactly what Date.parse gives,
 * and must read every strictly valid time of those forms itself (else the fast path is dead code).
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import { fixedWidthEpochMs, fixedWidthUtcIso } from '../../nodes/shared/core/fixedWidthTimestamps';
import { isoFromEpochMs, toEpochMs, toIsoTimestamp } from '../../nodes/shared/core/timestamps';
import { RUNS } from './support/budget';

/** What the general path makes of a zoned string: Date.parse, then the ISO arithmetic. */
const byDateParse = (text: string) => isoFromEpochMs(Date.parse(text));

// years 1000-9999: the range the positional reader takes
const validDates = fc.date({
	noInvalidDate: true,
	min: new Date('1000-01-02T00:00:00.000Z'),
	max: new Date('9999-12-30T23:59:59.999Z'),
});

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** One instant's texts in every fixed form: RFC 1123, ISO with 0-9 fraction digits, Z or an offset. */
const fixedForms = fc
	.tuple(
		validDates,
		fc.integer({ min: 0, max: 9 }),
		fc.stringMatching(/^\d{9}$/),
		fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
		fc.constantFrom('Z', '+00:00', '-00:00', 'offset'),
	)
	.map(([date, fractionDigits, digits, offsetMinutes, zone]) => {
		const iso = date.toISOString();
		const fraction = fractionDigits === 0 ? '' : `.${digits.slice(0, fractionDigits)}`;
		const sign = offsetMinutes < 0 ? '-' : '+';
		const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
		return {
			rfc1123: date.toUTCString(),
			iso: `${iso.slice(0, 19)}${fraction}${zone === 'offset' ? offset : zone}`,
			inUtc: zone !== 'offset' || offsetMinutes === 0,
		};
	});

const ZONED = /(Z|GMT|[+-]\d\d:?\d\d)$/i;

// characters that make near-misses: digits, separators, letters of the names, lower case, space
const MUTATIONS = '0123456789:-., TZtzGMTgmtJanFebSatXyz+';

describe('fixed-width timestamps', () => {
	it('reads every valid RFC 1123 and zoned ISO time by position, as Date.parse does', () => {
		fc.assert(
			fc.property(fixedForms, ({ rfc1123, iso, inUtc }) => {
				for (const text of [rfc1123, iso]) {
					const ms = fixedWidthEpochMs(text);
					assert.notEqual(ms, undefined, `${text} was left to the general path`);
					assert.equal(ms, Date.parse(text), text);
					assert.equal(toEpochMs(text), Date.parse(text), text);
					assert.equal(toIsoTimestamp(text), byDateParse(text), text);
				}
				assert.equal(fixedWidthUtcIso(rfc1123), byDateParse(rfc1123), rfc1123);
				assert.equal(fixedWidthUtcIso(iso), inUtc ? byDateParse(iso) : undefined, iso);
			}),
			{ numRuns: RUNS.property * 2 },
		);
	});

	it('gives what Date.parse gives, or leaves it to the general path, for any one-character change', () => {
		fc.assert(
			fc.property(
				fixedForms,
				fc.boolean(),
				fc.nat(),
				fc.constantFrom(...MUTATIONS),
				(forms, rfc, position, replacement) => {
					const text = rfc ? forms.rfc1123 : forms.iso;
					const at = position % text.length;
					const changed = text.slice(0, at) + replacement + text.slice(at + 1);
					const ms = fixedWidthEpochMs(changed);
					if (ms !== undefined) assert.equal(ms, Date.parse(changed), changed);
					const iso = fixedWidthUtcIso(changed);
					if (iso !== undefined) assert.equal(iso, byDateParse(changed), changed);
					// whichever path reads it, a zoned text means what Date.parse says
					if (ZONED.test(changed.trim()))
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
			'2021-06-18T14:48:06+0530',
			'2021-06-18T14:48:06.1234567890123Z',
			'2021-06-18T14:48:06.Z',
			'2021-06-18T14:48:06+24:00',
			'2021-06-18T14:48:06+05:60',
		];
		for (const text of lenient) {
			assert.equal(fixedWidthEpochMs(text), undefined, text);
			assert.equal(fixedWidthUtcIso(text), undefined, text);
			assert.equal(toIsoTimestamp(text), byDateParse(text), text);
		}
	});

	it('reads the last day of every month, leap years included, and refuses the day after', () => {
		for (const year of [1900, 2000, 2023, 2024, 2100, 9999]) {
			for (let month = 0; month < 12; month++) {
				const last = new Date(Date.UTC(year, month + 1, 0, 23, 59, 59));
				for (const text of [
					last.toUTCString(),
					last.toISOString(),
					`${last.toISOString().slice(0, 19)}+23:59`,
				])
					assert.equal(fixedWidthEpochMs(text), Date.parse(text), text);
				const dayAfter = `${last.toISOString().slice(0, 8)}${pad(last.getUTCDate() + 1)}T00:00:00Z`;
				assert.equal(fixedWidthEpochMs(dayAfter), undefined, dayAfter);
			}
		}
	});
});
