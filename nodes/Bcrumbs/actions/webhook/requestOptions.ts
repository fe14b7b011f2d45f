import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../../transport';

/** Options shared by every webhook operation. */
export const description: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { resource: ['webhook'] } },
	options: [
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How many milliseconds to wait for the bcrumbs gateway before failing',
		},
	],
};

export function timeoutOf(context: IExecuteFunctions, itemIndex: number): number {
	return context.getNodeParameter('options.timeout', itemIndex, DEFAULT_TIMEOUT_MS) as number;
}
