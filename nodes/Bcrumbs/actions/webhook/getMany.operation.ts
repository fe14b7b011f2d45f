import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../../core/webhookEvents';
import { listWebhooks } from '../../transport/webhooks';
import { timeoutOf } from './requestOptions';
import { toolDescription } from './toolDescription';
import { toWebhookItem } from './webhookItem';

const showFor = { show: { resource: ['webhook'], operation: ['getAll'] } };

export const description: INodeProperties[] = [
	toolDescription(
		'getAll',
		'Lists the webhooks registered in the bcrumbs workspace. Optional filters: a label pattern, one event. Returns one item per webhook with id, workspaceId, label, url, event and createdAt; none when nothing matches. bcrumbs has no pagination: every match is fetched, then Limit (default 50) is applied unless Return All is on.',
	),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: showFor,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		hint: 'bcrumbs returns every matching webhook at once (the API has no pagination); the limit is applied afterwards',
		displayOptions: { show: { ...showFor.show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor,
		options: [
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm',
				description: 'Only webhooks whose label matches this pattern',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: WEBHOOK_EVENTS.map(({ name, value, description }) => ({
					name,
					value,
					description,
				})),
				default: 'INCOMING_MESSAGE',
				description: 'Only webhooks registered for this event',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filledIn: { label?: string; event?: string } = {};
	if (typeof filters.label === 'string' && filters.label !== '') filledIn.label = filters.label;
	if (typeof filters.event === 'string' && filters.event !== '') filledIn.event = filters.event;

	let { webhooks } = await listWebhooks(this, {
		operation: 'webhooks',
		filters: filledIn,
		timeoutMs: timeoutOf(this, itemIndex),
	});
	if (!returnAll)
		webhooks = webhooks.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	return webhooks.map((webhook) => ({
		json: toWebhookItem(webhook),
		pairedItem: { item: itemIndex },
	}));
}
