import type { INodeProperties } from 'n8n-workflow';

/**
 * What a language model reads about an operation when the node is an AI Agent's tool: what it does, what
 * it returns, and its limits. n8n's own automatic description is only the action's name ("Create a webhook
 * in Bcrumbs"); a `toolDescription` parameter of the node's own takes its place. Shown on the tool only
 * (`@tool`), where the user may rewrite it.
 */
export function toolDescription(operation: string, text: string): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description: 'What the AI Agent tells the model about this tool',
		displayOptions: { show: { '@tool': [true], resource: ['webhook'], operation: [operation] } },
	};
}
