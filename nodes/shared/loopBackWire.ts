import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

interface WorkflowConnections {
	connectionsBySourceNode?: Record<string, { main?: Array<Array<{ node: string }> | null> }>;
}

/**
 * Whether the node's output `outputIndex` leads back into the node itself, or null when n8n
 * does not let the node see its connections. n8n offers nodes no public way to read the
 * workflow's wires (its parent and child lists leave a node's own loop out), so the running
 * workflow the execution context holds is read; every n8n version the package supports has it.
 */
export function loopsBack(context: IExecuteFunctions, outputIndex: number): boolean | null {
	const targets = outputTargets(context, outputIndex);
	if (targets === null) return null;
	const name = context.getNode().name;
	return targets.includes(name);
}

/** The names of the nodes the node's output `outputIndex` is wired to, or null when n8n does not let the node see its connections. */
export function outputTargets(context: IExecuteFunctions, outputIndex: number): string[] | null {
	const workflow = (context as unknown as { workflow?: WorkflowConnections }).workflow;
	const connections = workflow?.connectionsBySourceNode;
	if (typeof connections !== 'object' || connections === null) return null;
	return (connections[context.getNode().name]?.main?.[outputIndex] ?? []).flatMap((connection) => (connection?.node === undefined ? [] : [connection.node]));
}

/**
 * Fails, before anything is placed or sent, when the output that hands the item back after a
 * wait is not wired into the node's own input: the wait would end with the result lost.
 */
export function assertLoopsBack(context: IExecuteFunctions, outputIndex: number, outputName: string, whatWouldBeLost: string): void {
	if (loopsBack(context, outputIndex) !== false) return;
	const name = context.getNode().name;
	throw new NodeOperationError(
		context.getNode(),
		`The "${outputName}" output of "${name}" is not connected back to "${name}" itself. Connect it to this node's own input, then run again; nothing was placed or sent.`,
		{ description: `While the workflow waits, n8n hands the item on through "${outputName}" without running the node again; only a wire back into the node lets it ${whatWouldBeLost}.` },
	);
}
