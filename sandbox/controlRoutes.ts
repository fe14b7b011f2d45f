/**
 * /sandbox/* control endpoints: drive the sandbox over HTTP (emit events,
 * inject faults, inspect state) without a bcrumbs account. JSON in/out, no
 * auth: the server only listens on loopback and only answers a loopback Host
 * (server.ts). A web page in the user's browser can still reach loopback, so a
 * POST must be `content-type: application/json` and a GET must carry
 * CONTROL_CLIENT_HEADER: a page of another origin can send neither without the
 * sandbox's consent (a CORS preflight), which it never gives. What a page can
 * send freely is refused: a text/plain or form POST (to /sandbox/emit, it would
 * have the page's text delivered with the webhooks' real secret headers) and a
 * plain GET (/sandbox/webhooks and /sandbox/deliveries carry secrets).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFaultMode, FAULT_MODES } from './faults';
import { isJsonContentType, parseJsonObject, readBody, sendJson } from './httpUtil';
import { QUERY_JOINS, type FaultOptions, type QueryJoin, type Sandbox } from './types';

export const CONTROL_PREFIX = '/sandbox/';

/** Every GET control request sends this header, any value (e.g. `x-sandbox-client: 1`). */
export const CONTROL_CLIENT_HEADER = 'x-sandbox-client';

export interface ControlDeps {
	sandbox: Sandbox;
	callSnapshot(): { total: number; byOperation: Record<string, number> };
}

type Handler = (body: Record<string, unknown>, deps: ControlDeps) => Promise<unknown> | unknown;

class BadRequest extends Error {}

const routes: Record<string, Handler> = {
	'POST /sandbox/emit': async (body, { sandbox }) => {
		const { event, workspaceId, payload, queryJoin } = body;
		if (queryJoin !== undefined && !(QUERY_JOINS as readonly unknown[]).includes(queryJoin))
			throw new BadRequest(`queryJoin must be one of ${QUERY_JOINS.join(', ')}`);
		if (typeof event !== 'string') throw new BadRequest('event is required');
		if (workspaceId !== undefined && !Number.isInteger(workspaceId))
			throw new BadRequest('workspaceId must be an integer');
		if (
			payload !== undefined &&
			(typeof payload !== 'object' || payload === null || Array.isArray(payload))
		) {
			throw new BadRequest('payload must be an object');
		}
		try {
			const deliveries = await sandbox.emit(event as Parameters<Sandbox['emit']>[0], {
				workspaceId: workspaceId as number | undefined,
				payload: payload as Record<string, unknown> | undefined,
				queryJoin: queryJoin as QueryJoin | undefined,
			});
			return { deliveries };
		} catch (error) {
			throw new BadRequest((error as Error).message);
		}
	},
	'GET /sandbox/webhooks': (_, { sandbox }) => ({ webhooks: sandbox.webhooks() }),
	'GET /sandbox/profile': (_, { sandbox }) => ({ profile: sandbox.profile }),
	'GET /sandbox/deliveries': (_, { sandbox }) => ({ deliveries: sandbox.deliveries() }),
	'GET /sandbox/calls': (_, { callSnapshot }) => callSnapshot(),
	'POST /sandbox/fault': (body, { sandbox }) => {
		const { mode, ...options } = body;
		if (!isFaultMode(mode)) throw new BadRequest(`mode must be one of: ${FAULT_MODES.join(', ')}`);
		try {
			sandbox.setFault(mode, options as FaultOptions);
		} catch (error) {
			throw new BadRequest((error as Error).message);
		}
		return { ok: true, mode };
	},
	'POST /sandbox/reset': (_, { sandbox }) => {
		sandbox.reset();
		return { ok: true };
	},
	'POST /sandbox/delete-mutation': (body, { sandbox }) => {
		if (typeof body.enabled !== 'boolean') throw new BadRequest('enabled must be a boolean');
		sandbox.setDeleteMutation(body.enabled);
		return { ok: true, enabled: body.enabled };
	},
};

export async function handleControlRequest(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	deps: ControlDeps,
): Promise<void> {
	const handler = routes[`${req.method} ${url.pathname.replace(/\/+$/, '')}`];
	if (!handler) return sendJson(res, 404, { error: `Not found: ${req.method} ${url.pathname}` });
	if (req.method !== 'GET' && !isJsonContentType(req.headers['content-type']))
		return sendJson(res, 415, {
			error: `${req.method} ${url.pathname} needs "content-type: application/json" (a web page can post other types to it unasked)`,
		});
	const client = req.headers[CONTROL_CLIENT_HEADER];
	if (req.method === 'GET' && (typeof client !== 'string' || client.trim() === ''))
		return sendJson(res, 403, {
			error: `GET ${url.pathname} needs a "${CONTROL_CLIENT_HEADER}" header (any value), which a web page of another origin cannot send`,
		});
	let body: Record<string, unknown> = {};
	try {
		if (req.method === 'POST') body = parseJsonObject(await readBody(req));
	} catch (error) {
		return sendJson(res, 400, { error: (error as Error).message });
	}
	try {
		sendJson(res, 200, await handler(body, deps));
	} catch (error) {
		sendJson(res, error instanceof BadRequest ? 400 : 500, { error: (error as Error).message });
	}
}
