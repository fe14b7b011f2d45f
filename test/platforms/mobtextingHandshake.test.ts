/**
 * MOBtexting's validation handshake (issue #22, item 6): only a body of exactly the handshake's shape,
 * `{validation_key?, challenge}` with a short printable string challenge, is answered; anything else goes
 * through verification and parsing. Recognising it runs no zod parse: a delivery is parsed once.
 */
import * as schemas from '../../nodes/Mobtexting/core/schemas';
import type { IncomingDelivery } from '../../nodes/shared/core/platformDescriptor';
import { DESCRIPTORS } from '../../support/platforms';

const MOBTEXTING = DESCRIPTORS.mobtexting;
const FOUR_MIB = 4 * 1024 * 1024;
/** The longest challenge answered (characters) */
const CHALLENGE_LIMIT = 256;

const post = (
	body: unknown,
	query: Record<string, unknown> = { token: 'vk-1' },
): IncomingDelivery => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	query,
	body,
});

const answer = (delivery: IncomingDelivery) => MOBTEXTING.handshake?.(delivery);

type Parser = {
	safeParse: (...args: unknown[]) => unknown;
	parse: (...args: unknown[]) => unknown;
};
const isZodSchema = (value: unknown): value is Parser =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as Partial<Parser>).safeParse === 'function' &&
	typeof (value as Partial<Parser>).parse === 'function';

/** How many zod parses (parse or safeParse of any MOBtexting schema) `run` starts. */
function zodParsesDuring(run: () => void): number {
	const spies = Object.values(schemas as Record<string, unknown>)
		.filter(isZodSchema)
		.flatMap((schema) => [jest.spyOn(schema, 'safeParse'), jest.spyOn(schema, 'parse')]);
	try {
		run();
		return spies.reduce((calls, spy) => calls + spy.mock.calls.length, 0);
	} finally {
		spies.forEach((spy) => spy.mockRestore());
	}
}

/** The zod parses of handling `delivery` as the trigger does: the handshake, then parsing. */
const parsesWhenHandled = (delivery: IncomingDelivery) =>
	zodParsesDuring(() => {
		answer(delivery);
		MOBTEXTING.parser.parseDelivery(delivery, {
			includeRawBody: false,
			filters: {},
			timeZone: 'UTC',
		});
	});

describe('MOBtexting handshake: only the exact shape is answered', () => {
	it('echoes an exact {validation_key, challenge} as before, and {challenge} with ?token=', () => {
		expect(answer(post({ validation_key: 'vk-1', challenge: 'c-8812' }))).toEqual({
			challenge: 'c-8812',
		});
		expect(answer(post({ validation_key: 'vk-1', challenge: 'c-8812' }, {}))).toEqual({
			challenge: 'c-8812',
		});
		expect(answer(post({ challenge: 'c-8812' }))).toEqual({ challenge: 'c-8812' });
	});

	it.each([
		['a message beside the challenge', { challenge: 'x', message: { text: 'hello' } }],
		[
			'a message beside an exact handshake',
			{ validation_key: 'vk-1', challenge: 'x', message: { text: 'hello' } },
		],
		['an event name', { validation_key: 'vk-1', challenge: 'x', event: 'sms:message:status' }],
		['a payload', { challenge: 'x', payload: {} }],
	])('does not echo a body with %s (extra keys)', (_label, body) => {
		expect(answer(post(body))).toBeUndefined();
	});

	it(`does not echo a challenge of ${CHALLENGE_LIMIT + 1} characters; ${CHALLENGE_LIMIT} still are`, () => {
		const longest = 'c'.repeat(CHALLENGE_LIMIT);
		expect(answer(post({ validation_key: 'vk-1', challenge: `${longest}c` }))).toBeUndefined();
		expect(answer(post({ validation_key: 'vk-1', challenge: longest }))).toEqual({
			challenge: longest,
		});
	});

	it.each([
		['a line break', 'abc\ndef'],
		['a NUL', 'abc\u0000'],
		['an escape sequence', '\u001b[31mred'],
		['a C1 control', 'abc\u0085'],
		['a line separator', 'abc\u2028'],
		['a lone surrogate', 'abc\ud800'],
	])('does not echo a challenge holding %s', (_label, challenge) => {
		expect(answer(post({ validation_key: 'vk-1', challenge }))).toBeUndefined();
	});

	it.each([
		['a number challenge', { validation_key: 'vk-1', challenge: 12345 }],
		['an object challenge', { validation_key: 'vk-1', challenge: { html: '<b>' } }],
		['an array challenge', { validation_key: 'vk-1', challenge: ['c'] }],
		['a null challenge', { validation_key: 'vk-1', challenge: null }],
		['a number validation_key', { validation_key: 1, challenge: 'c' }],
		['a null validation_key', { validation_key: null, challenge: 'c' }],
		['no challenge', { validation_key: 'vk-1' }],
		['an array', [{ validation_key: 'vk-1', challenge: 'c' }]],
		['a string', 'challenge'],
	])('does not echo %s', (_label, body) => {
		expect(answer(post(body))).toBeUndefined();
	});

	it('keeps printable non-ASCII challenges', () => {
		expect(answer(post({ challenge: 'défi-✓' }))).toEqual({ challenge: 'défi-✓' });
	});
});

describe('MOBtexting handshake on a 4 MiB body: not echoed, no zod parse to tell', () => {
	it.each([
		[
			'a 4 MiB field beside the handshake',
			{ validation_key: 'vk-1', challenge: 'c', padding: 'x'.repeat(FOUR_MIB) },
		],
		['a 4 MiB challenge', { validation_key: 'vk-1', challenge: 'x'.repeat(FOUR_MIB) }],
	])('%s', (_label, body) => {
		const delivery = post(body);
		let handshake: unknown = 'not run';
		// recognising the handshake parses nothing
		expect(zodParsesDuring(() => (handshake = answer(delivery)))).toBe(0);
		expect(handshake).toBeUndefined();
		// handshake, then parse, as the trigger runs them: the body is parsed at most once
		const parses = parsesWhenHandled(delivery);
		expect(parses).toBeLessThanOrEqual(1);
	});

	it('the spy sees the parser at work: a wrapped event is parsed by zod', () => {
		const delivery = post({
			event: 'whatsapp:message:status',
			payload: { id: 'm-1', status: 'sent' },
		});
		const parses = parsesWhenHandled(delivery);
		expect(parses).toBeGreaterThan(0);
	});
});
