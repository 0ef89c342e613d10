/**
 * What Twilio posts about a call on the business number (the voice URL's request, a <Dial>'s
 * action, a status callback), reduced to what the inbound rules read. Twilio sends every value
 * as text; a parameter it did not send is null here, never a guess.
 */
export interface InboundCall {
	callSid: string;
	/** The caller as Twilio gives it (From, else Caller): E.164, or a withheld value such as "Anonymous". */
	from: string;
	/** The number that was called (To, else Called). */
	to: string;
	/** Direction: `inbound`, or `outbound-api` / `outbound-dial` when the business placed the call. */
	direction: string;
	/** CallStatus of this call: ringing, in-progress, completed, busy, no-answer, canceled, failed. */
	callStatus: string;
	/** CallDuration in seconds, sent with the final status callback. */
	callSeconds: number | null;
	/** DialCallStatus, sent to a <Dial>'s action: completed, answered, busy, no-answer, failed, canceled. */
	dialCallStatus: string | null;
	/** DialCallDuration in seconds: how long the dialled leg was answered. */
	dialCallSeconds: number | null;
	/** DialBridged: whether the caller and the dialled leg were joined. */
	dialBridged: boolean | null;
	/** AnsweredBy from answering machine detection (human, machine_start, machine_end_beep, fax …). */
	answeredBy: string | null;
}

/** A parameter as text; n8n gives a repeated form field as an array, of which the first counts. */
function text(value: unknown): string {
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first.trim() : '';
}

function seconds(value: unknown): number | null {
	const digits = text(value);
	return /^\d+$/.test(digits) ? Number(digits) : null;
}

function flag(value: unknown): boolean | null {
	const word = text(value).toLowerCase();
	if (word === 'true') return true;
	if (word === 'false') return false;
	return null;
}

function optional(value: unknown): string | null {
	const said = text(value);
	return said === '' ? null : said;
}

/** Reads Twilio's voice webhook parameters (the posted form fields, as n8n hands them over). */
export function readInboundCall(params: Readonly<Record<string, unknown>>): InboundCall {
	return {
		callSid: text(params.CallSid),
		from: text(params.From) || text(params.Caller),
		to: text(params.To) || text(params.Called),
		direction: text(params.Direction),
		callStatus: text(params.CallStatus),
		callSeconds: seconds(params.CallDuration),
		dialCallStatus: optional(params.DialCallStatus),
		dialCallSeconds: seconds(params.DialCallDuration),
		dialBridged: flag(params.DialBridged),
		answeredBy: optional(params.AnsweredBy),
	};
}
