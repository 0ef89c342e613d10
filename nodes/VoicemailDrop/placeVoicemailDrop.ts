import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { placedNow, type LeadClock } from '../shared/callRunner/runCallingNode';
import { nodeResumeUrl } from '../shared/nodeResumeUrl';
import { createCall } from '../transport/twilioCalls';
import type { VoicemailSettings } from './readVoicemailSettings';
import type { VoicemailDropPlaced } from './voicemailState';

export const VOICEMAIL_STEPS = { answered: 'answered', status: 'status' } as const;

/**
 * Calls the lead with answering machine detection that waits for the end of the greeting
 * (DetectMessageEnd), so the message starts after the beep. Returns what the execution waits with.
 */
export async function placeVoicemailDrop(context: IExecuteFunctions, itemIndex: number, json: IDataObject, settings: VoicemailSettings, clock: LeadClock): Promise<VoicemailDropPlaced> {
	const urls = {
		answered: nodeResumeUrl(context, { step: VOICEMAIL_STEPS.answered }),
		status: nodeResumeUrl(context, { step: VOICEMAIL_STEPS.status }),
	};
	const call = await createCall.call(
		context,
		{
			to: settings.lead,
			from: settings.from,
			url: urls.answered,
			statusCallback: urls.status,
			timeout: settings.ringSeconds,
			machineDetection: 'DetectMessageEnd',
			machineDetectionTimeout: settings.machineDetectionTimeout,
		},
		itemIndex,
	);
	return {
		...placedNow(context, json, settings.maxWaitMs),
		phase: 'placed',
		from: settings.from,
		lead: settings.lead,
		callSid: String(call.sid ?? ''),
		message: { ...settings.message },
		person: { ...settings.person },
		leadZone: clock.leadZone,
		publicUrl: urls.answered.split('?')[0],
		urls,
	};
}
