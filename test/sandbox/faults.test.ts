/** Fault injection on /core/gq: forbidden, http500, slow, malformed, with remaining and operations. */
import { CONTROL_CLIENT_HEADER, startSandbox, type Sandbox } from '../../sandbox';
import { CREATE_MUTATION, gql, LIST_QUERY } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const list = () => gql(sandbox, LIST_QUERY, { input: { workspaceId: 12 } });
const create = () =>
	gql(sandbox, CREATE_MUTATION, {
		input: { workspaceId: 12, label: 'x', url: 'https://x.example', event: 'NEW_CONV' },
	});
const isNormal = (res: { status: number; body: { data?: unknown } }) =>
	res.status === 200 && res.body?.data !== null && res.body?.data !== undefined;

test('forbidden: FORBIDDEN even with a good key', async () => {
	sandbox.setFault('forbidden');
	const res = await list();
	expect(res.status).toBe(200);
	expect(res.body).toEqual({
		errors: [
			{ message: 'Forbidden: invalid API key or workspace', extensions: { code: 'FORBIDDEN' } },
		],
		data: null,
	});
	expect(isNormal(await list())).toBe(false);
});

test('http500: HTTP 500 with a GraphQL-ish error body', async () => {
	sandbox.setFault('http500');
	const res = await create();
	expect(res.status).toBe(500);
	expect(res.body).toEqual({ errors: [{ message: 'Internal server error' }] });
	expect(sandbox.webhooks()).toHaveLength(0);
});

test('malformed: HTTP 200 application/json that is not JSON', async () => {
	sandbox.setFault('malformed');
	const res = await list();
	expect(res.status).toBe(200);
	expect(res.contentType).toMatch(/^application\/json/);
	expect(res.text).toBe('{"data": {');
	expect(() => JSON.parse(res.text)).toThrow();
});

test('slow: waits delayMs, then answers normally', async () => {
	sandbox.setFault('slow', { delayMs: 300 });
	const started = Date.now();
	const res = await list();
	expect(Date.now() - started).toBeGreaterThanOrEqual(280);
	expect(isNormal(res)).toBe(true);
});

test('slow defaults to 5 s, and close() does not wait for it', async () => {
	const own = await startSandbox();
	try {
		own.setFault('slow');
		const pending = gql(own, LIST_QUERY, { input: { workspaceId: 12 } }).catch(
			(error: Error) => error,
		);
		await new Promise((r) => setTimeout(r, 1000));
		expect(own.callCount('webhooks')).toBe(1);
		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1000);
		// Still waiting after 1 s (so the default is long), then the connection was dropped.
		expect(await pending).toMatchObject({ message: 'fetch failed' });
	} finally {
		await own.close(); // idempotent
	}
});

test('remaining: only the next N requests are faulted', async () => {
	sandbox.setFault('http500', { remaining: 2 });
	expect((await list()).status).toBe(500);
	expect((await create()).status).toBe(500);
	expect(isNormal(await list())).toBe(true);
	expect(isNormal(await create())).toBe(true);
});

test('operations: only requests for those root fields are faulted (and consume remaining)', async () => {
	sandbox.setFault('forbidden', { operations: ['createWebhook'], remaining: 1 });
	expect(isNormal(await list())).toBe(true);
	expect((await create()).body.errors[0].extensions.code).toBe('FORBIDDEN');
	expect(isNormal(await create())).toBe(true);
	expect(sandbox.webhooks()).toHaveLength(1);
});

test('operations can target introspection', async () => {
	sandbox.setFault('malformed', { operations: ['__schema'] });
	expect((await gql(sandbox, '{ __schema { queryType { name } } }')).text).toBe('{"data": {');
	expect(isNormal(await list())).toBe(true);
});

test("setFault('none') and reset() clear faults", async () => {
	sandbox.setFault('http500');
	sandbox.setFault('none');
	expect(isNormal(await list())).toBe(true);
	sandbox.setFault('malformed');
	sandbox.reset();
	expect(isNormal(await list())).toBe(true);
});

test('faults only touch /core/gq, not the control endpoints', async () => {
	sandbox.setFault('http500');
	const res = await fetch(sandbox.baseUrl + '/sandbox/webhooks', {
		headers: { [CONTROL_CLIENT_HEADER]: '1' },
	});
	expect(res.status).toBe(200);
	expect(await res.json()).toEqual({ webhooks: [] });
});

test('invalid fault settings are rejected', () => {
	expect(() => sandbox.setFault('explode' as never)).toThrow(/Unknown fault mode/);
	expect(() => sandbox.setFault('slow', { delayMs: -1 })).toThrow(/delayMs/);
	expect(() => sandbox.setFault('http500', { remaining: 1.5 })).toThrow(/remaining/);
});

test('faulted requests are counted', async () => {
	sandbox.setFault('http500');
	await list();
	await create();
	expect(sandbox.callCount()).toBe(2);
	expect(sandbox.callCount('webhooks')).toBe(1);
	expect(sandbox.callCount('createWebhook')).toBe(1);
});

test('wrongShape: valid JSON whose root fields lack the documented fields', async () => {
	sandbox.setFault('wrongShape', { remaining: 1 });
	const res = await gql(sandbox, 'query { webhooks(input: { workspaceId: 12 }) { nodes { id } } }');
	expect(res.status).toBe(200);
	expect(res.body).toEqual({ data: { webhooks: { unexpected: true } } });
});
