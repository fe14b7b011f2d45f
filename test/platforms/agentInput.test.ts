/**
 * Every trigger's items carry what n8n's AI Agent and Simple Memory read by default: `chatInput`, the text
 * a contact sent (null on anything else), and `sessionId`, one per platform and conversation.
 */
import { NORMALIZED_KINDS, PLATFORMS } from '../../nodes/shared/core/normalized';
import { agentInputOf } from '../../nodes/shared/core/agentInput';
import type { TriggerItemJson } from '../../nodes/shared/core/items';
import { ALL_DESCRIPTORS, examplesOf, everyDeliveryParameters } from '../../support/platforms';

function itemsOf(descriptor: (typeof ALL_DESCRIPTORS)[number]): TriggerItemJson[] {
	const filters = Object.fromEntries(
		Object.entries(everyDeliveryParameters(descriptor)).filter(([, v]) => Array.isArray(v)),
	) as Record<string, string[]>;
	return examplesOf(descriptor.platform).flatMap(
		(example) =>
			descriptor.parser.parseDelivery(
				{ method: example.method, headers: {}, query: example.query ?? {}, body: example.body },
				{ includeRawBody: false, filters, timeZone: 'UTC' },
			).items,
	);
}

describe.each(ALL_DESCRIPTORS.map((descriptor) => [descriptor.platform, descriptor] as const))(
	'%s items and the AI Agent',
	(platform, descriptor) => {
		const items = itemsOf(descriptor);

		it('an incoming message carries its text as chatInput; nothing else carries a chatInput', () => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				const received = item.normalized.kind === 'message.received';
				expect(item.chatInput).toBe(received ? item.normalized.text : null);
			}
			const messages = items.filter((item) => item.normalized.kind === 'message.received');
			expect(messages.some((item) => typeof item.chatInput === 'string')).toBe(true);
		});

		it("every message's sessionId names the platform and its conversation (or contact)", () => {
			for (const item of items.filter((i) => i.normalized.kind === 'message.received')) {
				expect(item.sessionId).toMatch(new RegExp(`^${platform}:.+`));
				const { conversationId, contact } = item.normalized;
				expect(item.sessionId).toBe(
					conversationId
						? `${platform}:${conversationId}`
						: `${platform}:contact:${contact.id ?? contact.phone}`,
				);
			}
		});
	},
);

describe('agentInputOf', () => {
	const base = {
		platform: 'bik' as const,
		event: 'x',
		channel: null,
		messageId: null,
		conversationId: null,
		contact: { id: null, phone: null, name: null, email: null },
		text: 'hi',
		media: null,
		status: null,
		timestamp: null,
		deliveryKey: 'k',
	};
	it.each(NORMALIZED_KINDS.filter((kind) => kind !== 'message.received'))(
		'%s: no chatInput, even with text (a status line is not something the contact said)',
		(kind) => expect(agentInputOf({ ...base, kind }).chatInput).toBeNull(),
	);
	it('two platforms never share a session for the same conversation id', () => {
		const sessions = PLATFORMS.map(
			(platform) =>
				agentInputOf({ ...base, platform, kind: 'message.received', conversationId: 'c-1' })
					.sessionId,
		);
		expect(new Set(sessions).size).toBe(PLATFORMS.length);
	});
	it('no conversation and no contact: no session', () =>
		expect(agentInputOf({ ...base, kind: 'message.received' }).sessionId).toBeNull());
});
