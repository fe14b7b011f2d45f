/**
 * A bcrumbs gateway whose deleteWebhook takes other arguments than the node sends, or whose introspection
 * is rate limited or disabled: the sandbox's own schema and resolvers (sandbox/schema.ts) with only
 * deleteWebhook reshaped, served by graphql-yoga behind the sandbox's key check, over real HTTP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	GraphQLID,
	GraphQLInputObjectType,
	GraphQLNonNull,
	GraphQLObjectType,
	GraphQLSchema,
	GraphQLString,
	NoSchemaIntrospectionCustomRule,
	type GraphQLFieldConfig,
	type GraphQLInputFieldConfigMap,
} from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';

import {
	FORBIDDEN_BODY,
	SANDBOX_API_KEY,
	workspaceForKey,
	type AuthContext,
} from '../../../sandbox/auth';
import { CallCounter, graphqlParams, rootFieldNames } from '../../../sandbox/graphqlRequestInfo';
import { readBody, sendJson } from '../../../sandbox/httpUtil';
import { buildSchema } from '../../../sandbox/schema';
import type { StoredWebhook } from '../../../sandbox/types';
import { WebhookStore } from '../../../sandbox/webhookStore';

/**
 * asSent: deleteWebhook(input: WebhookDeleteInput!) with { workspaceId: Int!, id: String! }, as the sandbox;
 * byId: deleteWebhook(id: ID!); extraRequired / extraOptional: the input also has `reason: String!` / `reason: String`;
 * workspaceAsString: the input's workspaceId is a String!.
 */
export type DeleteShape =
	'asSent' | 'byId' | 'extraRequired' | 'extraOptional' | 'workspaceAsString';

/**
 * How requests asking `__type` are answered: answered (normally); rateLimited / internalError: HTTP 200 with
 * that GraphQL error, as a gateway's rate limiter or a failing resolver answers; disabled: graphql-js'
 * NoSchemaIntrospectionCustomRule (yoga answers HTTP 400 to clients accepting application/graphql-response+json);
 * disabledAs200: the same, answered HTTP 200 (application/json).
 */
export type IntrospectionAnswer =
	'answered' | 'rateLimited' | 'internalError' | 'disabled' | 'disabledAs200';

const ERROR_ANSWERS: Partial<Record<IntrospectionAnswer, object>> = {
	rateLimited: {
		errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }],
		data: null,
	},
	internalError: {
		errors: [{ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
		data: null,
	},
};

export interface ShapedGateway {
	url: string;
	apiKey: string;
	introspection: IntrospectionAnswer;
	webhooks(): StoredWebhook[];
	callCount(operation?: string): number;
	close(): Promise<void>;
}

type DeleteField = GraphQLFieldConfig<unknown, AuthContext>;

function reshapedInput(base: GraphQLInputObjectType, shape: DeleteShape): GraphQLInputObjectType {
	const fields: GraphQLInputFieldConfigMap = { ...base.toConfig().fields };
	if (shape === 'extraRequired') fields.reason = { type: new GraphQLNonNull(GraphQLString) };
	if (shape === 'extraOptional') fields.reason = { type: GraphQLString };
	if (shape === 'workspaceAsString')
		fields.workspaceId = { type: new GraphQLNonNull(GraphQLString) };
	return new GraphQLInputObjectType({ ...base.toConfig(), fields });
}

function reshapedDelete(
	asSent: DeleteField,
	input: GraphQLInputObjectType,
	shape: DeleteShape,
): DeleteField {
	if (shape !== 'byId') return { ...asSent, args: { input: { type: new GraphQLNonNull(input) } } };
	return {
		...asSent,
		args: { id: { type: new GraphQLNonNull(GraphQLID) } },
		resolve: (parent, { id }: { id: string }, context, info) =>
			asSent.resolve!(
				parent,
				{ input: { workspaceId: context.authWorkspaceId, id } },
				context,
				info,
			),
	};
}

/** The sandbox's schema (extended profile), deleteWebhook reshaped. */
function shapedSchema(store: WebhookStore, shape: DeleteShape): GraphQLSchema {
	const base = buildSchema({
		store,
		deleteMutation: true,
		padEventNames: false,
		listedHeaders: true,
	});
	if (shape === 'asSent') return base;
	const mutation = base.getMutationType()!.toConfig();
	const input = reshapedInput(base.getType('WebhookDeleteInput') as GraphQLInputObjectType, shape);
	const deleteWebhook = reshapedDelete(mutation.fields.deleteWebhook as DeleteField, input, shape);
	const config = base.toConfig();
	return new GraphQLSchema({
		...config,
		mutation: new GraphQLObjectType({ ...mutation, fields: { ...mutation.fields, deleteWebhook } }),
		types: config.types.filter((type) => !['Mutation', 'WebhookDeleteInput'].includes(type.name)),
	});
}

type GatewayYoga = ReturnType<typeof createYoga<AuthContext, object>>;

/** One GraphQL request: counted, refused as the gateway's introspection answer says, else run by yoga. */
async function answerRequest(
	gateway: ShapedGateway,
	services: { yoga: GatewayYoga; calls: CallCounter },
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const body = await readBody(request);
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const rootFields = rootFieldNames(graphqlParams(request.method, body, url));
	services.calls.record(rootFields);
	const errorAnswer = rootFields.includes('__type') && ERROR_ANSWERS[gateway.introspection];
	if (errorAnswer) return sendJson(response, 200, errorAnswer);
	const authWorkspaceId = workspaceForKey(
		[{ key: SANDBOX_API_KEY, workspaceId: 12 }],
		request.headers.authorization,
	);
	if (authWorkspaceId === undefined) return sendJson(response, 200, FORBIDDEN_BODY);
	// an older gateway answers every GraphQL error with HTTP 200 (application/json)
	const accept =
		gateway.introspection === 'disabledAs200'
			? 'application/json'
			: String(request.headers.accept ?? '');
	const answer = await services.yoga.fetch(
		'http://127.0.0.1/graphql',
		{ method: 'POST', headers: { 'content-type': 'application/json', accept }, body },
		{ authWorkspaceId },
	);
	response.writeHead(answer.status, {
		'content-type': answer.headers.get('content-type') ?? 'application/json',
	});
	response.end(await answer.text());
}

export async function startShapedGateway(shape: DeleteShape): Promise<ShapedGateway> {
	const store = new WebhookStore();
	const calls = new CallCounter();
	const disableIntrospection: Plugin = {
		onValidate({ addValidationRule }) {
			if (gateway.introspection.startsWith('disabled'))
				addValidationRule(NoSchemaIntrospectionCustomRule);
		},
	};
	const yoga = createYoga<AuthContext, object>({
		schema: shapedSchema(store, shape),
		logging: false,
		maskedErrors: false,
		plugins: [disableIntrospection],
	});
	const server: Server = createServer((request, response) => {
		answerRequest(gateway, { yoga, calls }, request, response).catch((error: unknown) =>
			sendJson(response, 500, { errors: [{ message: (error as Error).message }] }),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const gateway: ShapedGateway = {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/core/gq`,
		apiKey: SANDBOX_API_KEY,
		introspection: 'answered',
		webhooks: () => store.all(),
		callCount: (operation) => calls.count(operation),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	return gateway;
}
