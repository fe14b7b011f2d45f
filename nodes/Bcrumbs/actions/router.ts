import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as webhook from './webhook';

type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, OperationExecute>> = {
	webhook: { create: webhook.create.execute, getAll: webhook.getAll.execute },
};

/** Runs the chosen operation once per input item, with pairedItem on every output and continueOnFail honoured. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const run = operations[resource]?.[operation];
		if (!run) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, { itemIndex });
		}
		try {
			returnData.push(...(await run.call(this, itemIndex)));
		} catch (error) {
			if (!this.continueOnFail()) {
				// both constructors hand back an error of their own kind unchanged
				if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
