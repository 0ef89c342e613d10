import type { IExecuteFunctions } from 'n8n-workflow';

import { isStillRinging, voicemailOutcome } from '../core/calls';
import { fetchedCall } from '../shared/fetchedCalls';
import { cancelCall, fetchCall } from '../transport/twilioCalls';
import { endedVoicemailResult, type VoicemailDropPlaced, type VoicemailDropResult } from './voicemailState';

/**
 * The maximum wait passed without the final status: the call's record at Twilio decides. A
 * call still ringing is canceled, so nobody picks up a call that nothing follows any more.
 */
export async function recoverVoicemailDrop(context: IExecuteFunctions, placed: VoicemailDropPlaced, itemIndex: number): Promise<VoicemailDropResult> {
	const call = fetchedCall(await fetchCall.call(context, placed.callSid, itemIndex));
	if (isStillRinging(call.status)) {
		try {
			await cancelCall.call(context, call.sid, itemIndex);
		} catch {
			// Answered or over in the meantime: nothing to stop.
		}
	}
	const outcome = voicemailOutcome({ status: call.status, answeredBy: call.answeredBy, seconds: call.seconds });
	return endedVoicemailResult(placed, outcome, {
		callSid: call.sid,
		callStatus: call.status,
		answeredBy: call.answeredBy,
		callSeconds: call.seconds,
		recoveredFromTwilio: true,
	});
}
