/** Shared test helpers: a GraphQL client for the sandbox and a local webhook receiver. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_API_KEY, startSandbox, type NewWebhook, type Sandbox } from '../../sandbox';

export const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const OBJECT_ID = /^[0-9a-f]{24}$/;

export interface GqlResult {
	status: number;
	contentType: string | null;
	text: string;
	body: any;
}

/** POSTs a raw body to the GraphQL endpoint; `key: null` sends no authorization header. */
export async function postRaw(
	sandbox: Sandbox,
	body: string,
	key: string | null = SANDBOX_API_KEY,
): Promise<GqlResult> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (key !== null) headers.authorization = key;
	const response = await fetch(sandbox.url, { method: 'POST', headers, body });
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return {
		status: response.status,
		contentType: response.headers.get('content-type'),
		text,
		body: parsed,
	};
}

export function gql(
	sandbox: Sandbox,
	query: string,
	variables: Record<string, unknown> = {},
	key: string | null = SANDBOX_API_KEY,
): Promise<GqlResult> {
	return postRaw(sandbox, JSON.stringify({ query, variables }), key);
}

export const LIST_QUERY = `query webhooks($input: WebhooksInput!) {
	webhooks(input: $input) { nodes { workspaceId id label url event headers createdAt } }
}`;

export const CREATE_MUTATION = `mutation createWebhook($input: WebhookCreateInput!) {
	createWebhook(input: $input) { workspaceId id label url event headers createdAt }
}`;

export const DELETE_MUTATION = `mutation deleteWebhook($input: WebhookDeleteInput!) {
	deleteWebhook(input: $input) { id label }
}`;

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Receiver {
	/** Base URL, e.g. http://127.0.0.1:PORT */
	url: string;
	requests: ReceivedRequest[];
	close(): Promise<void>;
}

/**
 * A webhook receiver on loopback. Answers 200 "ok", except paths starting
 * with /status/NNN which answer NNN (failing receivers) and /delay/MS which
 * answer after MS milliseconds (slow receivers).
 */
export async function startReceiver(): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			requests.push({
				method: req.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			const status = Number(/^\/status\/(\d{3})/.exec(url.pathname)?.[1] ?? 200);
			const delayMs = Number(/^\/delay\/(\d+)/.exec(url.pathname)?.[1] ?? 0);
			setTimeout(() => {
				res.writeHead(status, { 'content-type': 'text/plain' });
				res.end(status === 200 ? 'ok' : `status ${status}`);
			}, delayMs);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * One sandbox and one receiver for the test file: started before its tests (handed to `started`), closed
 * after them, and cleared before each test (webhooks, faults, counters, deliveries; requests received).
 */
export function useSandboxAndReceiver(
	started: (running: { sandbox: Sandbox; receiver: Receiver }) => void,
): void {
	let sandbox: Sandbox;
	let receiver: Receiver;
	beforeAll(async () => {
		[sandbox, receiver] = await Promise.all([startSandbox(), startReceiver()]);
		started({ sandbox, receiver });
	});
	afterAll(() => Promise.all([sandbox.close(), receiver.close()]));
	beforeEach(() => {
		sandbox.reset();
		receiver.requests.length = 0;
	});
}

/** Seeds a webhook straight into the sandbox: workspace 12, label x, https://x.example, NEW_CONV unless given. */
export function seedWebhook(sandbox: Sandbox, fields: Partial<NewWebhook> = {}) {
	return sandbox.addWebhook({
		workspaceId: 12,
		label: 'x',
		url: 'https://x.example',
		event: 'NEW_CONV',
		...fields,
	});
}

/** A loopback port with nothing listening (for "receiver down" cases). */
export async function unusedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/**
 * Decodes a bash $'...' string (as in the doc's curl --data-raw) into the
 * bytes curl actually sends: \\ -> \, \uHHHH -> char, \n, \t, \', \".
 */
export function decodeBashAnsiC(quoted: string): string {
	return quoted.replace(/\\(u[0-9a-fA-F]{4}|[\\'"nt])/g, (_, esc: string) => {
		if (esc.startsWith('u')) return String.fromCharCode(parseInt(esc.slice(1), 16));
		return ({ n: '\n', t: '\t' } as Record<string, string>)[esc] ?? esc;
	});
}
