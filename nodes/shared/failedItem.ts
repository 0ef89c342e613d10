import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

/**
 * Items that failed, as every node of the package hands them on when "On Error" lets the
 * workflow continue. The item keeps its data and gains `error` (the message). With "Continue
 * (using error output)" it also carries the error itself, which is what makes n8n move it to
 * the node's Error output. With "Continue (regular output)" it does not: n8n would replace the
 * data of such an item by the message alone. The node puts it on an output that never leads to
 * a call or a text, and every node that calls, texts or schedules refuses an item with `error`.
 */
export function failedItem(context: IExecuteFunctions, json: IDataObject, error: unknown, itemIndex: number, details: IDataObject = {}): INodeExecutionData {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error instanceof Error ? error : new Error(String(error)), { itemIndex });
	const item: INodeExecutionData = { json: { ...json, ...details, error: nodeError.message }, pairedItem: { item: itemIndex } };
	if (context.getNode().onError === 'continueErrorOutput') item.error = nodeError;
	return item;
}

/** The item failed in an earlier node (n8n's convention: an `error` on the item) and must not be acted on. */
export function upstreamError(json: IDataObject): string | null {
	const error = json.error;
	if (error === undefined || error === null || error === '' || error === false) return null;
	if (typeof error === 'string') return error;
	if (typeof error === 'object' && typeof (error as IDataObject).message === 'string') return (error as IDataObject).message as string;
	return String(error);
}
