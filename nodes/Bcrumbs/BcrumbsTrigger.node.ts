import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from './core/webhookEvents';
import { checkExists, create, remove } from './trigger/lifecycle';
import { OPTIONS_PROPERTY, POST_WEBHOOK } from '../shared/trigger/descriptions';
import { receive } from './trigger/receive';

export class BcrumbsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bcrumbs Trigger',
		name: 'bcrumbsTrigger',
		icon: { light: 'file:bcrumbs.svg', dark: 'file:bcrumbs.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when bcrumbs reports messages, conversations or clients',
		defaults: { name: 'Bcrumbs Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bcrumbsApi', required: true }],
		webhooks: [
			POST_WEBHOOK,
			// bcrumbs sends MESSAGE_UPDATED_SMPP receipts as GET ?message_id=...&status=... to the same URL
			// (n8n names a node's second webhook 'setup'; it has no lifecycle of its own)
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook', responseData: '' },
		],
		properties: [
			{
				displayName:
					'On activation this node registers its own webhook in bcrumbs, with a secret header that every delivery must carry. If your bcrumbs gateway cannot delete webhooks, deactivating leaves the registration in bcrumbs (it is reused on the next activation); remove it in bcrumbs under Settings > Webhooks, labelled "n8n: <workflow> / <node>".',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				default: ['INCOMING_MESSAGE'],
				description: 'The bcrumbs events that start the workflow. Any Event covers all but the SMPP receipt.',
			},
			OPTIONS_PROPERTY,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
