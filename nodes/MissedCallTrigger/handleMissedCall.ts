import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { newCallbackId } from '../core/callbackRequest/newCallbackId';
import { findRecentRequest, MAX_RECENT_REQUESTS, recordRequest, type RecentRequestLog } from '../core/callbackRequest/recentRequests';
import { emptyTwiml, sayAndHangUpTwiml } from '../core/calls/bridgeTwiml';
import { isFinalCallStatus } from '../core/calls/callStatus';
import { screenCaller } from '../core/inbound/callerScreening';
import type { InboundCall } from '../core/inbound/inboundCall';
import { readInboundCall } from '../core/inbound/inboundCall';
import { classifyInboundCall, readFlowReport, type InboundCallEnding } from '../core/inbound/missedCall';
import { missedCallRequest } from '../core/inbound/missedCallRequest';
import { afterTeamDial } from '../core/inbound/ringTeam';
import { ringTeamTwiml } from '../core/inbound/ringTeamTwiml';
import { VoiceResponse } from '../core/twiml/voiceResponse';
import { answerTwiml, refuse, signedTwilioRequest } from '../shared/twilioVoiceWebhook';
import { readMissedCallSettings, type MissedCallSettings } from './readMissedCallSettings';

/** The trigger's outputs, in order. */
export const enum MissedCallOutput {
	MissedCall = 0,
	Reached = 1,
}

/** The node's own URL with the step Twilio is to come back with. */
function stepUrl(base: string, step: 'dial' | 'whisper', position?: number): string {
	const url = new URL(base);
	url.searchParams.set('step', step);
	if (position !== undefined) url.searchParams.set('position', String(position));
	return url.toString();
}

function outputs(output: MissedCallOutput, json: IDataObject): INodeExecutionData[][] {
	const all: INodeExecutionData[][] = [[], []];
	all[output].push({ json });
	return all;
}

/**
 * A call that ended: a missed one starts a callback (once per caller within the window, never
 * for a withheld, blocked or refused number, never when the caller's clock cannot be told); an
 * answered one, or one the business placed, leaves on Reached so the workflow can close that
 * number's open callback. Twilio is answered with `twiml` either way.
 */
function callEnded(context: IWebhookFunctions, settings: MissedCallSettings, call: InboundCall, ending: InboundCallEnding, twiml: string): IWebhookResponseData {
	const answered = answerTwiml(context, twiml);
	if (ending.kind === 'outboundToNumber' || ending.kind === 'answered') {
		const number = ending.kind === 'outboundToNumber' ? ending.number : call.from;
		const screened = screenCaller(number, { ...settings.screening, blocked: new Set() });
		if (!screened.ok) return answered;
		const how = ending.kind === 'answered' ? 'answered-call' : 'business-called';
		return {
			...answered,
			workflowData: outputs(MissedCallOutput.Reached, {
				contact: { phone: screened.e164, phoneCountry: screened.country },
				reached: { how, callSid: call.callSid, businessNumber: ending.kind === 'answered' ? call.to : call.from, at: DateTime.utc().toISO() },
			}),
		};
	}
	if (ending.kind !== 'missed') return answered;

	const caller = screenCaller(call.from, settings.screening);
	if (!caller.ok) {
		context.logger?.info(`Missed Call Trigger starts no callback: ${caller.reason}`);
		return answered;
	}
	const now = DateTime.utc();
	const windowMs = settings.duplicateWindowMinutes * 60_000;
	const staticData = windowMs > 0 ? context.getWorkflowStaticData('node') : null;
	const log = (staticData?.recentCallers as RecentRequestLog | undefined) ?? {};
	if (staticData && findRecentRequest(log, caller.e164, now.toMillis(), windowMs)) return answered;

	const request = missedCallRequest({ call, caller, reason: ending.reason, callbackId: newCallbackId(), missedAt: now.toISO() ?? '', fallbackTimezone: settings.fallbackTimezone });
	if (!request.ok) {
		context.logger?.warn(`Missed Call Trigger starts no callback: ${request.message}`);
		return answered;
	}
	if (staticData) {
		staticData.recentCallers = recordRequest(log, caller.e164, request.request.callbackId, now.toMillis(), windowMs, MAX_RECENT_REQUESTS) as unknown as IDataObject;
	}
	return { ...answered, workflowData: outputs(MissedCallOutput.MissedCall, request.request as unknown as IDataObject) };
}

/** Answer mode: ring the team, and learn from each <Dial>'s action how the call went. */
function answerCall(context: IWebhookFunctions, settings: MissedCallSettings, call: InboundCall, query: IDataObject, base: string): IWebhookResponseData {
	const team = settings.team!;
	const ring = (position: number): string =>
		ringTeamTwiml(
			{ team, greeting: settings.greeting, voice: settings.voice, whisperUrl: settings.whisper === '' ? null : stepUrl(base, 'whisper'), callerId: null },
			position,
			stepUrl(base, 'dial', position),
		);
	const step = String(query.step ?? '');
	if (step === 'whisper') return answerTwiml(context, new VoiceResponse().say(settings.whisper, settings.voice).toXml());
	if (step === 'dial') {
		const position = Number(query.position);
		const last = team.order === 'all-at-once' ? 0 : team.numbers.length - 1;
		if (!Number.isInteger(position) || position < 0 || position > last) return answerTwiml(context, emptyTwiml());
		const next = afterTeamDial(team, position, call);
		if (next.kind === 'ringNext') return answerTwiml(context, ring(next.position));
		const twiml = next.kind === 'nobodyAnswered' && settings.missedMessage !== '' ? sayAndHangUpTwiml(settings.missedMessage, settings.voice) : emptyTwiml();
		return callEnded(context, settings, call, classifyInboundCall(call, settings.counted), twiml);
	}
	// The number's status callback may point here too: a call that ended before the team was rung.
	if (isFinalCallStatus(call.callStatus)) return callEnded(context, settings, call, classifyInboundCall(call, settings.counted), emptyTwiml());
	return answerTwiml(context, ring(0));
}

/**
 * One request from Twilio about a call on the business number. A request without a valid
 * signature of the account's auth token is refused (403) and starts nothing.
 */
export async function handleMissedCall(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const base = context.getNodeWebhookUrl('default') ?? '';
	const request = await signedTwilioRequest(context, base);
	if (request === null) return refuse(context, 403, 'This request is not signed by Twilio for this number.');
	const settings = readMissedCallSettings(context);
	const call = readInboundCall(request.params);
	if (settings.mode === 'answer') return answerCall(context, settings, call, request.query, base);
	const ending = classifyInboundCall(call, settings.counted, readFlowReport(request.query.flow));
	return callEnded(context, settings, call, ending, emptyTwiml());
}
