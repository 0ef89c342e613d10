import { VoiceResponse } from '../twiml/voiceResponse';
import type { SpeechVoice } from './speechVoice';

/** What the lead hears before being joined, when the call is recorded. */
export type RecordingNotice = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'audio'; url: string };

/** An answer that only acknowledges the request (a status callback, a step with nothing to do). */
export function emptyTwiml(): string {
	return new VoiceResponse().toXml();
}

/** Says one message and ends the call. */
export function sayAndHangUpTwiml(text: string, voice: SpeechVoice): string {
	return new VoiceResponse().say(text, voice).hangup().toXml();
}

/**
 * The business call's first document, given to Twilio with the call: a second of silence, then
 * the whisper from the node. n8n only answers the node's resume URL once the execution is
 * stored as waiting, which happens just after the call is placed; a phone that picks up at once
 * would otherwise ask before that and be refused.
 */
export function agentPickedUpTwiml(whisperUrl: string): string {
	return new VoiceResponse().pause({ length: 1 }).redirect(whisperUrl, { method: 'POST' }).toXml();
}

export interface AgentWhisper {
	whisper: string;
	/** Where Twilio posts the key the agent pressed. */
	acceptUrl: string;
	/** Seconds Twilio waits for a key once the whisper has been said. */
	pressTimeoutSeconds: number;
	/** How many times the whisper is said while waiting for the key. */
	repeat: number;
	/** Said when no key was pressed, before hanging up. */
	goodbye: string;
	voice: SpeechVoice;
}

/**
 * The agent's side once they pick up: the whisper, repeated, inside a one-key <Gather>. Only
 * a key press reaches `acceptUrl`, so a business voicemail that picks up never connects the
 * lead: it hears the whisper, presses nothing and the call ends.
 */
export function agentWhisperTwiml(agent: AgentWhisper): string {
	return new VoiceResponse()
		.gather({ input: 'dtmf', action: agent.acceptUrl, method: 'POST', timeout: agent.pressTimeoutSeconds, numDigits: 1 }, (gather) => {
			gather.say(agent.whisper, { ...agent.voice, loop: agent.repeat });
		})
		.say(agent.goodbye, agent.voice)
		.hangup()
		.toXml();
}

export interface LeadDial {
	lead: string;
	/** Extension keyed in once the lead's line answers (digits only); null without one. */
	extension: string | null;
	callerId: string;
	leadRingSeconds: number;
	/** Where Twilio posts how the lead's leg ended. */
	dialDoneUrl: string;
	record: boolean;
	/** Requested on the lead's leg once answered (notice, voicemail check); none when nothing is to be done there. */
	leadAnsweredUrl: string | null;
	/** Ignored for a lead with an extension (see `detectsLeadVoicemail`). */
	detectVoicemail: boolean;
}

/**
 * Half-second waits before an extension is keyed in: a switchboard takes a moment to answer
 * and start listening, and keys sent before that are lost.
 */
export const EXTENSION_WAIT = 'wwww';

/** What Twilio's `sendDigits` is given for an extension: the wait, then the digits. */
export function extensionDigits(extension: string): string {
	if (!/^\d+$/.test(extension)) throw new TypeError('An extension is digits only');
	return `${EXTENSION_WAIT}${extension}`;
}

/**
 * Whether the lead's leg runs voicemail detection. Not when an extension is dialled: the line
 * is answered by a switchboard's recorded greeting, which detection takes for a voicemail, so
 * the lead would be hung up on every time. The business hears the extension's voicemail
 * instead, if that is where the call ends up.
 */
export function detectsLeadVoicemail(requested: boolean, extension: string | null): boolean {
	return requested && extension === null;
}

/** The agent accepted: dial the lead (and their extension), with the business's caller ID. */
export function dialLeadTwiml(dial: LeadDial): string {
	return new VoiceResponse()
		.dial(
			{
				action: dial.dialDoneUrl,
				method: 'POST',
				callerId: dial.callerId,
				timeout: dial.leadRingSeconds,
				answerOnBridge: true,
				...(dial.record ? { record: 'record-from-answer-dual' as const } : {}),
			},
			(targets) => {
				targets.number(dial.lead, {
					...(dial.extension === null ? {} : { sendDigits: extensionDigits(dial.extension) }),
					...(dial.leadAnsweredUrl === null ? {} : { url: dial.leadAnsweredUrl, method: 'POST' as const }),
					...(detectsLeadVoicemail(dial.detectVoicemail, dial.extension) ? { machineDetection: 'Enable' as const } : {}),
				});
			},
		)
		.toXml();
}

/**
 * The lead's leg once answered, before it is joined to the agent. An answering machine is
 * hung up on here, so the agent never waits on a greeting; a person hears the recording notice.
 */
export function leadAnsweredTwiml(answer: { machine: boolean; notice: RecordingNotice; voice: SpeechVoice }): string {
	const response = new VoiceResponse();
	if (answer.machine) return response.hangup().toXml();
	if (answer.notice.kind === 'text') response.say(answer.notice.text, answer.voice);
	if (answer.notice.kind === 'audio') response.play(answer.notice.url);
	return response.toXml();
}
