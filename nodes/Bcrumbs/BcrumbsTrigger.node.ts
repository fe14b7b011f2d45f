import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { BCRUMBS, loadParser } from './core/descriptor';
import { RECEIPT_PATH } from './core/receiptToken';
import { EVENTS_SUBTITLE, WEBHOOK_EVENTS } from './core/webhookEvents';
import { checkExists, create } from './trigger/lifecycle';
import { remove } from './trigger/removal';
import {
	AGENT_AFTER_TRIGGER,
	OPTIONS_PROPERTY,
	POST_WEBHOOK,
	type WithBuilderHint,
} from '../shared/trigger/descriptions';
import { receiveDelivery } from '../shared/trigger/receiveDelivery';
import { registeredSecret } from './trigger/endpoints';

export class BcrumbsTrigger implements INodeType {
	description: INodeTypeDescription & WithBuilderHint = {
		displayName: BCRUMBS.node.displayName,
		name: BCRUMBS.node.name,
		icon: { light: 'file:bcrumbs.svg', dark: 'file:bcrumbs.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description: BCRUMBS.node.description,
		builderHint: {
			searchHint:
				'bcrumbs omnichannel inbox (WhatsApp, Instagram, Telegram, custom channels): start a workflow on incoming and outgoing messages, message statuses, conversations and clients',
			relatedNodes: [AGENT_AFTER_TRIGGER],
		},
		defaults: { name: BCRUMBS.node.displayName },
		eventTriggerDescription: 'Waiting for bcrumbs to send one of the selected events',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: BCRUMBS.credentialType, required: true }],
		webhooks: [
			POST_WEBHOOK,
			// bcrumbs sends MESSAGE_UPDATED_SMPP receipts as GET ?message_id=...&status=... to the same URL
			// (n8n names a node's second webhook 'setup'; it has no lifecycle of its own)
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				responseData: '',
			},
			// and to its receipt path, the token a path segment that a sender rebuilding the query keeps
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: RECEIPT_PATH,
				responseData: '',
			},
		],
		properties: [
			{
				displayName: BCRUMBS.setupNotice,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				// `action` is what n8n's node creator lists under Triggers: the same name as here
				options: WEBHOOK_EVENTS.map(({ name, value, description }) => ({
					name,
					value,
					description,
					action: name,
				})),
				default: ['INCOMING_MESSAGE'],
				description: BCRUMBS.filters[0].description,
			},
			OPTIONS_PROPERTY,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// activation checks first: this workflow will receive deliveries, n8n's startup alone does not
				loadParser();
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

	/** Checks the secret this node registered for the URL called, then parses (core/descriptor.ts). */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, BCRUMBS, registeredSecret);
	}
}
