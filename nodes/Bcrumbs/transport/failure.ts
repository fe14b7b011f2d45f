import { redactReceiptTokens } from '../core/receiptToken';
import { redactSecrets } from './redact';

/** What went wrong with one GraphQL call, in words a workflow author can act on. No n8n imports: tested alone. */
export interface GatewayFailure {
	message: string;
	description: string;
	httpCode?: string;
	remoteCode?: string;
	remoteMessage?: string;
}

interface GraphqlErrorShape {
	message?: unknown;
	extensions?: { code?: unknown };
}

interface ClientErrorShape {
	response: { status?: number; errors?: GraphqlErrorShape[]; body?: unknown };
}

/** Thrown by the fetch adapter when no HTTP answer came back at all. */
export class GatewayUnreachableError extends Error {
	constructor(
		readonly reason: 'timeout' | 'network',
		readonly detail: string,
		readonly code?: string,
	) {
		super(detail);
		this.name = 'GatewayUnreachableError';
	}
}

const CREDENTIALS_HINT =
	'Check the API key and the workspace ID in the Bcrumbs API credentials: the key may be wrong, expired, or belong to another workspace.';
const GATEWAY_HINT =
	'Check the Gateway URL in the Bcrumbs API credentials; the default is https://gateway.bcrumbs.net/core/gq.';

function isClientError(error: unknown): error is ClientErrorShape {
	return (
		typeof error === 'object' &&
		error !== null &&
		'response' in error &&
		typeof (error as ClientErrorShape).response === 'object'
	);
}

/** An error page (a proxy's 502, a login page) is shown as a short readable excerpt, never whole. */
const PAGE_EXCERPT_CHARS = 200;
/** GraphQL messages are meant for people, but graphql-js repeats invalid inputs in them: bounded too. */
const REMOTE_MESSAGE_CHARS = 500;

/** Any text the gateway (or a proxy before it) sent back, with our secrets removed. */
type RemoteText = (text: string, limit: number) => string;

function cut(text: string, limit: number): string {
	return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** Enough of an answer to find its words; what lies beyond is never shown anyway. */
const SCANNED_CHARS = 64 * 1024;
const LOOKS_LIKE_MARKUP = /<\/?[a-z!][^<>]*>/i;

/** Drops <script>/<style> blocks in one pass (indexOf, no backtracking), so a page's code does not fill the excerpt. */
function withoutCode(html: string): string {
	const lower = html.toLowerCase();
	let kept = '';
	let from = 0;
	for (;;) {
		const open = [lower.indexOf('<script', from), lower.indexOf('<style', from)].filter(
			(at) => at >= 0,
		);
		if (open.length === 0) return kept + html.slice(from);
		const start = Math.min(...open);
		const tag = lower.startsWith('<script', start) ? 'script' : 'style';
		const close = lower.indexOf(`</${tag}`, start);
		kept += `${html.slice(from, start)} `;
		if (close < 0) return kept;
		const end = lower.indexOf('>', close);
		if (end < 0) return kept;
		from = end + 1;
	}
}

/** An HTML error page reads as its words: tags dropped, white space collapsed. */
function readable(text: string): string {
	const words = LOOKS_LIKE_MARKUP.test(text) ? withoutCode(text).replace(/<[^>]*>/g, ' ') : text;
	return words.replace(/\s+/g, ' ').trim();
}

export function describeGatewayFailure(
	operation: string,
	error: unknown,
	secrets: ReadonlyArray<string | undefined>,
): GatewayFailure {
	// Redact the whole text before cutting it: a cut through a secret leaves a head that no longer matches it.
	// And again after removing tags, which can join a secret that markup had split.
	// Registered URLs may be quoted too: the SMPP receipt's carries a token.
	const scrub = (text: string) => redactReceiptTokens(redactSecrets(text, secrets));
	const remote: RemoteText = (text, limit) =>
		cut(scrub(readable(scrub(text).slice(0, SCANNED_CHARS))), limit);
	const failure = classify(operation, error, remote);
	const clean = (text: string | undefined) => (text === undefined ? undefined : scrub(text));
	return {
		...failure,
		message: clean(failure.message) as string,
		description: clean(failure.description) as string,
		remoteMessage: clean(failure.remoteMessage),
	};
}

/** graphql-request's words for a 2xx answer that is not GraphQL JSON, followed by the whole answer. */
const NOT_GRAPHQL = /^Invalid execution result: result is not object or array\.\s*Got:\s*/;

/** By what went wrong: no answer, a refusal, an answer that is not GraphQL JSON, or anything else. */
function classify(operation: string, error: unknown, remote: RemoteText): GatewayFailure {
	if (error instanceof GatewayUnreachableError) return unreachable(operation, error);
	if (isClientError(error)) {
		const failure = rejected(operation, error, remote);
		if (failure) return failure;
	}
	if (error instanceof SyntaxError) {
		return {
			message: `bcrumbs ${operation} failed: the gateway answered with invalid JSON`,
			description: `The answer was not a GraphQL response. ${GATEWAY_HINT}`,
		};
	}
	const detail = error instanceof Error ? error.message : String(error);
	if (NOT_GRAPHQL.test(detail)) {
		const text = remote(detail.replace(NOT_GRAPHQL, ''), PAGE_EXCERPT_CHARS);
		return {
			message: `bcrumbs ${operation} failed: the gateway answered with something other than GraphQL JSON${text ? `: ${text}` : ''}`,
			description: `A proxy or login page may stand in front of the gateway. ${GATEWAY_HINT}`,
			remoteMessage: text || undefined,
		};
	}
	return {
		message: `bcrumbs ${operation} failed: ${remote(detail, REMOTE_MESSAGE_CHARS)}`,
		description: GATEWAY_HINT,
	};
}

/** No HTTP answer at all: the gateway timed out or could not be reached. */
function unreachable(operation: string, error: GatewayUnreachableError): GatewayFailure {
	return error.reason === 'timeout'
		? {
				message: `bcrumbs ${operation} timed out: ${error.detail}`,
				description: `The gateway did not answer in time. Try again, or raise the timeout. ${GATEWAY_HINT}`,
			}
		: {
				message: `Could not reach the bcrumbs gateway for ${operation}: ${error.detail}`,
				description: `${GATEWAY_HINT}${error.code ? ` (error code ${error.code})` : ''}`,
			};
}

/** An HTTP answer with GraphQL errors or an error status; undefined for one with neither (read like any other error). */
function rejected(
	operation: string,
	error: ClientErrorShape,
	remote: RemoteText,
): GatewayFailure | undefined {
	const { status, errors, body } = error.response;
	const first = errors?.[0];
	if (first) return graphqlError(operation, first, status, remote);
	if (status !== undefined && status >= 400) {
		const text = typeof body === 'string' ? remote(body, PAGE_EXCERPT_CHARS) : '';
		return {
			message: `bcrumbs ${operation} failed with HTTP ${status}${text ? `: ${text}` : ''}`,
			description:
				status >= 500
					? 'The bcrumbs gateway had an internal problem. Try again later.'
					: GATEWAY_HINT,
			httpCode: String(status),
			remoteMessage: text || undefined,
		};
	}
	return undefined;
}

/** The gateway's first GraphQL error, its message bounded; FORBIDDEN points at the credentials. */
function graphqlError(
	operation: string,
	first: GraphqlErrorShape,
	status: number | undefined,
	remote: RemoteText,
): GatewayFailure {
	const remoteMessage =
		typeof first.message === 'string'
			? remote(first.message, REMOTE_MESSAGE_CHARS)
			: 'Unknown error';
	const remoteCode = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
	const forbidden = remoteCode === 'FORBIDDEN';
	const httpCode = status === undefined ? undefined : String(status);
	return {
		message: `bcrumbs ${operation} failed: ${remoteMessage}${remoteCode ? ` (${remoteCode})` : ''}`,
		description: forbidden
			? CREDENTIALS_HINT
			: `The bcrumbs gateway rejected ${operation}${status && status >= 400 ? ` with HTTP ${status}` : ''}.`,
		httpCode: forbidden ? '403' : httpCode,
		remoteCode,
		remoteMessage,
	};
}
