import { dialOutcome } from '../calls/bridgeOutcome';
import { isFinalCallStatus } from '../calls/callStatus';
import { businessNumbers } from '../calls/phoneNumbers';
import { InboundSettingError } from './errors';
import type { InboundCall } from './inboundCall';

/** How the team is rung: one number after another, each for the ring time, or all at once. */
export type RingOrder = 'one-by-one' | 'all-at-once';

/** Seconds a team number may ring: under 5 a person cannot reach the phone, over 60 the caller gives up. */
export const RING_SECONDS_LIMITS = { min: 5, max: 60 } as const;

/** Twilio dials at most ten <Number>s in one <Dial>. */
export const MAX_NUMBERS_AT_ONCE = 10;

/** The team the node rings for an incoming call, checked. */
export interface RingTeam {
	/** E.164 numbers, in the order they are rung one by one. */
	numbers: readonly string[];
	order: RingOrder;
	ringSeconds: number;
}

/** A ring time as set in the node: whole seconds within RING_SECONDS_LIMITS. */
export function readRingSeconds(value: number): number {
	const { min, max } = RING_SECONDS_LIMITS;
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new InboundSettingError(`Ring Time must be a whole number of seconds from ${min} to ${max}, got ${value}`);
	}
	return value;
}

/**
 * The team as typed in the node: numbers one per line or separated by commas (the business's
 * own, so any country, never a costly kind; a bad one throws PhoneNumberSettingError naming it),
 * the order, and the ring time.
 */
export function ringTeam(numbers: string, order: RingOrder, ringSeconds: number): RingTeam {
	const team = businessNumbers(numbers, 'Team Numbers');
	if (order === 'all-at-once' && team.length > MAX_NUMBERS_AT_ONCE) {
		throw new InboundSettingError(`Team Numbers has ${team.length} numbers; Twilio rings at most ${MAX_NUMBERS_AT_ONCE} at once, so ring them one by one or give fewer`);
	}
	return { numbers: team, order, ringSeconds: readRingSeconds(ringSeconds) };
}

/**
 * What follows a team <Dial>: someone took the call, the next number is rung, or the team is
 * done without anyone (the missed-call rules say why), or the caller is gone.
 */
export type AfterTeamDial = { kind: 'answered' } | { kind: 'ringNext'; position: number } | { kind: 'nobodyAnswered' } | { kind: 'callerHungUp' };

/** The parameters of a <Dial>'s action that tell how it ended. */
export type TeamDialResult = Pick<InboundCall, 'callStatus' | 'dialCallStatus' | 'dialCallSeconds' | 'dialBridged' | 'answeredBy'>;

/**
 * The next step once the <Dial> that rang the team member at `position` (or the whole team, at
 * position 0, all at once) has ended. A member's voicemail or fax is not someone taking the
 * call: rung one by one, the next member is tried while the caller waits.
 */
export function afterTeamDial(team: RingTeam, position: number, dial: TeamDialResult): AfterTeamDial {
	if (!Number.isInteger(position) || position < 0 || position >= team.numbers.length) throw new RangeError(`No team number at position ${position}`);
	const outcome = dialOutcome({ dialCallStatus: dial.dialCallStatus ?? '', bridged: dial.dialBridged, leadSeconds: dial.dialCallSeconds, leadAnsweredBy: dial.answeredBy });
	if (outcome.connected) return { kind: 'answered' };
	if (isFinalCallStatus(dial.callStatus)) return { kind: 'callerHungUp' };
	const next = position + 1;
	if (team.order === 'one-by-one' && next < team.numbers.length) return { kind: 'ringNext', position: next };
	return { kind: 'nobodyAnswered' };
}
