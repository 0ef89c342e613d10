import { pickedUpBy } from './answeredBy';
import type { BridgeOutcome } from './bridgeOutcome';
import { isStillRinging } from './callStatus';

/** A call as Twilio's REST API returns it, reduced to what an outcome is decided from. */
export interface FetchedCall {
	sid: string;
	status: string;
	/** Seconds from answer to hang-up; null while the call is up. */
	seconds: number | null;
	answeredBy: string | null;
}

/** A call to the business, with the lead legs it dialled (newest first, as Twilio lists them). */
export interface FetchedAgentCall extends FetchedCall {
	leadLegs: FetchedCall[];
}

export interface RecoveredBridgeOutcome {
	outcome: BridgeOutcome;
	/** The agent call the outcome was read from, if any. */
	agentCallSid: string | null;
	/** The lead leg the outcome was read from, if any. */
	leadLeg: FetchedCall | null;
	/** The lead and agent are still talking while the wait ended. */
	stillTalking: boolean;
	/** Calls still ringing that should be canceled, so nobody picks up a call nobody follows any more. */
	toCancel: string[];
}

/**
 * The outcome of a bridge attempt decided from the calls themselves, for when the final
 * callback never arrived (lost, or refused on the way). Once a lead leg exists the agent
 * accepted, and that leg tells how the lead side ended; with no lead leg on any agent call,
 * nobody at the business accepted.
 */
export function recoverBridgeOutcome(agentCalls: readonly FetchedAgentCall[]): RecoveredBridgeOutcome {
	const toCancel = agentCalls.filter((call) => isStillRinging(call.status)).map((call) => call.sid);
	const accepted = agentCalls.find((call) => call.leadLegs.length > 0);
	if (accepted === undefined) {
		return { outcome: { connected: false, outcome: 'agent-unavailable' }, agentCallSid: agentCalls[0]?.sid ?? null, leadLeg: null, stillTalking: false, toCancel };
	}
	const [leg] = accepted.leadLegs;
	const found = { agentCallSid: accepted.sid, leadLeg: leg };
	if (isStillRinging(leg.status)) {
		return { ...found, outcome: { connected: false, outcome: 'lead-no-answer' }, stillTalking: false, toCancel: [...toCancel, leg.sid] };
	}
	const party = pickedUpBy(leg.answeredBy);
	if (party === 'machine') return { ...found, outcome: { connected: false, outcome: 'lead-voicemail' }, stillTalking: false, toCancel };
	if (party === 'fax') return { ...found, outcome: { connected: false, outcome: 'lead-failed' }, stillTalking: false, toCancel };
	switch (leg.status) {
		case 'in-progress':
			return { ...found, outcome: { connected: true }, stillTalking: true, toCancel };
		case 'completed':
			return { ...found, outcome: (leg.seconds ?? 0) > 0 ? { connected: true } : { connected: false, outcome: 'lead-no-answer' }, stillTalking: false, toCancel };
		case 'busy':
			return { ...found, outcome: { connected: false, outcome: 'lead-busy' }, stillTalking: false, toCancel };
		case 'canceled':
			return { ...found, outcome: { connected: false, outcome: 'canceled' }, stillTalking: false, toCancel };
		case 'no-answer':
			return { ...found, outcome: { connected: false, outcome: 'lead-no-answer' }, stillTalking: false, toCancel };
		default:
			return { ...found, outcome: { connected: false, outcome: 'lead-failed' }, stillTalking: false, toCancel };
	}
}
