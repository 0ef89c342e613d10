import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { agentPickedUpTwiml, whisperText } from '../core/calls';
import { detectsLeadVoicemail } from '../core/calls/bridgeTwiml';
import { placedNow, type LeadClock } from '../shared/callRunner/runCallingNode';
import { nodeResumeUrl } from '../shared/nodeResumeUrl';
import { createCall, isAccountNumber } from '../transport/twilioCalls';
import type { BridgeCallPlaced, BridgeStepUrls } from './bridgeState';
import type { BridgeSettings } from './readBridgeSettings';

/** The steps of a bridge call Twilio requests, as the `step` of the node's resume URL. */
export const BRIDGE_STEPS = {
	agentAnswer: 'agent-answer',
	agentAccept: 'agent-accept',
	agentStatus: 'agent-status',
	leadAnswered: 'lead-answered',
	dialDone: 'dial-done',
} as const;

function stepUrls(context: IExecuteFunctions, agentIndex: number): BridgeStepUrls {
	const url = (step: string): string => nodeResumeUrl(context, { step, agent: String(agentIndex) });
	return {
		agentAnswer: url(BRIDGE_STEPS.agentAnswer),
		agentAccept: url(BRIDGE_STEPS.agentAccept),
		agentStatus: url(BRIDGE_STEPS.agentStatus),
		leadAnswered: url(BRIDGE_STEPS.leadAnswered),
		dialDone: url(BRIDGE_STEPS.dialDone),
	};
}

/**
 * The caller ID the lead sees: the business number they called when the item knows it and it
 * is one of the account's numbers (a number from a form is never shown unchecked), otherwise
 * the configured one.
 */
async function leadCallerId(context: IExecuteFunctions, settings: BridgeSettings, itemIndex: number): Promise<Pick<BridgeCallPlaced, 'callerId' | 'callerIdSource'>> {
	const configured = { callerId: settings.leadCallerId, callerIdSource: 'setting' as const };
	const called = settings.leadCalledNumber;
	if (called === '' || called === settings.leadCallerId) return configured;
	try {
		return (await isAccountNumber.call(context, called, itemIndex)) ? { callerId: called, callerIdSource: 'number-lead-called' } : configured;
	} catch {
		return configured;
	}
}

/** The call to the business number at `agentIndex` of the list, as Twilio is asked to place it. */
export function agentCallFor(placed: Pick<BridgeCallPlaced, 'agents' | 'from' | 'urls' | 'agentRingSeconds'>, agentIndex: number) {
	const urls = placed.urls[agentIndex];
	return { to: placed.agents[agentIndex], from: placed.from, twiml: agentPickedUpTwiml(urls.agentAnswer), statusCallback: urls.agentStatus, timeout: placed.agentRingSeconds };
}

/**
 * Starts one bridge attempt: calls the first business number, whose answer Twilio then asks
 * this node's resume URL for. Returns what the execution waits with.
 */
export async function placeBridgeCall(context: IExecuteFunctions, itemIndex: number, json: IDataObject, settings: BridgeSettings, clock: LeadClock): Promise<BridgeCallPlaced> {
	const urls = settings.agents.map((_, agentIndex) => stepUrls(context, agentIndex));
	const caller = await leadCallerId(context, settings, itemIndex);
	const placed: BridgeCallPlaced = {
		...placedNow(context, json, settings.maxWaitMs),
		phase: 'placed',
		from: settings.from,
		agents: settings.agents,
		agentCallSid: '',
		lead: settings.lead,
		leadExtension: settings.leadExtension,
		leadName: settings.leadName,
		...caller,
		whisper: whisperText({ leadName: settings.leadName, reason: settings.reason, context: settings.whisperNotes, acceptPrompt: settings.acceptPrompt }),
		pressTimeoutSeconds: settings.pressTimeoutSeconds,
		whisperRepeat: settings.whisperRepeat,
		agentRingSeconds: settings.agentRingSeconds,
		leadRingSeconds: settings.leadRingSeconds,
		detectVoicemail: detectsLeadVoicemail(settings.detectVoicemail, settings.leadExtension),
		record: settings.record,
		notice: { ...settings.notice },
		voice: { ...settings.voice },
		leadZone: clock.leadZone,
		callingWindow: clock.callingWindow,
		publicUrl: urls[0].agentAnswer.split('?')[0],
		urls,
	};
	const call = await createCall.call(context, agentCallFor(placed, 0), itemIndex);
	placed.agentCallSid = String(call.sid ?? '');
	return placed;
}
