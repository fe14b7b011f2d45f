import { describeGatewayFailure } from '../../nodes/Bcrumbs/transport/failure';
import {
	readReceiptQuery,
	receiptToken,
	receiptUrl,
	redactReceiptTokens,
} from '../../nodes/Bcrumbs/core/receiptToken';
import { planRegistrations } from '../../nodes/Bcrumbs/core/registrations';

const SECRET = 'a1'.repeat(32);
const TOKEN = receiptToken(SECRET);
const URL_BASE = 'https://n8n.example.com/webhook/abc/webhook';

/** What a query parser (Node's, or qs as n8n uses it) makes of a raw query string */
const parsed = (raw: string) => Object.fromEntries(new URLSearchParams(raw));

describe('readReceiptQuery', () => {
	it.each([
		['joined with &', `n8n_token=${TOKEN}&message_id=wamid_1&status=DELIVRD`],
		['joined naively with a second ?', `n8n_token=${TOKEN}?message_id=wamid_1&status=DELIVRD`],
		['parameters before the token', `message_id=wamid_1&status=DELIVRD&n8n_token=${TOKEN}`],
	])('%s: the same token and the same parameters, without the token', (_case, raw) => {
		expect(readReceiptQuery(parsed(raw))).toEqual({
			tokens: [TOKEN],
			query: { message_id: 'wamid_1', status: 'DELIVRD' },
		});
	});

	it('a naive join of both parameters onto the token', () => {
		// "...?n8n_token=T?message_id=1?status=x": every glued parameter is restored
		expect(readReceiptQuery({ n8n_token: `${TOKEN}?message_id=1?status=x` })).toEqual({
			tokens: [TOKEN],
			query: { message_id: '1', status: 'x' },
		});
	});

	it("a '?' inside a value that starts no parameter stays in the value", () => {
		expect(readReceiptQuery(parsed(`n8n_token=${TOKEN}?message_id=a?b&status=x`)).query).toEqual({
			message_id: 'a?b',
			status: 'x',
		});
	});

	it('glued parameters never overwrite the ones the parser saw, nor smuggle a second token', () => {
		const result = readReceiptQuery({
			n8n_token: `${TOKEN}?status=FORGED&n8n_token=other`,
			status: 'DELIVRD',
		});
		expect(result).toEqual({ tokens: [TOKEN], query: { status: 'DELIVRD' } });
	});

	it('repeated tokens are all offered for comparison; non-strings are ignored', () => {
		expect(readReceiptQuery({ n8n_token: ['x', TOKEN, { a: 1 }] }).tokens).toEqual(['x', TOKEN]);
	});

	it('keeps a null-prototype query and a __proto__ parameter as plain data', () => {
		const query = Object.create(null) as Record<string, unknown>;
		Object.defineProperty(query, '__proto__', { value: 'x', enumerable: true });
		query.n8n_token = TOKEN;
		const result = readReceiptQuery(query).query;
		expect(Object.getPrototypeOf(result)).toBeNull();
		expect(Object.keys(result)).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});
});

describe('the receipt URL and its token', () => {
	it('is recomputed from the secret alone, and differs from it', () => {
		expect(receiptUrl(URL_BASE, SECRET)).toBe(`${URL_BASE}?n8n_token=${TOKEN}`);
		expect(receiptToken(SECRET)).toBe(TOKEN);
		expect(TOKEN).not.toBe(SECRET);
		expect(receiptToken('b2'.repeat(32))).not.toBe(TOKEN);
	});

	it('is masked wherever a URL is quoted', () => {
		expect(
			redactReceiptTokens(
				`webhook ${URL_BASE}?n8n_token=${TOKEN}&status=x and "${URL_BASE}?a=1&n8n_token=${TOKEN}"`,
			),
		).toBe(
			`webhook ${URL_BASE}?n8n_token=[redacted]&status=x and "${URL_BASE}?a=1&n8n_token=[redacted]"`,
		);
	});

	it('a gateway error echoing the registered URL never shows the token, even cut short', () => {
		const echo = {
			response: {
				status: 200,
				errors: [{ message: `${'x'.repeat(460)} url: "${receiptUrl(URL_BASE, SECRET)}"` }],
			},
		};
		// no secrets passed: the pattern alone finds it
		const failure = describeGatewayFailure(
			'createWebhook (registering MESSAGE_UPDATED_SMPP)',
			echo,
			[],
		);
		expect(JSON.stringify(failure)).not.toContain(TOKEN.slice(0, 6));
	});
});

describe('planRegistrations with a receipt URL', () => {
	const own = {
		header: 'x-bcrumbs-n8n-secret',
		value: SECRET,
		receiptUrl: receiptUrl(URL_BASE, SECRET),
	};

	it('adopts a receipt registration found by its URL alone (no headers listed, no tag)', () => {
		const remote = [
			{ id: 'r1', url: own.receiptUrl, event: 'MESSAGE_UPDATED_SMPP', label: 'n8n: x' },
		];
		expect(planRegistrations(['MESSAGE_UPDATED_SMPP'], [], remote, URL_BASE, own)).toEqual({
			keep: [{ id: 'r1', event: 'MESSAGE_UPDATED_SMPP' }],
			create: [],
			strangers: [],
			stale: [],
		});
	});

	it('a receipt with another token is a stranger; a held one at the bare URL is replaced', () => {
		const remote = [
			{
				id: 'r1',
				url: `${URL_BASE}?n8n_token=${'0'.repeat(64)}`,
				event: 'MESSAGE_UPDATED_SMPP',
				label: 'n8n: x',
			},
			{ id: 'r2', url: URL_BASE, event: 'MESSAGE_UPDATED_SMPP', label: 'n8n: x' },
		];
		const plan = planRegistrations(
			['MESSAGE_UPDATED_SMPP'],
			[{ id: 'r2', event: 'MESSAGE_UPDATED_SMPP' }],
			remote,
			URL_BASE,
			own,
		);
		expect(plan).toEqual({
			keep: [],
			create: ['MESSAGE_UPDATED_SMPP'],
			strangers: [remote[0]],
			stale: [{ id: 'r2', event: 'MESSAGE_UPDATED_SMPP' }],
		});
	});
});
