import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as webhook from './webhook';

type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

/** Every operation by resource; the build copies each one's output schema from this map. */
export const operations: Record<string, Record<string, OperationExecute>> = {
	// 'getAll' is n8n's value for Get Many operations
	webhook: { create: webhook.create.execute, getAll: webhook.getMany.execute },
};

/** Runs the chosen operation once per input item, with pairedItem on every output and continueOnFail honoured. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for "${resource}"`,
					{ itemIndex },
				);
			}
			returnData.push(...(await run.call(this, itemIndex)));
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex ??= itemIndex;
			if (!this.continueOnFail()) throw nodeError;
			const json: IDataObject = { error: nodeError.message };
			if (nodeError.description) json.description = nodeError.description;
			returnData.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
