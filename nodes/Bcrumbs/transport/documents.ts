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

/**
 * The input type deleteWebhook takes in the node's documents, which send it `{ workspaceId: Int, id: String }`:
 * introspection checks the gateway's deleteWebhook against exactly this.
 */
export const DELETE_INPUT_TYPE = 'WebhookDeleteInput';

/** Not in bcrumbs' documentation: used only when introspection shows the gateway has it, taking what this sends. */
export const DELETE_WEBHOOK = `mutation deleteWebhook($input: ${DELETE_INPUT_TYPE}!) {
  deleteWebhook(input: $input) { id }
}`;

/** A type as introspection describes it: wrappers (NON_NULL, LIST) around a named type, three deep. */
const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INPUT_VALUE = `name defaultValue type { ${TYPE_REF} }`;

// deleteWebhook's arguments and the input type's fields: the node deletes only where they take what it sends
const CAPABILITY_FIELDS = `mutationType: __type(name: "Mutation") { fields { name args { ${INPUT_VALUE} } } }
  webhookType: __type(name: "Webhook") { fields { name } }
  deleteInputType: __type(name: "${DELETE_INPUT_TYPE}") { inputFields { ${INPUT_VALUE} } }`;

/** Whether the gateway has deleteWebhook (and its shape), and whether listed webhooks have `headers` (the documented list selects none). */
export const GATEWAY_CAPABILITIES = `query gatewayCapabilities {
  ${CAPABILITY_FIELDS}
}`;

export interface IntrospectedTypeRef {
	kind: string;
	name: string | null;
	ofType?: IntrospectedTypeRef | null;
}

export interface IntrospectedInputValue {
	name: string;
	type: IntrospectedTypeRef;
	/** null when the argument or field has no default */
	defaultValue?: string | null;
}

export interface GatewayCapabilitiesResult {
	mutationType: {
		fields: Array<{ name: string; args?: IntrospectedInputValue[] | null }> | null;
	} | null;
	webhookType: { fields: Array<{ name: string }> | null } | null;
	/** null when the gateway has no such type */
	deleteInputType?: { inputFields: IntrospectedInputValue[] | null } | null;
}

/** The documented listing and the capabilities in one request: a gateway's first activation costs no extra call. */
export const LIST_WEBHOOKS_AND_CAPABILITIES = `query webhooksAndCapabilities($input: WebhooksInput!) {
  ${CAPABILITY_FIELDS}
  webhooks(input: $input) {
    nodes { ${WEBHOOK_FIELDS} }
  }
}`;

/** Several deleteWebhook calls in one request (aliases d0, d1, ...): replacing N registrations costs one call, not N. */
export function deleteManyDocument(count: number): string {
	const indexes = [...Array(count).keys()];
	const variables = indexes.map((i) => `$d${i}: ${DELETE_INPUT_TYPE}!`).join(', ');
	const fields = indexes.map((i) => `d${i}: deleteWebhook(input: $d${i}) { id }`).join('\n  ');
	return `mutation deleteWebhooks(${variables}) {\n  ${fields}\n}`;
}
