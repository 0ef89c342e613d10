import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { recoverBridgeOutcome, type FetchedAgentCall } from '../core/calls';
import { fetchedCall, placedSince } from '../shared/fetchedCalls';
import { cancelCall, fetchCall, listCalls, listChildCalls } from '../transport/twilioCalls';
import { endedResult, type BridgeCallPlaced, type BridgeCallResult } from './bridgeState';

/**
 * The maximum wait passed without the final callback: the outcome is read from Twilio's call
 * records instead. The first business call is known by its SID; calls to the next numbers were
 * placed while waiting, so they are found by their numbers and time. Calls still ringing are
 * canceled: nobody follows them any more.
 */
export async function recoverBridgeCall(context: IExecuteFunctions, placed: BridgeCallPlaced, itemIndex: number): Promise<BridgeCallResult> {
	const resources: Array<{ agentIndex: number; call: IDataObject }> = [{ agentIndex: 0, call: await fetchCall.call(context, placed.agentCallSid, itemIndex) }];
	for (let agentIndex = 1; agentIndex < placed.agents.length; agentIndex++) {
		const calls = await listCalls.call(context, { To: placed.agents[agentIndex], From: placed.from }, itemIndex);
		for (const call of calls.filter((candidate) => placedSince(candidate, placed.placedAt))) resources.push({ agentIndex, call });
	}
	const agentCalls: Array<FetchedAgentCall & { agentIndex: number }> = [];
	for (const { agentIndex, call } of resources) {
		const legs = await listChildCalls.call(context, String(call.sid), itemIndex);
		agentCalls.push({ ...fetchedCall(call), agentIndex, leadLegs: legs.map(fetchedCall) });
	}
	const decision = recoverBridgeOutcome(agentCalls);
	for (const sid of decision.toCancel) {
		try {
			await cancelCall.call(context, sid, itemIndex);
		} catch {
			// Already answered or over by now: nothing to stop.
		}
	}
	const leg = decision.leadLeg;
	// With a lead leg, the business call that dialled it; without, the last business number called.
	const lastCalled = agentCalls.reduce((latest, call) => (call.agentIndex >= latest.agentIndex ? call : latest));
	const decidedBy = (leg === null ? undefined : agentCalls.find((call) => call.sid === decision.agentCallSid)) ?? lastCalled;
	return endedResult(placed, decision.outcome, {
		agentIndex: decidedBy.agentIndex,
		agentCallSid: decidedBy.sid,
		agentCallStatus: leg === null ? decidedBy.status : null,
		leadCallSid: leg?.sid ?? null,
		dialCallStatus: leg?.status ?? null,
		leadAnsweredBy: leg?.answeredBy ?? null,
		talkSeconds: decision.outcome.connected ? (leg?.seconds ?? null) : null,
		recoveredFromTwilio: true,
		stillTalking: decision.stillTalking,
	});
}
