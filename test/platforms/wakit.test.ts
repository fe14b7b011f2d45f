import { deliveryKey } from '../../nodes/shared/core/normalized';
import { parseWakitDelivery, type WakitParseOptions } from '../../nodes/Wakit/core/parse';
import { verifyWakitToken } from '../../nodes/Wakit/core/authentication';
import { latestStatus } from '../../nodes/Wakit/core/status';
import { checked, fixture, only } from './helpers';

const parse = (body: unknown, options: Partial<WakitParseOptions> = {}) =>
	parseWakitDelivery(body, { includeRawBody: false, ...options });
const wakit = (name: string) => fixture('wakit', name);
const NO_CONTACT = { id: null, phone: null, name: null, email: null };
const CONVERSATION_ID = 'c9e2f1a3-8b7d-4e5f-a123-456789abcdef';
const FIXTURES = [
	'message-insert-incoming',
	'message-insert-outgoing-agent',
	'message-update-delivered-read',
	'conversation-insert',
	'conversation-update-closed',
];

describe('wakit messages', () => {
	it('reads a new incoming message', () => {
		const body = wakit('message-insert-incoming');
		const item = only(parse(body));
		expect(item).toEqual({
			event: 'messages/insert',
			data: body.data,
			entity: 'messages',
			action: 'insert',
			sender: 'contact',
			latestStatus: 'pending',
			// the AI Agent's and Simple Memory's defaults (agentInput.ts)
			chatInput: 'Hello!',
			sessionId: 'wakit:c9e2f1a3-8b7d-4e5f-a123-456789abcdef',
			valid: true,
			normalized: {
				platform: 'wakit',
				event: 'messages/insert',
				kind: 'message.received',
				channel: 'whatsapp',
				messageId: 'a4a8f56f-4570-47e2-bc2a-2f0d7db288b1',
				conversationId: CONVERSATION_ID,
				contact: { ...NO_CONTACT, phone: '5215588392274' },
				text: 'Hello!',
				media: null,
				status: 'pending',
				timestamp: '2026-05-06T03:39:23.000Z',
				deliveryKey: deliveryKey('wakit', body),
			},
		});
	});

	it('reads an outgoing message written by the AI agent', () => {
		const body = wakit('message-insert-outgoing-agent');
		const item = only(parse(body));
		expect(item).toMatchObject({
			valid: true,
			event: 'messages/insert',
			sender: 'agent',
			latestStatus: 'pending',
			data: body.data,
		});
		expect(item.normalized).toEqual({
			platform: 'wakit',
			event: 'messages/insert',
			kind: 'message.sent',
			channel: null,
			messageId: 'b5b9f67g-5681-58f3-cd3b-3g1e8ec399c2',
			conversationId: CONVERSATION_ID,
			contact: NO_CONTACT,
			text: 'Hi! How can I help you today?',
			media: null,
			status: 'pending',
			timestamp: '2026-05-06T03:39:25.000Z',
			deliveryKey: deliveryKey('wakit', body),
		});
	});

	it('calls an outgoing message without agent_id "business" and takes its recipient as the contact', () => {
		const body = wakit('message-insert-outgoing-agent');
		delete body.data.agent_id;
		body.data.to = '5215588392274';
		const item = only(parse(body));
		expect(item.sender).toBe('business');
		expect(item.normalized.contact.phone).toBe('5215588392274');
	});

	it('reads the delivered-and-read update: the newest state wins, nothing invented', () => {
		const body = wakit('message-update-delivered-read');
		const item = only(parse(body));
		expect(item).toEqual({
			event: 'messages/update',
			data: body.data,
			entity: 'messages',
			action: 'update',
			latestStatus: 'read',
			// a status update is nothing the contact said, and names no conversation
			chatInput: null,
			sessionId: null,
			valid: true,
			normalized: {
				platform: 'wakit',
				event: 'messages/update',
				kind: 'message.status',
				channel: null,
				messageId: 'b5b9f67g-5681-58f3-cd3b-3g1e8ec399c2',
				conversationId: null,
				contact: NO_CONTACT,
				text: null,
				media: null,
				status: 'read',
				timestamp: '2026-05-06T03:39:35.000Z',
				deliveryKey: deliveryKey('wakit', body),
			},
		});
		const data = item.data as Record<string, unknown>;
		for (const absent of [
			'conversation_id',
			'direction',
			'content',
			'from',
			'created_at',
			'agent_id',
		])
			expect(absent in data).toBe(false);
		expect('sender' in item).toBe(false);
	});

	it('keeps a partial update with neither status nor direction as it is', () => {
		const item = only(
			parse({
				data: { id: 'm1', content: { type: 'text', text: { body: 'edited' } } },
				entity: 'messages',
				action: 'update',
			}),
		);
		expect(item.valid).toBe(true);
		expect(item.data).toEqual({ id: 'm1', content: { type: 'text', text: { body: 'edited' } } });
		expect('latestStatus' in item).toBe(false);
		expect(item.normalized).toMatchObject({
			kind: 'message.status',
			status: null,
			timestamp: null,
			text: 'edited',
			conversationId: null,
		});
	});

	it('reads WhatsApp-style media content', () => {
		const body = wakit('message-insert-incoming');
		body.data.content = {
			type: 'image',
			image: { link: 'https://cdn.example/p.jpg', caption: 'receipt' },
		};
		const item = only(parse(body));
		expect(item.normalized.media).toEqual({
			type: 'image',
			url: 'https://cdn.example/p.jpg',
			caption: 'receipt',
		});
		expect(item.normalized.text).toBeNull();
	});
});

describe('wakit latest status', () => {
	it('takes the state with the newest timestamp, whatever the key order', () => {
		expect(
			latestStatus({
				read: '2026-05-06T03:39:35+00:00',
				pending: '2026-05-06T03:39:25+00:00',
				sent: '2026-05-06T03:39:26+00:00',
			}),
		).toEqual({
			state: 'read',
			at: '2026-05-06T03:39:35.000Z',
		});
	});

	it('breaks a same-second tie by the later state in a message life, then by key order', () => {
		expect(
			latestStatus({ delivered: '2026-05-06T03:39:27Z', sent: '2026-05-06T03:39:27Z' })?.state,
		).toBe('delivered');
		expect(
			latestStatus({ played: '2026-05-06T03:39:27Z', custom: '2026-05-06T03:39:27Z' })?.state,
		).toBe('custom');
	});

	it('reads RFC 1123, SQL-style and microsecond times, and keeps undocumented states', () => {
		expect(
			latestStatus({
				sent: 'Wed, 06 May 2026 03:39:26 GMT',
				failed: '2026-05-06 03:39:40',
				pending: '2026-05-06T03:39:25.123456Z',
			}),
		).toEqual({
			state: 'failed',
			at: '2026-05-06T03:39:40.000Z',
		});
		expect(
			latestStatus({ sent: '2026-05-06T03:39:26Z', played: '2026-05-06T03:40:00Z' })?.state,
		).toBe('played');
	});

	it('falls back to the last state when no time is readable, and reads a bare state string', () => {
		expect(latestStatus({ pending: 'soon', sent: null })).toEqual({ state: 'sent', at: null });
		expect(latestStatus(' Delivered ')).toEqual({ state: 'delivered', at: null });
		expect(latestStatus({})).toBeNull();
		expect(latestStatus(undefined)).toBeNull();
	});

	it('reports the latest state in the item and in normalized', () => {
		const body = wakit('message-update-delivered-read');
		body.data.status = { sent: '2026-05-06T03:39:26+00:00', failed: '2026-05-06T03:39:50+00:00' };
		const item = only(parse(body));
		expect(item.latestStatus).toBe('failed');
		expect(item.normalized).toMatchObject({
			status: 'failed',
			timestamp: '2026-05-06T03:39:50.000Z',
		});
	});
});

describe('wakit conversations', () => {
	it('reads a new conversation as opened', () => {
		const body = wakit('conversation-insert');
		const item = only(parse(body));
		expect(item).toEqual({
			event: 'conversations/insert',
			data: body.data,
			entity: 'conversations',
			action: 'insert',
			chatInput: null,
			sessionId: 'wakit:c9e2f1a3-8b7d-4e5f-a123-456789abcdef',
			valid: true,
			normalized: {
				platform: 'wakit',
				event: 'conversations/insert',
				kind: 'conversation.opened',
				channel: 'whatsapp',
				messageId: null,
				conversationId: CONVERSATION_ID,
				contact: { ...NO_CONTACT, phone: '5215588392274' },
				text: null,
				media: null,
				status: 'open',
				timestamp: '2026-05-06T03:39:23.000Z',
				deliveryKey: deliveryKey('wakit', body),
			},
		});
	});

	it('reads the closing update, partial as it is', () => {
		const body = wakit('conversation-update-closed');
		const item = only(parse(body));
		expect(item).toMatchObject({
			valid: true,
			event: 'conversations/update',
			data: { id: CONVERSATION_ID, status: 'closed', updated_at: '2026-05-07T03:39:23+00:00' },
		});
		expect(Object.keys(item.data as object)).toEqual(['id', 'status', 'updated_at']);
		expect(item.normalized).toEqual({
			platform: 'wakit',
			event: 'conversations/update',
			kind: 'conversation.closed',
			channel: null,
			messageId: null,
			conversationId: CONVERSATION_ID,
			contact: NO_CONTACT,
			text: null,
			media: null,
			status: 'closed',
			timestamp: '2026-05-07T03:39:23.000Z',
			deliveryKey: deliveryKey('wakit', body),
		});
	});

	it('calls other conversation updates (reopened, reassigned) opened, telling them apart by event', () => {
		const reopened = only(
			parse({ data: { id: 'c1', status: 'open' }, entity: 'conversations', action: 'update' }),
		);
		expect(reopened.normalized).toMatchObject({
			kind: 'conversation.opened',
			event: 'conversations/update',
			status: 'open',
		});
		const reassigned = only(
			parse({ data: { id: 'c1', assignee: 'u2' }, entity: 'conversations', action: 'update' }),
		);
		expect(reassigned).toMatchObject({ valid: true, data: { id: 'c1', assignee: 'u2' } });
		expect(reassigned.normalized).toMatchObject({
			kind: 'conversation.opened',
			status: null,
			timestamp: null,
		});
	});
});

describe('wakit filters', () => {
	const all = () => FIXTURES.map(wakit);

	it('filters by entity and by action', () => {
		const messages = parse(all(), { entities: ['messages'] });
		expect(checked(messages).map((item) => item.event)).toEqual([
			'messages/insert',
			'messages/insert',
			'messages/update',
		]);
		expect(messages.skipped).toBe(2);
		const updates = parse(all(), { actions: ['update'] });
		expect(checked(updates).map((item) => item.event)).toEqual([
			'messages/update',
			'conversations/update',
		]);
		expect(updates.skipped).toBe(3);
		expect(
			parse(all(), { entities: ['conversations'], actions: ['insert'] }).items.map(
				(item) => item.event,
			),
		).toEqual(['conversations/insert']);
	});

	it('filters by direction, letting rows without one (status updates, conversations) through', () => {
		const outgoing = parse(all(), { directions: ['outgoing'] });
		expect(checked(outgoing).map((item) => item.event)).toEqual([
			'messages/insert',
			'messages/update',
			'conversations/insert',
			'conversations/update',
		]);
		expect(outgoing.items[0].sender).toBe('agent');
		expect(outgoing.skipped).toBe(1);
		const incoming = parse(all(), { directions: ['incoming'], entities: ['messages'] });
		expect(checked(incoming).map((item) => item.latestStatus)).toEqual(['pending', 'read']);
		expect(incoming.skipped).toBe(3);
	});

	it('treats empty selections as everything and never filters out unknown entities', () => {
		expect(parse(all(), { entities: [], actions: [], directions: [] }).items).toHaveLength(5);
		const unknown = parse(
			{ data: { id: 'x' }, entity: 'contacts', action: 'insert' },
			{ entities: ['messages'] },
		);
		expect(only(unknown)).toMatchObject({
			valid: false,
			event: 'contacts/insert',
			problems: ['unknown wakit event "contacts/insert"'],
		});
	});
});

describe('wakit flagged deliveries', () => {
	it('tolerates whitespace and case in entity and action, keeping them as sent', () => {
		const body = wakit('message-insert-incoming');
		body.entity = ' Messages ';
		body.action = 'INSERT\n';
		const item = only(parse(body));
		expect(item).toMatchObject({
			valid: true,
			event: 'messages/insert',
			entity: ' Messages ',
			action: 'INSERT\n',
		});
	});

	it('flags a message insert missing its direction, and a delivery whose data is not an object', () => {
		const body = wakit('message-insert-incoming');
		delete body.data.direction;
		const item = only(parse(body));
		expect(item).toMatchObject({
			valid: false,
			event: 'messages/insert',
			normalized: { kind: 'unknown' },
			rawBody: body,
		});
		expect(item.problems).toEqual([expect.stringMatching(/^data\.direction: /)]);
		const noData = only(parse({ entity: 'conversations', action: 'update', data: 'closed' }));
		expect(noData).toMatchObject({
			valid: false,
			event: 'conversations/update',
			normalized: { kind: 'conversation.opened' },
		});
		expect(noData.problems).toEqual([expect.stringMatching(/^data: /)]);
	});

	it('keeps the readable kind of an invalid closing update', () => {
		const item = only(
			parse({ entity: 'conversations', action: 'update', data: { status: 'closed' } }),
		);
		expect(item).toMatchObject({ valid: false, normalized: { kind: 'conversation.closed' } });
		expect(item.problems).toEqual([expect.stringMatching(/^data\.id: /)]);
	});

	it('flags a body without entity and action', () => {
		expect(only(parse({ hello: 1 }))).toMatchObject({
			valid: false,
			event: 'unknown',
			normalized: { kind: 'unknown' },
		});
	});

	it('carries the raw body when asked, and keys the same body alike and different bodies apart', () => {
		const item = only(parse(wakit('conversation-insert'), { includeRawBody: true }));
		expect(item.rawBody).toEqual(wakit('conversation-insert'));
		expect(only(parse(wakit('conversation-insert'))).normalized.deliveryKey).toBe(
			item.normalized.deliveryKey,
		);
		expect(only(parse(wakit('conversation-update-closed'))).normalized.deliveryKey).not.toBe(
			item.normalized.deliveryKey,
		);
	});
});

describe('verifyWakitToken', () => {
	it('accepts the configured Bearer token', () => {
		expect(verifyWakitToken({ authorization: 'Bearer wk_live_token' }, 'wk_live_token')).toEqual({
			ok: true,
		});
	});

	it('refuses a missing, wrong or foreign token, and fails closed without one configured', () => {
		expect(verifyWakitToken({}, 'wk_live_token').ok).toBe(false);
		expect(verifyWakitToken({ authorization: 'Bearer wk_live_other' }, 'wk_live_token').ok).toBe(
			false,
		);
		expect(verifyWakitToken({ authorization: 'Bearer mob-secret-1' }, 'wk_live_token').ok).toBe(
			false,
		);
		expect(verifyWakitToken({ authorization: 'Basic d2s6dG9rZW4=' }, 'wk_live_token').ok).toBe(
			false,
		);
		expect(verifyWakitToken({ authorization: 'Bearer wk_live_token' }, '').ok).toBe(false);
	});
});
