import { createHmac } from 'node:crypto';

import { deliveryKey } from '../../nodes/shared/core/normalized';
import { parseOneRouteDelivery } from '../../nodes/OneRoute/core/parse';
import { verifyOneRouteSignature } from '../../nodes/OneRoute/core/authentication';
import { checked, expectPrototypeUntouched, fixture, only } from './helpers';

const parse = (body: unknown, includeRawBody = false) =>
	parseOneRouteDelivery(body, { includeRawBody });
const newMessage = () => fixture('oneroute', 'new-message-text');

describe('OneRoute newMessage', () => {
	it('turns the documented example into one item with the message and the conversation', () => {
		const result = parse(newMessage());
		expect(result.skipped).toBe(0);
		const item = only(result);
		expect(item.valid).toBe(true);
		expect(item.problems).toBeUndefined();
		expect(item.rawBody).toBeUndefined();
		expect(item.event).toBe('newMessage');
		expect(item.message).toEqual({
			sender: { name: 'Message Sender', authUser: false, lastActivity: '2022-01-29T07:27:52.676Z' },
			externalId: null,
			content: 'Hello World!',
			contentType: 'TEXT',
			imageUrl: null,
			videoUrl: null,
			documentUrl: null,
			audioUrl: null,
			quoted_message_id: null,
			conversation_id: 'bf9d96d9-e495-489a-a22a-206b0ea44d90',
		});
		const conversation = item.conversation as Record<string, any>;
		expect(conversation.status).toBe('in-queue');
		expect(conversation.customer).toEqual({ name: 'Customer name', email: 'customer@mail.com' });
		expect(conversation.country).toBe('NG');
		expect(conversation.Channel.medium).toBe('WHATSAPP');
		expect(conversation.Channel.name).toBe('Channel name');
		expect(conversation.Channel.webhookUrl).toBe('https://webhook.url');
		expect('credentials' in conversation.Channel).toBe(false);
	});

	it('normalizes every field of a customer message', () => {
		const item = only(parse(newMessage()));
		expect(item.normalized).toEqual({
			platform: 'oneroute',
			event: 'newMessage',
			kind: 'message.received',
			channel: 'whatsapp',
			messageId: null,
			conversationId: 'bf9d96d9-e495-489a-a22a-206b0ea44d90',
			contact: { id: null, phone: null, name: 'Customer name', email: 'customer@mail.com' },
			text: 'Hello World!',
			media: null,
			status: null,
			timestamp: '2022-01-29T07:27:52.793Z',
			deliveryKey: deliveryKey('oneroute', newMessage()),
		});
	});

	it('calls a message from an auth user (an agent) message.sent', () => {
		const body = newMessage();
		body.message.sender.authUser = true;
		expect(only(parse(body)).normalized.kind).toBe('message.sent');
	});

	it('takes the message id from message.id, else externalId', () => {
		const body = newMessage();
		body.message.externalId = 'wamid.EXTERNAL';
		expect(only(parse(body)).normalized.messageId).toBe('wamid.EXTERNAL');
		body.message.id = 1234;
		expect(only(parse(body)).normalized.messageId).toBe('1234');
	});

	it.each([
		['IMAGE', 'imageUrl', 'image'],
		['VIDEO', 'videoUrl', 'video'],
		['DOCUMENT', 'documentUrl', 'document'],
		['AUDIO', 'audioUrl', 'audio'],
	])('reads a %s message from %s', (contentType, field, type) => {
		const body = newMessage();
		body.message.contentType = contentType;
		body.message[field] = `https://cdn.example/${type}`;
		body.message.content = 'a caption';
		const item = only(parse(body));
		expect(item.normalized.media).toEqual({
			type,
			url: `https://cdn.example/${type}`,
			caption: 'a caption',
		});
		expect(item.normalized.text).toBe('a caption');
		expect((item.message as Record<string, unknown>)[field]).toBe(`https://cdn.example/${type}`);
	});

	it('prefers the URL matching contentType, and falls back to the URL that is set', () => {
		const body = newMessage();
		body.message.contentType = 'AUDIO';
		body.message.imageUrl = 'https://cdn.example/thumb.png';
		body.message.audioUrl = 'https://cdn.example/voice.ogg';
		body.message.content = null;
		expect(only(parse(body)).normalized.media).toEqual({
			type: 'audio',
			url: 'https://cdn.example/voice.ogg',
			caption: null,
		});
		const withoutType = newMessage();
		withoutType.message.contentType = 'TEXT';
		withoutType.message.videoUrl = ' https://cdn.example/clip.mp4 ';
		expect(only(parse(withoutType)).normalized.media).toEqual({
			type: 'video',
			url: 'https://cdn.example/clip.mp4',
			caption: 'Hello World!',
		});
	});

	it('lower-cases the channel medium, and leaves it null without a Channel', () => {
		const body = newMessage();
		body.conversation.Channel.medium = 'INSTAGRAM';
		expect(only(parse(body)).normalized.channel).toBe('instagram');
		body.conversation.Channel = null;
		const item = only(parse(body));
		expect(item.valid).toBe(true);
		expect(item.normalized.channel).toBeNull();
	});

	it('tolerates stray whitespace in the event name, extra fields and other date formats', () => {
		const body = newMessage();
		body.event = '  newMessage \n';
		body.message.reactions = ['👍'];
		body.workspaceId = 'ws-1';
		body.conversation.status = 'snoozed';
		body.conversation.lastMessageAt = 'Sat, 29 Jan 2022 07:27:52 GMT';
		const item = only(parse(body));
		expect(item.valid).toBe(true);
		expect(item.event).toBe('newMessage');
		expect(item.normalized.event).toBe('newMessage');
		expect((item.message as Record<string, unknown>).reactions).toEqual(['👍']);
		expect(item.workspaceId).toBe('ws-1');
		expect((item.conversation as Record<string, unknown>).status).toBe('snoozed');
		expect((item.conversation as Record<string, unknown>).lastMessageAt).toBe(
			'Sat, 29 Jan 2022 07:27:52 GMT',
		);
		expect(item.normalized.timestamp).toBe('2022-01-29T07:27:52.000Z');
	});

	it('falls back to the sender activity time when the conversation has no lastMessageAt', () => {
		const body = newMessage();
		delete body.conversation.lastMessageAt;
		body.message.sender.lastActivity = '2022-01-29 07:27:52.676';
		expect(only(parse(body)).normalized.timestamp).toBe('2022-01-29T07:27:52.676Z');
	});

	it('reads customer id and phone when OneRoute sends them', () => {
		const body = newMessage();
		body.conversation.customer = { id: 'cus_1', name: ' Ada ', phone: '+2348000000000', email: '' };
		expect(only(parse(body)).normalized.contact).toEqual({
			id: 'cus_1',
			phone: '+2348000000000',
			name: 'Ada',
			email: null,
		});
	});
});

describe('OneRoute credentials', () => {
	const withSecrets = () => {
		const body = newMessage();
		body.conversation.Channel.credentials = {
			apiKey: 'sk_live_SECRET_123456',
			password: 'hunter2hunter2',
		};
		body.conversation.Channel.api_key = 'ak_SECRET_abcdef';
		body.conversation.Channel.token = 'tok_SECRET_ghijkl';
		return body;
	};

	it('drops credential fields from the item and masks them in rawBody, leaving the input untouched', () => {
		const body = withSecrets();
		const item = only(parse(body, true));
		const channel = (item.conversation as Record<string, any>).Channel;
		expect(Object.keys(channel)).not.toEqual(expect.arrayContaining(['credentials']));
		expect(channel.credentials).toBeUndefined();
		expect(channel.api_key).toBeUndefined();
		expect(channel.token).toBeUndefined();
		expect(channel.identifier).toBe('Identifier');
		const raw = item.rawBody as Record<string, any>;
		expect(raw.conversation.Channel.credentials).toBe('[removed]');
		expect(raw.conversation.Channel.api_key).toBe('[removed]');
		expect(raw.conversation.Channel.token).toBe('[removed]');
		expect(raw.conversation.Channel.medium).toBe('WHATSAPP');
		expect(raw.message).toEqual(body.message);
		expect(JSON.stringify(item)).not.toContain('SECRET');
		expect(JSON.stringify(item)).not.toContain('hunter2');
		expect(body.conversation.Channel.credentials.apiKey).toBe('sk_live_SECRET_123456');
	});

	it('masks the documented null credentials too', () => {
		const item = only(parse(newMessage(), true));
		expect((item.rawBody as Record<string, any>).conversation.Channel.credentials).toBe(
			'[removed]',
		);
	});

	it('masks credentials in the raw body of a flagged delivery', () => {
		const invalid = withSecrets();
		delete invalid.conversation.id;
		const unknownEvent = withSecrets();
		unknownEvent.event = 'conversationClosed';
		for (const body of [invalid, unknownEvent, [withSecrets(), 'junk']]) {
			const items = checked(parse(body));
			expect(items.some((item) => item.valid === false)).toBe(true);
			expect(JSON.stringify(items)).not.toContain('SECRET');
		}
	});
});

describe('OneRoute flagged deliveries', () => {
	it('flags a newMessage that fails its schema, keeping the body and the readable kind', () => {
		const body = newMessage();
		delete body.conversation.id;
		body.message.content = 42;
		const item = only(parse(body));
		expect(item.valid).toBe(false);
		expect(item.problems).toEqual(
			expect.arrayContaining([
				expect.stringContaining('conversation.id'),
				expect.stringContaining('message.content'),
			]),
		);
		expect(item.event).toBe('newMessage');
		expect(item.normalized.kind).toBe('message.received');
		expect((item.rawBody as Record<string, any>).message.content).toBe(42);
	});

	it('flags an unknown event and a body without event name as kind unknown', () => {
		const other = only(parse({ event: 'conversationClosed', conversation: { id: 'c1' } }));
		expect(other).toMatchObject({
			valid: false,
			event: 'conversationClosed',
			problems: ['unknown OneRoute event "conversationClosed"'],
		});
		const huge = only(parse({ event: 'e'.repeat(100_000) }));
		expect(huge.problems![0].length).toBeLessThan(200);
		expect(other.normalized).toMatchObject({
			event: 'conversationClosed',
			kind: 'unknown',
			channel: null,
			messageId: null,
		});
		const nameless = only(parse({ message: {} }));
		expect(nameless).toMatchObject({
			valid: false,
			event: 'unknown',
			problems: ['the body has no event name'],
			rawBody: { message: {} },
		});
		expect(nameless.normalized.kind).toBe('unknown');
	});

	it('flags an empty array, and reads each element of a batch', () => {
		expect(only(parse([]))).toMatchObject({
			valid: false,
			problems: ['the body is an empty array'],
			rawBody: [],
		});
		const items = checked(parse([newMessage(), 7]));
		expect(items.map((item) => item.valid)).toEqual([true, false]);
		expect(items[1].problems).toEqual([
			'element 1 of the body is not a JSON object (got a number)',
		]);
	});

	it('keeps a __proto__ key out of the parsed fields without polluting anything, and flags it', () => {
		const body = JSON.parse(
			JSON.stringify(newMessage()).replace(
				'"content":',
				'"__proto__":{"polluted":true},"content":',
			),
		);
		const item = only(parse(body));
		// renamed in rawBody and listed in problems: n8n's deepCopy would make it a prototype
		expect(item.valid).toBe(false);
		expect(item.problems).toEqual([
			expect.stringMatching(/^message\.__proto__: renamed "_proto_key"/),
		]);
		expect(Object.keys(item.message as object)).not.toContain('__proto__');
		expect((item.rawBody as { message: object }).message).toHaveProperty('_proto_key', {
			polluted: true,
		});
		expectPrototypeUntouched();
	});
});

describe('OneRoute delivery key', () => {
	const deepValue = (depth: number, leaf: string) => {
		let value: Record<string, unknown> = { leaf };
		for (let i = 0; i < depth; i += 1) value = { inner: value };
		return value;
	};

	it('still keys a valid delivery that carries a pathologically deep extra field', () => {
		const body = newMessage();
		body.message.metadata = deepValue(20000, 'a');
		const first = only(parse(body));
		expect(first.valid).toBe(true);
		expect(first.normalized.deliveryKey).toMatch(/^[0-9a-f]{32}$/);
		expect(only(parse(body)).normalized.deliveryKey).toBe(first.normalized.deliveryKey);
		const other = newMessage();
		other.message.metadata = deepValue(20000, 'a');
		other.message.content = 'different';
		expect(only(parse(other)).normalized.deliveryKey).not.toBe(first.normalized.deliveryKey);
	});

	it('is the same for the same body and differs between bodies', () => {
		const first = only(parse(newMessage())).normalized.deliveryKey;
		expect(only(parse(newMessage())).normalized.deliveryKey).toBe(first);
		const other = newMessage();
		other.message.content = 'Hello again';
		expect(only(parse(other)).normalized.deliveryKey).not.toBe(first);
	});
});

describe('verifyOneRouteSignature', () => {
	const secret = 'oneroute-signing-secret';
	const body = newMessage();
	const raw = JSON.stringify(body, null, 2);
	const sign = (payload: string, key = secret) =>
		createHmac('sha512', key).update(payload).digest('hex');

	it('accepts the HMAC-SHA512 of the raw body, in any header casing and hex case', () => {
		expect(
			verifyOneRouteSignature({ 'x-oneroute-signature': sign(raw) }, secret, raw, body),
		).toEqual({ ok: true });
		expect(
			verifyOneRouteSignature(
				{ 'X-OneRoute-Signature': sign(raw).toUpperCase() },
				secret,
				Buffer.from(raw),
				body,
			),
		).toEqual({ ok: true });
	});

	it('falls back to the re-serialized body when the raw bytes were re-encoded or are missing', () => {
		const compactSignature = sign(JSON.stringify(body));
		expect(
			verifyOneRouteSignature({ 'x-oneroute-signature': compactSignature }, secret, raw, body),
		).toEqual({ ok: true });
		expect(
			verifyOneRouteSignature(
				{ 'x-oneroute-signature': compactSignature },
				secret,
				undefined,
				body,
			),
		).toEqual({ ok: true });
	});

	it('refuses a missing, wrong or foreign signature, a tampered body and an unconfigured secret', () => {
		const refuse = (
			headers: Record<string, string>,
			key: string | undefined,
			rawBody: string,
			parsed: unknown,
		) => expect(verifyOneRouteSignature(headers, key, rawBody, parsed).ok).toBe(false);
		refuse({}, secret, raw, body);
		refuse({ 'x-oneroute-signature': '' }, secret, raw, body);
		refuse({ 'x-oneroute-signature': 'deadbeef' }, secret, raw, body);
		refuse({ 'x-oneroute-signature': sign(raw, 'another-secret') }, secret, raw, body);
		refuse(
			{ 'x-oneroute-signature': createHmac('sha256', secret).update(raw).digest('hex') },
			secret,
			raw,
			body,
		);
		refuse(
			{ 'x-oneroute-signature': sign(raw) },
			secret,
			raw.replace('Hello World!', 'Hello World?'),
			{ ...body, tampered: true },
		);
		refuse({ 'x-oneroute-signature': sign(raw) }, undefined, raw, body);
		refuse({ 'x-oneroute-signature': sign(raw) }, '', raw, body);
	});

	it('refuses instead of throwing when the parsed body cannot be serialized', () => {
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(
			verifyOneRouteSignature({ 'x-oneroute-signature': 'ab' }, secret, undefined, circular).ok,
		).toBe(false);
	});
});
