/**
 * The sandbox has no auth on its control routes and hands out the webhooks' secrets, so what a web page in
 * the user's browser can send it is refused: a Host that is not loopback (a DNS-rebinding page sends its
 * own domain), a control POST that is not JSON (a page may post text/plain or a form anywhere), a control
 * GET without the client header (a page of another origin cannot add one).
 */
import { request } from 'node:http';
import { connect } from 'node:net';

import { CONTROL_CLIENT_HEADER, SANDBOX_API_KEY, type Sandbox } from '../../sandbox';
import { LIST_QUERY, useSandboxAndReceiver, type Receiver } from './helpers';

const SECRET = 'whsec_request_guards_0123456789';

let sandbox: Sandbox;
let receiver: Receiver;
useSandboxAndReceiver((running) => ({ sandbox, receiver } = running));
beforeEach(() => {
	sandbox.addWebhook({
		workspaceId: 12,
		label: 'guarded',
		url: `${receiver.url}/in`,
		event: 'INCOMING_MESSAGE',
		headers: { 'x-bcrumbs-secret': SECRET },
	});
});

const port = () => Number(new URL(sandbox.baseUrl).port);

interface Sent {
	method: 'GET' | 'POST';
	path: string;
	/** The Host header; the sandbox's own 127.0.0.1:port when not given */
	host?: string;
	headers?: Record<string, string>;
	body?: string;
}

/** node:http, so the Host header is exactly what the test says (fetch sets its own). */
function send({ method, path, host, headers = {}, body }: Sent) {
	return new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port: port(),
				method,
				path,
				headers: { host: host ?? `127.0.0.1:${port()}`, ...headers },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

const JSON_TYPE = { 'content-type': 'application/json' };
const CLIENT = { [CONTROL_CLIENT_HEADER]: '1' };
const EMIT = JSON.stringify({ event: 'INCOMING_MESSAGE' });
const LIST = JSON.stringify({ query: LIST_QUERY, variables: { input: { workspaceId: 12 } } });
const GRAPHQL = { ...JSON_TYPE, authorization: SANDBOX_API_KEY };

describe('a Host that is not loopback', () => {
	const foreign = ['evil.example', `evil.example:${4455}`, '127.0.0.1.evil.example', '[::2]:80'];

	it.each(foreign)('%s: 403 on GraphQL', async (host) => {
		const answer = await send({
			method: 'POST',
			path: '/core/gq',
			host,
			headers: GRAPHQL,
			body: LIST,
		});
		expect(answer.status).toBe(403);
		expect(answer.text).not.toContain(SECRET);
		expect(sandbox.callCount()).toBe(0);
	});

	it.each(foreign)('%s: 403 on the control routes, nothing delivered or served', async (host) => {
		const emit = await send({
			method: 'POST',
			path: '/sandbox/emit',
			host,
			headers: { ...JSON_TYPE, ...CLIENT },
			body: EMIT,
		});
		expect(emit.status).toBe(403);
		const list = await send({ method: 'GET', path: '/sandbox/webhooks', host, headers: CLIENT });
		expect(list.status).toBe(403);
		expect(list.text).not.toContain(SECRET);
		const reset = await send({ method: 'POST', path: '/sandbox/reset', host, headers: JSON_TYPE });
		expect(reset.status).toBe(403);
		expect(JSON.parse(reset.text).error).toMatch(/not this machine/);
		expect(receiver.requests).toHaveLength(0);
		expect(sandbox.deliveries()).toHaveLength(0);
		expect(sandbox.webhooks()).toHaveLength(1);
	});

	it('no Host at all (HTTP/1.0): 403', async () => {
		const answer = await new Promise<string>((resolve, reject) => {
			const socket = connect(port(), '127.0.0.1', () =>
				socket.end('GET /sandbox/webhooks HTTP/1.0\r\nx-sandbox-client: 1\r\n\r\n'),
			);
			const chunks: Buffer[] = [];
			socket.on('data', (chunk: Buffer) => chunks.push(chunk));
			socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			socket.on('error', reject);
		});
		expect(answer).toMatch(/^HTTP\/1\.[01] 403/);
		expect(answer).not.toContain(SECRET);
	});
});

describe('a loopback Host', () => {
	const loopback = () => [
		`127.0.0.1:${port()}`,
		'127.0.0.1',
		`localhost:${port()}`,
		'LOCALHOST',
		`[::1]:${port()}`,
		`127.1.2.3:${port()}`,
	];

	it('with or without a port: GraphQL and the control routes answer', async () => {
		for (const host of loopback()) {
			const graphql = await send({
				method: 'POST',
				path: '/core/gq',
				host,
				headers: GRAPHQL,
				body: LIST,
			});
			expect(graphql.status).toBe(200);
			expect(JSON.parse(graphql.text).data.webhooks.nodes).toHaveLength(1);
			const list = await send({ method: 'GET', path: '/sandbox/webhooks', host, headers: CLIENT });
			expect(list.status).toBe(200);
			expect(JSON.parse(list.text).webhooks[0].headers).toEqual({ 'x-bcrumbs-secret': SECRET });
		}
	});
});

describe('control POSTs that are not JSON', () => {
	const types: Array<[string, string | undefined]> = [
		['text/plain', 'text/plain'],
		['text/plain with a charset', 'text/plain;charset=UTF-8'],
		['a form', 'application/x-www-form-urlencoded'],
		['a multipart form', 'multipart/form-data; boundary=x'],
		['no content type', undefined],
	];

	it.each(types)('POST /sandbox/emit as %s: 415, nothing delivered', async (_label, type) => {
		const answer = await send({
			method: 'POST',
			path: '/sandbox/emit',
			headers: type === undefined ? CLIENT : { 'content-type': type, ...CLIENT },
			body: EMIT,
		});
		expect(answer.status).toBe(415);
		expect(JSON.parse(answer.text).error).toMatch(/application\/json/);
		expect(receiver.requests).toHaveLength(0);
		expect(sandbox.deliveries()).toHaveLength(0);
	});

	it('the other POSTs as text/plain: 415, the sandbox unchanged', async () => {
		const textPlain = { 'content-type': 'text/plain' };
		const posts = [
			['/sandbox/fault', JSON.stringify({ mode: 'http500' })],
			['/sandbox/reset', ''],
			['/sandbox/delete-mutation', JSON.stringify({ enabled: false })],
		];
		for (const [path, body] of posts) {
			const answer = await send({ method: 'POST', path, headers: textPlain, body });
			expect(answer.status).toBe(415);
		}
		expect(sandbox.webhooks()).toHaveLength(1);
		const graphql = await send({ method: 'POST', path: '/core/gq', headers: GRAPHQL, body: LIST });
		expect(graphql.status).toBe(200); // no http500 fault was set
	});

	it('control: POST /sandbox/emit as JSON delivers, with the secret header', async () => {
		const answer = await send({
			method: 'POST',
			path: '/sandbox/emit',
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: EMIT,
		});
		expect(answer.status).toBe(200);
		expect(receiver.requests).toHaveLength(1);
		expect(receiver.requests[0].headers['x-bcrumbs-secret']).toBe(SECRET);
	});
});

describe(`control GETs without ${CONTROL_CLIENT_HEADER}`, () => {
	it.each(['/sandbox/webhooks', '/sandbox/deliveries', '/sandbox/calls', '/sandbox/profile'])(
		'GET %s: 403, and served with the header',
		async (path) => {
			for (const headers of [{}, { [CONTROL_CLIENT_HEADER]: '' }] as Array<
				Record<string, string>
			>) {
				const refused = await send({ method: 'GET', path, headers });
				expect(refused.status).toBe(403);
				expect(JSON.parse(refused.text).error).toContain(CONTROL_CLIENT_HEADER);
				expect(refused.text).not.toContain(SECRET);
			}
			const served = await send({ method: 'GET', path, headers: CLIENT });
			expect(served.status).toBe(200);
			if (path === '/sandbox/webhooks') expect(served.text).toContain(SECRET);
		},
	);
});
