import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { newCallbackId } from '../core/callbackRequest/newCallbackId';
import { emptyTwiml } from '../core/calls/bridgeTwiml';
import { isFinalCallStatus } from '../core/calls/callStatus';
import { PhoneNumberSettingError } from '../core/calls/phoneNumbers';
import { speechVoice, SpeechVoiceError, type SpeechVoice } from '../core/calls/speechVoice';
import { callbackMenuPrompt, callbackMenuRules, nextMenuStep, startCallbackMenu, type CallbackMenuRules, type CallbackMenuStep, type CallbackTiming } from '../core/inbound/callbackMenu';
import { callbackMenuTwiml } from '../core/inbound/callbackMenuTwiml';
import { callbackOfferRules, offersCallbackOnArrival, offersSecondChance, type CallbackOfferRules } from '../core/inbound/callbackOffer';
import { screenCaller } from '../core/inbound/callerScreening';
import { InboundSettingError } from '../core/inbound/errors';
import { expectedCallbackTimeSpoken } from '../core/inbound/expectedCallbackTime';
import { readInboundCall } from '../core/inbound/inboundCall';
import { menuCallbackRequest } from '../core/inbound/menuCallbackRequest';
import { ringTeam, type RingTeam } from '../core/inbound/ringTeam';
import { ringTeamTwiml } from '../core/inbound/ringTeamTwiml';
import { estimatedWaitMinutes, waitEstimateSettings } from '../core/inbound/waitEstimate';
import { waitAnnouncementText } from '../core/inbound/waitAnnouncement';
import { parseLeadPhoneNumber, type PhoneNumberRules } from '../core/phone/parseLeadPhoneNumber';
import { canonicalZoneName } from '../core/schedule/ianaZone';
import { VoiceResponse } from '../core/twiml/voiceResponse';
import { DEFAULT_CALLBACK_TABLE_NAME } from '../core/callbackStore';
import { expectedCallFor } from '../shared/expectedCall';
import { n8nApiFromCredential } from '../shared/rateLimitTable/n8nPublicApi';
import { openCallbackCount } from '../shared/rateLimitTable/statusTableRows';
import { answerTwiml, param, refuse, signedTwilioRequest } from '../shared/twilioVoiceWebhook';

/** Longest reason a caller may record, in seconds. */
const REASON_SECONDS = 60;

interface OfferSettings {
	team: RingTeam;
	estimate: number;
	offer: CallbackOfferRules;
	maxAnnouncedMinutes: number;
	menu: CallbackMenuRules;
	phone: PhoneNumberRules;
	voice: SpeechVoice;
	businessTimezone: string;
}

/**
 * The wait now: the figure set, or the open callbacks in the status table worked through by the
 * agents. When the table cannot be read the caller is not offered a callback on a guess: the
 * call goes to the team, and the error is logged for the business.
 */
async function estimateNow(context: IWebhookFunctions): Promise<number | null> {
	if (context.getNodeParameter('waitEstimate', 'fixed') !== 'fromQueue') {
		return estimatedWaitMinutes({ kind: 'fixed', minutes: Number(context.getNodeParameter('estimatedWaitMinutes', 10)) }, 0);
	}
	const settings = { kind: 'fromQueue' as const, averageHandleMinutes: Number(context.getNodeParameter('averageHandleMinutes', 6)), agents: Number(context.getNodeParameter('agents', 2)) };
	try {
		waitEstimateSettings(settings);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, { description: 'Fix this setting of the Callback Offer Trigger.' });
	}
	try {
		const open = await openCallbackCount(await n8nApiFromCredential(context), String(context.getNodeParameter('statusDataTableName', DEFAULT_CALLBACK_TABLE_NAME)).trim() || DEFAULT_CALLBACK_TABLE_NAME);
		return estimatedWaitMinutes(settings, open);
	} catch (error) {
		context.logger?.error(`Callback Offer Trigger could not count the open callbacks, so no callback was offered: ${(error as Error).message}`);
		return null;
	}
}

function readOfferSettings(context: IWebhookFunctions, estimate: number): OfferSettings {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	try {
		const allowedCountries = context.getNodeParameter('allowedCountries', ['US', 'CA']) as string[];
		const phone = { defaultCountry: allowedCountries[0] ?? 'US', allowedCountries };
		const zoneText = String(options.businessTimezone ?? 'America/New_York').trim() || 'America/New_York';
		const businessTimezone = canonicalZoneName(zoneText);
		if (businessTimezone === null) throw new InboundSettingError(`Business Timezone: "${zoneText}" is not a timezone. Use an IANA name such as America/New_York.`);
		return {
			team: ringTeam(String(context.getNodeParameter('teamNumbers', '')), 'all-at-once', Number(context.getNodeParameter('ringSeconds', 30))),
			estimate,
			offer: callbackOfferRules(Number(context.getNodeParameter('offerAboveMinutes', 5)), Number(context.getNodeParameter('secondChanceAfterMinutes', 0)) > 0 ? Number(context.getNodeParameter('secondChanceAfterMinutes', 0)) : null),
			maxAnnouncedMinutes: Number(context.getNodeParameter('maxAnnouncedMinutes', 10)),
			menu: callbackMenuRules(phone, context.getNodeParameter('askReason', false) === true),
			phone,
			voice: speechVoice(String(options.voice ?? ''), String(options.language ?? 'en-US')),
			businessTimezone,
		};
	} catch (error) {
		const known = error instanceof InboundSettingError || error instanceof PhoneNumberSettingError || error instanceof SpeechVoiceError;
		throw new NodeOperationError(context.getNode(), known ? (error as Error).message : (error as Error), known ? { description: 'Fix this setting of the Callback Offer Trigger.' } : {});
	}
}

/**
 * Where the caller is in the menu, carried in the <Gather>'s action URL: Twilio signs the URL
 * with every request, so nobody but Twilio can post a step, and the node keeps nothing between
 * requests.
 */
function menuUrl(base: string, step: CallbackMenuStep, estimate: number, hold: Hold | null = null): string {
	const url = new URL(base);
	url.searchParams.set('step', step.step);
	url.searchParams.set('wait', String(estimate));
	if (hold !== null) {
		url.searchParams.set('since', String(hold.since));
		url.searchParams.set('offered', hold.secondChanceGiven ? '1' : '0');
	}
	if (step.step === 'offer' && step.callerNumber !== null) url.searchParams.set('caller', step.callerNumber);
	if (step.step === 'confirmNumber' || step.step === 'reason') url.searchParams.set('number', step.number);
	if (step.step === 'confirmNumber' || step.step === 'keyNumber' || step.step === 'reason') url.searchParams.set('timing', step.timing);
	if (step.step === 'offer' || step.step === 'confirmNumber' || step.step === 'keyNumber') url.searchParams.set('attempts', String(step.attempts));
	return url.toString();
}

/** A number carried in the URL, checked again: only the node writes it there. */
function urlNumber(query: IDataObject, name: string, phone: PhoneNumberRules): string | null {
	const parsed = parseLeadPhoneNumber(String(query[name] ?? ''), phone);
	return parsed.ok ? parsed.e164 : null;
}

function menuStepOf(query: IDataObject, phone: PhoneNumberRules): CallbackMenuStep | null {
	const attempts = Math.max(0, Math.floor(Number(query.attempts) || 0));
	const timing: CallbackTiming = query.timing === 'choose-time' ? 'choose-time' : 'asap';
	switch (query.step) {
		case 'offer':
			return { step: 'offer', callerNumber: urlNumber(query, 'caller', phone), attempts, notice: '' };
		case 'confirmNumber': {
			const number = urlNumber(query, 'number', phone);
			return number === null ? null : { step: 'confirmNumber', timing, number, attempts, notice: '' };
		}
		case 'keyNumber':
			return { step: 'keyNumber', timing, attempts, notice: '' };
		case 'reason': {
			const number = urlNumber(query, 'number', phone);
			return number === null ? null : { step: 'reason', timing, number };
		}
		default:
			return null;
	}
}

/** How long the caller has held for the team, and whether the second chance was offered, carried in the URL. */
interface Hold {
	since: number;
	secondChanceGiven: boolean;
}

function holdOf(query: IDataObject, now: number): Hold {
	const since = Number(query.since);
	return { since: Number.isFinite(since) && since > 0 && since <= now ? since : now, secondChanceGiven: query.offered === '1' };
}

/**
 * Rings the team for the caller; the <Dial> comes back when nobody answered, with how long the
 * caller has held, so a second chance can be offered once they have held long enough.
 */
function teamTwiml(settings: OfferSettings, base: string, before: string, hold: Hold): string {
	const url = new URL(base);
	url.searchParams.set('step', 'team');
	url.searchParams.set('wait', String(settings.estimate));
	url.searchParams.set('since', String(hold.since));
	url.searchParams.set('offered', hold.secondChanceGiven ? '1' : '0');
	return ringTeamTwiml({ team: settings.team, greeting: before, voice: settings.voice, whisperUrl: null, callerId: null }, 0, url.toString());
}

export const SECOND_CHANCE_NOTICE = 'Thank you for holding. You can still keep your place in line and get a call back.';
export const KEEP_HOLDING = 'All of our team are still busy. Please keep holding.';

/**
 * The team's <Dial> ended. Answered, or the caller gone: the call is over. Nobody answered and a
 * second chance is set: once the caller has held longer than it, the offer is made again (once);
 * until then, and after it, the team is rung again while the caller holds. Without a second
 * chance the call ends when the team does not answer, as before.
 */
function afterTeamRang(context: IWebhookFunctions, settings: OfferSettings, call: ReturnType<typeof readInboundCall>, query: IDataObject, base: string): IWebhookResponseData {
	const answered = call.dialCallStatus === 'completed' || call.dialCallStatus === 'answered';
	if (answered || isFinalCallStatus(call.callStatus) || settings.offer.secondChanceAfterMinutes === null) return answerTwiml(context, emptyTwiml());
	const now = Date.now();
	const hold = holdOf(query, now);
	const heldMinutes = (now - hold.since) / 60_000;
	if (offersSecondChance(heldMinutes, settings.offer, hold.secondChanceGiven)) {
		const caller = screenCaller(call.from, { phone: settings.phone, blocked: new Set() });
		const offer = { ...startCallbackMenu(caller.ok ? caller.e164 : null), notice: SECOND_CHANCE_NOTICE } as Extract<CallbackMenuStep, { step: 'offer' }>;
		return answerTwiml(context, callbackMenuTwiml(offer, { actionUrl: menuUrl(base, offer, settings.estimate, { ...hold, secondChanceGiven: true }), voice: settings.voice }));
	}
	if (hold.secondChanceGiven && heldMinutes > 2 * settings.offer.secondChanceAfterMinutes) return answerTwiml(context, emptyTwiml());
	return answerTwiml(context, teamTwiml(settings, base, KEEP_HOLDING, hold));
}

/**
 * One request from Twilio about a call to the business number: the wait is announced and a
 * callback offered when it is long, the caller's number confirmed or keyed in, and the callback
 * requested; a caller who declines, or a short wait, goes to the team. Unsigned requests get 403.
 */
export async function handleCallbackOffer(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const base = context.getNodeWebhookUrl('default') ?? '';
	const request = await signedTwilioRequest(context, base);
	if (request === null) return refuse(context, 403, 'This request is not signed by Twilio for this number.');
	const call = readInboundCall(request.params);
	const step = String(request.query.step ?? '');
	// The estimate is worked out as the call comes in and kept in the menu's URL after that, so
	// the time the caller hears at the end is the one the offer was made with.
	const carried = Number(request.query.wait);
	const estimate = step !== '' && Number.isFinite(carried) && carried >= 0 ? carried : await estimateNow(context);
	const settings = readOfferSettings(context, estimate ?? 0);
	if (step === 'team') return afterTeamRang(context, settings, call, request.query, base);
	// A caller who hangs up after recording the reason still gets the callback they asked for.
	if (isFinalCallStatus(call.callStatus) && step !== 'reason') return answerTwiml(context, emptyTwiml());
	const hold = holdOf(request.query, Date.now());

	if (step === '') {
		if (estimate === null || !offersCallbackOnArrival(settings.estimate, settings.offer)) return answerTwiml(context, teamTwiml(settings, base, '', hold));
		const caller = screenCaller(call.from, { phone: settings.phone, blocked: new Set() });
		const first = startCallbackMenu(caller.ok ? caller.e164 : null);
		const announcement = waitAnnouncementText(settings.estimate, settings.maxAnnouncedMinutes);
		return answerTwiml(context, callbackMenuTwiml(first as Extract<CallbackMenuStep, { step: 'offer' }>, { actionUrl: menuUrl(base, first, settings.estimate), voice: settings.voice, announcement }));
	}

	const current = menuStepOf(request.query, settings.phone);
	if (current === null) return answerTwiml(context, teamTwiml(settings, base, '', hold));
	const next = nextMenuStep(current, param(request, 'Digits'), settings.menu);
	if (next.step === 'offer' || next.step === 'confirmNumber' || next.step === 'keyNumber') {
		return answerTwiml(context, callbackMenuTwiml(next, { actionUrl: menuUrl(base, next, settings.estimate, hold), voice: settings.voice }));
	}
	if (next.step === 'reason') {
		const record = new VoiceResponse()
			.say(callbackMenuPrompt(next), settings.voice)
			.record({ action: menuUrl(base, next, settings.estimate, hold), method: 'POST', timeout: 5, maxLength: REASON_SECONDS, finishOnKey: '#', playBeep: true });
		return answerTwiml(context, record.toXml());
	}
	if (next.step !== 'done') return answerTwiml(context, teamTwiml(settings, base, callbackMenuPrompt({ step: 'declined' }), hold));

	const now = DateTime.utc();
	const number = parseLeadPhoneNumber(next.number, settings.phone);
	if (!number.ok) return answerTwiml(context, teamTwiml(settings, base, callbackMenuPrompt({ step: 'declined' }), hold));
	const turn = now.plus({ minutes: settings.estimate });
	const item = menuCallbackRequest({
		callbackId: newCallbackId(),
		number: { e164: number.e164, country: number.country },
		timing: next.timing,
		numberKeyedIn: number.e164 !== screenedCaller(call.from, settings),
		estimatedWaitMinutes: settings.estimate,
		calledNumber: call.to,
		callSid: call.callSid,
		requestedAt: now.toISO() ?? '',
		expectedCallbackAt: turn.toUTC().toISO() ?? '',
		expectedCallbackText: '',
		businessTimezone: settings.businessTimezone,
	});
	// When their turn comes, moved as the workflow's Schedule Attempt moves it (opening hours, the
	// caller's legal hours): what the caller hears is when the call will be.
	const planned = expectedCallFor(context, { ...item, preferredTime: turn.toISO() }, now);
	const expectedAt = planned === null ? turn : DateTime.max(turn, DateTime.fromISO(planned.at));
	const expectedText = expectedCallbackTimeSpoken(now.toMillis(), expectedAt.diff(now, 'minutes').minutes, settings.businessTimezone);
	item.callback.expectedCallbackAt = expectedAt.toUTC().toISO() ?? '';
	const recording = param(request, 'RecordingUrl');
	if (current.step === 'reason' && recording !== '') item.custom.reasonRecordingUrl = recording;
	item.callback.expectedCallbackText = expectedText;
	const goodbye = callbackMenuPrompt(next, expectedText);
	const twiml = new VoiceResponse().say(goodbye, settings.voice).hangup().toXml();
	return { ...answerTwiml(context, twiml), workflowData: [[{ json: item as unknown as IDataObject }]] };
}

function screenedCaller(from: string, settings: OfferSettings): string | null {
	const caller = screenCaller(from, { phone: settings.phone, blocked: new Set() });
	return caller.ok ? caller.e164 : null;
}
