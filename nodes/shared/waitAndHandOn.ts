import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Puts the execution to wait in n8n's database until `until`, handing `item` on when it resumes.
 * n8n resumes a waiting execution without running the node again: it passes the node's input on
 * to the node's first output. So the input is replaced by the item to continue with (the
 * scheduled attempt, the placed call, the text still to send). This is the one place the package
 * relies on that behaviour of n8n's engine.
 */
export async function waitAndHandOn(context: IExecuteFunctions, item: INodeExecutionData, until: Date): Promise<void> {
	context.getExecuteData().data = { main: [[item]] };
	await context.putExecutionToWait(until);
}
