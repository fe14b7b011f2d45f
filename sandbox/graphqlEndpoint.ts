/**
 * POST /core/gq: counting, fault injection and API-key auth in front of a
 * graphql-yoga server that runs the bcrumbs webhooks schema.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import {
	FORBIDDEN_BODY,
	FORBIDDEN_CODE,
	forbiddenError,
	workspaceForKey,
	type AuthContext,
} from './auth';
import type { FaultController } from './faults';
import { CallCounter, graphqlParams, rootFieldNames } from './graphqlRequestInfo';
import { readBody, sendJson, sendRaw, sleep } from './httpUtil';
import { buildSchema, type SchemaOptions } from './schema';
import type { ApiKey } from './types';

export const GRAPHQL_PATH = '/core/gq';

export const HTTP500_BODY = { errors: [{ message: 'Internal server error' }] };
/** Truncated JSON, as a broken proxy might return. */
export const MALFORMED_BODY = '{"data": {';

/** Each asked root field answered with an object missing every documented field (no id, no nodes). */
export function wrongShapeBody(rootFields: string[]): { data: Record<string, unknown> } {
	return { data: Object.fromEntries(rootFields.map((field) => [field, { unexpected: true }])) };
}

/** The caller's workspace arrives as server context (see fetch below) and reaches resolvers as context. */
export type GatewayYoga = YogaServerInstance<AuthContext, object>;

/**
 * A workspace mismatch is detected inside a resolver; bcrumbs answers it
 * exactly like a bad key (one FORBIDDEN error, data null), without the
 * locations/path graphql-js would add.
 */
const forbiddenLikeBcrumbs: Plugin = {
	onExecute() {
		return {
			onExecuteDone({ result, setResult }) {
				if (Symbol.asyncIterator in result) return;
				if (result.errors?.some((e) => e.extensions?.code === FORBIDDEN_CODE)) {
					setResult({ errors: [forbiddenError()], data: null });
				}
			},
		};
	},
};

export function createGatewayYoga(schemaOptions: SchemaOptions): GatewayYoga {
	return createYoga<AuthContext, object>({
		schema: buildSchema(schemaOptions),
		graphqlEndpoint: GRAPHQL_PATH,
		graphiql: false,
		landingPage: false,
		logging: false,
		// Our error messages and codes are the API: never mask them.
		maskedErrors: false,
		plugins: [forbiddenLikeBcrumbs],
	});
}

export interface GraphqlEndpointDeps {
	apiKeys: ApiKey[];
	faults: FaultController;
	calls: CallCounter;
	/** Aborted when the sandbox closes, so 'slow' requests stop waiting. */
	closing: AbortSignal;
	/** Read per request: the yoga instance is swapped when the delete mutation is toggled. */
	yoga(): GatewayYoga;
}

// Hop-by-hop or recomputed headers that must not be copied between the two HTTP layers.
const SKIPPED_HEADERS = new Set([
	'content-length',
	'transfer-encoding',
	'connection',
	'keep-alive',
]);

export async function handleGraphqlRequest(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	deps: GraphqlEndpointDeps,
): Promise<void> {
	const bodyText = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
	const rootFields = rootFieldNames(graphqlParams(req.method, bodyText, url));
	deps.calls.record(rootFields);

	const fault = deps.faults.take(rootFields);
	if (fault?.mode === 'forbidden') return sendJson(res, 200, FORBIDDEN_BODY);
	if (fault?.mode === 'http500') return sendJson(res, 500, HTTP500_BODY);
	if (fault?.mode === 'malformed') return sendRaw(res, 200, MALFORMED_BODY);
	if (fault?.mode === 'wrongShape') return sendJson(res, 200, wrongShapeBody(rootFields));
	if (fault?.mode === 'slow') {
		await sleep(fault.delayMs, deps.closing);
		if (deps.closing.aborted) return void res.destroy();
	}

	// Checked before yoga so even introspection needs a valid key, as on bcrumbs.
	const authWorkspaceId = workspaceForKey(deps.apiKeys, header(req, 'authorization'));
	if (authWorkspaceId === undefined) return sendJson(res, 200, FORBIDDEN_BODY);

	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined || SKIPPED_HEADERS.has(name)) continue;
		for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
	}
	const response = await deps
		.yoga()
		.fetch(
			url.toString(),
			{ method: req.method, headers, body: bodyText === '' ? undefined : bodyText },
			{ authWorkspaceId },
		);

	const text = await response.text();
	const outHeaders: Record<string, string> = {};
	response.headers.forEach((value, name) => {
		if (!SKIPPED_HEADERS.has(name)) outHeaders[name] = value;
	});
	outHeaders['content-length'] = String(Buffer.byteLength(text));
	res.writeHead(response.status, outHeaders);
	res.end(text);
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}
