import { pickedUpBy } from '../calls/answeredBy';
import { dialOutcome } from '../calls/bridgeOutcome';
import { isFinalCallStatus } from '../calls/callStatus';
import { InboundSettingError } from './errors';
import type { InboundCall } from './inboundCall';

/**
 * Why a call to the business reached nobody there:
 * - `no-answer`: the business number rang out (CallStatus no-answer, e.g. a <Reject>).
 * - `busy`: the business number gave a busy signal (CallStatus busy, e.g. <Reject reason="busy">).
 * - `canceled`: the caller hung up while it rang, while the team was being rung, or in the menu.
 * - `failed`: the call broke before anyone answered (CallStatus failed, e.g. the voice URL
 *   failed). It counts by default: the caller wanted the business, reached nobody, and their
 *   number is known; a user who sees such calls only from carrier trouble can leave it out.
 * - `voicemail`: a voicemail took the call, either a team member's own (AnsweredBy machine_* on
 *   the forwarded leg) or the business's voicemail step (the flow reports it).
 * - `team-no-answer`: the team was rung (<Dial>) and nobody picked up within the timeout; a busy,
 *   failed or canceled team leg counts the same, as the caller was still there and got nobody.
 */
export type MissedCallReason = 'no-answer' | 'busy' | 'canceled' | 'failed' | 'voicemail' | 'team-no-answer';

export const MISSED_CALL_REASONS: readonly MissedCallReason[] = ['no-answer', 'busy', 'canceled', 'failed', 'voicemail', 'team-no-answer'];

/** Each reason in words, for the node's options. */
export const MISSED_CALL_REASON_NAMES: Readonly<Record<MissedCallReason, string>> = {
	'no-answer': 'The business number rang out',
	busy: 'The business number was busy',
	canceled: 'The caller hung up while it rang or in the menu',
	failed: 'The call failed before anyone answered',
	voicemail: 'Voicemail took the call',
	'team-no-answer': 'The team did not pick up in time',
};

/**
 * What the business's own call flow says happened, when it tells: a flow the trigger sits behind
 * (as a status callback) adds it to the URL, since Twilio's own parameters cannot tell a
 * voicemail step or a hang-up in the menu from a conversation.
 */
export type FlowReport = 'voicemail' | 'caller-hung-up' | 'answered';

const FLOW_REPORTS: Readonly<Record<string, FlowReport>> = {
	voicemail: 'voicemail',
	'caller-hung-up': 'caller-hung-up',
	'hung-up': 'caller-hung-up',
	answered: 'answered',
};

/** A flow's report as the URL gave it, or null when there is none or it is not one of ours. */
export function readFlowReport(value: unknown): FlowReport | null {
	if (typeof value !== 'string') return null;
	return FLOW_REPORTS[value.trim().toLowerCase()] ?? null;
}

/**
 * How a call on the business number stands:
 * - `missed`: it reached nobody, for a reason the user counts;
 * - `notCounted`: it reached nobody, but for a reason the user left out;
 * - `answered`: someone at the business took it;
 * - `ongoing`: it is not over yet (ringing, or in the flow with nothing said about who took it);
 * - `outboundToNumber`: the business called `number` itself (Direction outbound-*), which a
 *   pending callback to that number may want to know about.
 */
export type InboundCallEnding =
	| { kind: 'missed'; reason: MissedCallReason }
	| { kind: 'notCounted'; reason: MissedCallReason }
	| { kind: 'answered' }
	| { kind: 'ongoing' }
	| { kind: 'outboundToNumber'; number: string };

/**
 * The reasons the user chose to count, in the fixed order. Not set at all: every reason; an
 * empty choice would make the trigger never fire, so it is a settings error.
 */
export function missedCallReasons(selected: readonly string[] | undefined): ReadonlySet<MissedCallReason> {
	if (selected === undefined) return new Set(MISSED_CALL_REASONS);
	const known = new Set<string>(MISSED_CALL_REASONS);
	const unknown = selected.find((reason) => !known.has(reason));
	if (unknown !== undefined) {
		throw new InboundSettingError(`Missed Call Reasons: "${unknown}" is not a reason; choose from ${MISSED_CALL_REASONS.join(', ')}`);
	}
	if (selected.length === 0) throw new InboundSettingError('Missed Call Reasons is empty; choose at least one reason a call counts as missed');
	return new Set(MISSED_CALL_REASONS.filter((reason) => selected.includes(reason)));
}

type Unanswered = { kind: 'unanswered'; reason: MissedCallReason } | { kind: 'answered' } | { kind: 'ongoing' } | { kind: 'outboundToNumber'; number: string };

const UNANSWERED_CALL_STATUSES: Readonly<Record<string, MissedCallReason>> = {
	'no-answer': 'no-answer',
	busy: 'busy',
	canceled: 'canceled',
	failed: 'failed',
};

function unanswered(reason: MissedCallReason): Unanswered {
	return { kind: 'unanswered', reason };
}

/**
 * How the call stands before the user's choice of reasons. The strongest evidence wins: the
 * direction, then a voicemail (Twilio's detection or the flow's report), then the flow's own
 * report, then how the team's <Dial> ended, then the call's own status.
 */
function howCallStands(call: InboundCall, flowReport: FlowReport | null): Unanswered {
	if (call.direction.startsWith('outbound')) return { kind: 'outboundToNumber', number: call.to };
	if (flowReport === 'voicemail' || pickedUpBy(call.answeredBy) === 'machine') return unanswered('voicemail');
	if (flowReport === 'answered') return { kind: 'answered' };
	if (flowReport === 'caller-hung-up') return unanswered('canceled');
	if (call.dialCallStatus !== null) {
		const outcome = dialOutcome({ dialCallStatus: call.dialCallStatus, bridged: call.dialBridged, leadSeconds: call.dialCallSeconds, leadAnsweredBy: call.answeredBy });
		if (outcome.connected) return { kind: 'answered' };
		// The action is requested while the caller waits when the team rang out; a caller who is
		// already gone hung up while the team was ringing.
		return unanswered(isFinalCallStatus(call.callStatus) ? 'canceled' : 'team-no-answer');
	}
	const missed = UNANSWERED_CALL_STATUSES[call.callStatus];
	if (missed !== undefined) return unanswered(missed);
	// Behind an existing flow (a status callback), a completed call was taken: nothing says
	// otherwise, and the flow reports a voicemail or a hang-up when it has one.
	if (call.callStatus === 'completed') return { kind: 'answered' };
	if (call.callStatus === 'in-progress' && pickedUpBy(call.answeredBy) === 'person') return { kind: 'answered' };
	return { kind: 'ongoing' };
}

/**
 * Whether a call on the business number was missed, and why, for the reasons the user counts.
 * Give it the parameters of the request that ends the call's flow: the last <Dial>'s action,
 * or the final status callback.
 */
export function classifyInboundCall(call: InboundCall, counted: ReadonlySet<MissedCallReason>, flowReport: FlowReport | null = null): InboundCallEnding {
	const stands = howCallStands(call, flowReport);
	if (stands.kind !== 'unanswered') return stands;
	return counted.has(stands.reason) ? { kind: 'missed', reason: stands.reason } : { kind: 'notCounted', reason: stands.reason };
}
