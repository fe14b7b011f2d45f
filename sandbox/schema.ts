/** The bcrumbs webhooks GraphQL schema, as the doc describes it. */
import { GraphQLError } from 'graphql';
import { createSchema } from 'graphql-yoga';
import { assertWorkspace, type AuthContext } from './auth';
import { WEBHOOK_EVENTS, type WebhookEvent } from './events';
import { JSONScalar } from './jsonScalar';
import type { StoredWebhook } from './types';
import type { WebhookStore } from './webhookStore';

export interface SchemaOptions {
	store: WebhookStore;
	deleteMutation: boolean;
	padEventNames: boolean;
	/** false (documented profile): listed webhooks have no `headers` field; asking for it fails validation. */
	listedHeaders: boolean;
}

/** The doc's list example returns "INCOMING_MESSAGE " (trailing space); create returns it clean. */
const PADDED_EVENTS: ReadonlySet<string> = new Set(['INCOMING_MESSAGE']);

const BASE_TYPE_DEFS = /* GraphQL */ `
	scalar JSON

	enum WebhookEvent {
		${WEBHOOK_EVENTS.join('\n\t\t')}
	}

	"event is a String (not the enum) so list results can carry bcrumbs' trailing-space quirk"
	type Webhook {
		workspaceId: Int!
		id: String!
		label: String!
		url: String!
		event: String!
		__LISTED_HEADERS__
		createdAt: String!
	}

	type WebhookConnection {
		nodes: [Webhook!]!
	}

	input WebhooksInput {
		workspaceId: Int!
		label: String
		event: WebhookEvent
	}

	input WebhookCreateInput {
		workspaceId: Int!
		label: String!
		url: String!
		event: WebhookEvent!
		headers: JSON
	}

	type Query {
		webhooks(input: WebhooksInput!): WebhookConnection!
	}
`;

// The documented create answer selects `headers`; when listed webhooks lack it, create answers its own type.
const CREATED_WEBHOOK_TYPE_DEFS = /* GraphQL */ `
	type CreatedWebhook {
		workspaceId: Int!
		id: String!
		label: String!
		url: String!
		event: String!
		headers: JSON
		createdAt: String!
	}
`;

// Kept out of the schema entirely when disabled, so introspection does not show it.
const DELETE_TYPE_DEFS = /* GraphQL */ `
	input WebhookDeleteInput {
		workspaceId: Int!
		id: String!
	}
`;
const DELETE_MUTATION = `deleteWebhook(input: WebhookDeleteInput!): Webhook!`;

function badInput(message: string): GraphQLError {
	return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function assertHttpUrl(url: string): void {
	let protocol: string;
	try {
		protocol = new URL(url).protocol;
	} catch {
		throw badInput(`Invalid webhook url: ${url}`);
	}
	if (protocol !== 'http:' && protocol !== 'https:')
		throw badInput(`Webhook url must be http(s): ${url}`);
}

function parseHeaders(headers: unknown): Record<string, string> | null {
	if (headers === null || headers === undefined) return null;
	const isPlainObject = typeof headers === 'object' && !Array.isArray(headers);
	if (!isPlainObject || !Object.values(headers).every((v) => typeof v === 'string')) {
		throw badInput('headers must be an object of string values, or null');
	}
	return { ...(headers as Record<string, string>) };
}

interface WebhooksArgs {
	input: { workspaceId: number; label?: string | null; event?: WebhookEvent | null };
}
interface CreateArgs {
	input: {
		workspaceId: number;
		label: string;
		url: string;
		event: WebhookEvent;
		headers?: unknown;
	};
}
interface DeleteArgs {
	input: { workspaceId: number; id: string };
}

export function buildSchema({
	store,
	deleteMutation,
	padEventNames,
	listedHeaders,
}: SchemaOptions) {
	const listView = (w: StoredWebhook) =>
		padEventNames && PADDED_EVENTS.has(w.event) ? { ...w, event: `${w.event} ` } : w;

	const mutations: Record<string, (parent: unknown, args: never, context: AuthContext) => unknown> =
		{
			createWebhook: (_: unknown, { input }: CreateArgs, context: AuthContext) => {
				assertWorkspace(context, input.workspaceId);
				assertHttpUrl(input.url);
				const headers = parseHeaders(input.headers);
				return store.add({ ...input, headers });
			},
		};
	if (deleteMutation) {
		mutations.deleteWebhook = (_: unknown, { input }: DeleteArgs, context: AuthContext) => {
			assertWorkspace(context, input.workspaceId);
			const removed = store.remove(input.workspaceId, input.id);
			if (!removed)
				throw new GraphQLError('Webhook not found', { extensions: { code: 'NOT_FOUND' } });
			return removed;
		};
	}

	const createMutation = `createWebhook(input: WebhookCreateInput!): ${listedHeaders ? 'Webhook' : 'CreatedWebhook'}!`;
	const mutationFields = [createMutation, ...(deleteMutation ? [DELETE_MUTATION] : [])];
	const typeDefs = [
		BASE_TYPE_DEFS.replace('__LISTED_HEADERS__', listedHeaders ? 'headers: JSON' : ''),
		listedHeaders ? '' : CREATED_WEBHOOK_TYPE_DEFS,
		deleteMutation ? DELETE_TYPE_DEFS : '',
		`type Mutation {\n\t\t${mutationFields.join('\n\t\t')}\n\t}`,
	].join('\n');

	return createSchema<AuthContext>({
		typeDefs,
		resolvers: {
			JSON: JSONScalar,
			Query: {
				webhooks: (_: unknown, { input }: WebhooksArgs, context: AuthContext) => {
					assertWorkspace(context, input.workspaceId);
					return { nodes: store.list(input).map(listView) };
				},
			},
			Mutation: mutations,
		},
	});
}
