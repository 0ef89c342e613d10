import { pickedUpBy } from './answeredBy';
import { isStillRinging } from './callStatus';
import type { NotCalledReason } from './notCalledReason';

/** Why a voicemail drop reached nobody: how the placed call missed the lead, or why the lead was not called at all. */
export type NotReachedReason = 'no-answer' | 'busy' | 'failed' | 'fax' | NotCalledReason;

export type VoicemailOutcome = { kind: 'voicemail-left' } | { kind: 'person-answered' } | { kind: 'not-reached'; reason: NotReachedReason };

export interface VoicemailCall {
	/** CallStatus of the final callback, or the fetched call's status. */
	status: string;
	/** AnsweredBy from answering machine detection; null when the call was not answered. */
	answeredBy: string | null;
	/** Seconds the call lasted once answered; null when unknown. */
	seconds: number | null;
}

/**
 * How a voicemail drop ended. The call always runs answering machine detection, so an answered
 * call says who picked up: a machine got the message after its beep, a person (or someone
 * detection could not tell from a machine) got the live option. A call still up when the
 * outcome is needed counts by who answered it.
 */
export function voicemailOutcome(call: VoicemailCall): VoicemailOutcome {
	const { status } = call;
	if (status === 'busy') return { kind: 'not-reached', reason: 'busy' };
	if (status === 'failed') return { kind: 'not-reached', reason: 'failed' };
	if (status === 'canceled') return { kind: 'not-reached', reason: 'canceled' };
	if (status === 'no-answer' || isStillRinging(status)) return { kind: 'not-reached', reason: 'no-answer' };
	const party = pickedUpBy(call.answeredBy);
	if (party === 'machine') return { kind: 'voicemail-left' };
	if (party === 'fax') return { kind: 'not-reached', reason: 'fax' };
	if (party === null && (call.seconds ?? 0) === 0) return { kind: 'not-reached', reason: 'no-answer' };
	return { kind: 'person-answered' };
}
