import type { IDataObject } from 'n8n-workflow';

import type { BridgeOutcome, RecordingNotice, SpeechVoice } from '../core/calls';
import type { WeeklyHours } from '../core/schedule/weeklyHours';
import type { NotCalled } from '../shared/callRunner/notCalled';
import type { PlacedCall } from '../shared/callRunner/runCallingNode';
import { secondsBetween } from '../shared/waitingCall';

/** Where the item keeps the bridge call, while it runs and once it has ended. */
export const BRIDGE_KEY = 'bridgeCall';

/** The resume URLs Twilio is given for one business number's call. */
export interface BridgeStepUrls extends IDataObject {
	/** The business picked up: whisper and press 1. */
	agentAnswer: string;
	/** The business pressed a key. */
	agentAccept: string;
	/** The business's call ended. */
	agentStatus: string;
	/** The lead picked up (voicemail check, recording notice). */
	leadAnswered: string;
	/** The lead's leg ended: the attempt's outcome. */
	dialDone: string;
}

/** The item's bridge call while the execution waits: everything Twilio's requests need. */
export interface BridgeCallPlaced extends PlacedCall {
	from: string;
	agents: string[];
	agentCallSid: string;
	lead: string;
	/** Keyed in once the lead's line answers; null (or absent, in calls placed before extensions were dialled) without one. */
	leadExtension?: string | null;
	leadName: string;
	callerId: string;
	callerIdSource: 'number-lead-called' | 'setting';
	whisper: string;
	pressTimeoutSeconds: number;
	whisperRepeat: number;
	agentRingSeconds: number;
	leadRingSeconds: number;
	/** Whether the lead's leg runs voicemail detection: the setting, except for a lead with an extension. */
	detectVoicemail: boolean;
	record: boolean;
	notice: RecordingNotice & IDataObject;
	voice: SpeechVoice & IDataObject;
	/** The lead's zone and calling window: the lead is only dialled while it is open. */
	leadZone: string;
	callingWindow: WeeklyHours;
	/** The node's resume URL without its query: what Twilio's signatures are checked against. */
	publicUrl: string;
	/** One set per business number, in the order they are tried. */
	urls: BridgeStepUrls[];
}

/** What comes out of Connected and Not Connected. */
export interface BridgeCallResult extends IDataObject {
	phase: 'ended' | 'reported';
	executionId: string;
	nodeId: string;
	connected: boolean;
	/** `connected`, or why not: lead-no-answer, lead-busy, lead-voicemail, lead-failed, agent-unavailable, outside-calling-window, or why nobody was called (canceled, number-not-allowed …). */
	outcome: string;
	attempt: number | null;
	agentNumber: string | null;
	agentCallSid: string | null;
	/** Business numbers called before the outcome was known. */
	agentsTried: number;
	/** How the last business call that did not accept ended (no-answer, busy, completed …). */
	agentCallStatus: string | null;
	leadNumber: string | null;
	leadCallSid: string | null;
	callerId: string | null;
	/** DialCallStatus Twilio reported for the lead's leg. */
	dialCallStatus: string | null;
	leadAnsweredBy: string | null;
	/** Seconds the lead's leg lasted once answered (the conversation, with the notice). */
	talkSeconds: number | null;
	recordingUrl: string | null;
	recordingSid: string | null;
	recordingSeconds: number | null;
	placedAt: string | null;
	endedAt: string;
	/** Seconds from the first business call to the outcome. */
	totalSeconds: number | null;
	/** The outcome was read from Twilio's call records after the maximum wait. */
	recoveredFromTwilio: boolean;
	/** Still talking when the maximum wait ended (only when recovered). */
	stillTalking: boolean;
}

export interface ResultDetails {
	agentIndex: number | null;
	agentCallSid: string | null;
	leadCallSid?: string | null;
	dialCallStatus?: string | null;
	leadAnsweredBy?: string | null;
	talkSeconds?: number | null;
	recordingUrl?: string | null;
	recordingSid?: string | null;
	recordingSeconds?: number | null;
	recoveredFromTwilio?: boolean;
	stillTalking?: boolean;
	agentCallStatus?: string | null;
	/** Why the next business number could not be called. */
	error?: string;
}

/** The result of a placed call, ready to resume the execution with. */
export function endedResult(placed: BridgeCallPlaced, outcome: BridgeOutcome, details: ResultDetails, now = Date.now()): BridgeCallResult {
	const agentIndex = details.agentIndex;
	return {
		phase: 'ended',
		executionId: placed.executionId,
		nodeId: placed.nodeId,
		connected: outcome.connected,
		outcome: outcome.connected ? 'connected' : outcome.outcome,
		attempt: placed.attempt,
		agentNumber: agentIndex === null ? null : (placed.agents[agentIndex] ?? null),
		agentCallSid: details.agentCallSid,
		agentsTried: agentIndex === null ? placed.agents.length : agentIndex + 1,
		agentCallStatus: details.agentCallStatus ?? null,
		leadNumber: placed.lead,
		...(placed.leadExtension ? { leadExtension: placed.leadExtension } : {}),
		leadCallSid: details.leadCallSid ?? null,
		callerId: placed.callerId,
		dialCallStatus: details.dialCallStatus ?? null,
		leadAnsweredBy: details.leadAnsweredBy ?? null,
		talkSeconds: details.talkSeconds ?? null,
		recordingUrl: details.recordingUrl ?? null,
		recordingSid: details.recordingSid ?? null,
		recordingSeconds: details.recordingSeconds ?? null,
		placedAt: placed.placedAt,
		endedAt: new Date(now).toISOString(),
		totalSeconds: secondsBetween(placed.placedAt, now),
		recoveredFromTwilio: details.recoveredFromTwilio === true,
		stillTalking: details.stillTalking === true,
		...(details.error === undefined ? {} : { error: details.error }),
	};
}

/** The result for a lead nobody was called for: the callback is over, the number or the time is not allowed. */
export function notCalledResult(notCalled: NotCalled): BridgeCallResult {
	return {
		...notCalled,
		connected: false,
		outcome: notCalled.reason,
		agentNumber: null,
		agentCallSid: null,
		agentsTried: 0,
		agentCallStatus: null,
		leadNumber: null,
		leadCallSid: null,
		callerId: null,
		dialCallStatus: null,
		leadAnsweredBy: null,
		talkSeconds: null,
		recordingUrl: null,
		recordingSid: null,
		recordingSeconds: null,
		placedAt: null,
		totalSeconds: null,
		recoveredFromTwilio: false,
		stillTalking: false,
	};
}

/** The item with its bridge call replaced. */
export function withBridgeCall(json: IDataObject, state: BridgeCallPlaced | BridgeCallResult): IDataObject {
	return { ...json, [BRIDGE_KEY]: state };
}
