import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { assertLoopsBack, loopsBack, outputTargets } from '../loopBackWire';
import { isN8nWithResumeTokens } from '../nodeResumeUrl';

/**
 * How the result of a call reaches the node's outputs when Twilio's last request resumes the
 * waiting execution.
 * - `callEndedLoop`: the item comes out of Call Ended, which is wired back into the node, and the
 *   node sends it on to its result output. n8n 1.x forwards only a resumed node's first output,
 *   so this is the only way there; it works on n8n 2.x too.
 * - `straightToOutputs`: n8n 2.39 and newer forward every output of a node resumed by a webhook,
 *   so the result leaves through its output at once and Call Ended stays unwired for results.
 */
export type ResultRoute = 'callEndedLoop' | 'straightToOutputs';

/**
 * The route for a call placed now, from the wiring: a Call Ended wire back into the node keeps
 * the loop; without one the results go straight to the outputs, which n8n 1.x cannot do, so
 * there the node refuses before anything is placed.
 */
export function resultRouteFor(context: IExecuteFunctions, callEndedOutput: number, callEndedName: string, whatWouldBeLost: string): ResultRoute {
	if (loopsBack(context, callEndedOutput) !== false) return 'callEndedLoop';
	if (!isN8nWithResumeTokens(context)) {
		assertLoopsBack(context, callEndedOutput, callEndedName, whatWouldBeLost);
		return 'callEndedLoop';
	}
	if ((outputTargets(context, callEndedOutput) ?? []).length === 0) {
		const name = context.getNode().name;
		throw new NodeOperationError(
			context.getNode(),
			`The "${callEndedName}" output of "${name}" is not connected. Connect it to a second node of this kind set to "Read Outcome After Maximum Wait", then run again; nothing was placed or sent.`,
			{ description: `A call whose end Twilio does not report within the maximum wait comes out of "${callEndedName}"; only a node there can read its outcome from Twilio. On n8n 1.x, connect "${callEndedName}" back to this node's own input instead.` },
		);
	}
	return 'straightToOutputs';
}

/**
 * Waiting for the lead's calling window to open ends by time, and n8n never runs a node again
 * when a time-based wait ends: only a wire from Call Ended back into the node places the call
 * then. Without that wire the node says so before waiting.
 */
export function assertCanWaitForWindow(context: IExecuteFunctions, callEndedOutput: number, route: ResultRoute): void {
	if (route === 'callEndedLoop') return;
	const name = context.getNode().name;
	throw new NodeOperationError(
		context.getNode(),
		`"${name}" cannot wait for the lead's calling window: nothing would place the call when it opens. Let Schedule Attempt pick a time inside the window, set "Outside the Calling Window" to report Not Called, or connect output ${callEndedOutput + 1} (Call Ended) back to this node's own input; nothing was placed.`,
		{ description: "n8n continues a workflow that waited for a time without running the waiting node again, so the call can only be placed by the node's own input." },
	);
}

/** Where an item goes when its call was reported: one array per output, the item in `output`. */
export function itemOnOutput(outputCount: number, output: number, item: INodeExecutionData): INodeExecutionData[][] {
	return Array.from({ length: outputCount }, (_, index) => (index === output ? [item] : []));
}

/** The item as it leaves the node with its call's result: the result marked reported. */
export function reportedJson(json: IDataObject, key: string, result: IDataObject): IDataObject {
	return { ...json, [key]: { ...result, phase: 'reported' } };
}
