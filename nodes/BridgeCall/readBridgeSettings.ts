import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { audioUrl, businessNumber, businessNumbers, DEFAULT_ACCEPT_PROMPT, speechVoice, type RecordingNotice, type SpeechVoice } from '../core/calls';
import { MAX_EXTENSION_DIGITS, parseLeadPhoneNumber, readExtension } from '../core/phone/parseLeadPhoneNumber';
import type { DialableLead } from '../shared/callRunner/runCallingNode';
import { parameterText, wholeNumberIn } from '../shared/nodeParameterText';

export class BridgeSettingsError extends Error {}

/** One item's bridge call as the node's settings describe it. */
export interface BridgeSettings {
	/** Business numbers, tried in order. */
	agents: string[];
	from: string;
	lead: string;
	/** Digits keyed in once the lead's line answers; null without an extension. */
	leadExtension: string | null;
	leadName: string;
	reason: string;
	whisperNotes: Record<string, unknown>;
	/** The number the lead called, when the item knows it (E.164), else ''. */
	leadCalledNumber: string;
	/** Caller ID for the lead when the number they called cannot be used. */
	leadCallerId: string;
	agentRingSeconds: number;
	leadRingSeconds: number;
	detectVoicemail: boolean;
	record: boolean;
	notice: RecordingNotice;
	maxWaitMs: number;
	acceptPrompt: string;
	pressTimeoutSeconds: number;
	whisperRepeat: number;
	voice: SpeechVoice;
}

interface BridgeOptions {
	acceptPrompt?: string;
	leadCallerId?: string;
	pressTimeoutSeconds?: number;
	language?: string;
	voice?: string;
	whisperRepeat?: number;
}

function notes(value: unknown): Record<string, unknown> {
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
		if (parsed === undefined) throw new BridgeSettingsError('Whisper Notes is not JSON; give an object of key/values, e.g. {"plan": "gold"}');
		return notes(parsed);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	return value as IDataObject;
}

/**
 * The lead's extension: Lead Phone Extension, else one written in Lead Phone itself
 * ("+14155550123 x12"), which the number policy has already read.
 */
function leadExtension(extensionText: string, lead: DialableLead): string | null {
	const extension = readExtension(extensionText);
	if (extension === undefined) {
		throw new BridgeSettingsError(`Lead Phone Extension "${extensionText}" must be digits only, at most ${MAX_EXTENSION_DIGITS} of them (e.g. 123)`);
	}
	return extension ?? lead.extension;
}

function recordingNotice(context: IExecuteFunctions, itemIndex: number): RecordingNotice {
	const kind = context.getNodeParameter('recordingNotice', itemIndex, 'text') as RecordingNotice['kind'];
	if (kind === 'audio') return { kind, url: audioUrl(parameterText(context, 'recordingNoticeUrl', itemIndex), 'Notice Audio URL') };
	if (kind === 'text') {
		const notice = parameterText(context, 'recordingNoticeText', itemIndex);
		if (notice === '') throw new BridgeSettingsError('Notice Text is empty; write the notice, or choose None as Recording Notice');
		return { kind, text: notice };
	}
	return { kind: 'none' };
}

/** One item's bridge call; the lead's number has passed the number policy (see runCallingNode). */
export function readBridgeSettings(context: IExecuteFunctions, itemIndex: number, lead: DialableLead): BridgeSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as BridgeOptions;
	const from = businessNumber(parameterText(context, 'from', itemIndex), 'Call From');
	const record = context.getNodeParameter('record', itemIndex, false) === true;
	const calledText = parameterText(context, 'leadCalledNumber', itemIndex);
	let leadCalledNumber = '';
	if (calledText !== '') {
		// A number the item cannot give properly is ignored rather than failing the call.
		const parsed = parseLeadPhoneNumber(calledText, { defaultCountry: 'US', allowedCountries: [] });
		leadCalledNumber = parsed.ok ? parsed.e164 : '';
	}
	const callerIdText = (options.leadCallerId ?? '').trim();
	return {
		agents: businessNumbers(parameterText(context, 'agentNumbers', itemIndex), 'Business Numbers'),
		from,
		lead: lead.e164,
		leadExtension: leadExtension(parameterText(context, 'leadPhoneExtension', itemIndex), lead),
		leadName: parameterText(context, 'leadName', itemIndex),
		reason: parameterText(context, 'reason', itemIndex),
		whisperNotes: notes(context.getNodeParameter('whisperNotes', itemIndex, {})),
		leadCalledNumber,
		leadCallerId: callerIdText === '' ? from : businessNumber(callerIdText, 'Caller ID for the Lead'),
		agentRingSeconds: wholeNumberIn(context.getNodeParameter('agentRingSeconds', itemIndex, 20), 'Business Ring Timeout', 5, 600),
		leadRingSeconds: wholeNumberIn(context.getNodeParameter('leadRingSeconds', itemIndex, 30), 'Lead Ring Timeout', 5, 600),
		detectVoicemail: context.getNodeParameter('detectVoicemail', itemIndex, true) === true,
		record,
		notice: record ? recordingNotice(context, itemIndex) : { kind: 'none' },
		maxWaitMs: maxWaitMs(Number(context.getNodeParameter('maxWaitMinutes', itemIndex, 30))),
		acceptPrompt: (options.acceptPrompt ?? DEFAULT_ACCEPT_PROMPT).trim() || DEFAULT_ACCEPT_PROMPT,
		pressTimeoutSeconds: wholeNumberIn(options.pressTimeoutSeconds ?? 6, 'Key Press Timeout', 1, 60),
		whisperRepeat: wholeNumberIn(options.whisperRepeat ?? 2, 'Whisper Repeats', 1, 5),
		voice: speechVoice(options.voice ?? '', options.language ?? 'en-US'),
	};
}

/** The longest wait; under a minute calls would be judged before they could end. */
function maxWaitMs(minutes: number): number {
	if (!Number.isFinite(minutes) || minutes < 1 || minutes > 1440) throw new BridgeSettingsError(`Maximum Wait must be between 1 and 1440 minutes, not ${minutes}`);
	return Math.round(minutes * 60_000);
}
