import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { answerWithoutResuming, refuse, signedTwilioRequest, waitingItem, type TwilioVoiceRequest } from '../twilioVoiceWebhook';

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

/**
 * Every request Twilio makes about a call a node placed comes to the resume URL of the waiting
 * execution. Unsigned requests are refused (403); signed ones go to the node's step, which
 * answers TwiML and, for the last request of the call, resumes the execution. A step that fails
 * is answered 200 with an empty document, so Twilio records no error and the maximum wait reads
 * the outcome from Twilio instead.
 */
export async function handleCallRequest<Placed extends IDataObject>(context: IWebhookFunctions, handler: CallRequestHandler<Placed>): Promise<IWebhookResponseData> {
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
		return await step({ context, item, placed, request });
	} catch (error) {
		return answerWithoutResuming(context, error);
	}
}
