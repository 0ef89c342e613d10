import { DateTime } from 'luxon';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import {
	afterDialMessage,
	agentWhisperTwiml,
	dialLeadTwiml,
	dialOutcome,
	emptyTwiml,
	isFinalCallStatus,
	leadAnsweredTwiml,
	NOT_ACCEPTED_MESSAGE,
	pickedUpBy,
	recoverBridgeOutcome,
	sayAndHangUpTwiml,
	type BridgeOutcome,
} from '../core/calls';
import { isInsideLeadWindow } from '../core/schedule/leadWindow';
import type { CallRequest, CallRequestHandler } from '../shared/callRunner/handleCallRequest';
import { fetchedCall } from '../shared/fetchedCalls';
import { answerTwiml, answerTwimlAndResume, numberParam, param, refuse } from '../shared/twilioVoiceWebhook';
import { createCall, fetchCall, listCallRecordings, listChildCalls } from '../transport/twilioCalls';
import { BRIDGE_KEY, endedResult, withBridgeCall, type BridgeCallPlaced, type ResultDetails } from './bridgeState';
import { agentCallFor, BRIDGE_STEPS } from './placeBridgeCall';

interface StepContext extends CallRequest<BridgeCallPlaced> {
	agentIndex: number;
}

/** Whether the lead may still be dialled now: the window is checked again when the business accepts. */
function leadWindowOpen(placed: BridgeCallPlaced): boolean {
	// Calls placed before the window was kept with them were checked when placed.
	if (typeof placed.leadZone !== 'string' || !Array.isArray(placed.callingWindow)) return true;
	return isInsideLeadWindow(DateTime.now().toMillis(), placed.leadZone, placed.callingWindow);
}

function resume(step: StepContext, twiml: string, outcome: BridgeOutcome, details: Omit<ResultDetails, 'agentIndex' | 'agentCallSid'>): IWebhookResponseData {
	const result = endedResult(step.placed, outcome, { agentIndex: step.agentIndex, agentCallSid: param(step.request, 'CallSid') || null, ...details });
	return answerTwimlAndResume(step.context, twiml, withBridgeCall(step.item, result));
}

/** The business picked up: the whisper, and press 1 to accept. */
function agentAnswered({ context, placed, agentIndex }: StepContext): IWebhookResponseData {
	return answerTwiml(
		context,
		agentWhisperTwiml({
			whisper: placed.whisper,
			acceptUrl: placed.urls[agentIndex].agentAccept,
			pressTimeoutSeconds: placed.pressTimeoutSeconds,
			repeat: placed.whisperRepeat,
			goodbye: NOT_ACCEPTED_MESSAGE,
			voice: placed.voice,
		}),
	);
}

/** The business pressed a key: 1 dials the lead, anything else ends this business call. */
function agentPressed({ context, placed, request, agentIndex }: StepContext): IWebhookResponseData {
	if (param(request, 'Digits') !== '1') return answerTwiml(context, sayAndHangUpTwiml(NOT_ACCEPTED_MESSAGE, placed.voice));
	// Accepted after the lead's window closed (a long ring, several business numbers): the lead is not dialled.
	if (!leadWindowOpen(placed)) return answerTwiml(context, sayAndHangUpTwiml(afterDialMessage({ connected: false, outcome: 'outside-calling-window' }, placed.leadName), placed.voice));
	const urls = placed.urls[agentIndex];
	const somethingOnAnswer = placed.detectVoicemail || placed.notice.kind !== 'none';
	return answerTwiml(
		context,
		dialLeadTwiml({
			lead: placed.lead,
			extension: placed.leadExtension ?? null,
			callerId: placed.callerId,
			leadRingSeconds: placed.leadRingSeconds,
			dialDoneUrl: urls.dialDone,
			record: placed.record,
			leadAnsweredUrl: somethingOnAnswer ? urls.leadAnswered : null,
			detectVoicemail: placed.detectVoicemail,
		}),
	);
}

/** The lead picked up, before being joined: hang up on a machine, give a person the notice. */
function leadAnswered({ context, placed, request }: StepContext): IWebhookResponseData {
	const party = pickedUpBy(param(request, 'AnsweredBy'));
	const machine = placed.detectVoicemail && (party === 'machine' || party === 'fax');
	return answerTwiml(context, leadAnsweredTwiml({ machine, notice: placed.notice, voice: placed.voice }));
}

/** The recording of the bridged conversation, read from the call that dialled the lead. */
async function conversationRecording(step: StepContext, agentCallSid: string): Promise<Pick<ResultDetails, 'recordingUrl' | 'recordingSid' | 'recordingSeconds'>> {
	if (!step.placed.record) return {};
	try {
		const [recording] = await listCallRecordings.call(step.context, agentCallSid);
		return recording === undefined ? {} : { recordingSid: recording.sid, recordingUrl: recording.url, recordingSeconds: recording.seconds };
	} catch {
		// The recording stays in the Twilio console; the outcome does not depend on it.
		return {};
	}
}

/**
 * The lead was dialled and the business call has now ended: Twilio's last request about the
 * attempt, so the outcome is decided here, from the lead's leg as Twilio recorded it, and the
 * execution resumes. (Resuming on the <Dial> action instead would leave this request to a
 * resume URL that no longer waits, which n8n answers 409 and Twilio logs as error 11200.)
 */
async function leadWasDialled(step: StepContext, leadLegs: IDataObject[]): Promise<IWebhookResponseData> {
	const { request } = step;
	const agentCallSid = param(request, 'CallSid');
	const agentCall = { sid: agentCallSid, status: param(request, 'CallStatus'), seconds: numberParam(request, 'CallDuration'), answeredBy: null, leadLegs: leadLegs.map(fetchedCall) };
	const decision = recoverBridgeOutcome([agentCall]);
	const leg = decision.leadLeg;
	return resume(step, emptyTwiml(), decision.outcome, {
		leadCallSid: leg?.sid ?? null,
		dialCallStatus: leg?.status ?? null,
		leadAnsweredBy: leg?.answeredBy ?? null,
		talkSeconds: decision.outcome.connected ? (leg?.seconds ?? null) : null,
		...(decision.outcome.connected ? await conversationRecording(step, agentCallSid) : {}),
	});
}

/**
 * A business call ended. When it dialled the lead, the attempt is over and its outcome is read
 * from the lead's leg. Otherwise nobody there accepted: the next number is called, or after
 * the last one the attempt ends as agent-unavailable (or outside-calling-window, once the
 * lead's window has closed meanwhile).
 */
async function agentCallEnded(step: StepContext): Promise<IWebhookResponseData> {
	const { context, placed, request, agentIndex } = step;
	const status = param(request, 'CallStatus');
	const callSid = param(request, 'CallSid');
	if (!isFinalCallStatus(status)) return answerTwiml(context, emptyTwiml());
	let leadLegs: IDataObject[];
	try {
		leadLegs = await listChildCalls.call(context, callSid);
	} catch {
		// Unknown whether the lead was dialled: the maximum wait reads the outcome from Twilio.
		return answerTwiml(context, emptyTwiml());
	}
	if (leadLegs.length > 0) return await leadWasDialled(step, leadLegs);
	if (!leadWindowOpen(placed)) return resume(step, emptyTwiml(), { connected: false, outcome: 'outside-calling-window' }, { agentCallStatus: status });
	const next = agentIndex + 1;
	if (next < placed.agents.length) {
		try {
			await createCall.call(context, agentCallFor(placed, next));
			return answerTwiml(context, emptyTwiml());
		} catch (error) {
			return resume(step, emptyTwiml(), { connected: false, outcome: 'agent-unavailable' }, { agentCallStatus: status, error: (error as Error).message });
		}
	}
	return resume(step, emptyTwiml(), { connected: false, outcome: 'agent-unavailable' }, { agentCallStatus: status });
}

/**
 * The lead's leg ended: the business hears how it went. The execution resumes on the business
 * call's final status, which follows this (see leadWasDialled).
 */
async function dialEnded({ context, placed, request }: StepContext): Promise<IWebhookResponseData> {
	const leadCallSid = param(request, 'DialCallSid');
	let leadAnsweredBy: string | null = null;
	if (placed.detectVoicemail && leadCallSid !== '') {
		try {
			const leg = await fetchCall.call(context, leadCallSid);
			leadAnsweredBy = typeof leg.answered_by === 'string' ? leg.answered_by : null;
		} catch {
			// Without the detection result the business hears the <Dial> status alone.
		}
	}
	const bridged = param(request, 'DialBridged');
	const outcome = dialOutcome({
		dialCallStatus: param(request, 'DialCallStatus'),
		bridged: bridged === 'true' ? true : bridged === 'false' ? false : null,
		leadSeconds: numberParam(request, 'DialCallDuration'),
		leadAnsweredBy,
	});
	return answerTwiml(context, sayAndHangUpTwiml(afterDialMessage(outcome, placed.leadName), placed.voice));
}

/** A step of one business number's call: the resume URL's `agent` names which. */
function forAgent(step: (context: StepContext) => IWebhookResponseData | Promise<IWebhookResponseData>) {
	return (request: CallRequest<BridgeCallPlaced>): IWebhookResponseData | Promise<IWebhookResponseData> => {
		const agentIndex = Number(request.request.query.agent);
		if (!Number.isInteger(agentIndex) || agentIndex < 0 || agentIndex >= request.placed.agents.length) return refuse(request.context, 404, 'Unknown business number.');
		return step({ ...request, agentIndex });
	};
}

/** Every request Twilio makes about a bridge call while the execution waits, by step. */
export const bridgeRequests: CallRequestHandler<BridgeCallPlaced> = {
	key: BRIDGE_KEY,
	label: 'Bridge Call',
	steps: {
		[BRIDGE_STEPS.agentAnswer]: forAgent(agentAnswered),
		[BRIDGE_STEPS.agentAccept]: forAgent(agentPressed),
		[BRIDGE_STEPS.leadAnswered]: forAgent(leadAnswered),
		[BRIDGE_STEPS.agentStatus]: forAgent(agentCallEnded),
		[BRIDGE_STEPS.dialDone]: forAgent(dialEnded),
	},
};
