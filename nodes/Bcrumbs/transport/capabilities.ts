import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	DELETE_INPUT_TYPE,
	GATEWAY_CAPABILITIES,
	type GatewayCapabilitiesResult,
	type IntrospectedInputValue,
	type IntrospectedTypeRef,
} from './documents';
import { bcrumbsGraphql, getBcrumbsCredentials, type BcrumbsContext } from './index';

/** What a gateway offers beyond bcrumbs' documentation. */
export interface GatewayCapabilities {
	/** `deleteWebhook` exists (bcrumbs documents none) and takes what the node sends */
	canDelete: boolean;
	/** listed webhooks have `headers` (the documented list query selects none): asking for a missing field fails validation */
	listedHeaders: boolean;
	/** `deleteWebhook` exists but takes other arguments than the node sends: why it is not used */
	deleteMismatch?: string;
}

/** The documented API and nothing more: what a gateway that keeps its schema to itself is taken to be. */
export const DOCUMENTED_API: GatewayCapabilities = { canDelete: false, listedHeaders: false };

// a gateway's schema changes rarely: ask once per gateway every few minutes, not on every activation
const CACHE_MS = 5 * 60_000;
const known = new Map<string, { capabilities: GatewayCapabilities; at: number }>();

// a gateway saying it keeps its schema to itself: graphql-js' "GraphQL introspection has been disabled, ...",
// Apollo's "GraphQL introspection is not allowed, ..." (GRAPHQL_VALIDATION_FAILED)
const SAYS_INTROSPECTION = /introspection/i;
const NAMES_INTROSPECTION_FIELD = /__type|__schema|introspection/i;
// an answer for now, not about introspection: asked again later, never taken for "introspection disabled"
const SAYS_TRY_LATER = /rate.?limit|too many|throttl|try again|retry|timed? ?out|unavailable/i;

/**
 * An answer that introspection itself is disabled (a GraphQL error, HTTP 200, or 400 for a validation error
 * under application/graphql-response+json) is an answer: the documented API, cacheable. Any other error
 * (a rate limit, an internal error, FORBIDDEN) is a failure: "could not check", never cached.
 */
export function refusesIntrospection(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.httpCode !== '200' && error.httpCode !== '400') return false;
	const code = remoteCodeOf(error) ?? '';
	const message = remoteMessageOf(error) ?? '';
	if (code === 'FORBIDDEN' || SAYS_TRY_LATER.test(`${code} ${message}`)) return false;
	return code === 'GRAPHQL_VALIDATION_FAILED'
		? NAMES_INTROSPECTION_FIELD.test(message)
		: SAYS_INTROSPECTION.test(message);
}

/** The scalar types each field the node sends in WebhookDeleteInput may have: workspaceId a number, id a string. */
const SENT_DELETE_FIELDS: Readonly<Record<string, readonly string[]>> = {
	workspaceId: ['Int'],
	id: ['ID', 'String'],
};

/** How GraphQL writes the type: "WebhookDeleteInput!", "[ID!]" */
function typeText(type: IntrospectedTypeRef | null | undefined): string {
	if (!type) return '?';
	if (type.kind === 'NON_NULL') return `${typeText(type.ofType)}!`;
	if (type.kind === 'LIST') return `[${typeText(type.ofType)}]`;
	return type.name ?? '?';
}

/** The type is `name` of this kind, nullable or not (a value the node sends fits both; a list does not). */
function isNamedType(type: IntrospectedTypeRef, kind: string, names: readonly string[]): boolean {
	const named = type.kind === 'NON_NULL' ? type.ofType : type;
	return named?.kind === kind && names.includes(named.name ?? '');
}

function inputFieldsProblem(
	fields: IntrospectedInputValue[] | null | undefined,
): string | undefined {
	if (!fields) return `${DELETE_INPUT_TYPE} has no input fields`;
	for (const [name, scalars] of Object.entries(SENT_DELETE_FIELDS)) {
		const field = fields.find((candidate) => candidate.name === name);
		if (!field || !isNamedType(field.type, 'SCALAR', scalars))
			return `${DELETE_INPUT_TYPE}.${name} is ${field ? typeText(field.type) : 'missing'}, not ${scalars.join(' or ')}`;
	}
	const required = fields.filter(
		(field) =>
			!Object.hasOwn(SENT_DELETE_FIELDS, field.name) &&
			field.type.kind === 'NON_NULL' &&
			(field.defaultValue ?? null) === null,
	);
	if (required.length > 0)
		return `${DELETE_INPUT_TYPE} also requires ${required.map((field) => field.name).join(', ')}, which the node does not send`;
	return undefined;
}

/**
 * Why the gateway's deleteWebhook cannot take what the node sends (`deleteWebhook(input: WebhookDeleteInput!)`
 * with `{ workspaceId: Int, id: String }`), or undefined when it can. Only for a gateway that has deleteWebhook.
 */
export function deleteShapeProblem(result: GatewayCapabilitiesResult): string | undefined {
	const mutation = result.mutationType?.fields?.find((field) => field.name === 'deleteWebhook');
	const args = mutation?.args ?? [];
	const [input] = args;
	if (
		args.length !== 1 ||
		input.name !== 'input' ||
		!isNamedType(input.type, 'INPUT_OBJECT', [DELETE_INPUT_TYPE])
	) {
		const taken = args.map((arg) => `${arg.name}: ${typeText(arg.type)}`).join(', ');
		return `deleteWebhook takes (${taken}), not (input: ${DELETE_INPUT_TYPE}!)`;
	}
	return inputFieldsProblem(result.deleteInputType?.inputFields);
}

export function capabilitiesFrom(result: GatewayCapabilitiesResult): GatewayCapabilities {
	const names = (type: { fields: Array<{ name: string }> | null } | null) =>
		new Set((type?.fields ?? []).map((field) => field.name));
	const hasDelete = names(result.mutationType).has('deleteWebhook');
	const deleteMismatch = hasDelete ? deleteShapeProblem(result) : undefined;
	return {
		canDelete: hasDelete && deleteMismatch === undefined,
		listedHeaders: names(result.webhookType).has('headers'),
		...(deleteMismatch === undefined ? {} : { deleteMismatch }),
	};
}

// gateways whose deleteWebhook mismatch was logged: once per gateway per process, not per activation
const mismatchLogged = new Set<string>();

/** The gateway as a log may name it: no credentials in the URL, no query. */
function gatewayName(gatewayUrl: string): string {
	try {
		const url = new URL(gatewayUrl);
		return `${url.origin}${url.pathname}`;
	} catch {
		return 'the gateway';
	}
}

/** Says once per gateway that its deleteWebhook is not used, and what that leaves behind. */
function logDeleteMismatchOnce(
	context: BcrumbsContext,
	gatewayUrl: string,
	capabilities: GatewayCapabilities,
): void {
	if (capabilities.deleteMismatch === undefined || mismatchLogged.has(gatewayUrl)) return;
	mismatchLogged.add(gatewayUrl);
	context.logger.warn(
		`bcrumbs: ${gatewayName(gatewayUrl)}: deleteWebhook's arguments are not what this node sends (${capabilities.deleteMismatch}); it is not used, so registrations are left in bcrumbs on deactivation`,
	);
}

/** What an introspection answer says the gateway offers: cached, and a deleteWebhook not used is named once. */
export function capabilitiesFound(
	context: BcrumbsContext,
	gatewayUrl: string,
	result: GatewayCapabilitiesResult,
): GatewayCapabilities {
	const capabilities = capabilitiesFrom(result);
	rememberCapabilities(gatewayUrl, capabilities);
	logDeleteMismatchOnce(context, gatewayUrl, capabilities);
	return capabilities;
}

/** What this gateway was found to offer in the last few minutes, if it was asked. */
export function cachedCapabilities(gatewayUrl: string): GatewayCapabilities | undefined {
	const cached = known.get(gatewayUrl);
	return cached && Date.now() - cached.at < CACHE_MS ? cached.capabilities : undefined;
}

export function rememberCapabilities(gatewayUrl: string, capabilities: GatewayCapabilities): void {
	known.set(gatewayUrl, { capabilities, at: Date.now() });
}

/**
 * What the gateway offers, found by introspection and cached per gateway. A failed introspection (HTTP 5xx,
 * timeout, network, a GraphQL error such as a rate limit) is asked once more and never cached: undefined
 * means "could not check", never "cannot". Only an answer that introspection is disabled means the documented API.
 */
export async function gatewayCapabilities(
	context: BcrumbsContext,
): Promise<GatewayCapabilities | undefined> {
	const { gatewayUrl } = await getBcrumbsCredentials(context);
	const cached = cachedCapabilities(gatewayUrl);
	if (cached) return cached;
	let lastError: unknown;
	for (let attempt = 1; attempt <= 2; attempt++) {
		try {
			const result = await bcrumbsGraphql<GatewayCapabilitiesResult>(context, {
				operation: 'introspection (what does the gateway offer?)',
				document: GATEWAY_CAPABILITIES,
				answer: 'capabilities',
			});
			return capabilitiesFound(context, gatewayUrl, result);
		} catch (error) {
			if (refusesIntrospection(error)) {
				rememberCapabilities(gatewayUrl, DOCUMENTED_API);
				return DOCUMENTED_API;
			}
			lastError = error;
		}
	}
	context.logger.warn(
		`bcrumbs: could not check what the gateway offers (deleteWebhook, headers on listed webhooks); asking again next time: ${(lastError as Error).message}`,
	);
	return undefined;
}

/** The remote error code (FORBIDDEN, NOT_FOUND, ...) carried by a transport error, if any. */
export function remoteCodeOf(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const code = (error.errorResponse as JsonObject | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

/** The gateway's own error message (redacted, bounded) carried by a transport error, if it sent one. */
function remoteMessageOf(error: NodeApiError): string | undefined {
	const message = (error.errorResponse as JsonObject | undefined)?.message;
	// where the gateway sent no message, the transport puts its own words ("bcrumbs <operation> failed ...")
	return typeof message === 'string' && !message.startsWith('bcrumbs ') ? message : undefined;
}

/** Passes n8n errors through unchanged and wraps anything else, so callers rethrow only n8n errors. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	// returns `error` itself when it already is a NodeApiError
	return new NodeApiError(node, error as JsonObject);
}
