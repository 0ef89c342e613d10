import type { CallingNode } from '../shared/callRunner/runCallingNode';
import { isCallbackOver } from '../shared/waitingCall';
import { placeVoicemailDrop } from './placeVoicemailDrop';
import { consentAllows, readVoicemailSettings, type VoicemailSettings } from './readVoicemailSettings';
import { recoverVoicemailDrop } from './recoverVoicemailDrop';
import { notCalledVoicemailResult, VOICEMAIL_KEY, type VoicemailDropPlaced, type VoicemailDropResult } from './voicemailState';
import { parameterText } from '../shared/nodeParameterText';

export const enum VoicemailOutput {
	CallEnded = 0,
	VoicemailLeft = 1,
	PersonAnswered = 2,
	NotReached = 3,
}

const OUTPUT_OF: Record<string, VoicemailOutput> = {
	'voicemail-left': VoicemailOutput.VoicemailLeft,
	'person-answered': VoicemailOutput.PersonAnswered,
	'not-reached': VoicemailOutput.NotReached,
};

/** What is particular to a voicemail drop; the runner does the rest (see runCallingNode). */
export const voicemailCalling: CallingNode<VoicemailSettings, VoicemailDropPlaced, VoicemailDropResult> = {
	key: VOICEMAIL_KEY,
	label: 'Voicemail Drop',
	outputCount: 4,
	notCalledOutput: VoicemailOutput.NotReached,
	refusal(context, itemIndex) {
		const status = parameterText(context, 'callbackStatus', itemIndex);
		if (isCallbackOver(status)) return { reason: 'canceled', text: `The callback is ${status.toLowerCase()}; nobody was called.` };
		if (!consentAllows(context, itemIndex)) return { reason: 'no-consent', text: 'The lead has not agreed to prerecorded messages (Consent Given is off), so nobody was called.' };
		return null;
	},
	leadPhone: (context, itemIndex) => ({ typed: parameterText(context, 'leadPhone', itemIndex), label: 'Lead Phone' }),
	readSettings: readVoicemailSettings,
	place: placeVoicemailDrop,
	recover: recoverVoicemailDrop,
	notCalledResult: notCalledVoicemailResult,
	outputOf: (result) => OUTPUT_OF[result.outcome] ?? VoicemailOutput.NotReached,
};
