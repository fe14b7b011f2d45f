import { describeGatewayFailure } from '../../nodes/Bcrumbs/transport/failure';
import {
	queryReceiptUrl,
	readReceiptQuery,
	receiptPathPrefix,
	receiptToken,
	receiptUrl,
	redactReceiptTokens,
} from '../../nodes/Bcrumbs/core/receiptToken';
import { isForEndpoint, planRegistrations } from '../../nodes/Bcrumbs/core/registrations';

const SECRET = 'a1'.repeat(32);
const TOKEN = receiptToken(SECRET);
const URL_BASE = 'https://n8n.example.com/webhook/abc/webhook';
/** Where n8n routes the node's receipt path (receipt/:token, stored under the webhook id): the id twice */
const RECEIPT_BASE = 'https://n8n.example.com/webhook/abc/abc/receipt/';

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

	describe('with the token as a path segment', () => {
		const PARAMETERS = { message_id: 'wamid_1', status: 'DELIVRD' };
		it.each([
			['a query after it', PARAMETERS, TOKEN],
			[
				"parameters glued on with '&' (…/receipt/T&message_id=…)",
				{},
				`${TOKEN}&message_id=wamid_1&status=DELIVRD`,
			],
			[
				"parameters glued on with '?' (an encoded '?')",
				{},
				`${TOKEN}?message_id=wamid_1&status=DELIVRD`,
			],
			["each parameter glued on with '?'", {}, `${TOKEN}?message_id=wamid_1?status=DELIVRD`],
			[
				"one glued on with '&', one in the query",
				{ status: 'DELIVRD' },
				`${TOKEN}&message_id=wamid_1`,
			],
		])('%s: the clean token and the parameters', (_case, query, pathToken) => {
			expect(readReceiptQuery({ ...query }, pathToken)).toEqual({
				tokens: [TOKEN],
				query: PARAMETERS,
			});
		});

		it('parameters glued onto the path never overwrite the ones the parser saw, nor smuggle a second token', () => {
			expect(
				readReceiptQuery({ status: 'DELIVRD' }, `${TOKEN}&status=FORGED&n8n_token=other`),
			).toEqual({ tokens: [TOKEN], query: { status: 'DELIVRD' } });
		});

		it("an '&' inside the token that starts no parameter stays in the token (and so does not match)", () => {
			expect(readReceiptQuery({}, `${TOKEN}&x`).tokens).toEqual([`${TOKEN}&x`]);
		});

		it('a token in the query as well is offered for comparison too, and removed from the parameters', () => {
			expect(readReceiptQuery({ n8n_token: 'other', status: 'x' }, TOKEN)).toEqual({
				tokens: [TOKEN, 'other'],
				query: { status: 'x' },
			});
		});

		it('an empty or missing path token is no token', () => {
			for (const pathToken of ['', undefined, ['x'], 42])
				expect(readReceiptQuery({ status: 'x' }, pathToken)).toEqual({
					tokens: [],
					query: { status: 'x' },
				});
		});

		it('parameters glued onto an empty segment leave an empty token, which never matches', () => {
			expect(readReceiptQuery({}, '&message_id=1&status=x')).toEqual({
				tokens: [''],
				query: { message_id: '1', status: 'x' },
			});
		});
	});
});

describe('the receipt URL and its token', () => {
	it('is recomputed from the secret alone, and differs from it', () => {
		// the token is the last path segment, under n8n's route for the node's receipt path
		expect(receiptUrl(URL_BASE, SECRET)).toBe(`${RECEIPT_BASE}${TOKEN}`);
		// the form registered before: the token in the query
		expect(queryReceiptUrl(URL_BASE, SECRET)).toBe(`${URL_BASE}?n8n_token=${TOKEN}`);
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

	it('is masked in the path form too, in a URL and in a JSON text', () => {
		const url = receiptUrl(URL_BASE, SECRET);
		expect(redactReceiptTokens(`webhook ${url}&message_id=1 and ${url}?status=x`)).toBe(
			`webhook ${RECEIPT_BASE}[redacted]&message_id=1 and ${RECEIPT_BASE}[redacted]?status=x`,
		);
		const json = JSON.stringify({ url, nested: [{ url: `${url}/` }] });
		const redacted = redactReceiptTokens(json);
		expect(redacted).not.toContain(TOKEN.slice(0, 8));
		expect(JSON.parse(redacted)).toEqual({
			url: `${RECEIPT_BASE}[redacted]`,
			nested: [{ url: `${RECEIPT_BASE}[redacted]/` }],
		});
	});

	it.each([
		['a production URL', URL_BASE, RECEIPT_BASE],
		[
			'a test URL',
			'http://localhost:5678/webhook-test/6f0b/webhook',
			'http://localhost:5678/webhook-test/6f0b/6f0b/receipt/',
		],
		[
			'a URL under a path prefix',
			'https://example.com/n8n/webhook/abc/webhook',
			'https://example.com/n8n/webhook/abc/abc/receipt/',
		],
	])('the receipt path of %s', (_case, url, prefix) => {
		expect(receiptPathPrefix(url)).toBe(prefix);
		expect(receiptUrl(url, SECRET)).toBe(`${prefix}${TOKEN}`);
	});

	it.each([
		['another last segment', 'https://n8n.example.com/webhook/abc/other'],
		['a query', `${URL_BASE}?a=1`],
		['a trailing slash', `${URL_BASE}/`],
		['no scheme', 'n8n.example.com/webhook/abc/webhook'],
		['another scheme', 'ftp://n8n.example.com/webhook/abc/webhook'],
		['no webhook id', 'https://n8n.example.com/webhook'],
	])('a URL with %s has no receipt path: the query form is used', (_case, url) => {
		expect(receiptPathPrefix(url)).toBeUndefined();
		expect(receiptUrl(url, SECRET)).toBe(queryReceiptUrl(url, SECRET));
		expect(receiptUrl(url, SECRET)).toBe(
			`${url}${url.includes('?') ? '&' : '?'}n8n_token=${TOKEN}`,
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
	// as the trigger builds it: the path form, then the query form of registrations made before
	const own = {
		header: 'x-bcrumbs-n8n-secret',
		value: SECRET,
		receiptUrls: [receiptUrl(URL_BASE, SECRET), queryReceiptUrl(URL_BASE, SECRET)],
	};
	/** The plan that keeps receipt registration r1 and does nothing else. */
	const KEEP_R1 = {
		keep: [{ id: 'r1', event: 'MESSAGE_UPDATED_SMPP' }],
		create: [],
		strangers: [],
		stale: [],
	};

	it.each([
		['the token in the path', receiptUrl(URL_BASE, SECRET)],
		[
			'the token in the query (registered before): kept, not replaced',
			queryReceiptUrl(URL_BASE, SECRET),
		],
	])(
		'adopts a receipt registration found by its URL alone (no headers listed, no tag): %s',
		(_case, url) => {
			const remote = [{ id: 'r1', url, event: 'MESSAGE_UPDATED_SMPP', label: 'n8n: x' }];
			expect(planRegistrations(['MESSAGE_UPDATED_SMPP'], [], remote, URL_BASE, own)).toEqual(
				KEEP_R1,
			);
		},
	);

	it('a held receipt registration made in the query form stays held, not replaced', () => {
		const remote = [
			{
				id: 'r1',
				url: queryReceiptUrl(URL_BASE, SECRET),
				event: 'MESSAGE_UPDATED_SMPP',
				label: 'n8n: x',
			},
		];
		expect(
			planRegistrations(
				['MESSAGE_UPDATED_SMPP'],
				[{ id: 'r1', event: 'MESSAGE_UPDATED_SMPP' }],
				remote,
				URL_BASE,
				own,
			),
		).toEqual(KEEP_R1);
	});

	it('a receipt at the receipt path with another token is a stranger', () => {
		const remote = [
			{
				id: 'r1',
				url: `${RECEIPT_BASE}${'0'.repeat(64)}`,
				event: 'MESSAGE_UPDATED_SMPP',
				label: 'n8n: x',
			},
		];
		expect(planRegistrations(['MESSAGE_UPDATED_SMPP'], [], remote, URL_BASE, own)).toEqual({
			keep: [],
			create: ['MESSAGE_UPDATED_SMPP'],
			strangers: [remote[0]],
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

describe('isForEndpoint with the receipt path', () => {
	it.each([
		['the plain URL', URL_BASE, true],
		['the query form', queryReceiptUrl(URL_BASE, SECRET), true],
		['the path form', receiptUrl(URL_BASE, SECRET), true],
		['the path form with another token', `${RECEIPT_BASE}${'0'.repeat(64)}`, true],
		['another webhook id', 'https://n8n.example.com/webhook/xyz/xyz/receipt/t', false],
		[
			'a webhook id that only starts the same',
			'https://n8n.example.com/webhook/abc/abcd/receipt/t',
			false,
		],
		['the id once', 'https://n8n.example.com/webhook/abc/receipt/t', false],
		['another host', 'https://other.example.com/webhook/abc/abc/receipt/t', false],
	])('%s', (_case, url, expected) => {
		expect(isForEndpoint({ url }, URL_BASE)).toBe(expected);
	});
});
