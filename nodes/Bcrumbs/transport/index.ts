import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { lazyModule } from '../../shared/core/lazyModule';
import type * as Answers from './answers';

import { CREDENTIAL_TYPE } from '../core/credential';
import { GATEWAY_URL_HINT, gatewayUrlProblem } from '../core/gatewayUrl';
import { describeGatewayFailure, GatewayUnreachableError } from './failure';

// the answer schemas (and zod) load on the first call, not when n8n loads the node files at startup
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside a function is what defers the load
const answers = lazyModule<typeof Answers>(() => require('./answers'));

export type BcrumbsContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface BcrumbsCredentials {
	apiKey: string;
	workspaceId: number;
	gatewayUrl: string;
}

export interface GraphqlCall {
	/** Names the call in errors, e.g. "createWebhook" */
	operation: string;
	document: string;
	/** Sent as `variables.input`, with the credential's workspaceId added: bcrumbs wants it in every input */
	input?: Record<string, unknown>;
	variables?: Record<string, unknown>;
	timeoutMs?: number;
	/** Values the gateway might echo in an error (header values we send): redacted like the API key */
	secrets?: string[];
	/** The shape the answer must have (transport/answers.ts); a mismatch is a NodeApiError naming the operation */
	answer?: Answers.AnswerShape;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/**
 * A `fetch` for graphql-request that sends through n8n's httpRequestWithAuthentication,
 * so credential injection, proxies and request logging apply to every call.
 */
function n8nFetch(context: BcrumbsContext, timeoutMs: number): typeof fetch {
	return async (url, init) => {
		let response: FullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				{
					method: 'POST',
					url: String(url),
					headers: Object.fromEntries(new Headers(init?.headers).entries()),
					body: init?.body as string,
					encoding: 'text',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: timeoutMs,
				} as IHttpRequestOptions,
			)) as FullResponse;
		} catch (error) {
			throw toUnreachable(error, timeoutMs);
		}
		const headers = new Headers();
		for (const [name, value] of Object.entries(response.headers ?? {})) {
			if (value !== undefined && value !== null)
				headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
		}
		const body =
			typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
		return new Response(body, { status: response.statusCode, headers });
	};
}

// plain words: n8n rewrites any message that contains a raw error code such as ECONNREFUSED
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
};

/** n8n wraps transport errors in a NodeApiError whose `messages` keep the original ("timeout of 300ms exceeded", "connect ECONNREFUSED ..."). */
function toUnreachable(error: unknown, timeoutMs: number): GatewayUnreachableError {
	const wrapped = error as { message?: string; messages?: string[]; code?: string };
	const texts = [...(wrapped.messages ?? []), wrapped.message ?? String(error)];
	const all = texts.join(' | ');
	if (
		wrapped.code === 'ECONNABORTED' ||
		/timeout of \d+ms exceeded|ETIMEDOUT|ECONNABORTED/i.test(all)
	) {
		return new GatewayUnreachableError('timeout', `no answer within ${timeoutMs} ms`);
	}
	const code = wrapped.code ?? /\b(E[A-Z_]{3,})\b/.exec(all)?.[1];
	return new GatewayUnreachableError(
		'network',
		NETWORK_FAILURES[code ?? ''] ?? 'network error',
		code,
	);
}

/**
 * The credential, refused before anything is sent when its Gateway URL would carry the API key in clear
 * text (http:// to anything but a loopback address). The credential's `authenticate` refuses such a request
 * too; this check comes first so the nodes fail with their own error, naming the node.
 */
export async function getBcrumbsCredentials(context: BcrumbsContext): Promise<BcrumbsCredentials> {
	const credentials = await context.getCredentials<BcrumbsCredentials>(CREDENTIAL_TYPE);
	const problem = gatewayUrlProblem(credentials.gatewayUrl);
	if (problem)
		throw new NodeOperationError(context.getNode(), problem, { description: GATEWAY_URL_HINT });
	return credentials;
}

/** Sends one GraphQL document to the gateway. Every failure becomes a NodeApiError naming the operation. */
export async function bcrumbsGraphql<T>(context: BcrumbsContext, call: GraphqlCall): Promise<T> {
	const credentials = await getBcrumbsCredentials(context);
	const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let data: T;
	const variables = call.input
		? { ...call.variables, input: { ...call.input, workspaceId: Number(credentials.workspaceId) } }
		: call.variables;
	try {
		// loaded on first use: the webhook path of the triggers never needs the GraphQL client.
		// graphql-request is this package's one deliberate runtime dependency (see README, Lint exceptions).
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
		const { GraphQLClient } = await import('graphql-request');
		const client = new GraphQLClient(credentials.gatewayUrl, {
			fetch: n8nFetch(context, timeoutMs),
		});
		data = await client.request<T>(call.document, variables);
	} catch (error) {
		// the key as saved, and (in redactSecrets) every form it takes in the authorization header as sent
		const failure = describeGatewayFailure(call.operation, error, [
			credentials.apiKey,
			...(call.secrets ?? []),
		]);
		throw new NodeApiError(
			context.getNode(),
			{
				message: failure.remoteMessage ?? failure.message,
				code: failure.remoteCode ?? null,
			} as JsonObject,
			{ message: failure.message, description: failure.description, httpCode: failure.httpCode },
		);
	}
	if (!call.answer) return data;
	const { ANSWERS, describeShapeProblems } = answers();
	const checked = ANSWERS[call.answer].safeParse(data);
	if (checked.success) return checked.data as T;
	const message = `bcrumbs ${call.operation} failed: the gateway's answer has an unexpected shape (${describeShapeProblems(checked.error)})`;
	throw new NodeApiError(context.getNode(), { message } as JsonObject, {
		message,
		description:
			'The answer does not match the bcrumbs webhooks API. Check the Gateway URL in the Bcrumbs API credentials.',
	});
}
