import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

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
	sayAndHangUpTwiml,
	type BridgeOutcome,
} from '../core/calls';
import { answerTwiml, answerTwimlAndResume, numberParam, param, refuse, signedTwilioRequest, waitingItem, type TwilioVoiceRequest } from '../shared/twilioVoiceWebhook';
import { createCall, fetchCall, listChildCalls } from '../transport/twilioCalls';
import { BRIDGE_KEY, endedResult, withBridgeCall, type BridgeCallPlaced, type ResultDetails } from './bridgeState';
import { agentCallFor, BRIDGE_STEPS } from './placeBridgeCall';

interface StepContext {
	context: IWebhookFunctions;
	item: IDataObject;
	placed: BridgeCallPlaced;
	request: TwilioVoiceRequest;
	agentIndex: number;
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

/**
 * A business call ended. When it dialled the lead, the <Dial> action reports the outcome, not
 * this. Otherwise nobody there accepted: the next number is called, or after the last one the
 * attempt ends as agent-unavailable.
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
		// Unknown whether the lead was dialled: leave the outcome to the <Dial> action or to the maximum wait.
		return answerTwiml(context, emptyTwiml());
	}
	if (leadLegs.length > 0) return answerTwiml(context, emptyTwiml());
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

/** The lead's leg ended: the attempt's outcome. The business hears how it went, and the execution resumes. */
async function dialEnded(step: StepContext): Promise<IWebhookResponseData> {
	const { context, placed, request } = step;
	const dialCallStatus = param(request, 'DialCallStatus');
	const leadCallSid = param(request, 'DialCallSid') || null;
	let leadAnsweredBy: string | null = null;
	if (placed.detectVoicemail && leadCallSid !== null) {
		try {
			const leg = await fetchCall.call(context, leadCallSid);
			leadAnsweredBy = typeof leg.answered_by === 'string' ? leg.answered_by : null;
		} catch {
			// Without the lead leg's detection result the <Dial> status alone decides.
		}
	}
	const bridged = param(request, 'DialBridged');
	const leadSeconds = numberParam(request, 'DialCallDuration');
	const outcome = dialOutcome({ dialCallStatus, bridged: bridged === 'true' ? true : bridged === 'false' ? false : null, leadSeconds, leadAnsweredBy });
	return resume(step, sayAndHangUpTwiml(afterDialMessage(outcome, placed.leadName), placed.voice), outcome, {
		leadCallSid,
		dialCallStatus,
		leadAnsweredBy,
		talkSeconds: outcome.connected ? leadSeconds : null,
		recordingUrl: param(request, 'RecordingUrl') || null,
		recordingSid: param(request, 'RecordingSid') || null,
		recordingSeconds: numberParam(request, 'RecordingDuration'),
	});
}

/**
 * Every request Twilio makes about a bridge call while the execution waits. Unsigned requests
 * are refused; the steps answer TwiML, and only the final one resumes the execution.
 */
export async function handleBridgeRequest(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const item = waitingItem(context);
	const placed = item[BRIDGE_KEY] as BridgeCallPlaced | undefined;
	if (typeof placed !== 'object' || placed === null || placed.phase !== 'placed' || typeof placed.publicUrl !== 'string') {
		return refuse(context, 404, 'No bridge call of this node is waiting here.');
	}
	const request = await signedTwilioRequest(context, placed.publicUrl);
	if (request === null) return refuse(context, 403, 'This request does not carry a valid Twilio signature.');
	const agentIndex = Number(request.query.agent);
	if (!Number.isInteger(agentIndex) || agentIndex < 0 || agentIndex >= placed.agents.length) return refuse(context, 404, 'Unknown business number.');
	const step: StepContext = { context, item, placed, request, agentIndex };
	switch (request.query.step) {
		case BRIDGE_STEPS.agentAnswer:
			return agentAnswered(step);
		case BRIDGE_STEPS.agentAccept:
			return agentPressed(step);
		case BRIDGE_STEPS.leadAnswered:
			return leadAnswered(step);
		case BRIDGE_STEPS.agentStatus:
			return await agentCallEnded(step);
		case BRIDGE_STEPS.dialDone:
			return await dialEnded(step);
		default:
			return refuse(context, 404, 'Unknown step.');
	}
}
