import { normalizedSchema } from '../../nodes/shared/core/normalizedSchema';
import { isEventSelected, parseBcrumbsDelivery } from '../../nodes/Bcrumbs/core/parse';
import { exampleEvent } from '../../sandbox';

const ALL = ['ANY_EVENT', 'MESSAGE_UPDATED_SMPP'];
const post = (body: unknown, selectedEvents: string[] = ALL, includeRawBody = false) =>
	parseBcrumbsDelivery({ method: 'POST', body, query: {} }, { selectedEvents, includeRawBody });
const get = (query: Record<string, unknown>, selectedEvents: string[] = ALL) =>
	parseBcrumbsDelivery(
		{ method: 'GET', body: {}, query },
		{ selectedEvents, includeRawBody: false },
	);
const only = (result: ReturnType<typeof post>) => {
	expect(result.items).toHaveLength(1);
	normalizedSchema.parse(result.items[0].normalized);
	return result.items[0];
};

describe('bcrumbs deliveries: the seed examples', () => {
	it('INCOMING_MESSAGE: every documented field, RFC 1123 date normalized and kept', () => {
		const item = only(post(exampleEvent('INCOMING_MESSAGE')));
		expect(item).toEqual({
			event: 'INCOMING_MESSAGE',
			type: 'text',
			content: 'Hello',
			messageId: '68875c39-01b8-42a5-9273-fcfd2f697600',
			workspaceId: 12,
			integrationId: '6743884f784839ad14770000',
			isAgent: false,
			conversationId: '6728c86bf893860f458e0000',
			clientId: '6728c77dbba874b293e60000',
			createdAt: '2025-01-04T15:35:46.000Z',
			createdAtOriginal: 'Sat, 04 Jan 2025 15:35:46 GMT',
			integrationType: 'WHATSAPP',
			externalClientId: '905301749170',
			debug: false,
			// the AI Agent's and Simple Memory's defaults (agentInput.ts)
			chatInput: 'Hello',
			sessionId: 'bcrumbs:6728c86bf893860f458e0000',
			valid: true,
			normalized: {
				platform: 'bcrumbs',
				event: 'INCOMING_MESSAGE',
				kind: 'message.received',
				channel: 'whatsapp',
				messageId: '68875c39-01b8-42a5-9273-fcfd2f697600',
				conversationId: '6728c86bf893860f458e0000',
				contact: { id: '6728c77dbba874b293e60000', phone: '905301749170', name: null, email: null },
				text: 'Hello',
				media: null,
				status: null,
				timestamp: '2025-01-04T15:35:46.000Z',
				deliveryKey: expect.stringMatching(/^[0-9a-f]{32}$/),
			},
		});
	});

	it.each([
		['OUTGOING_MESSAGE', 'message.sent'],
		['NEW_CONV', 'conversation.opened'],
		['ENDING_CONV', 'conversation.closed'],
	] as const)('%s is a conversation event of kind %s', (event, kind) => {
		const item = only(post(exampleEvent(event)));
		expect(item).toMatchObject({ event, valid: true, conversationId: '6728c86bf893860f458e0000' });
		expect(item.normalized).toMatchObject({
			kind,
			channel: 'whatsapp',
			conversationId: '6728c86bf893860f458e0000',
		});
	});

	it('MESSAGE_UPDATED: status, external ids, trace fields', () => {
		const item = only(post(exampleEvent('MESSAGE_UPDATED')));
		expect(item).toMatchObject({
			event: 'MESSAGE_UPDATED',
			status: 'delivered',
			externalMessageId: 'wamid.HBgLNTUwMDAwMDAwMDAxFQIAERgSMTIzNDU2Nzg5MAA=',
			externalConversationId: 'wamid.conversation.123456',
			traceId: 'fb2e0f2a0dc444a4',
			spanId: '6db90fbf8dd91f53',
			createdAt: '2026-03-09T12:35:46.000Z',
			valid: true,
		});
		expect(item).not.toHaveProperty('createdAtOriginal');
		expect(item.normalized).toMatchObject({
			kind: 'message.status',
			status: 'delivered',
			messageId: 'wamid.HBgLNTUwMDAwMDAwMDAxFQIAERgSMTIzNDU2Nzg5MAA=',
			conversationId: 'wamid.conversation.123456',
			channel: 'whatsapp',
			timestamp: '2026-03-09T12:35:46.000Z',
		});
	});

	it('CLIENT_UPDATED: all fields, tags an array, nulls kept, extra fields kept', () => {
		const item = only(post(exampleEvent('CLIENT_UPDATED')));
		expect(item).toMatchObject({
			event: 'CLIENT_UPDATED',
			id: '67d09433594d52dd19817d60',
			name: 'Temp',
			surname: 'Client',
			phone: '9055xxxxx371',
			address: null,
			city: 'Istanbul',
			country: 'Turkey',
			tags: ['VIP'],
			stageId: null,
			createdAt: '2025-03-11T19:51:15.983Z',
			patchedAt: '2025-03-11T23:01:34.372Z',
		});
		expect(item.normalized).toMatchObject({
			kind: 'contact.updated',
			contact: {
				id: '67d09433594d52dd19817d60',
				phone: '9055xxxxx371',
				name: 'Temp Client',
				email: 'temp.client@example.com',
			},
			timestamp: '2025-03-11T23:01:34.372Z',
		});
	});

	it('NEW_CLIENT is contact.created; null tags become an empty array', () => {
		const item = only(post({ ...exampleEvent('NEW_CLIENT'), tags: null }));
		expect(item.tags).toEqual([]);
		expect(item.normalized.kind).toBe('contact.created');
	});

	it('MESSAGE_UPDATED_SMPP by GET: message id, stat and the status family from the mapping table', () => {
		const item = only(get({ message_id: 'wamid_ABC123', status: 'DELIVRD' }));
		expect(item).toMatchObject({
			event: 'MESSAGE_UPDATED_SMPP',
			messageId: 'wamid_ABC123',
			status: 'DELIVRD',
			statusFamily: 'delivered',
			whatsappStatuses: ['delivered', 'read', 'played'],
			valid: true,
		});
		expect(item.normalized).toMatchObject({
			kind: 'message.status',
			messageId: 'wamid_ABC123',
			status: 'delivered',
		});
	});

	it.each([
		['ACCEPTD', 'sent'],
		['ENROUTE', 'pending'],
		['UNDELIV', 'failed'],
		['REJECTD', 'failed'],
		['NEWSTAT', 'unknown'],
	])('SMPP stat %s stands for %s (unknown stats are kept)', (stat, family) => {
		const item = only(get({ message_id: 'm1', status: stat }));
		expect(item).toMatchObject({ status: stat, statusFamily: family, valid: true });
	});
});

describe('bcrumbs deliveries: real-world quirks', () => {
	it('event names with stray whitespace and lower case', () => {
		const item = only(post({ ...exampleEvent('INCOMING_MESSAGE'), event: ' incoming_message  ' }));
		expect(item).toMatchObject({ event: 'INCOMING_MESSAGE', valid: true });
	});

	it('unknown fields and undocumented enum values are kept, not rejected', () => {
		const item = only(
			post({
				...exampleEvent('INCOMING_MESSAGE'),
				integrationType: 'MESSENGER',
				type: 'sticker',
				newField: { a: 1 },
			}),
		);
		expect(item).toMatchObject({
			valid: true,
			integrationType: 'MESSENGER',
			type: 'sticker',
			newField: { a: 1 },
		});
		expect(item.normalized.channel).toBe('messenger');
	});

	it('media messages carry their address in normalized.media', () => {
		const item = only(
			post({
				...exampleEvent('INCOMING_MESSAGE'),
				type: 'image',
				content: 'https://cdn.example.com/p.jpg',
			}),
		);
		expect(item.normalized).toMatchObject({
			text: null,
			media: { type: 'image', url: 'https://cdn.example.com/p.jpg', caption: null },
		});
	});

	it('Include Raw Payload adds the body as received', () => {
		const body = exampleEvent('MESSAGE_UPDATED');
		expect(post(body, ALL, true).items[0].rawBody).toEqual(body);
		expect(post(body, ALL, false).items[0]).not.toHaveProperty('rawBody');
	});

	it("zone-less times are read in the selection's zone, in the item as in normalized; originals kept", () => {
		const body = {
			...exampleEvent('CLIENT_UPDATED'),
			createdAt: '2025-01-04 15:35:46',
			patchedAt: '2025-01-04 16:00:00',
		};
		const item = only(
			parseBcrumbsDelivery(
				{ method: 'POST', body, query: {} },
				{ selectedEvents: ALL, includeRawBody: false, timeZone: 'Asia/Kolkata' },
			),
		);
		expect(item).toMatchObject({
			createdAt: '2025-01-04T10:05:46.000Z',
			createdAtOriginal: '2025-01-04 15:35:46',
			patchedAt: '2025-01-04T10:30:00.000Z',
			patchedAtOriginal: '2025-01-04 16:00:00',
		});
		expect(item.normalized.timestamp).toBe('2025-01-04T10:30:00.000Z');
		// a field outside the event's schema stays as sent, whatever the zone
		const conversation = only(
			parseBcrumbsDelivery(
				{
					method: 'POST',
					body: { ...exampleEvent('INCOMING_MESSAGE'), patchedAt: '2025-01-04 16:00:00' },
					query: {},
				},
				{ selectedEvents: ALL, includeRawBody: false, timeZone: 'Asia/Kolkata' },
			),
		);
		expect(conversation.patchedAt).toBe('2025-01-04 16:00:00');
		expect(conversation).not.toHaveProperty('patchedAtOriginal');
	});
});

describe('bcrumbs deliveries: nothing lost', () => {
	it('a schema failure is an item flagged invalid with the problems and the raw body', () => {
		const body = { ...exampleEvent('MESSAGE_UPDATED'), status: 7, createdAt: 'yesterday-ish' };
		const item = only(post(body));
		expect(item.valid).toBe(false);
		expect(item.problems).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^status: /),
				expect.stringMatching(/^createdAt: "yesterday-ish" is not a date/),
			]),
		);
		expect(item.rawBody).toEqual(body);
		expect(item.normalized).toMatchObject({ kind: 'unknown', event: 'MESSAGE_UPDATED' });
	});

	it('an unknown event is an item flagged invalid', () => {
		const item = only(post({ event: 'CONTACT_MERGED', workspaceId: 12 }));
		expect(item).toMatchObject({
			event: 'CONTACT_MERGED',
			valid: false,
			problems: ['"CONTACT_MERGED" is not a bcrumbs webhook event'],
		});
	});

	it.each([[null], ['text'], [[1, 2]], [42]])(
		'a body that is not an object (%p) is an item flagged invalid',
		(body) => {
			const item = only(post(body));
			expect(item).toMatchObject({ valid: false, rawBody: body });
			expect(item.problems?.[0]).toMatch(/not a JSON object/);
		},
	);

	it('an SMPP GET without parameters is an item flagged invalid', () => {
		const item = only(get({}));
		expect(item).toMatchObject({ event: 'MESSAGE_UPDATED_SMPP', valid: false, rawBody: {} });
		expect(item.problems).toHaveLength(2);
	});
});

describe('bcrumbs deliveries: selected events', () => {
	it('a known event that is not selected yields no item', () => {
		expect(post(exampleEvent('NEW_CLIENT'), ['INCOMING_MESSAGE']).items).toEqual([]);
		expect(get({ message_id: 'm', status: 'DELIVRD' }, ['ANY_EVENT']).items).toEqual([]);
	});

	it('ANY_EVENT selects every POST event but not the SMPP receipt', () => {
		expect(isEventSelected('NEW_CLIENT', ['ANY_EVENT'])).toBe(true);
		expect(isEventSelected('MESSAGE_UPDATED_SMPP', ['ANY_EVENT'])).toBe(false);
		expect(isEventSelected('MESSAGE_UPDATED_SMPP', ['MESSAGE_UPDATED_SMPP'])).toBe(true);
	});

	it('the delivery key is the same for a retry and differs between deliveries', () => {
		const first = post(exampleEvent('INCOMING_MESSAGE')).items[0].normalized.deliveryKey;
		const retry = post(exampleEvent('INCOMING_MESSAGE')).items[0].normalized.deliveryKey;
		const other = post({ ...exampleEvent('INCOMING_MESSAGE'), messageId: 'another' }).items[0]
			.normalized.deliveryKey;
		expect(retry).toBe(first);
		expect(other).not.toBe(first);
	});
});
