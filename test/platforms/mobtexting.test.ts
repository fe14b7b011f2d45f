import {
	parseMobtextingDelivery,
	type MobtextingParseOptions,
	UNNAMED_UNSUBSCRIPTION_NOTE,
} from '../../nodes/Mobtexting/core/parse';
import { MOBTEXTING } from '../../nodes/Mobtexting/core/descriptor';
import {
	handshakeResponse,
	isMobtextingHandshake,
	verifyMobtextingHandshake,
	verifyMobtextingSecret,
} from '../../nodes/Mobtexting/core/handshake';
import { recogniseFlatShape } from '../../nodes/Mobtexting/core/shapes';
import {
	MOBTEXTING_EVENTS,
	MOBTEXTING_UNSUBSCRIPTION_EVENTS,
} from '../../nodes/Mobtexting/core/schemas';
import { deliveryKey } from '../../nodes/shared/core/normalized';
import { checked, fixture, only } from './helpers';

const parse = (body: unknown, options: Partial<MobtextingParseOptions> = {}) =>
	parseMobtextingDelivery(body, { includeRawBody: false, ...options });
const mob = (name: string) => fixture('mobtexting', name);
const NO_CONTACT = { id: null, phone: null, name: null, email: null };

/**
 * The documented wrapped example `name` reads as one valid item of `event` that keeps the payload as sent,
 * normalized to exactly `normalized` (with the platform, the event and the example's delivery key).
 */
function expectWrappedRead(name: string, event: string, normalized: Record<string, unknown>): void {
	const body = mob(name);
	const item = only(parse(body));
	expect(item.valid).toBe(true);
	expect(item.event).toBe(event);
	expect(item.payload).toEqual(body.payload);
	expect(item.normalized).toEqual({
		platform: 'mobtexting',
		event,
		...normalized,
		deliveryKey: deliveryKey('mobtexting', body),
	});
}

describe('MOBtexting wrapped events', () => {
	it.each([
		['whatsapp-message-status', 'whatsapp', 'sent|delivered|read|failed|deleted'],
		['whatsapp-message-status-delivered', 'whatsapp', 'delivered'],
		['rcs-message-status', 'rcs', 'sent|delivered|read|failed|deleted'],
		['rcs-message-status-delivered', 'rcs', 'delivered'],
		['viber-message-status', 'viber', 'sent|delivered|read|failed|deleted'],
		['viber-message-status-delivered', 'viber', 'delivered'],
	])('reads the status report %s', (name, channel, status) =>
		expectWrappedRead(name, `${channel}:message:status`, {
			kind: 'message.status',
			channel,
			messageId: 'a418d672-9781-4d97-b517-a56f7d95ad8a',
			conversationId: null,
			contact: { ...NO_CONTACT, phone: '9190199xxxxx' },
			text: null,
			media: null,
			status,
			timestamp: '2021-06-18T14:48:06.886Z',
		}),
	);

	const whatsappUser = {
		id: 'unique-user-id',
		phone: '91XXXXXX',
		name: 'user first name user last name',
		email: null,
	};
	const viberUser = {
		id: 'unique-id',
		phone: '919019120xxx',
		name: 'user first name user middle name user last name',
		email: 'user email',
	};
	const image = {
		type: 'image',
		url: 'https://domin-name.com/your_image_path.png',
		caption: 'some caption for image',
	};
	it.each([
		[
			'whatsapp-message-in-text',
			'whatsapp',
			whatsappUser,
			'This is a simple text message from whatsapp channel',
			null,
		],
		['whatsapp-message-in-image', 'whatsapp', whatsappUser, null, image],
		[
			'rcs-message-in-text',
			'rcs',
			whatsappUser,
			'This is a simple text message from whatsapp channel',
			null,
		],
		['rcs-message-in-image', 'rcs', whatsappUser, null, image],
		[
			'viber-message-in-text',
			'viber',
			viberUser,
			'This is a simple text message from viber channel',
			null,
		],
		['viber-message-in-image', 'viber', viberUser, null, { ...image, caption: null }],
		[
			'vmn-message-in',
			'vmn',
			{ ...viberUser, phone: '918074XXXXXX' },
			'This is a simple text message',
			null,
		],
	])('reads the incoming message %s', (name, channel, contact, text, media) =>
		expectWrappedRead(name, `${channel}:message:in`, {
			kind: 'message.received',
			channel,
			messageId: 'our-message-id',
			conversationId: null,
			contact,
			text,
			media,
			status: null,
			timestamp: null,
		}),
	);

	it('tolerates whitespace in the event name and extra fields, and keeps the envelope', () => {
		const body = mob('whatsapp-message-status');
		body.event = ' whatsapp:message:status ';
		body.account = 'acc-1';
		body.payload.error = { code: 131047 };
		const item = only(parse(body));
		expect(item).toMatchObject({
			valid: true,
			event: 'whatsapp:message:status',
			account: 'acc-1',
			payload: { error: { code: 131047 } },
		});
	});

	it('flags a wrapped payload that fails its schema, naming the payload field', () => {
		const body = mob('rcs-message-status');
		delete body.payload.status;
		const item = only(parse(body));
		expect(item).toMatchObject({
			valid: false,
			event: 'rcs:message:status',
			normalized: { kind: 'message.status', channel: 'rcs' },
		});
		expect(item.problems).toEqual([expect.stringMatching(/^payload\.status: /)]);
		const notObject = only(parse({ event: 'viber:message:in', payload: 'text' }));
		expect(notObject).toMatchObject({
			valid: false,
			normalized: { kind: 'message.received', channel: 'viber' },
		});
		expect(notObject.problems).toEqual([expect.stringMatching(/^payload: /)]);
	});

	it('flags an unknown event without filtering it out', () => {
		const item = only(
			parse({ event: 'telegram:message:in', payload: {} }, { events: ['sms:message:status'] }),
		);
		expect(item).toMatchObject({
			valid: false,
			event: 'telegram:message:in',
			problems: ['unknown MOBtexting event "telegram:message:in"'],
		});
		expect(item.normalized.kind).toBe('unknown');
	});

	it('leaves a non-media message type without media', () => {
		const body = mob('whatsapp-message-in-text');
		body.payload.message = { type: 'location', payload: { latitude: 1, longitude: 2 } };
		const item = only(parse(body));
		expect(item.valid).toBe(true);
		expect(item.normalized.media).toBeNull();
		expect(item.normalized.text).toBeNull();
	});
});

describe('MOBtexting flat records', () => {
	it('recognises every flat shape by its fields', () => {
		expect(recogniseFlatShape(mob('sms-delivery-report'))).toBe('sms-delivery-report');
		expect(recogniseFlatShape(mob('voice-call-record'))).toBe('voice-call-record');
		for (const name of [
			'sms-unsubscription',
			'whatsapp-unsubscription',
			'rcs-unsubscription',
			'voice-unsubscription',
			'viber-unsubscription',
		]) {
			expect(recogniseFlatShape(mob(name))).toBe('unsubscription');
		}
		expect(recogniseFlatShape(mob('contact-subscriber-created'))).toBe('contact');
		expect(recogniseFlatShape(mob('contact-subscriber-updated'))).toBe('contact');
		expect(recogniseFlatShape({ id: 1, status: 'ok' })).toBeNull();
		expect(
			recogniseFlatShape({ identity: 'a@b.c', status: 'Unsubscriber created successfully' }),
		).toBeNull();
	});

	it('reads the SMS delivery report', () => {
		const body = mob('sms-delivery-report');
		const item = only(parse(body));
		expect(item).toMatchObject({ valid: true, event: 'sms:message:status', ...body });
		expect(item.normalized).toEqual({
			platform: 'mobtexting',
			event: 'sms:message:status',
			kind: 'message.status',
			channel: 'sms',
			messageId: 'b34e35ad-fe34-4a8b-977c-b21cd76cd7d6:1',
			conversationId: null,
			contact: { ...NO_CONTACT, phone: '918921269xxx' },
			text: null,
			media: null,
			status: 'delivered',
			timestamp: '2021-04-09T16:27:51.000Z',
			deliveryKey: deliveryKey('mobtexting', body),
		});
	});

	it.each([
		['UNDELIV', 'failed'],
		['EXPIRED', 'failed'],
		['REJECTD', 'failed'],
		['ACCEPTD', 'sent'],
		['ENROUTE', 'pending'],
		['NEWSTATE', 'newstate'],
	])('maps the SMS receipt state %s to %s', (raw, status) => {
		const body = { ...mob('sms-delivery-report'), status: raw };
		const item = only(parse(body));
		expect(item.status).toBe(raw);
		expect(item.normalized.status).toBe(status);
	});

	it('reads the voice call record, numbers sent unquoted as well', () => {
		const body = mob('voice-call-record');
		const item = only(parse(body));
		expect(item).toMatchObject({ valid: true, event: 'voice:message:out', ...body });
		expect(item.normalized).toEqual({
			platform: 'mobtexting',
			event: 'voice:message:out',
			kind: 'call.completed',
			channel: 'voice',
			messageId: '1234-1333-XXXXX',
			conversationId: null,
			contact: { ...NO_CONTACT, phone: '91886713XXXX' },
			text: null,
			media: { type: 'audio', url: 'https://youraudiofilelocation/', caption: null },
			status: 'answer',
			timestamp: '2021-04-09T16:27:55.000Z',
			deliveryKey: deliveryKey('mobtexting', body),
		});
		const numeric = only(
			parse({
				...body,
				bridge: 918068281234,
				from: 918919521234,
				to: 918867131234,
				source: 'IBD',
				recording_url: null,
			}),
		);
		expect(numeric).toMatchObject({ valid: true, bridge: 918068281234 });
		expect(numeric.normalized.contact.phone).toBe('918919521234');
		expect(numeric.normalized.media).toBeNull();
	});

	it.each([
		['contact-subscriber-created', 'contact.created', '2023-07-16T11:45:34.000Z'],
		['contact-subscriber-updated', 'contact.updated', '2023-07-17T11:46:06.000Z'],
	])('reads the contact record %s', (name, kind, timestamp) => {
		const body = mob(name);
		const item = only(parse(body));
		expect(item).toMatchObject({ valid: true, event: 'contacts:subscriber:subscription', ...body });
		expect(item.normalized).toEqual({
			platform: 'mobtexting',
			event: 'contacts:subscriber:subscription',
			kind,
			channel: null,
			messageId: null,
			conversationId: null,
			contact: { id: '86', phone: null, name: 'Demo Test', email: 'demo@gmail.com' },
			text: null,
			media: null,
			status: null,
			timestamp,
			deliveryKey: deliveryKey('mobtexting', body),
		});
	});

	it('reads a phone-number identity as the contact phone', () => {
		const item = only(parse({ ...mob('contact-subscriber-created'), identity: '919876543210' }));
		expect(item.normalized.contact).toEqual({
			id: '86',
			phone: '919876543210',
			name: 'Demo Test',
			email: null,
		});
	});

	it('flags a recognised record with a bad value under its event, and an unrecognised one as unknown', () => {
		const badReport = only(parse({ ...mob('sms-delivery-report'), status: 7 }));
		expect(badReport).toMatchObject({
			valid: false,
			event: 'sms:message:status',
			normalized: { kind: 'message.status', channel: 'sms' },
		});
		expect(badReport.problems).toEqual([expect.stringMatching(/^status: /)]);
		const badContact = only(parse({ ...mob('contact-subscriber-updated'), id: null }));
		expect(badContact).toMatchObject({ valid: false, normalized: { kind: 'contact.updated' } });
		const unknown = only(parse({ hello: 'world' }, { includeRawBody: false }));
		expect(unknown).toMatchObject({
			valid: false,
			event: 'unknown',
			problems: ['no event name and no known MOBtexting record shape'],
			rawBody: { hello: 'world' },
			normalized: { kind: 'unknown', channel: null },
		});
	});
});

describe('MOBtexting unsubscriptions', () => {
	const body = () => mob('whatsapp-unsubscription');

	it('cannot tell the product without a selection: event "unsubscription", channel null, the candidates listed', () => {
		const item = only(parse(body()));
		expect(item).toMatchObject({
			valid: true,
			event: 'unsubscription',
			ambiguousEvents: [...MOBTEXTING_UNSUBSCRIPTION_EVENTS],
			...body(),
		});
		expect(item.normalized).toEqual({
			platform: 'mobtexting',
			event: 'unsubscription',
			kind: 'contact.unsubscribed',
			channel: null,
			messageId: null,
			conversationId: null,
			contact: { ...NO_CONTACT, phone: '91700208xxxx' },
			text: null,
			media: null,
			status: null,
			timestamp: '2023-07-08T12:27:39.000Z',
			deliveryKey: deliveryKey('mobtexting', body()),
		});
	});

	it.each([...MOBTEXTING_UNSUBSCRIPTION_EVENTS])(
		'is %s when that is the only unsubscription event selected',
		(event) => {
			const item = only(
				parse(body(), { events: [event, 'sms:message:status', 'whatsapp:message:in'] }),
			);
			expect(item.event).toBe(event);
			expect(item.ambiguousEvents).toBeUndefined();
			expect(item.normalized).toMatchObject({
				event,
				channel: event.split(':')[0],
				kind: 'contact.unsubscribed',
			});
		},
	);

	it('lists the selected candidates when several unsubscription events are selected', () => {
		const item = only(
			parse(mob('sms-unsubscription'), { events: ['sms:unsubscription', 'rcs:unsubscription'] }),
		);
		expect(item).toMatchObject({
			event: 'unsubscription',
			ambiguousEvents: ['sms:unsubscription', 'rcs:unsubscription'],
		});
		expect(item.normalized.channel).toBeNull();
	});

	it('is skipped when events are selected but no unsubscription event', () => {
		expect(parse(mob('voice-unsubscription'), { events: ['voice:message:out'] })).toEqual({
			items: [],
			skipped: 1,
		});
	});

	it('is unambiguous when MOBtexting names the event itself', () => {
		const item = only(
			parse({ event: 'viber:unsubscription', payload: mob('viber-unsubscription') }),
		);
		expect(item).toMatchObject({
			valid: true,
			event: 'viber:unsubscription',
			payload: { receiver: '917002088xxx' },
		});
		expect(item.normalized.channel).toBe('viber');
	});
});

describe('MOBtexting unsubscriptions named by the webhook URL', () => {
	// the document's WhatsApp example: the record itself names no product
	const body = () => mob('whatsapp-unsubscription');

	it.each([
		[{ product: 'whatsapp' }, 'whatsapp'],
		[{ product: ' WhatsApp ' }, 'whatsapp'],
		[{ event: 'rcs:unsubscription' }, 'rcs'],
		[{ event: 'VIBER:Unsubscription' }, 'viber'],
		[{ product: ['sms', 'sms'] }, 'sms'],
		[{ product: 'voice', event: 'voice:unsubscription' }, 'voice'],
	])('is named by the query %j', (query, product) => {
		const item = only(parse(body(), { query }));
		expect(item).toMatchObject({
			valid: true,
			event: `${product}:unsubscription`,
			...body(),
		});
		expect(item.ambiguousEvents).toBeUndefined();
		expect(item.notes).toBeUndefined();
		expect(item.normalized).toMatchObject({
			event: `${product}:unsubscription`,
			channel: product,
			kind: 'contact.unsubscribed',
			contact: { phone: '91700208xxxx' },
		});
	});

	it('ignores an unknown product, stays unnamed as without it, and notes the ignored value', () => {
		const item = only(parse(body(), { query: { product: 'fax' } }));
		const plain = only(parse(body()));
		expect(item).toMatchObject({
			valid: true,
			event: 'unsubscription',
			ambiguousEvents: [...MOBTEXTING_UNSUBSCRIPTION_EVENTS],
		});
		expect(item.normalized).toEqual(plain.normalized);
		expect(item.notes).toEqual([
			expect.stringContaining('?product="fax"'),
			UNNAMED_UNSUBSCRIPTION_NOTE,
		]);
	});

	it('ignores parameters naming different products, and values that are not text', () => {
		const conflicting = only(
			parse(body(), { query: { product: 'sms', event: 'rcs:unsubscription' } }),
		);
		expect(conflicting.event).toBe('unsubscription');
		expect(conflicting.notes).toEqual([
			expect.stringContaining('sms:unsubscription, rcs:unsubscription'),
			UNNAMED_UNSUBSCRIPTION_NOTE,
		]);
		const notText = only(parse(body(), { query: { product: { a: 'b' } } }));
		expect(notText.event).toBe('unsubscription');
		expect(notText.notes).toHaveLength(2);
		// a product that has no unsubscription event names nothing either
		expect(only(parse(body(), { query: { event: 'whatsapp:message:in' } })).event).toBe(
			'unsubscription',
		);
	});

	it('keeps an ignored value in the notes of an unsubscription named by the selection', () => {
		const item = only(parse(body(), { query: { product: 'fax' }, events: ['sms:unsubscription'] }));
		expect(item.event).toBe('sms:unsubscription');
		expect(item.notes).toEqual([expect.stringContaining('"fax"')]);
	});

	it('tells the fix in one sentence when the product stays unnamed', () => {
		expect(only(parse(body())).notes).toEqual([UNNAMED_UNSUBSCRIPTION_NOTE]);
		expect(
			only(parse(body(), { events: ['sms:unsubscription', 'rcs:unsubscription'] })).notes,
		).toEqual([UNNAMED_UNSUBSCRIPTION_NOTE]);
		expect(UNNAMED_UNSUBSCRIPTION_NOTE).toContain('?product=');
		expect(UNNAMED_UNSUBSCRIPTION_NOTE.match(/[.!?](\s|$)/g)).toHaveLength(1);
	});

	it('is filtered out when the URL names a product whose unsubscription is not selected', () => {
		expect(
			parse(body(), { query: { product: 'whatsapp' }, events: ['sms:unsubscription'] }),
		).toEqual({ items: [], skipped: 1 });
		expect(
			parse(body(), { query: { product: 'whatsapp' }, events: ['whatsapp:message:in'] }),
		).toEqual({ items: [], skipped: 1 });
	});

	it('wins over a selection that includes its product', () => {
		const events = ['sms:unsubscription', 'whatsapp:unsubscription', 'rcs:message:in'];
		const item = only(parse(body(), { query: { product: 'whatsapp' }, events }));
		expect(item).toMatchObject({ event: 'whatsapp:unsubscription', valid: true });
		expect(item.ambiguousEvents).toBeUndefined();
		expect(
			only(parse(body(), { query: { product: 'rcs' }, events: [...MOBTEXTING_EVENTS] })).event,
		).toBe('rcs:unsubscription');
	});

	it('does not change items that name their event or have a single one', () => {
		const query = { product: 'whatsapp' };
		const wrapped = { event: 'viber:unsubscription', payload: mob('viber-unsubscription') };
		expect(only(parse(wrapped, { query }))).toEqual(only(parse(wrapped)));
		for (const name of ['sms-delivery-report', 'voice-call-record', 'rcs-message-status']) {
			expect(only(parse(mob(name), { query }))).toEqual(only(parse(mob(name))));
		}
		expect(only(parse(mob('sms-delivery-report'), { query: { product: 'fax' } })).notes).toBe(
			undefined,
		);
	});

	it("reaches the parser through the descriptor, and the Events filter's description says how", () => {
		const result = MOBTEXTING.parser.parseDelivery(
			{ method: 'POST', headers: {}, query: { product: 'viber' }, body: body() },
			{ includeRawBody: false, filters: {}, timeZone: 'UTC' },
		);
		expect(result.items[0]).toMatchObject({
			event: 'viber:unsubscription',
			normalized: { channel: 'viber' },
		});
		const events = MOBTEXTING.filters.find((filter) => filter.name === 'events');
		expect(events?.description).toContain('?product=whatsapp');
		expect(events?.description).toMatch(/sms, rcs, voice, viber/);
		expect(events?.description).toContain('exactly one *:unsubscription event');
		expect(events?.description.match(/[.!?](\s|$)/g)?.length).toBeLessThanOrEqual(2);
	});
});

describe('MOBtexting event filter', () => {
	const all = () =>
		[
			'sms-delivery-report',
			'whatsapp-message-in-text',
			'rcs-message-status',
			'voice-call-record',
			'viber-message-in-image',
			'vmn-message-in',
			'contact-subscriber-created',
		].map(mob);

	it('keeps the selected events and skips the other recognised ones', () => {
		const result = parse(all(), {
			events: ['whatsapp:message:in', 'contacts:subscriber:subscription', 'voice:message:out'],
		});
		expect(checked(result).map((item) => item.event)).toEqual([
			'whatsapp:message:in',
			'voice:message:out',
			'contacts:subscriber:subscription',
		]);
		expect(result.skipped).toBe(4);
	});

	it('keeps everything with no selection or with every event selected', () => {
		expect(parse(all()).items).toHaveLength(7);
		expect(parse(all(), { events: [...MOBTEXTING_EVENTS] }).skipped).toBe(0);
	});
});

describe('MOBtexting handshake token', () => {
	const handshake = { validation_key: 'vk-123', challenge: 'c-987' };

	it('is answered when the token matches the configured validation key, or when none is configured', () => {
		expect(verifyMobtextingHandshake({ token: 'vk-123' }, handshake, 'vk-123')).toEqual({
			ok: true,
		});
		expect(verifyMobtextingHandshake({ token: ['vk-123'] }, { challenge: 'c' }, 'vk-123')).toEqual({
			ok: true,
		});
		expect(verifyMobtextingHandshake({}, handshake, 'vk-123')).toEqual({ ok: true });
		expect(verifyMobtextingHandshake({ token: 'anything' }, { challenge: 'c' }, undefined)).toEqual(
			{ ok: true },
		);
		expect(verifyMobtextingHandshake({}, { challenge: 'c' }, '')).toEqual({ ok: true });
	});

	it('is refused when a configured key is missing or differs, in the query or the body', () => {
		expect(verifyMobtextingHandshake({}, { challenge: 'echo me' }, 'vk-123').ok).toBe(false);
		expect(
			verifyMobtextingHandshake({ token: 'vk-124' }, { challenge: 'echo me' }, 'vk-123').ok,
		).toBe(false);
		expect(
			verifyMobtextingHandshake(
				{ token: 'vk-123' },
				{ validation_key: 'other', challenge: 'echo me' },
				'vk-123',
			).ok,
		).toBe(false);
		expect(verifyMobtextingHandshake({ token: 'other' }, handshake, 'vk-123').ok).toBe(false);
	});
});

describe('MOBtexting handshake', () => {
	const handshake = { validation_key: 'vk-123', challenge: 'c-987' };

	it('recognises the validation request and answers with the challenge', () => {
		expect(isMobtextingHandshake({ token: 'vk-123' }, handshake)).toBe(true);
		expect(isMobtextingHandshake({}, handshake)).toBe(true);
		expect(isMobtextingHandshake({ token: 'vk-123' }, { challenge: 'c-987' })).toBe(true);
		expect(handshakeResponse(handshake)).toEqual({ challenge: 'c-987' });
	});

	it('does not take a number challenge for a handshake: only a string is echoed', () => {
		expect(isMobtextingHandshake({ token: 'vk' }, { validation_key: 'vk', challenge: 12345 })).toBe(
			false,
		);
		expect(handshakeResponse({ validation_key: 'vk', challenge: 12345 })).toEqual({
			challenge: null,
		});
	});

	it('does not take events or bodies without a challenge for a handshake', () => {
		expect(isMobtextingHandshake({}, { challenge: 'x' })).toBe(false);
		expect(isMobtextingHandshake({ token: 'k' }, { validation_key: 'k' })).toBe(false);
		expect(isMobtextingHandshake({ token: 'k' }, mob('whatsapp-message-status'))).toBe(false);
		expect(isMobtextingHandshake({ token: 'k' }, { event: 'x', challenge: 'c' })).toBe(false);
		expect(isMobtextingHandshake(undefined, 'challenge')).toBe(false);
		expect(handshakeResponse('nonsense')).toEqual({ challenge: null });
	});

	it('produces no item for a handshake body', () => {
		expect(parse(handshake)).toEqual({ items: [], skipped: 0 });
	});
});

describe('MOBtexting flagged bodies and delivery key', () => {
	it('carries the raw body when asked', () => {
		expect(only(parse(mob('vmn-message-in'), { includeRawBody: true })).rawBody).toEqual(
			mob('vmn-message-in'),
		);
	});

	it('keys the same body alike and different bodies apart', () => {
		const key = only(parse(mob('whatsapp-message-status'))).normalized.deliveryKey;
		expect(only(parse(mob('whatsapp-message-status'))).normalized.deliveryKey).toBe(key);
		expect(only(parse(mob('whatsapp-message-status-delivered'))).normalized.deliveryKey).not.toBe(
			key,
		);
		expect(only(parse(mob('rcs-unsubscription'))).normalized.deliveryKey).not.toBe(
			only(parse(mob('viber-unsubscription'))).normalized.deliveryKey,
		);
	});
});

describe('verifyMobtextingSecret', () => {
	it('accepts the configured Bearer secret', () => {
		expect(
			verifyMobtextingSecret({ authorization: 'Bearer mob-secret-1' }, 'mob-secret-1'),
		).toEqual({ ok: true });
		expect(
			verifyMobtextingSecret({ Authorization: 'bearer mob-secret-1' }, 'mob-secret-1'),
		).toEqual({ ok: true });
	});

	it('refuses a missing, wrong or foreign secret, and fails closed without one configured', () => {
		expect(verifyMobtextingSecret({}, 'mob-secret-1').ok).toBe(false);
		expect(verifyMobtextingSecret({ authorization: 'Bearer nope' }, 'mob-secret-1').ok).toBe(false);
		expect(
			verifyMobtextingSecret({ authorization: 'Bearer wakit-token-2' }, 'mob-secret-1').ok,
		).toBe(false);
		expect(verifyMobtextingSecret({ authorization: 'mob-secret-1' }, 'mob-secret-1').ok).toBe(
			false,
		);
		expect(verifyMobtextingSecret({ authorization: 'Bearer mob-secret-1' }, undefined).ok).toBe(
			false,
		);
	});
});
