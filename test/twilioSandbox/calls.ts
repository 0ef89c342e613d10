import type { LegControl } from './callLeg';
import type { CallEngine } from './callEngine';
import type { RecordingInfo } from './recordings';
import { listPage, newestFirst, type RestContext, type RestResult } from './restContext';
import type { SandboxAccount } from './sandboxState';
import type { AnsweredBy, PartyBehaviour } from './scenarios';
import type { WebhookParams } from './signature';
import { notFound, twilioError } from './twilioErrors';
import { formattedPhoneNumber, rfc2822 } from './twilioFormats';

/** The Call resource, its records for the inspection API, and its REST operations. */

export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
export type CallDirection = 'outbound-api' | 'outbound-dial' | 'inbound';
export type CallbackEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

const FINAL_STATUSES = new Set<CallStatus>(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export function isFinalCallStatus(status: CallStatus): boolean {
	return FINAL_STATUSES.has(status);
}

/** Who heard a <Say> or <Play>: the person, or an answering machine (during or after its greeting). */
export type Listener = 'human' | 'voicemail-greeting' | 'voicemail';

export type TranscriptKind =
	| 'say'
	| 'play'
	| 'pause'
	| 'gather'
	| 'digits'
	| 'speech'
	| 'dial'
	| 'bridge'
	| 'whisper'
	| 'record'
	| 'beep'
	| 'hangup'
	| 'reject'
	| 'redirect'
	| 'amd'
	| 'greeting'
	| 'error';

/** One thing that happened on a leg, in order: what was said, played, keyed in, dialled. */
export interface TranscriptEntry {
	at: string;
	/** Call seconds since the call was created. */
	offset: number;
	callSid: string;
	kind: TranscriptKind;
	text: string;
	voice?: string;
	language?: string;
	heardBy?: Listener;
}

/** A TwiML document the sandbox requested (or was given inline) for a call. */
export interface TwimlFetch {
	at: string;
	kind: 'voice' | 'voice-action';
	url: string | null;
	method: 'GET' | 'POST';
	params: WebhookParams;
	status: number | null;
	twiml: string | null;
	outcome: 'ok' | 'connection-error' | 'http-error' | 'content-type' | 'parse-error' | 'schema-error' | 'unsimulated';
	error: string | null;
}

/** A status change, and what became of its status callback. */
export interface CallEvent {
	at: string;
	status: CallStatus | 'initiated';
	callback: 'sent' | 'dropped' | 'not-requested' | 'no-url';
}

export interface CallRecord {
	sid: string;
	accountSid: string;
	parentCallSid: string | null;
	direction: CallDirection;
	to: string;
	from: string;
	status: CallStatus;
	dateCreated: Date;
	dateUpdated: Date;
	startTime: Date | null;
	answeredAt: Date | null;
	endTime: Date | null;
	/** Seconds from answer to hang-up; 0 for calls never answered, null while ongoing. */
	duration: number | null;
	answeredBy: AnsweredBy | null;
	phoneNumberSid: string | null;
	url: string | null;
	method: 'GET' | 'POST';
	twiml: string | null;
	fallbackUrl: string | null;
	fallbackMethod: 'GET' | 'POST';
	statusCallback: string | null;
	statusCallbackMethod: 'GET' | 'POST';
	statusCallbackEvents: string[];
	machineDetection: 'Enable' | 'DetectMessageEnd' | null;
	machineDetectionTimeout: number;
	asyncAmd: boolean;
	asyncAmdStatusCallback: string | null;
	asyncAmdStatusCallbackMethod: 'GET' | 'POST';
	/** Ring time before no-answer, seconds. */
	timeout: number;
	/** Longest the call may last once answered (TimeLimit), seconds. */
	timeLimit: number | null;
	record: boolean;
	/** SIDs of the legs this call <Dial>led. */
	legs: string[];
	events: CallEvent[];
	documents: TwimlFetch[];
	transcript: TranscriptEntry[];
	/** Recordings listed on this call (ListCallRecording), oldest first. */
	recordings: RecordingInfo[];
	/** SIDs of Debugger records about this call. */
	notifications: string[];
	callbackSequence: number;
}

/** A call that is still going: its record plus what drives it. */
export interface ActiveLeg {
	record: CallRecord;
	control: LegControl;
	party: PartyBehaviour;
	account: SandboxAccount;
	/** Resolves when the leg has ended and its final status is set. */
	finished: Promise<void>;
	gathers: number;
	/** Call seconds (sandbox clock) at which an answering machine's greeting ends. */
	greetingEndsAt: number | undefined;
	/** Dropped by a sandbox reset: it stops without any further webhook or record. */
	abandoned: boolean;
}

export function callResource(call: CallRecord): Record<string, unknown> {
	const base = `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}`;
	const subresource = (name: string): string => `${base}/${name}.json`;
	return {
		account_sid: call.accountSid,
		answered_by: call.answeredBy,
		api_version: '2010-04-01',
		caller_name: null,
		date_created: rfc2822(call.dateCreated),
		date_updated: rfc2822(call.dateUpdated),
		direction: call.direction,
		duration: call.duration === null ? null : String(call.duration),
		end_time: call.endTime === null ? null : rfc2822(call.endTime),
		forwarded_from: null,
		from: call.from,
		from_formatted: formattedPhoneNumber(call.from),
		group_sid: null,
		parent_call_sid: call.parentCallSid,
		phone_number_sid: call.phoneNumberSid,
		price: null,
		price_unit: 'USD',
		queue_time: '0',
		sid: call.sid,
		start_time: call.startTime === null ? null : rfc2822(call.startTime),
		status: call.status,
		subresource_uris: {
			notifications: subresource('Notifications'),
			recordings: subresource('Recordings'),
			payments: subresource('Payments'),
			events: subresource('Events'),
			siprec: subresource('Siprec'),
			streams: subresource('Streams'),
			transcriptions: subresource('Transcriptions'),
			user_defined_message_subscriptions: subresource('UserDefinedMessageSubscriptions'),
			user_defined_messages: subresource('UserDefinedMessages'),
		},
		to: call.to,
		to_formatted: formattedPhoneNumber(call.to),
		trunk_sid: null,
		uri: `${base}.json`,
	};
}

function findCall(context: RestContext, sid: string): CallRecord {
	const call = context.state.calls.find((candidate) => candidate.sid === sid && candidate.accountSid === context.account.sid);
	if (call === undefined) throw notFound(context.pathname);
	return call;
}

export function createCall(engine: CallEngine, context: RestContext): RestResult {
	const { body, state, account } = context;
	const to = body.string('To') ?? '';
	const from = body.string('From') ?? '';
	if (state.ownedNumber(account.sid, from) === undefined) {
		throw twilioError(
			21210,
			`The source phone number provided, ${from}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.`,
		);
	}
	if (body.has('ApplicationSid')) throw twilioError(21218, `ApplicationSid ${body.string('ApplicationSid')} was not found`);
	for (const name of ['Byoc', 'CallToken', 'SipAuthUsername', 'SipAuthPassword']) {
		if (body.has(name)) throw twilioError(21009, `The sandbox does not simulate ${name}`);
	}
	const url = body.string('Url') || undefined;
	const twiml = body.string('Twiml') || undefined;
	if (url === undefined && twiml === undefined) throw twilioError(21205, "Either 'Url' or 'Twiml' is required to say what the call does");
	if (url !== undefined && twiml !== undefined) throw twilioError(21004, "Give either 'Url' or 'Twiml', not both");
	const statusCallback = body.string('StatusCallback') || undefined;
	if (statusCallback === undefined && body.has('StatusCallbackEvent')) {
		throw twilioError(21007, "'StatusCallbackEvent' has no effect without 'StatusCallback'");
	}
	const machineDetection = body.string('MachineDetection') as CallRecord['machineDetection'] | undefined;
	const asyncAmd = body.string('AsyncAmd') === 'true';
	if (asyncAmd && machineDetection === undefined) throw twilioError(21004, "'AsyncAmd' needs 'MachineDetection'");
	if (body.has('AsyncAmdStatusCallback') && !asyncAmd) throw twilioError(21004, "'AsyncAmdStatusCallback' needs AsyncAmd=true");
	const method = (value: string | undefined): 'GET' | 'POST' => (value === 'GET' ? 'GET' : 'POST');
	const call = engine.placeOutboundCall(account, {
		to,
		from,
		url,
		twiml,
		method: method(body.string('Method')),
		fallbackUrl: body.string('FallbackUrl') || undefined,
		fallbackMethod: method(body.string('FallbackMethod')),
		statusCallback,
		statusCallbackMethod: method(body.string('StatusCallbackMethod')),
		statusCallbackEvents: body.strings('StatusCallbackEvent'),
		machineDetection: machineDetection ?? null,
		machineDetectionTimeout: body.integer('MachineDetectionTimeout') ?? 30,
		asyncAmd,
		asyncAmdStatusCallback: body.string('AsyncAmdStatusCallback') || undefined,
		asyncAmdStatusCallbackMethod: method(body.string('AsyncAmdStatusCallbackMethod')),
		timeout: body.integer('Timeout') ?? 60,
		timeLimit: body.integer('TimeLimit') ?? null,
		record: body.boolean('Record') === true,
	});
	return { status: 201, body: callResource(call) };
}

export function fetchCall(context: RestContext): RestResult {
	return { status: 200, body: callResource(findCall(context, context.pathParams.Sid ?? '')) };
}

export function listCalls(context: RestContext): RestResult {
	const { query } = context;
	const equal = (name: string, value: string): boolean => {
		const wanted = query.string(name);
		return wanted === undefined || wanted === value;
	};
	const inRange = (date: Date | null, name: string): boolean => {
		const on = query.string(name);
		const before = query.string(`${name}<`);
		const after = query.string(`${name}>`);
		if (on === undefined && before === undefined && after === undefined) return true;
		if (date === null) return false;
		if (on !== undefined && date.toISOString().slice(0, 10) !== new Date(on).toISOString().slice(0, 10)) return false;
		if (before !== undefined && !(date.getTime() <= Date.parse(before))) return false;
		if (after !== undefined && !(date.getTime() >= Date.parse(after))) return false;
		return true;
	};
	const calls = context.state.calls.filter(
		(call) =>
			call.accountSid === context.account.sid &&
			equal('To', call.to) &&
			equal('From', call.from) &&
			equal('ParentCallSid', call.parentCallSid ?? '') &&
			equal('Status', call.status) &&
			inRange(call.startTime, 'StartTime') &&
			inRange(call.endTime, 'EndTime'),
	);
	return listPage(context, newestFirst(calls).map(callResource));
}

export function updateCall(engine: CallEngine, context: RestContext): RestResult {
	const call = findCall(context, context.pathParams.Sid ?? '');
	const { body } = context;
	if (isFinalCallStatus(call.status)) throw twilioError(21220, `Call ${call.sid} is not in-progress (it is ${call.status}). Cannot modify it.`);
	const url = body.string('Url') || undefined;
	const twiml = body.string('Twiml') || undefined;
	if (url !== undefined && twiml !== undefined) throw twilioError(21004, "Give either 'Url' or 'Twiml', not both");
	const status = body.string('Status') as 'canceled' | 'completed' | undefined;
	if (status === undefined && (url !== undefined || twiml !== undefined)) {
		if (call.status !== 'in-progress') throw twilioError(21220, `Call ${call.sid} is not in-progress. Cannot redirect.`);
		if (call.direction === 'outbound-dial') throw twilioError(21009, 'The sandbox does not simulate redirecting a dialled leg');
	}
	const method = (value: string | undefined): 'GET' | 'POST' | undefined => (value === undefined ? undefined : value === 'GET' ? 'GET' : 'POST');
	engine.updateCall(call, {
		status,
		url,
		twiml,
		method: method(body.string('Method')) ?? 'POST',
		statusCallback: body.has('StatusCallback') ? body.string('StatusCallback') ?? '' : undefined,
		statusCallbackMethod: method(body.string('StatusCallbackMethod')),
		fallbackUrl: body.has('FallbackUrl') ? body.string('FallbackUrl') ?? '' : undefined,
		fallbackMethod: method(body.string('FallbackMethod')),
	});
	return { status: 200, body: callResource(call) };
}

export function deleteCall(context: RestContext): RestResult {
	const call = findCall(context, context.pathParams.Sid ?? '');
	if (!isFinalCallStatus(call.status)) throw twilioError(20009, `Call ${call.sid} is still ${call.status} and cannot be deleted`);
	context.state.calls.splice(context.state.calls.indexOf(call), 1);
	return { status: 204 };
}

/** The call a call sub-resource (`Calls/{CallSid}/Notifications.json`, `…/Recordings.json`) belongs to; 404 when none. */
export function callOf(context: RestContext): CallRecord {
	return findCall(context, context.pathParams.CallSid ?? '');
}
