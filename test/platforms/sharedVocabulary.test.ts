import { parseBcrumbsDelivery } from '../../nodes/Bcrumbs/core/parse';
import { parseMobtextingDelivery } from '../../nodes/Mobtexting/core/parse';
import { SMPP_STATUS_FAMILIES } from '../../nodes/shared/core/smppStatus';
import {
	firstIsoTimestampIn,
	isKnownTimeZone,
	toIsoTimestamp,
} from '../../nodes/shared/core/timestamps';
import { fixture } from './helpers';

describe('one SMPP status vocabulary', () => {
	const bcrumbsFamily = (stat: string) =>
		parseBcrumbsDelivery(
			{ method: 'GET', body: {}, query: { message_id: 'm1', status: stat } },
			{ selectedEvents: ['MESSAGE_UPDATED_SMPP'], includeRawBody: false },
		).items[0];
	const mobtextingStatus = (stat: string) =>
		parseMobtextingDelivery(
			{ ...fixture('mobtexting', 'sms-delivery-report'), status: stat },
			{ includeRawBody: false },
		).items[0].normalized.status;

	it.each(Object.keys(SMPP_STATUS_FAMILIES))(
		'%s means the same on bcrumbs receipts and MOBtexting SMS reports',
		(stat) => {
			const receipt = bcrumbsFamily(stat);
			expect(receipt.statusFamily).toBe(
				SMPP_STATUS_FAMILIES[stat as keyof typeof SMPP_STATUS_FAMILIES].family,
			);
			expect(receipt.normalized.status).toBe(receipt.statusFamily);
			expect(mobtextingStatus(stat)).toBe(receipt.statusFamily);
			expect(mobtextingStatus(stat.toLowerCase())).toBe(receipt.statusFamily);
		},
	);

	it('ENROUTE is pending on both, not sent', () => {
		expect(bcrumbsFamily('ENROUTE').normalized.status).toBe('pending');
		expect(mobtextingStatus('ENROUTE')).toBe('pending');
	});
});

describe('zone-less timestamps', () => {
	it.each([
		['2021-04-09 16:27:51', 'UTC', '2021-04-09T16:27:51.000Z'],
		['2021-04-09 16:27:51', 'Asia/Kolkata', '2021-04-09T10:57:51.000Z'],
		['2021-04-09T16:27:51.886358', 'America/New_York', '2021-04-09T20:27:51.886Z'],
		['2021-01-09 16:27', 'Europe/Berlin', '2021-01-09T15:27:00.000Z'],
		// clocks forward: 02:30 does not exist in New York that night, read as the time after the jump
		['2021-03-14 02:30:00', 'America/New_York', '2021-03-14T07:30:00.000Z'],
		// clocks back: 01:30 happens twice, read as the first
		['2021-11-07 01:30:00', 'America/New_York', '2021-11-07T05:30:00.000Z'],
	])('%s in %s is %s', (raw, zone, iso) => {
		expect(toIsoTimestamp(raw, zone)).toBe(iso);
	});

	it('leaves times that carry a zone alone, whatever the zone given', () => {
		expect(toIsoTimestamp('2021-06-18T14:48:06.886358Z', 'Asia/Kolkata')).toBe(
			'2021-06-18T14:48:06.886Z',
		);
		expect(toIsoTimestamp('2026-05-06T03:39:23+00:00', 'America/New_York')).toBe(
			'2026-05-06T03:39:23.000Z',
		);
		expect(toIsoTimestamp('Sat, 04 Jan 2025 15:35:46 GMT', 'Asia/Tokyo')).toBe(
			'2025-01-04T15:35:46.000Z',
		);
	});

	it('reads impossible dates as unreadable and unknown zones as UTC', () => {
		expect(toIsoTimestamp('2021-02-30 10:00:00', 'UTC')).toBeUndefined();
		expect(toIsoTimestamp('2021-04-09 16:27:51', 'Not/AZone')).toBe('2021-04-09T16:27:51.000Z');
		expect(isKnownTimeZone('Not/AZone')).toBe(false);
		expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
		expect(firstIsoTimestampIn('Asia/Kolkata', '', null, '2021-04-09 16:27:51')).toBe(
			'2021-04-09T10:57:51.000Z',
		);
	});

	it('MOBtexting: deliv_time and start_at read in the given zone, the original strings kept', () => {
		const report = fixture('mobtexting', 'sms-delivery-report');
		const sms = parseMobtextingDelivery(report, { includeRawBody: false, timeZone: 'Asia/Kolkata' })
			.items[0];
		expect(sms.normalized.timestamp).toBe('2021-04-09T10:57:51.000Z');
		expect(sms.deliv_time).toBe('2021-04-09 16:27:51');
		const call = parseMobtextingDelivery(fixture('mobtexting', 'voice-call-record'), {
			includeRawBody: false,
			timeZone: 'Europe/London',
		}).items[0];
		expect(call.normalized.timestamp).toBe('2021-04-09T15:27:55.000Z');
		expect(call.start_at).toBe('2021-04-09 16:27:39');
		// without a zone the reading stays UTC, as pure callers always had it
		expect(
			parseMobtextingDelivery(report, { includeRawBody: false }).items[0].normalized.timestamp,
		).toBe('2021-04-09T16:27:51.000Z');
	});
});
