import { pickedUpBy } from './answeredBy';

/** Why a bridge call did not connect the business with the lead. */
export type NotConnectedOutcome = 'lead-no-answer' | 'lead-busy' | 'lead-voicemail' | 'lead-failed' | 'agent-unavailable' | 'canceled' | 'outside-calling-window';

export const NOT_CONNECTED_OUTCOMES: readonly NotConnectedOutcome[] = ['lead-no-answer', 'lead-busy', 'lead-voicemail', 'lead-failed', 'agent-unavailable', 'canceled', 'outside-calling-window'];

export type BridgeOutcome = { connected: true } | { connected: false; outcome: NotConnectedOutcome };

/** What Twilio posts to a <Dial>'s action once the lead's leg has ended. */
export interface DialResult {
	/** DialCallStatus: completed, answered, busy, no-answer, failed, canceled. */
	dialCallStatus: string;
	/** DialBridged, when Twilio sent it: whether agent and lead were joined. */
	bridged: boolean | null;
	/** DialCallDuration in seconds, when the lead's leg was answered. */
	leadSeconds: number | null;
	/** AnsweredBy of the lead's leg, when its answering machine detection ran. */
	leadAnsweredBy: string | null;
}

/**
 * How a bridge attempt ended, from the <Dial> action. An answering machine or fax on the lead's
 * side never counts as connected, even when it was bridged; an answered leg that was not joined
 * (the lead hung up during the recording notice) counts as not answered.
 */
export function dialOutcome(result: DialResult): BridgeOutcome {
	const party = pickedUpBy(result.leadAnsweredBy);
	if (party === 'machine') return { connected: false, outcome: 'lead-voicemail' };
	if (party === 'fax') return { connected: false, outcome: 'lead-failed' };
	switch (result.dialCallStatus) {
		case 'answered':
			return { connected: true };
		case 'completed': {
			const joined = result.bridged ?? (result.leadSeconds ?? 0) > 0;
			return joined ? { connected: true } : { connected: false, outcome: 'lead-no-answer' };
		}
		case 'busy':
			return { connected: false, outcome: 'lead-busy' };
		case 'no-answer':
			return { connected: false, outcome: 'lead-no-answer' };
		case 'canceled':
			return { connected: false, outcome: 'canceled' };
		default:
			return { connected: false, outcome: 'lead-failed' };
	}
}
