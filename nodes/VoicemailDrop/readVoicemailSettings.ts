import type { IExecuteFunctions } from 'n8n-workflow';

import { audioUrl, businessNumber, speechVoice, type PersonAnswers, type VoicemailMessage } from '../core/calls';
import type { DialableLead } from '../shared/callRunner/runCallingNode';
import { parameterText, wholeNumberIn } from '../shared/nodeParameterText';

export class VoicemailSettingsError extends Error {}

/** Twilio reads at most this much text in one <Say>. */
const MAX_SPOKEN_LENGTH = 3000;

export interface VoicemailSettings {
	from: string;
	lead: string;
	message: VoicemailMessage;
	person: PersonAnswers;
	ringSeconds: number;
	machineDetectionTimeout: number;
	maxWaitMs: number;
}

interface VoicemailOptions {
	connectRingSeconds?: number;
	machineDetectionTimeout?: number;
	language?: string;
	voice?: string;
}

function spoken(context: IExecuteFunctions, name: string, label: string, itemIndex: number, allowEmpty = false): string {
	const value = parameterText(context, name, itemIndex);
	if (value === '' && !allowEmpty) throw new VoicemailSettingsError(`${label} is empty`);
	if (value.length > MAX_SPOKEN_LENGTH) throw new VoicemailSettingsError(`${label} is ${value.length} characters long; Twilio reads at most ${MAX_SPOKEN_LENGTH}`);
	return value;
}

/** One item's voicemail drop; the lead's number has passed the number policy (see runCallingNode). */
export function readVoicemailSettings(context: IExecuteFunctions, itemIndex: number, lead: DialableLead): VoicemailSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as VoicemailOptions;
	const voice = speechVoice(options.voice ?? '', options.language ?? 'en-US');
	const from = businessNumber(parameterText(context, 'from', itemIndex), 'Call From');
	const messageType = context.getNodeParameter('messageType', itemIndex, 'text') as VoicemailMessage['kind'];
	const message: VoicemailMessage =
		messageType === 'audio' ? { kind: 'audio', url: audioUrl(parameterText(context, 'messageUrl', itemIndex), 'Recording URL') } : { kind: 'text', text: spoken(context, 'messageText', 'Message Text', itemIndex), voice };
	const option = context.getNodeParameter('personAnswers', itemIndex, 'liveMessage') as PersonAnswers['kind'];
	let person: PersonAnswers;
	if (option === 'connect') {
		person = {
			kind: 'connect',
			intro: spoken(context, 'connectText', 'Connecting Message', itemIndex, true),
			voice,
			business: businessNumber(parameterText(context, 'businessNumber', itemIndex), 'Business Number'),
			callerId: from,
			ringSeconds: wholeNumberIn(options.connectRingSeconds ?? 20, 'Connect Ring Timeout', 5, 600),
		};
	} else if (option === 'liveMessage') {
		person = { kind: 'liveMessage', text: spoken(context, 'liveMessageText', 'Live Message', itemIndex), voice };
	} else {
		person = { kind: 'hangUp' };
	}
	const minutes = Number(context.getNodeParameter('maxWaitMinutes', itemIndex, 10));
	if (!Number.isFinite(minutes) || minutes < 1 || minutes > 1440) throw new VoicemailSettingsError(`Maximum Wait must be between 1 and 1440 minutes, not ${minutes}`);
	return {
		from,
		lead: lead.e164,
		message,
		person,
		ringSeconds: wholeNumberIn(context.getNodeParameter('ringSeconds', itemIndex, 30), 'Ring Timeout', 5, 600),
		machineDetectionTimeout: wholeNumberIn(options.machineDetectionTimeout ?? 30, 'Detection Timeout', 3, 59),
		maxWaitMs: Math.round(minutes * 60_000),
	};
}

/** Whether the node may send its prerecorded message to this item's lead. */
export function consentAllows(context: IExecuteFunctions, itemIndex: number): boolean {
	if (context.getNodeParameter('requireConsent', itemIndex, true) === false) return true;
	const given = context.getNodeParameter('consentGiven', itemIndex, false) as unknown;
	return given === true || given === 'true';
}
