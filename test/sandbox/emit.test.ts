/** emit(): deliveries to a real local receiver, as bcrumbs would make them. */
import { EXAMPLE_EVENTS, exampleEvent, WEBHOOK_EVENTS, type Sandbox } from '../../sandbox';
import { useSandboxAndReceiver, unusedPort, type Receiver } from './helpers';

let sandbox: Sandbox;
let receiver: Receiver;
useSandboxAndReceiver((running) => ({ sandbox, receiver } = running));

const hook = (
	path: string,
	event: (typeof WEBHOOK_EVENTS)[number],
	extra: { workspaceId?: number; headers?: Record<string, string> } = {},
) =>
	sandbox.addWebhook({
		workspaceId: 12,
		label: path,
		url: `${receiver.url}${path}`,
		event,
		...extra,
	});

test('POSTs the JSON example with content-type and the registered headers', async () => {
	const registered = hook('/crm', 'INCOMING_MESSAGE', {
		headers: { 'x-api-key': 'secret-value', 'X-Tenant': 'acme' },
	});
	const deliveries = await sandbox.emit('INCOMING_MESSAGE');

	expect(receiver.requests).toHaveLength(1);
	const [request] = receiver.requests;
	expect(request.method).toBe('POST');
	expect(request.path).toBe('/crm');
	expect(request.headers['content-type']).toBe('application/json');
	expect(request.headers['x-api-key']).toBe('secret-value');
	expect(request.headers['x-tenant']).toBe('acme');
	expect(JSON.parse(request.body)).toEqual(EXAMPLE_EVENTS.INCOMING_MESSAGE);
	expect(JSON.parse(request.body).createdAt).toBe('Sat, 04 Jan 2025 15:35:46 GMT');

	expect(deliveries).toEqual([
		{
			webhookId: registered.id,
			url: `${receiver.url}/crm`,
			method: 'POST',
			status: 200,
			responseBody: 'ok',
			body: EXAMPLE_EVENTS.INCOMING_MESSAGE,
		},
	]);
	expect(sandbox.deliveries()).toEqual(deliveries);
});

test('payload overrides and extends the example; workspaceId is set', async () => {
	sandbox.addWebhook({
		workspaceId: 44,
		label: 'w44',
		url: `${receiver.url}/w44`,
		event: 'CLIENT_UPDATED',
	});
	await sandbox.emit('CLIENT_UPDATED', { workspaceId: 44, payload: { name: 'Ada', extra: true } });
	expect(JSON.parse(receiver.requests[0].body)).toEqual({
		...EXAMPLE_EVENTS.CLIENT_UPDATED,
		workspaceId: 44,
		name: 'Ada',
		extra: true,
	});
});

test('MESSAGE_UPDATED_SMPP is a GET with message_id and status, keeping the url query, no body', async () => {
	hook('/dlr?account=7', 'MESSAGE_UPDATED_SMPP', { headers: { 'x-api-key': 'dlr-secret' } });
	const [delivery] = await sandbox.emit('MESSAGE_UPDATED_SMPP');
	const [request] = receiver.requests;
	expect(request.method).toBe('GET');
	expect(request.path).toBe('/dlr');
	expect(request.query).toEqual({ account: '7', message_id: 'wamid_ABC123', status: 'DELIVRD' });
	expect(request.headers['x-api-key']).toBe('dlr-secret');
	expect(request.headers['content-type']).toBeUndefined();
	expect(request.body).toBe('');
	expect(delivery).toMatchObject({
		method: 'GET',
		status: 200,
		url: `${receiver.url}/dlr?account=7&message_id=wamid_ABC123&status=DELIVRD`,
	});
	expect(delivery.body).toBeUndefined();
});

test('SMPP payload overrides go into the query string', async () => {
	hook('/dlr', 'MESSAGE_UPDATED_SMPP');
	await sandbox.emit('MESSAGE_UPDATED_SMPP', {
		payload: { message_id: 'wamid_X', status: 'UNDELIV' },
	});
	expect(receiver.requests[0].query).toEqual({ message_id: 'wamid_X', status: 'UNDELIV' });
});

test('ANY_EVENT receives every event except MESSAGE_UPDATED_SMPP', async () => {
	hook('/any', 'ANY_EVENT');
	hook('/smpp', 'MESSAGE_UPDATED_SMPP');
	for (const event of ['NEW_CONV', 'MESSAGE_UPDATED', 'NEW_CLIENT'] as const) {
		const deliveries = await sandbox.emit(event);
		expect(deliveries.map((d) => d.url)).toEqual([`${receiver.url}/any`]);
	}
	const smpp = await sandbox.emit('MESSAGE_UPDATED_SMPP');
	expect(smpp.map((d) => d.url)).toEqual([expect.stringContaining('/smpp?')]);
	expect(receiver.requests.map((r) => r.path)).toEqual(['/any', '/any', '/any', '/smpp']);
	expect(receiver.requests.map((r) => r.body && JSON.parse(r.body).event)).toEqual([
		'NEW_CONV',
		'MESSAGE_UPDATED',
		'NEW_CLIENT',
		'',
	]);
});

test('only webhooks of the workspace and of that event receive it', async () => {
	hook('/mine', 'OUTGOING_MESSAGE');
	hook('/other-event', 'INCOMING_MESSAGE');
	hook('/other-workspace', 'OUTGOING_MESSAGE', { workspaceId: 99 });
	hook('/other-workspace-any', 'ANY_EVENT', { workspaceId: 99 });
	const deliveries = await sandbox.emit('OUTGOING_MESSAGE');
	expect(receiver.requests.map((r) => r.path)).toEqual(['/mine']);
	expect(deliveries).toHaveLength(1);
	expect(JSON.parse(receiver.requests[0].body)).toMatchObject({
		event: 'OUTGOING_MESSAGE',
		isAgent: true,
		workspaceId: 12,
	});
});

test('every concrete event delivers its example; no matching webhook means no delivery', async () => {
	expect(await sandbox.emit('NEW_CONV')).toEqual([]);
	hook('/any', 'ANY_EVENT');
	for (const event of WEBHOOK_EVENTS.filter(
		(e) => e !== 'ANY_EVENT' && e !== 'MESSAGE_UPDATED_SMPP',
	)) {
		const [delivery] = await sandbox.emit(event);
		expect(delivery.body).toEqual(exampleEvent(event, 12));
		expect((delivery.body as { event: string }).event).toBe(event);
	}
});

test('failing receivers are recorded, never thrown', async () => {
	const down = await unusedPort();
	hook('/ok', 'NEW_CLIENT');
	hook('/status/500', 'NEW_CLIENT');
	sandbox.addWebhook({
		workspaceId: 12,
		label: 'down',
		url: `http://127.0.0.1:${down}/gone`,
		event: 'NEW_CLIENT',
	});
	const deliveries = await sandbox.emit('NEW_CLIENT');
	expect(deliveries).toEqual([
		expect.objectContaining({ status: 200, responseBody: 'ok' }),
		expect.objectContaining({ status: 500, responseBody: 'status 500' }),
		expect.objectContaining({
			status: null,
			responseBody: '',
			error: expect.stringMatching(/ECONNREFUSED|fetch failed/),
		}),
	]);
	expect(sandbox.deliveries()).toHaveLength(3);
});

test('deliveries to different webhooks run in parallel', async () => {
	hook('/delay/400', 'NEW_CONV');
	hook('/delay/400/b', 'NEW_CONV');
	hook('/delay/400/c', 'ANY_EVENT');
	const started = Date.now();
	const deliveries = await sandbox.emit('NEW_CONV');
	expect(Date.now() - started).toBeLessThan(1000);
	expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
});

test('ANY_EVENT and unknown names cannot be emitted', async () => {
	await expect(sandbox.emit('ANY_EVENT')).rejects.toThrow(/wildcard/);
	await expect(sandbox.emit('NOPE' as never)).rejects.toThrow(/Unknown webhook event/);
});

test('exampleEvent returns fresh deep copies with workspaceId set', () => {
	const a = exampleEvent('CLIENT_UPDATED', 5);
	(a.tags as string[]).push('changed');
	expect(a.workspaceId).toBe(5);
	expect(exampleEvent('CLIENT_UPDATED')).toEqual(EXAMPLE_EVENTS.CLIENT_UPDATED);
	expect(exampleEvent('CLIENT_UPDATED').tags).toEqual(['VIP']);
	expect(exampleEvent('MESSAGE_UPDATED_SMPP', 5)).toEqual({
		message_id: 'wamid_ABC123',
		status: 'DELIVRD',
	});
	expect(Object.isFrozen(EXAMPLE_EVENTS.CLIENT_UPDATED)).toBe(true);
});

test('derived examples are consistent with the doc examples', () => {
	expect(EXAMPLE_EVENTS.OUTGOING_MESSAGE).toMatchObject({
		event: 'OUTGOING_MESSAGE',
		isAgent: true,
		conversationId: EXAMPLE_EVENTS.INCOMING_MESSAGE.conversationId,
	});
	expect(EXAMPLE_EVENTS.NEW_CONV).toEqual({
		...EXAMPLE_EVENTS.INCOMING_MESSAGE,
		event: 'NEW_CONV',
	});
	expect(EXAMPLE_EVENTS.ENDING_CONV).toMatchObject({
		event: 'ENDING_CONV',
		conversationId: EXAMPLE_EVENTS.INCOMING_MESSAGE.conversationId,
	});
	expect(EXAMPLE_EVENTS.NEW_CLIENT).toMatchObject({
		event: 'NEW_CLIENT',
		id: EXAMPLE_EVENTS.CLIENT_UPDATED.id,
	});
	expect(Object.keys(EXAMPLE_EVENTS).sort()).toEqual(
		WEBHOOK_EVENTS.filter((e) => e !== 'ANY_EVENT').sort(),
	);
});
