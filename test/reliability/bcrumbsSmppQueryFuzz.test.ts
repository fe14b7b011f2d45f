/**
 * Fuzzing the bcrumbs GET (SMPP receipt) path: the receipt is a query string, so it arrives with missing
 * parameters, repeated ones (arrays), bracket syntax (objects), odd values and extra parameters.
 */
import fc from 'fast-check';
import assert from 'node:assert/strict';

import { parseBcrumbsDelivery, SMPP_EVENT } from '../../nodes/Bcrumbs/core/parse';
import { smppFamilyOf } from '../../nodes/Bcrumbs/core/normalizedView';
import { readReceiptQuery, receiptToken } from '../../nodes/Bcrumbs/core/receiptToken';
import { assertPrototypesIntact, assertSoundItem } from './support/invariants';
import { RUNS } from './support/budget';

type Query = Record<string, unknown>;

const STATS = [
	'DELIVRD',
	'delivrd',
	' UNDELIV ',
	'ACCEPTD',
	'ENROUTE',
	'REJECTD',
	'EXPIRED',
	'',
	'   ',
	'💬',
	'\u0000',
];
const paramValue: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.oneof(
			fc.constantFrom(...STATS, 'wamid_ABC123', 'undefined', 'null'),
			fc.string({ unit: 'binary', maxLength: 30 }),
		),
	},
	// repeated parameter: ?status=a&status=b
	{ weight: 1, arbitrary: fc.array(fc.constantFrom(...STATS, 'wamid_ABC123'), { maxLength: 3 }) },
	// bracket syntax with an extended query parser: ?status[x]=y
	{
		weight: 1,
		arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 6 }), {
			maxKeys: 2,
		}),
	},
	{ weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, 'x'.repeat(100_000)) },
);
// parameter names the item itself uses: a query must not be able to overwrite what the node computed
const EXTRA_NAMES = [
	'event',
	'messageId',
	'statusFamily',
	'whatsappStatuses',
	'valid',
	'normalized',
	'problems',
	'rawBody',
	'__proto__',
	'constructor',
	'stat',
];

/** A query as Node's and Express's parsers produce it: null-prototype or plain, own properties only. */
const query: fc.Arbitrary<Query> = fc
	.record({
		messageId: fc.option(paramValue, { nil: undefined }),
		status: fc.option(paramValue, { nil: undefined }),
		extras: fc.array(
			fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_NAMES), fc.string({ maxLength: 6 })), paramValue),
			{ maxLength: 3 },
		),
		nullPrototype: fc.boolean(),
	})
	.map(({ messageId, status, extras, nullPrototype }) => {
		const result: Query = nullPrototype ? Object.create(null) : {};
		const entries: Array<[string, unknown]> = [
			...extras,
			['message_id', messageId],
			['status', status],
		];
		for (const [name, value] of entries) {
			if (value !== undefined)
				Object.defineProperty(result, name, {
					value,
					enumerable: true,
					writable: true,
					configurable: true,
				});
		}
		return result;
	});

const parseGet = (params: Query, selectedEvents = [SMPP_EVENT], method = 'GET') =>
	parseBcrumbsDelivery(
		{ method, body: undefined, query: params },
		{ selectedEvents, includeRawBody: false },
	);

const filled = (value: unknown): value is string =>
	typeof value === 'string' && value.trim() !== '';

describe('bcrumbs SMPP receipt (GET) under fuzzing', () => {
	it('never throws; one sound item when selected, one skip otherwise; valid exactly when message_id and status are filled in and no parameter is "__proto__"', () => {
		fc.assert(
			fc.property(query, fc.constantFrom('GET', 'get', 'Get'), (params, method) => {
				const selected = parseGet(params, [SMPP_EVENT], method);
				assert.equal(selected.items.length, 1);
				assertSoundItem(selected.items[0]);
				// a "__proto__" parameter is renamed and listed in problems (protoKeyDeepCopy.test.ts)
				const protoKey = Object.keys(params).includes('__proto__');
				assert.equal(
					selected.items[0].valid,
					filled(params.message_id) && filled(params.status) && !protoKey,
				);
				// ANY_EVENT does not cover the SMPP receipt: counted as skipped, never silently dropped
				assert.deepEqual(parseGet(params, ['ANY_EVENT'], method), {
					event: SMPP_EVENT,
					items: [],
					skipped: 1,
				});
				assertPrototypesIntact();
			}),
			{ numRuns: RUNS.cheap },
		);
	});

	it('a valid receipt reports the event, message id and status family the node computed, whatever else the query carries', () => {
		fc.assert(
			fc.property(query, (params) => {
				const [item] = parseGet(params).items;
				if (!item.valid) return;
				const messageId = (params.message_id as string).trim();
				const family = smppFamilyOf((params.status as string).trim().toUpperCase()).family;
				assert.equal(item.normalized.messageId, messageId);
				assert.equal(item.normalized.status, family);
				assert.equal(item.event, SMPP_EVENT, 'item.event');
				assert.equal(item.messageId, messageId, 'item.messageId');
				assert.equal(item.statusFamily, family, 'item.statusFamily');
			}),
			{ numRuns: RUNS.cheap },
		);
	});

	it('keys a retried receipt alike (parameters in any order) and a different receipt apart', () => {
		fc.assert(
			fc.property(query, fc.string({ minLength: 1, maxLength: 8 }), (params, suffix) => {
				const key = (value: Query) => parseGet(value).items[0].normalized.deliveryKey;
				const reordered = Object.fromEntries(Object.entries(params).reverse());
				assert.equal(key(reordered), key(params));
				const changed = {
					...Object.fromEntries(Object.entries(params)),
					message_id: `${JSON.stringify(params.message_id) ?? ''}${suffix}`,
				};
				assert.notEqual(key(changed), key(params));
			}),
			{ numRuns: RUNS.property },
		);
	});
});

describe('bcrumbs SMPP receipt: query parameters named like item fields (bug demonstration)', () => {
	// bcrumbs may add parameters; they are kept, but must not replace the fields the node derives
	it('?message_id=real&status=DELIVRD&messageId=fake&event=X&statusFamily=failed keeps the computed fields', () => {
		const [item] = parseGet({
			message_id: 'real',
			status: 'DELIVRD',
			messageId: 'fake',
			event: 'X',
			statusFamily: 'failed',
		}).items;
		expect(item.valid).toBe(true);
		expect(item).toMatchObject({
			event: SMPP_EVENT,
			messageId: 'real',
			status: 'DELIVRD',
			statusFamily: 'delivered',
		});
	});
});

describe('bcrumbs SMPP receipt: the token wherever the sender left it', () => {
	const TOKEN = receiptToken('a1'.repeat(32));
	// values a query and a path segment carry alike (no percent-encoding in play)
	const plain = fc.stringMatching(/^[A-Za-z0-9_.~-]{1,24}$/);
	/** What n8n hands the node (the decoded path parameter and the parsed query) for each way of joining */
	const FORMS = {
		// …/receipt/T?message_id=…&status=… (a URL API, a second '?', or a rebuilt query)
		'path, query after it': (params: Record<string, string>) => ({
			query: { ...params },
			pathToken: TOKEN,
		}),
		// …/receipt/T&message_id=…&status=… ('&' glued onto the path)
		"path, glued on with '&'": (params: Record<string, string>) => ({
			query: {},
			pathToken: `${TOKEN}&${new URLSearchParams(params).toString()}`,
		}),
		// …/webhook?n8n_token=T&message_id=… (registered before)
		'query, joined with &': (params: Record<string, string>) => ({
			query: { n8n_token: TOKEN, ...params },
			pathToken: undefined,
		}),
		// …/webhook?n8n_token=T?message_id=…&status=… (registered before, joined naively)
		"query, a second '?'": (params: Record<string, string>) => ({
			query: Object.fromEntries(
				new URLSearchParams(`n8n_token=${TOKEN}?${new URLSearchParams(params).toString()}`),
			),
			pathToken: undefined,
		}),
	};

	it.each(Object.keys(FORMS) as Array<keyof typeof FORMS>)(
		'%s: the one clean token and exactly the parameters sent',
		(form) => {
			fc.assert(
				fc.property(plain, plain, (messageId, status) => {
					const params = { message_id: messageId, status };
					const { query, pathToken } = FORMS[form](params);
					assert.deepEqual(readReceiptQuery(query, pathToken), { tokens: [TOKEN], query: params });
				}),
				{ numRuns: RUNS.cheap },
			);
		},
	);
});
