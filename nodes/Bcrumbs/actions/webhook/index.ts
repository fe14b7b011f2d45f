import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as requestOptions from './requestOptions';

export { create, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Register a webhook for an event',
				action: 'Create a webhook',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the workspace webhooks',
				action: 'Get many webhooks',
			},
		],
		default: 'getAll',
	},
	...getMany.description,
	...create.description,
	requestOptions.description,
];
