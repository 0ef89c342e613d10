import type { IDataObject } from 'n8n-workflow';

import type { NotReachedReason, PersonAnswers, VoicemailMessage, VoicemailOutcome } from '../core/calls';
import type { NotCalled } from '../shared/callRunner/notCalled';
import type { PlacedCall } from '../shared/callRunner/runCallingNode';
import { secondsBetween } from '../shared/waitingCall';

/** Where the item keeps the voicemail drop, while it runs and once it has ended. */
export const VOICEMAIL_KEY = 'voicemailDrop';

export interface VoicemailStepUrls extends IDataObject {
	/** The call was answered and detection has decided who picked up. */
	answered: string;
	/** The call ended. */
	status: string;
}

/** The item's voicemail drop while the execution waits. */
export interface VoicemailDropPlaced extends PlacedCall {
	from: string;
	lead: string;
	callSid: string;
	message: VoicemailMessage & IDataObject;
	person: PersonAnswers & IDataObject;
	/** The lead's zone the call was allowed on. */
	leadZone: string;
	publicUrl: string;
	urls: VoicemailStepUrls;
}

/** What comes out of Voicemail Left, Answered and Not Reached. */
export interface VoicemailDropResult extends IDataObject {
	phase: 'ended' | 'reported';
	executionId: string;
	nodeId: string;
	/** voicemail-left, person-answered or not-reached. */
	outcome: string;
	/** Why nobody was reached: no-answer, busy, failed, fax, or why nobody was called (no-consent, canceled, outside-calling-window …). */
	reason: NotReachedReason | null;
	/** What a person who answered got: liveMessage, connect or hangUp. */
	personOption: string | null;
	/** recording or text: what was left on a voicemail. */
	message: string | null;
	attempt: number | null;
	leadNumber: string | null;
	callSid: string | null;
	callStatus: string | null;
	answeredBy: string | null;
	callSeconds: number | null;
	placedAt: string | null;
	endedAt: string;
	totalSeconds: number | null;
	recoveredFromTwilio: boolean;
}

export interface CallFacts {
	callSid: string | null;
	callStatus: string | null;
	answeredBy: string | null;
	callSeconds: number | null;
	recoveredFromTwilio: boolean;
}

export function endedVoicemailResult(placed: VoicemailDropPlaced, outcome: VoicemailOutcome, facts: CallFacts, now = Date.now()): VoicemailDropResult {
	return {
		phase: 'ended',
		executionId: placed.executionId,
		nodeId: placed.nodeId,
		outcome: outcome.kind,
		reason: outcome.kind === 'not-reached' ? outcome.reason : null,
		personOption: outcome.kind === 'person-answered' ? placed.person.kind : null,
		message: outcome.kind === 'voicemail-left' ? (placed.message.kind === 'audio' ? 'recording' : 'text') : null,
		attempt: placed.attempt,
		leadNumber: placed.lead,
		...facts,
		placedAt: placed.placedAt,
		endedAt: new Date(now).toISOString(),
		totalSeconds: secondsBetween(placed.placedAt, now),
	};
}

/** A lead that was not called at all (no consent, the callback is over, the number or the time is not allowed). */
export function notCalledVoicemailResult(notCalled: NotCalled): VoicemailDropResult {
	return {
		...notCalled,
		outcome: 'not-reached',
		personOption: null,
		message: null,
		leadNumber: null,
		callSid: null,
		callStatus: null,
		answeredBy: null,
		callSeconds: null,
		placedAt: null,
		totalSeconds: null,
		recoveredFromTwilio: false,
	};
}

export function withVoicemailDrop(json: IDataObject, state: VoicemailDropPlaced | VoicemailDropResult): IDataObject {
	return { ...json, [VOICEMAIL_KEY]: state };
}
