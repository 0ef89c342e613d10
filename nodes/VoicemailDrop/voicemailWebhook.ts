import type { IWebhookResponseData } from 'n8n-workflow';

import { emptyTwiml, isFinalCallStatus, pickedUpBy, voicemailAnsweredTwiml, voicemailOutcome } from '../core/calls';
import type { CallRequest, CallRequestHandler } from '../shared/callRunner/handleCallRequest';
import { answerTwiml, answerTwimlAndResume, numberParam, param } from '../shared/twilioVoiceWebhook';
import { VOICEMAIL_STEPS } from './placeVoicemailDrop';
import { endedVoicemailResult, VOICEMAIL_KEY, withVoicemailDrop, type VoicemailDropPlaced } from './voicemailState';

/** Detection has decided who picked up: the message after the beep, or the person's option. */
function answered({ context, placed, request }: CallRequest<VoicemailDropPlaced>): IWebhookResponseData {
	return answerTwiml(context, voicemailAnsweredTwiml(pickedUpBy(param(request, 'AnsweredBy') || null), placed.message, placed.person));
}

/** The call's final status, Twilio's last request about it: the outcome, and the execution resumes. */
function callEnded({ context, item, placed, request }: CallRequest<VoicemailDropPlaced>): IWebhookResponseData {
	const status = param(request, 'CallStatus');
	if (!isFinalCallStatus(status)) return answerTwiml(context, emptyTwiml());
	const answeredBy = param(request, 'AnsweredBy') || null;
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

/** Every request Twilio makes about a voicemail drop while the execution waits, by step. */
export const voicemailRequests: CallRequestHandler<VoicemailDropPlaced> = {
	key: VOICEMAIL_KEY,
	label: 'Voicemail Drop',
	steps: {
		[VOICEMAIL_STEPS.answered]: answered,
		[VOICEMAIL_STEPS.status]: callEnded,
	},
};
