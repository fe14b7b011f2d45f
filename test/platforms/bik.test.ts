import { createHash } from 'node:crypto';

import { parseBikDelivery, type BikParseOptions } from '../../nodes/Bik/core/parse';
import { verifyBikAuthorization } from '../../nodes/Bik/core/authentication';
import { BIK_CATEGORIES, bikCategory } from '../../nodes/Bik/core/normalizedView';
import { deliveryKey } from '../../nodes/shared/core/normalized';
import { checked, fixture, only } from './helpers';

const parse = (body: unknown, options: Partial<BikParseOptions> = {}) =>
	parseBikDelivery(body, { includeRawBody: false, ...options });
const bik = (name: string) => fixture('bik', name);
const FIXTURES = [
	'incoming-message',
	'status-update-read-dev-api',
	'status-update-sent-crm',
	'status-update-delivered-automation',
	'status-update-failed-crm',
];
const CUSTOMER = { firstName: 'Jethalal Champaklal', lastName: 'Gada' };
const everything = () => FIXTURES.flatMap((name) => bik(name));

describe('BIK documented deliveries', () => {
	it('turns the incoming message into one item with its own fields, category null', () => {
		const item = only(parse(bik('incoming-message')));
		expect(item.valid).toBe(true);
		expect(item.event).toBe('incoming-message');
		expect(item.eventName).toBe('incoming-message');
		expect(item.id).toBe('32176522-e117-4ca2-8013-6db7479fa012');
		expect(item.customerDetails).toEqual(CUSTOMER);
		expect(item.category).toBeNull();
		expect(item.eventInfo).toMatchObject({
			status: '',
			owner: '',
			ownerId: null,
			message: 'Hii sir',
			media: null,
			isDeleted: false,
			type: null,
		});
		expect(item.normalized).toEqual({
			platform: 'bik',
			event: 'incoming-message',
			kind: 'message.received',
			channel: 'whatsapp',
			messageId: 'wamid.HBgMOTE5OTM4NDM4MTM4FQIAEhggNzY1RDA4RDU4NkI3QTkxRDZGQTI0MEVDNTFFRjMxNz',
			conversationId: null,
			contact: { id: null, phone: '+919090909090', name: 'Jethalal Champaklal Gada', email: null },
			text: 'Hii sir',
			media: null,
			status: null,
			timestamp: '2024-07-26T07:27:07.949Z',
			deliveryKey: deliveryKey('bik', bik('incoming-message')[0]),
		});
	});

	it.each([
		[
			'status-update-read-dev-api',
			'read',
			'DEV_API',
			'Dev API',
			null,
			'+919090909090',
			'Test message 24',
			'2024-07-26T07:03:41.950Z',
		],
		[
			'status-update-sent-crm',
			'sent',
			'AGENT',
			'CRM',
			'57',
			'+917070707070',
			'Test 55',
			'2024-08-01T07:24:23.425Z',
		],
		[
			'status-update-delivered-automation',
			'delivered',
			'BOT',
			'Automation',
			'37',
			'+918080808080',
			'Ok, working',
			'2024-08-01T07:24:23.425Z',
		],
		[
			'status-update-failed-crm',
			'failed',
			'AGENT',
			'CRM',
			'',
			'+914040404040',
			'Ok, failed',
			'2024-08-01T07:24:23.425Z',
		],
	])('reads %s', (name, status, owner, category, ownerId, phone, text, timestamp) => {
		const body = bik(name);
		const item = only(parse(body));
		expect(item.valid).toBe(true);
		expect(item).toMatchObject({
			event: 'message-status-update',
			eventName: 'message-status-update',
			id: body[0].id,
			category,
			customerDetails: CUSTOMER,
		});
		expect(item.eventInfo).toMatchObject({
			status,
			owner,
			ownerId,
			assetValue: phone,
			message: text,
		});
		expect(item.normalized).toEqual({
			platform: 'bik',
			event: 'message-status-update',
			kind: 'message.status',
			channel: 'whatsapp',
			messageId: body[0].eventInfo.messageId,
			conversationId: null,
			contact: { id: null, phone, name: 'Jethalal Champaklal Gada', email: null },
			text,
			media: null,
			status,
			timestamp,
			deliveryKey: deliveryKey('bik', body[0]),
		});
	});

	it('keeps the failure reason of a failed message', () => {
		const item = only(parse(bik('status-update-failed-crm')));
		expect((item.eventInfo as Record<string, unknown>).failureReason).toBe(
			'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		);
	});

	it('gives one item per array element, each with its own delivery key, and accepts a bare object', () => {
		const items = checked(parse(everything()));
		expect(items.map((item) => item.normalized.status)).toEqual([
			null,
			'read',
			'sent',
			'delivered',
			'failed',
		]);
		expect(new Set(items.map((item) => item.normalized.deliveryKey)).size).toBe(5);
		const single = only(parse(bik('status-update-sent-crm')[0]));
		expect(single.normalized).toEqual(only(parse(bik('status-update-sent-crm'))).normalized);
	});
});

describe('BIK categories', () => {
	it('maps every documented owner, and nothing else', () => {
		expect(BIK_CATEGORIES).toEqual(['CRM', 'Broadcast', 'Automation', 'Dev API']);
		expect(['AGENT', 'CAMPAIGN', 'BOT', 'DEV_API', ' agent '].map(bikCategory)).toEqual([
			'CRM',
			'Broadcast',
			'Automation',
			'Dev API',
			'CRM',
		]);
		expect(
			['', null, undefined, 'SYSTEM', 'constructor', '__proto__', 42].map(bikCategory),
		).toEqual([null, null, null, null, null, null, null]);
	});

	it('adds the Broadcast category to a campaign status update, and null for an undocumented owner', () => {
		const campaign = bik('status-update-sent-crm');
		campaign[0].eventInfo.owner = 'CAMPAIGN';
		expect(only(parse(campaign)).category).toBe('Broadcast');
		const other = bik('status-update-sent-crm');
		other[0].eventInfo.owner = 'WORKFLOW';
		const item = only(parse(other));
		expect(item.valid).toBe(true);
		expect(item.category).toBeNull();
		expect((item.eventInfo as Record<string, unknown>).owner).toBe('WORKFLOW');
	});
});

describe('BIK filters', () => {
	it('keeps only the selected events and counts the rest as skipped', () => {
		const result = parse(everything(), { events: ['incoming-message'] });
		expect(checked(result).map((item) => item.event)).toEqual(['incoming-message']);
		expect(result.skipped).toBe(4);
		expect(parse(everything(), { events: [' MESSAGE-STATUS-UPDATE '] }).skipped).toBe(1);
	});

	it('keeps only the selected categories; events without a category pass', () => {
		const result = parse(everything(), { categories: ['CRM'] });
		expect(checked(result).map((item) => [item.event, item.category])).toEqual([
			['incoming-message', null],
			['message-status-update', 'CRM'],
			['message-status-update', 'CRM'],
		]);
		expect(result.skipped).toBe(2);
		const both = parse(everything(), {
			events: ['message-status-update'],
			categories: ['dev api', 'Automation'],
		});
		expect(checked(both).map((item) => item.category)).toEqual(['Dev API', 'Automation']);
		expect(both.skipped).toBe(3);
	});

	it('treats empty selections as everything', () => {
		const result = parse(everything(), { events: [], categories: [] });
		expect(result.items).toHaveLength(5);
		expect(result.skipped).toBe(0);
	});

	it('never filters out an unknown event, and filters a known invalid one by its readable category', () => {
		const unknown = { eventName: 'message-deleted', eventInfo: { owner: 'AGENT' }, id: 'x' };
		const result = parse([unknown], { events: ['incoming-message'], categories: ['Broadcast'] });
		expect(only(result)).toMatchObject({
			valid: false,
			event: 'message-deleted',
			problems: ['unknown BIK event "message-deleted"'],
		});
		const invalid = bik('status-update-sent-crm');
		delete invalid[0].id;
		expect(parse(invalid, { categories: ['Broadcast'] })).toEqual({ items: [], skipped: 1 });
		expect(only(parse(invalid, { categories: ['CRM'] }))).toMatchObject({
			valid: false,
			category: 'CRM',
		});
	});
});

describe('BIK quirks', () => {
	it('reads eventInfo sent as a list: one item per entry, keyed separately', () => {
		const body = bik('status-update-sent-crm');
		const first = body[0].eventInfo;
		const second = { ...first, messageId: 'wamid.SECOND', status: 'delivered', owner: 'CAMPAIGN' };
		body[0].eventInfo = [first, second];
		const result = parse(body, { includeRawBody: true });
		const items = checked(result);
		expect(
			items.map((item) => [item.normalized.messageId, item.normalized.status, item.category]),
		).toEqual([
			[first.messageId, 'sent', 'CRM'],
			['wamid.SECOND', 'delivered', 'Broadcast'],
		]);
		expect(items.every((item) => item.id === body[0].id && !Array.isArray(item.eventInfo))).toBe(
			true,
		);
		expect((items[1].rawBody as Record<string, unknown>).eventInfo).toEqual(second);
		expect(items[0].normalized.deliveryKey).not.toBe(items[1].normalized.deliveryKey);
		const filtered = parse(body, { categories: ['CRM'] });
		expect(filtered.items).toHaveLength(1);
		expect(filtered.skipped).toBe(1);
	});

	it('flags an empty eventInfo list', () => {
		const body = bik('status-update-sent-crm');
		body[0].eventInfo = [];
		expect(only(parse(body))).toMatchObject({
			valid: false,
			problems: ['eventInfo is an empty list'],
			normalized: { kind: 'message.status' },
		});
	});

	it('tolerates whitespace in the event name, numeric ids, SQL-style dates and extra fields', () => {
		const body = bik('incoming-message');
		body[0].eventName = ' incoming-message ';
		body[0].eventInfo.createdAt = '2024-07-26 07:27:07';
		body[0].eventInfo.ownerId = 57;
		body[0].eventInfo.extra = { a: 1 };
		body[0].workspace = 'w1';
		body[0].event = 'spoofed';
		const item = only(parse(body));
		expect(item.valid).toBe(true);
		expect(item.event).toBe('incoming-message');
		expect(item.eventName).toBe(' incoming-message ');
		expect(item.workspace).toBe('w1');
		expect(item.eventInfo).toMatchObject({
			createdAt: '2024-07-26 07:27:07',
			ownerId: 57,
			extra: { a: 1 },
		});
		expect(item.normalized.timestamp).toBe('2024-07-26T07:27:07.000Z');
	});

	it('reads media when BIK sends some', () => {
		const body = bik('incoming-message');
		Object.assign(body[0].eventInfo, {
			message: null,
			mediaType: 'IMAGE',
			media: { url: 'https://cdn.example/a.jpg', caption: 'look' },
		});
		expect(only(parse(body)).normalized.media).toEqual({
			type: 'image',
			url: 'https://cdn.example/a.jpg',
			caption: 'look',
		});
		body[0].eventInfo.media = 'https://cdn.example/b.pdf';
		body[0].eventInfo.mediaType = 'document';
		expect(only(parse(body)).normalized.media).toEqual({
			type: 'document',
			url: 'https://cdn.example/b.pdf',
			caption: null,
		});
	});

	it('keeps status values the docs do not list', () => {
		const body = bik('status-update-sent-crm');
		body[0].eventInfo.status = 'DELETED';
		expect(only(parse(body)).normalized.status).toBe('deleted');
	});
});

describe('BIK flagged deliveries', () => {
	it('flags a status update without a status and one missing its id, keeping the body', () => {
		const noStatus = bik('status-update-read-dev-api');
		noStatus[0].eventInfo.status = '';
		const item = only(parse(noStatus));
		expect(item).toMatchObject({
			valid: false,
			event: 'message-status-update',
			category: 'Dev API',
			rawBody: noStatus[0],
		});
		expect(item.problems).toEqual(['eventInfo.status: a status update needs a status']);
		expect(item.normalized.kind).toBe('message.status');
		const noId = bik('incoming-message');
		delete noId[0].id;
		expect(only(parse(noId)).problems).toEqual([expect.stringMatching(/^id: /)]);
	});

	it('flags elements that are not objects or have no event name, and keeps the good ones', () => {
		const items = checked(parse([bik('incoming-message')[0], 'oops', { id: 'x' }]));
		expect(items.map((item) => item.valid)).toEqual([true, false, false]);
		expect(items[1]).toMatchObject({
			problems: ['element 1 of the body is not a JSON object (got a string)'],
			rawBody: 'oops',
		});
		expect(items[2]).toMatchObject({
			event: 'unknown',
			problems: ['the element has no eventName'],
			normalized: { kind: 'unknown' },
		});
	});

	it('flags an empty array', () => {
		expect(only(parse([]))).toMatchObject({
			valid: false,
			problems: ['the body is an empty array'],
		});
	});
});

describe('BIK delivery key', () => {
	it('is the same for the same element and differs between elements', () => {
		const key = only(parse(bik('status-update-sent-crm'))).normalized.deliveryKey;
		expect(only(parse(bik('status-update-sent-crm'))).normalized.deliveryKey).toBe(key);
		expect(only(parse(bik('status-update-failed-crm'))).normalized.deliveryKey).not.toBe(key);
	});
});

describe('BIK fan-out stays proportional to the body', () => {
	const MIB = 1024 * 1024;
	const hashPrototype = Object.getPrototypeOf(createHash('sha256')) as {
		update: (data: string | Buffer) => unknown;
	};

	/** Parses while counting the bytes fed to every hash; item JSON is summed item by item, stopping past `limit`. */
	function measure(body: unknown, limit: number, options: Partial<BikParseOptions> = {}) {
		const spy = jest.spyOn(hashPrototype, 'update');
		try {
			const result = parse(body, options);
			const hashed = spy.mock.calls.reduce(
				(total, [data]) =>
					total + (typeof data === 'string' ? Buffer.byteLength(data) : data.length),
				0,
			);
			let output = 0;
			for (const item of result.items) {
				output += JSON.stringify(item).length;
				if (output > limit) break;
			}
			return { result, hashed, output };
		} finally {
			spy.mockRestore();
		}
	}

	function bigEnvelope(where: 'beside' | 'customerDetails', entries: number) {
		const element = bik('incoming-message')[0];
		if (where === 'beside') element.padding = 'x'.repeat(4 * MIB);
		else element.customerDetails = { ...element.customerDetails, notes: 'x'.repeat(4 * MIB) };
		element.eventInfo = Array.from({ length: entries }, () => ({}));
		return [element];
	}

	it.each(['beside', 'customerDetails'] as const)(
		'a 4 MiB envelope (%s eventInfo) over 400 empty entries: output and hashing within a small multiple of the body',
		(where) => {
			const body = bigEnvelope(where, 400);
			const bodyBytes = JSON.stringify(body).length;
			const bound = 3 * bodyBytes + 400 * 1024;
			const { result, hashed, output } = measure(body, bound, { includeRawBody: true });
			expect(result.items).toHaveLength(400);
			expect(output).toBeLessThanOrEqual(bound);
			expect(hashed).toBeLessThanOrEqual(2 * bodyBytes);
			// every item carries its own entry; the envelope rides once, on the first
			const [first, ...rest] = result.items;
			expect(first).toMatchObject({ id: body[0].id, entryIndex: 0, eventInfo: {} });
			expect(
				rest.every(
					(item, index) =>
						item.entryIndex === index + 1 &&
						item.sharedEnvelope === true &&
						!('padding' in item) &&
						!('customerDetails' in item),
				),
			).toBe(true);
			expect(new Set(result.items.map((item) => item.normalized.deliveryKey)).size).toBe(400);
		},
	);

	it('keys each entry of a list by itself: a changed entry changes its key only, a retry keeps them all', () => {
		const body = bigEnvelope('beside', 3);
		body[0].padding = 'small';
		body[0].eventInfo = [{ message: 'a' }, { message: 'b' }, { message: 'c' }];
		const keys = (value: unknown) => parse(value).items.map((item) => item.normalized.deliveryKey);
		const before = keys(body);
		expect(keys(JSON.parse(JSON.stringify(body)))).toEqual(before);
		body[0].eventInfo[1] = { message: 'B' };
		const after = keys(body);
		expect([after[0], after[2]]).toEqual([before[0], before[2]]);
		expect(after[1]).not.toBe(before[1]);
		body[0].padding = 'other';
		expect(keys(body).some((key) => before.includes(key))).toBe(false);
	});

	it('doubling the entries under a large envelope about doubles the work, not squares it', () => {
		const small = measure(bigEnvelope('beside', 200), Infinity);
		const large = measure(bigEnvelope('beside', 400), Infinity);
		expect(large.hashed).toBeLessThan(1.2 * small.hashed);
		expect(large.output).toBeLessThan(2.5 * small.output);
	});
});

describe('verifyBikAuthorization', () => {
	const base64 = (text: string) => Buffer.from(text).toString('base64');
	const basic = (user: string, password: string) => `Basic ${base64(`${user}:${password}`)}`;
	const pair = (user: string, password: string) => ({ authForm: 'userPassword', user, password });
	const KEY = 'my-bik-authorization-key';
	const expectAccepted = (
		headers: Record<string, string>,
		credentials: Parameters<typeof verifyBikAuthorization>[1],
	) => expect(verifyBikAuthorization(headers, credentials)).toEqual({ ok: true });

	it('accepts the configured user and password', () => {
		expectAccepted({ authorization: basic('bik', 's3cret-pass') }, pair('bik', 's3cret-pass'));
		expectAccepted({ Authorization: basic('bik', 's3cret-pass') }, pair('bik', 's3cret-pass'));
		// a credential saved before the key form existed: no authForm at all
		expectAccepted(
			{ authorization: basic('bik', 's3cret-pass') },
			{ user: 'bik', password: 's3cret-pass' },
		);
		// ... or the new field's default filled in by n8n, with the key left empty
		expectAccepted(
			{ authorization: basic('bik', 's3cret-pass') },
			{ authForm: 'authorizationKey', authKey: '', user: 'bik', password: 's3cret-pass' },
		);
	});

	it('accepts every form a sender can make from one authorization key', () => {
		const key = { authForm: 'authorizationKey', authKey: KEY };
		expectAccepted({ authorization: `Basic ${KEY}` }, key);
		expectAccepted({ authorization: `basic  ${base64(KEY)}` }, key);
		// a key that is itself "user:password", sent encoded
		expectAccepted(
			{ authorization: basic('bik', 'pw') },
			{ authForm: 'authorizationKey', authKey: 'bik:pw' },
		);
		// the key pasted together with its scheme
		expectAccepted({ authorization: `Basic ${KEY}` }, { authKey: `Basic ${KEY}` });
	});

	it('refuses other keys, the key under another scheme, and near misses', () => {
		const key = { authForm: 'authorizationKey', authKey: KEY };
		expect(
			verifyBikAuthorization({ authorization: 'Basic my-bik-authorization-kez' }, key).ok,
		).toBe(false);
		expect(verifyBikAuthorization({ authorization: `Basic ${base64(`${KEY}:`)}` }, key).ok).toBe(
			false,
		);
		expect(verifyBikAuthorization({ authorization: `Bearer ${KEY}` }, key).ok).toBe(false);
		expect(verifyBikAuthorization({ authorization: KEY }, key).ok).toBe(false);
		expect(
			verifyBikAuthorization(
				{ authorization: `Basic ${KEY}` },
				{ authForm: 'authorizationKey', authKey: '  ' },
			).ok,
		).toBe(false);
	});

	it('never lets an empty password match a header carrying only the user name', () => {
		for (const header of [
			basic('bik-webhooks', ''),
			`Basic ${base64('bik-webhooks')}`,
			'Basic bik-webhooks:',
			'Basic bik-webhooks',
		]) {
			expect(verifyBikAuthorization({ authorization: header }, pair('bik-webhooks', '')).ok).toBe(
				false,
			);
			expect(
				verifyBikAuthorization({ authorization: header }, { user: 'bik-webhooks', password: '' })
					.ok,
			).toBe(false);
		}
		expect(verifyBikAuthorization({ authorization: basic('', 'pw') }, pair('', 'pw')).ok).toBe(
			false,
		);
	});

	it('refuses missing, wrong and foreign credentials, and an unconfigured check', () => {
		expect(verifyBikAuthorization({}, pair('bik', 's3cret-pass')).ok).toBe(false);
		expect(
			verifyBikAuthorization({ authorization: basic('bik', 'wrong') }, pair('bik', 's3cret-pass'))
				.ok,
		).toBe(false);
		expect(
			verifyBikAuthorization(
				{ authorization: basic('someone', 's3cret-pass') },
				pair('bik', 's3cret-pass'),
			).ok,
		).toBe(false);
		expect(
			verifyBikAuthorization({ authorization: 'Bearer s3cret-pass' }, pair('bik', 's3cret-pass'))
				.ok,
		).toBe(false);
		expect(
			verifyBikAuthorization({ authorization: basic('bik', 's3cret-pass') }, undefined).ok,
		).toBe(false);
		expect(verifyBikAuthorization({ authorization: basic('', '') }, {}).ok).toBe(false);
	});
});
