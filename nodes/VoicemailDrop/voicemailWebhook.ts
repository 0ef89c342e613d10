import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { emptyTwiml, isFinalCallStatus, pickedUpBy, voicemailAnsweredTwiml, voicemailOutcome } from '../core/calls';
import { answerTwiml, answerTwimlAndResume, numberParam, param, refuse, signedTwilioRequest, waitingItem } from '../shared/twilioVoiceWebhook';
import { VOICEMAIL_STEPS } from './placeVoicemailDrop';
import { endedVoicemailResult, VOICEMAIL_KEY, withVoicemailDrop, type VoicemailDropPlaced } from './voicemailState';

/**
 * Twilio's requests about a voicemail drop: once detection has decided who picked up, the
 * message or the person's option is answered; the final status resumes the execution.
 */
export async function handleVoicemailRequest(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const item = waitingItem(context);
	const placed = item[VOICEMAIL_KEY] as VoicemailDropPlaced | undefined;
	if (typeof placed !== 'object' || placed === null || placed.phase !== 'placed' || typeof placed.publicUrl !== 'string') {
		return refuse(context, 404, 'No voicemail drop of this node is waiting here.');
	}
	const request = await signedTwilioRequest(context, placed.publicUrl);
	if (request === null) return refuse(context, 403, 'This request does not carry a valid Twilio signature.');
	const answeredBy = param(request, 'AnsweredBy') || null;
	switch (request.query.step) {
		case VOICEMAIL_STEPS.answered:
			return answerTwiml(context, voicemailAnsweredTwiml(pickedUpBy(answeredBy), placed.message, placed.person));
		case VOICEMAIL_STEPS.status: {
			const status = param(request, 'CallStatus');
			if (!isFinalCallStatus(status)) return answerTwiml(context, emptyTwiml());
			const seconds = numberParam(request, 'CallDuration');
			const outcome = voicemailOutcome({ status, answeredBy, seconds });
			const result = endedVoicemailResult(placed, outcome, {
				callSid: param(request, 'CallSid') || placed.callSid,
				callStatus: status,
				answeredBy,
				callSeconds: seconds,
				recoveredFromTwilio: false,
			});
			return answerTwimlAndResume(context, emptyTwiml(), withVoicemailDrop(item, result));
		}
		default:
			return refuse(context, 404, 'Unknown step.');
	}
}
