import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { WithBuilderHint } from '../shared/trigger/descriptions';
import { router } from './actions/router';
import { CREDENTIAL_TYPE } from './core/credential';
import * as webhook from './actions/webhook';

export class Bcrumbs implements INodeType {
	description: INodeTypeDescription & WithBuilderHint = {
		displayName: 'Bcrumbs',
		name: 'bcrumbs',
		icon: { light: 'file:bcrumbs.svg', dark: 'file:bcrumbs.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage webhooks of a bcrumbs omnichannel inbox',
		defaults: { name: 'Bcrumbs' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				'bcrumbs omnichannel inbox: list and create the webhooks that send its events (messages, statuses, conversations, clients) to a URL; also an AI Agent tool',
			relatedNodes: [
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint:
						"Connect this node's tool variant (Bcrumbs Tool) to the agent's Tool input to let a model list webhooks; Create only with human approval when the agent's prompt comes from contacts' messages",
				},
				{
					nodeType: 'n8n-nodes-bcrumbs.bcrumbsTrigger',
					relationHint: 'Receives the events; it registers its own webhooks, no Create needed',
				},
			],
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Webhook', value: 'webhook' }],
				default: 'webhook',
			},
			...webhook.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
