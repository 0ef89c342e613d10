import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { answerWithoutResuming, refuse, signedTwilioRequest, waitingItem, type TwilioVoiceRequest } from '../twilioVoiceWebhook';
import { releaseCallLine } from './callLines';
import { itemOnOutput, reportedJson } from './resultRoute';
import type { PlacedCall } from './runCallingNode';

/** One request Twilio makes about a placed call, checked and ready for the node's step. */
export interface CallRequest<Placed> {
	context: IWebhookFunctions;
	/** The item the execution waits with. */
	item: IDataObject;
	placed: Placed;
	request: TwilioVoiceRequest;
}

export type CallStep<Placed> = (request: CallRequest<Placed>) => IWebhookResponseData | Promise<IWebhookResponseData>;

/** The webhook side of a calling node: its item key and one step per `step` of its resume URL. */
export interface CallRequestHandler<Placed> {
	key: string;
	label: string;
	steps: Record<string, CallStep<Placed>>;
}

/** Where the node's results go: its number of outputs and the output of a result. */
export interface ResultOutputs {
	outputCount: number;
	outputOf(result: IDataObject): number;
}

/**
 * A resumed execution's item, sent where the call's route says: back through Call Ended (the
 * loop), or with its result reported on the result's own output.
 */
function routed(response: IWebhookResponseData, key: string, placed: PlacedCall, outputs: ResultOutputs): IWebhookResponseData {
	const item = response.workflowData?.[0]?.[0];
	if (item === undefined || placed.resultRoute !== 'straightToOutputs') return response;
	const result = item.json[key] as IDataObject;
	return { ...response, workflowData: itemOnOutput(outputs.outputCount, outputs.outputOf(result), { ...item, json: reportedJson(item.json, key, result) }) };
}

/**
 * Every request Twilio makes about a call a node placed comes to the resume URL of the waiting
 * execution. Unsigned requests are refused (403); signed ones go to the node's step, which
 * answers TwiML and, for the last request of the call, resumes the execution (see ResultRoute). A step that fails
 * is answered 200 with an empty document, so Twilio records no error and the maximum wait reads
 * the outcome from Twilio instead.
 */
export async function handleCallRequest<Placed extends PlacedCall>(context: IWebhookFunctions, handler: CallRequestHandler<Placed>, outputs: ResultOutputs): Promise<IWebhookResponseData> {
	try {
		const item = waitingItem(context);
		const placed = item[handler.key] as Placed | undefined;
		if (typeof placed !== 'object' || placed === null || placed.phase !== 'placed' || typeof placed.publicUrl !== 'string') {
			return refuse(context, 404, `No ${handler.label.toLowerCase()} of this node is waiting here.`);
		}
		const request = await signedTwilioRequest(context, placed.publicUrl);
		if (request === null) return refuse(context, 403, 'This request does not carry a valid Twilio signature.');
		const step = handler.steps[String(request.query.step ?? '')];
		if (step === undefined) return refuse(context, 404, 'Unknown step.');
		const response = await step({ context, item, placed, request });
		// The call's outcome is known once the execution resumes: its line is free again.
		if (response.workflowData !== undefined) await releaseCallLine(context, placed.line);
		return routed(response, handler.key, placed, outputs);
	} catch (error) {
		return answerWithoutResuming(context, error);
	}
}
