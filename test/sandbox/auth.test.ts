/** bcrumbs-style auth: raw API key, one workspace per key, FORBIDDEN as HTTP 200 with data null. */
import { SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox';
import { CREATE_MUTATION, DELETE_MUTATION, gql, LIST_QUERY, seedWebhook } from './helpers';

const FORBIDDEN = {
	errors: [
		{ message: 'Forbidden: invalid API key or workspace', extensions: { code: 'FORBIDDEN' } },
	],
	data: null,
};
const INTROSPECTION = '{ __schema { queryType { name } } }';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({
		apiKeys: [
			{ key: SANDBOX_API_KEY, workspaceId: 12 },
			{ key: 'bck_other_workspace_key', workspaceId: 77 },
		],
	});
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const listInput = { input: { workspaceId: 12 } };
const createInput = {
	input: { workspaceId: 12, label: 'x', url: 'https://x.example', event: 'NEW_CONV' },
};

test.each([
	['missing key', null],
	['wrong key', 'bck_wrong'],
	['empty key', ''],
	['Bearer-prefixed key (bcrumbs wants the raw key)', `Bearer ${SANDBOX_API_KEY}`],
])('%s -> FORBIDDEN, HTTP 200, data null', async (_, key) => {
	for (const [query, variables] of [
		[LIST_QUERY, listInput],
		[CREATE_MUTATION, createInput],
	] as const) {
		const res = await gql(sandbox, query, variables, key);
		expect(res.status).toBe(200);
		expect(res.contentType).toMatch(/^application\/json/);
		expect(res.body).toEqual(FORBIDDEN);
	}
	expect(sandbox.webhooks()).toHaveLength(0);
});

test("another workspace than the key's -> exactly the same FORBIDDEN body", async () => {
	seedWebhook(sandbox, { workspaceId: 77, label: 'theirs' });
	const theirs = sandbox.webhooks()[0];
	const attempts = [
		await gql(sandbox, LIST_QUERY, { input: { workspaceId: 77 } }),
		await gql(sandbox, CREATE_MUTATION, { input: { ...createInput.input, workspaceId: 77 } }),
		await gql(sandbox, DELETE_MUTATION, { input: { workspaceId: 77, id: theirs.id } }),
	];
	for (const res of attempts) {
		expect(res.status).toBe(200);
		expect(res.body).toEqual(FORBIDDEN);
	}
	expect(sandbox.webhooks()).toEqual([theirs]);
});

test('each key works for its own workspace', async () => {
	seedWebhook(sandbox, { workspaceId: 77, label: 'theirs' });
	const res = await gql(
		sandbox,
		LIST_QUERY,
		{ input: { workspaceId: 77 } },
		'bck_other_workspace_key',
	);
	expect(res.body.data.webhooks.nodes.map((n: { label: string }) => n.label)).toEqual(['theirs']);
	expect((await gql(sandbox, LIST_QUERY, listInput, 'bck_other_workspace_key')).body).toEqual(
		FORBIDDEN,
	);
});

test('introspection needs a valid key too', async () => {
	expect((await gql(sandbox, INTROSPECTION, {}, null)).body).toEqual(FORBIDDEN);
	expect((await gql(sandbox, INTROSPECTION, {}, 'bck_wrong')).body).toEqual(FORBIDDEN);
	expect((await gql(sandbox, INTROSPECTION)).body).toEqual({
		data: { __schema: { queryType: { name: 'Query' } } },
	});
});

test('the GraphQL-over-HTTP media type gets the same answer', async () => {
	const response = await fetch(sandbox.url, {
		method: 'POST',
		headers: {
			authorization: SANDBOX_API_KEY,
			'content-type': 'application/json',
			accept: 'application/graphql-response+json, application/json',
		},
		body: JSON.stringify({ query: LIST_QUERY, variables: { input: { workspaceId: 77 } } }),
	});
	expect(response.status).toBe(200);
	expect(await response.json()).toEqual(FORBIDDEN);
});

test('rejected requests are still counted', async () => {
	await gql(sandbox, LIST_QUERY, listInput, null);
	expect(sandbox.callCount('webhooks')).toBe(1);
	expect(sandbox.callCount()).toBe(1);
});
