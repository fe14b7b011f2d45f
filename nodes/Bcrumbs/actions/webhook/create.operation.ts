import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../../core/webhookEvents';
import { createWebhook } from '../../transport/webhooks';
import { parseHeaders, parseWebhookUrl } from './createInput';
import { timeoutOf } from './requestOptions';
import { toolDescription } from './toolDescription';
import { toWebhookItem } from './webhookItem';

const showFor = { show: { resource: ['webhook'], operation: ['create'] } };

export const description: INodeProperties[] = [
	toolDescription(
		'create',
		'Registers a new bcrumbs webhook: bcrumbs then sends the chosen event to the URL. Needs a label (need not be unique), an http or https URL and one event: INCOMING_MESSAGE, OUTGOING_MESSAGE, MESSAGE_UPDATED, NEW_CONV, ENDING_CONV, NEW_CLIENT, CLIENT_UPDATED, ANY_EVENT or MESSAGE_UPDATED_SMPP. Returns the created webhook (id, label, url, event, createdAt, headerNames). Each call creates another webhook, even for the same URL and event: list first to avoid duplicates.',
	),
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. CRM incoming messages',
		description: 'A name for the webhook; labels need not be unique',
		displayOptions: showFor,
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/hooks/bcrumbs',
		description: 'The http or https URL that receives the events',
		displayOptions: showFor,
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		required: true,
		options: WEBHOOK_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
		default: 'INCOMING_MESSAGE',
		description: 'The event that triggers the webhook',
		displayOptions: showFor,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor,
		options: [
			{
				displayName: 'Headers',
				name: 'headers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Header',
				default: {},
				description: 'Extra headers bcrumbs sends with every delivery, e.g. a shared secret',
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								typeOptions: { password: true },
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Headers (JSON)',
				name: 'headersJson',
				type: 'json',
				default: '{}',
				description:
					'The same headers as a JSON object of strings, e.g. {"x-api-key": "secret"}. Merged with the pairs above.',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const label = (this.getNodeParameter('label', itemIndex) as string).trim();
	const event = this.getNodeParameter('event', itemIndex) as string;
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fail = (message: string) => new NodeOperationError(this.getNode(), message, { itemIndex });

	if (label === '') throw fail('Label is empty: give the webhook a label');
	const url = parseWebhookUrl(this.getNodeParameter('url', itemIndex) as string);
	if (!url.ok) throw fail(url.error);
	const headerPairs = ((additional.headers as IDataObject | undefined)?.header ?? []) as Array<{
		name: string;
		value: string;
	}>;
	const headers = parseHeaders(headerPairs, additional.headersJson);
	if (!headers.ok) throw fail(headers.error);

	const input = {
		label,
		url: url.value,
		event,
		...(headers.value ? { headers: headers.value } : {}),
	};
	const created = await createWebhook(this, input, {
		operation: 'createWebhook',
		timeoutMs: timeoutOf(this, itemIndex),
		secrets: Object.values(headers.value ?? {}),
	});
	return [{ json: toWebhookItem(created), pairedItem: { item: itemIndex } }];
}
