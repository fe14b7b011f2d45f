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
const GATEWAY_HINT = 'Check the Gateway URL in the Bcrumbs API credentials; the default is https://gateway.bcrumbs.net/core/gq.';

function isClientError(error: unknown): error is ClientErrorShape {
	return typeof error === 'object' && error !== null && 'response' in error && typeof (error as ClientErrorShape).response === 'object';
}

function snippet(body: unknown): string {
	const text = typeof body === 'string' ? body : '';
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function describeGatewayFailure(operation: string, error: unknown, secrets: ReadonlyArray<string | undefined>): GatewayFailure {
	const failure = classify(operation, error);
	const clean = (text: string | undefined) => (text === undefined ? undefined : redactSecrets(text, secrets));
	return {
		...failure,
		message: clean(failure.message) as string,
		description: clean(failure.description) as string,
		remoteMessage: clean(failure.remoteMessage),
	};
}

function classify(operation: string, error: unknown): GatewayFailure {
	if (error instanceof GatewayUnreachableError) {
		return error.reason === 'timeout'
			? { message: `bcrumbs ${operation} timed out: ${error.detail}`, description: `The gateway did not answer in time. Try again, or raise the timeout. ${GATEWAY_HINT}` }
			: {
					message: `Could not reach the bcrumbs gateway for ${operation}: ${error.detail}`,
					description: `${GATEWAY_HINT}${error.code ? ` (error code ${error.code})` : ''}`,
				};
	}
	if (isClientError(error)) {
		const { status, errors, body } = error.response;
		const first = errors?.[0];
		const httpCode = status === undefined ? undefined : String(status);
		if (first) {
			const remoteMessage = typeof first.message === 'string' ? first.message : 'Unknown error';
			const remoteCode = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
			const forbidden = remoteCode === 'FORBIDDEN';
			return {
				message: `bcrumbs ${operation} failed: ${remoteMessage}${remoteCode ? ` (${remoteCode})` : ''}`,
				description: forbidden ? CREDENTIALS_HINT : `The bcrumbs gateway rejected ${operation}${status && status >= 400 ? ` with HTTP ${status}` : ''}.`,
				httpCode: forbidden ? '403' : httpCode,
				remoteCode,
				remoteMessage,
			};
		}
		if (status !== undefined && status >= 400) {
			const text = snippet(body);
			return {
				message: `bcrumbs ${operation} failed with HTTP ${status}${text ? `: ${text}` : ''}`,
				description: status >= 500 ? 'The bcrumbs gateway had an internal problem. Try again later.' : GATEWAY_HINT,
				httpCode,
				remoteMessage: text || undefined,
			};
		}
	}
	if (error instanceof SyntaxError) {
		return {
			message: `bcrumbs ${operation} failed: the gateway answered with invalid JSON`,
			description: `The answer was not a GraphQL response. ${GATEWAY_HINT}`,
		};
	}
	const detail = error instanceof Error ? error.message : String(error);
	return { message: `bcrumbs ${operation} failed: ${detail}`, description: GATEWAY_HINT };
}
