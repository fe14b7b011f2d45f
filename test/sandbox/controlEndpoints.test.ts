/** /sandbox/* HTTP control endpoints: drive the sandbox without the module API. */
import {
	CONTROL_CLIENT_HEADER,
	SANDBOX_API_KEY,
	startSandbox,
	type Sandbox,
	type WebhookEvent,
} from '../../sandbox';
import { gql, LIST_QUERY, seedWebhook, useSandboxAndReceiver, type Receiver } from './helpers';

let sandbox: Sandbox;
let receiver: Receiver;
useSandboxAndReceiver((running) => ({ sandbox, receiver } = running));

/** A webhook (labelled r) delivering to the receiver at `path`. */
const toReceiver = (path: string, event: WebhookEvent, workspaceId = 12) =>
	seedWebhook(sandbox, { workspaceId, label: 'r', url: `${receiver.url}${path}`, event });

/** As a control client must call: a POST is JSON, a GET carries CONTROL_CLIENT_HEADER (requestGuards.test.ts). */
async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
	const response = await fetch(sandbox.baseUrl + path, {
		method,
		headers:
			method === 'POST' ? { 'content-type': 'application/json' } : { [CONTROL_CLIENT_HEADER]: '1' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	return { status: response.status, body: await response.json() };
}

test('url and baseUrl are on 127.0.0.1', () => {
	expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	expect(sandbox.url).toBe(`${sandbox.baseUrl}/core/gq`);
});

test('POST /sandbox/emit delivers and returns the deliveries', async () => {
	const hook = toReceiver('/in', 'INCOMING_MESSAGE');
	const res = await call('POST', '/sandbox/emit', {
		event: 'INCOMING_MESSAGE',
		payload: { content: 'Hi there' },
	});
	expect(res.status).toBe(200);
	expect(res.body.deliveries).toEqual([
		expect.objectContaining({
			webhookId: hook.id,
			method: 'POST',
			status: 200,
			responseBody: 'ok',
		}),
	]);
	expect(JSON.parse(receiver.requests[0].body)).toMatchObject({
		event: 'INCOMING_MESSAGE',
		content: 'Hi there',
	});
	expect((await call('GET', '/sandbox/deliveries')).body.deliveries).toHaveLength(1);
});

test('POST /sandbox/emit honours workspaceId', async () => {
	toReceiver('/w31', 'NEW_CLIENT', 31);
	expect(
		(await call('POST', '/sandbox/emit', { event: 'NEW_CLIENT' })).body.deliveries,
	).toHaveLength(0);
	expect(
		(await call('POST', '/sandbox/emit', { event: 'NEW_CLIENT', workspaceId: 31 })).body.deliveries,
	).toHaveLength(1);
	expect(JSON.parse(receiver.requests[0].body).workspaceId).toBe(31);
});

test.each([
	[{ event: 'NOPE' }, /Unknown webhook event/],
	[{ event: 'ANY_EVENT' }, /wildcard/],
	[{}, /event is required/],
	[{ event: 'NEW_CONV', payload: [1] }, /payload/],
	['{not json', /JSON/],
])('POST /sandbox/emit %j -> 400', async (body, message) => {
	const res = await call('POST', '/sandbox/emit', body);
	expect(res.status).toBe(400);
	expect(res.body.error).toMatch(message);
});

test('GET /sandbox/webhooks lists every workspace', async () => {
	const a = seedWebhook(sandbox, { label: 'a', url: 'https://a.example', headers: { k: 'v' } });
	const b = sandbox.addWebhook({
		workspaceId: 99,
		label: 'b',
		url: 'https://b.example',
		event: 'ANY_EVENT',
	});
	expect((await call('GET', '/sandbox/webhooks')).body).toEqual({ webhooks: [a, b] });
});

test('POST /sandbox/fault sets a fault; bad modes are rejected', async () => {
	expect(
		(
			await call('POST', '/sandbox/fault', {
				mode: 'http500',
				remaining: 1,
				operations: ['webhooks'],
			})
		).status,
	).toBe(200);
	expect((await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } })).status).toBe(500);
	expect((await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } })).status).toBe(200);
	const bad = await call('POST', '/sandbox/fault', { mode: 'explode' });
	expect(bad.status).toBe(400);
	expect(bad.body.error).toMatch(/none, forbidden, http500, slow, malformed/);
	expect((await call('POST', '/sandbox/fault', { mode: 'slow', delayMs: 'soon' })).status).toBe(
		400,
	);
});

test('POST /sandbox/delete-mutation toggles the schema', async () => {
	expect((await call('POST', '/sandbox/delete-mutation', { enabled: false })).body).toEqual({
		ok: true,
		enabled: false,
	});
	const fields = async () =>
		(
			await gql(sandbox, '{ __schema { mutationType { fields { name } } } }')
		).body.data.__schema.mutationType.fields.map((f: { name: string }) => f.name);
	expect(await fields()).toEqual(['createWebhook']);
	await call('POST', '/sandbox/delete-mutation', { enabled: true });
	expect(await fields()).toEqual(['createWebhook', 'deleteWebhook']);
	expect((await call('POST', '/sandbox/delete-mutation', { enabled: 'yes' })).status).toBe(400);
});

test('GET /sandbox/calls counts GraphQL requests by root field', async () => {
	await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } });
	await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } }, null);
	await gql(sandbox, '{ __schema { queryType { name } } }');
	await call('GET', '/sandbox/webhooks'); // control calls are not GraphQL requests
	expect((await call('GET', '/sandbox/calls')).body).toEqual({
		total: 3,
		byOperation: { webhooks: 2, __schema: 1 },
	});
	expect(sandbox.callCount()).toBe(3);
	expect(sandbox.callCount('createWebhook')).toBe(0);
});

test('POST /sandbox/reset clears webhooks, faults, counters and deliveries', async () => {
	sandbox.addWebhook({ workspaceId: 12, label: 'a', url: `${receiver.url}/a`, event: 'NEW_CONV' });
	await sandbox.emit('NEW_CONV');
	sandbox.setFault('malformed');
	await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } });
	expect((await call('POST', '/sandbox/reset')).body).toEqual({ ok: true });
	expect(sandbox.webhooks()).toEqual([]);
	expect(sandbox.deliveries()).toEqual([]);
	expect(sandbox.callCount()).toBe(0);
	expect((await gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } })).body).toEqual({
		data: { webhooks: { nodes: [] } },
	});
});

test.each([
	['GET', '/sandbox/nope'],
	['GET', '/sandbox/emit'],
	['POST', '/sandbox/webhooks'],
	['GET', '/'],
	['GET', '/graphql'],
] as const)('%s %s -> 404 JSON', async (method, path) => {
	const res = await call(method, path);
	expect(res.status).toBe(404);
	expect(res.body.error).toMatch(/Not found/);
});

test('GET /core/gq has no GraphiQL page', async () => {
	const response = await fetch(sandbox.url, {
		headers: { accept: 'text/html', authorization: SANDBOX_API_KEY },
	});
	expect(await response.text()).not.toMatch(/<html/i);
});

test('only loopback hosts are accepted', async () => {
	await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
});
