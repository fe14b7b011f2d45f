/** GraphQL documents of the bcrumbs gateway, as its documentation writes them. */
export const WEBHOOK_FIELDS = 'workspaceId id label url event createdAt';

export const LIST_WEBHOOKS = `query webhooks($input: WebhooksInput!) {
  webhooks(input: $input) {
    nodes { ${WEBHOOK_FIELDS} }
  }
}`;

/** The same query with the registered headers: only the trigger asks for them, to recognise its own secret */
export const LIST_WEBHOOKS_WITH_HEADERS = `query webhooks($input: WebhooksInput!) {
  webhooks(input: $input) {
    nodes { ${WEBHOOK_FIELDS} headers }
  }
}`;

export const CREATE_WEBHOOK = `mutation createWebhook($input: WebhookCreateInput!) {
  createWebhook(input: $input) { ${WEBHOOK_FIELDS} headers }
}`;

export interface WebhookRecord {
	workspaceId: number;
	id: string;
	label: string;
	url: string;
	event: string;
	createdAt: string;
	headers?: Record<string, string> | null;
}

export interface ListWebhooksResult {
	webhooks: { nodes: WebhookRecord[] };
}

export interface CreateWebhookResult {
	createWebhook: WebhookRecord;
}

/** Not in bcrumbs' documentation: used only when introspection shows the gateway has it. */
export const DELETE_WEBHOOK = `mutation deleteWebhook($input: WebhookDeleteInput!) {
  deleteWebhook(input: $input) { id }
}`;

/** Whether the gateway has deleteWebhook, and whether listed webhooks have `headers` (the documented list selects none). */
export const GATEWAY_CAPABILITIES = `query gatewayCapabilities {
  mutationType: __type(name: "Mutation") { fields { name } }
  webhookType: __type(name: "Webhook") { fields { name } }
}`;

export interface GatewayCapabilitiesResult {
	mutationType: { fields: Array<{ name: string }> | null } | null;
	webhookType: { fields: Array<{ name: string }> | null } | null;
}

/** The documented listing and the capabilities in one request: a gateway's first activation costs no extra call. */
export const LIST_WEBHOOKS_AND_CAPABILITIES = `query webhooksAndCapabilities($input: WebhooksInput!) {
  mutationType: __type(name: "Mutation") { fields { name } }
  webhookType: __type(name: "Webhook") { fields { name } }
  webhooks(input: $input) {
    nodes { ${WEBHOOK_FIELDS} }
  }
}`;

/** Several deleteWebhook calls in one request (aliases d0, d1, ...): replacing N registrations costs one call, not N. */
export function deleteManyDocument(count: number): string {
	const indexes = [...Array(count).keys()];
	const variables = indexes.map((i) => `$d${i}: WebhookDeleteInput!`).join(', ');
	const fields = indexes.map((i) => `d${i}: deleteWebhook(input: $d${i}) { id }`).join('\n  ');
	return `mutation deleteWebhooks(${variables}) {\n  ${fields}\n}`;
}
