import type { IDataObject } from 'n8n-workflow';

import { API_VERSION_ROOT, apiBaseUrl, TWILIO_CREDENTIAL, twilioRequest, type TwilioContext } from './twilioRequest';

export interface NewCall {
	/** E.164. */
	to: string;
	/** One of the account's numbers. */
	from: string;
	/** Where Twilio asks for the call's TwiML once it is answered … */
	url?: string;
	/** … or the TwiML itself, given with the call. */
	twiml?: string;
	/** Where Twilio posts the call's final status. */
	statusCallback: string;
	/** Seconds the call rings before it counts as not answered (5–600). */
	timeout: number;
	machineDetection?: 'Enable' | 'DetectMessageEnd';
	/** Seconds answering machine detection may take (3–59). */
	machineDetectionTimeout?: number;
}

/** How far Twilio's clock may be behind ours when telling whether a listed call is the one just placed. */
const CLOCK_TOLERANCE_MS = 60_000;
const RECENT_PAGE_SIZE = 20;

/**
 * Places one call (Twilio's Create Call). After an answer that does not say whether Twilio
 * placed it (a 5xx, a lost connection), it lists the latest calls between the same numbers and
 * takes one created since this attempt began as ours; only when there is none is the call placed
 * again. Nobody is rung twice for one attempt.
 */
export async function createCall(this: TwilioContext, call: NewCall, itemIndex?: number): Promise<IDataObject> {
	const startedAt = Date.now();
	const findCreated = async (): Promise<IDataObject | undefined> => {
		const calls = await listCalls.call(this, { To: call.to, From: call.from }, itemIndex);
		return calls.find((candidate) => {
			const created = Date.parse(String(candidate.date_created ?? ''));
			return candidate.direction === 'outbound-api' && Number.isFinite(created) && created >= startedAt - CLOCK_TOLERANCE_MS;
		});
	};
	return await twilioRequest.call(this, {
		method: 'POST',
		path: 'Calls.json',
		body: {
			To: call.to,
			From: call.from,
			Url: call.url,
			Method: call.url === undefined ? undefined : 'POST',
			Twiml: call.twiml,
			StatusCallback: call.statusCallback,
			StatusCallbackMethod: 'POST',
			StatusCallbackEvent: ['completed'],
			Timeout: call.timeout,
			MachineDetection: call.machineDetection,
			MachineDetectionTimeout: call.machineDetection === undefined ? undefined : call.machineDetectionTimeout,
		},
		findCreated,
		itemIndex,
	});
}

export async function fetchCall(this: TwilioContext, callSid: string, itemIndex?: number): Promise<IDataObject> {
	return await twilioRequest.call(this, { method: 'GET', path: `Calls/${encodeURIComponent(callSid)}.json`, idempotent: true, itemIndex });
}

/** The newest calls matching Twilio's list filters (To, From, ParentCallSid, Status …). */
export async function listCalls(this: TwilioContext, filter: Record<string, string>, itemIndex?: number): Promise<IDataObject[]> {
	const page = await twilioRequest.call(this, {
		method: 'GET',
		path: 'Calls.json',
		query: { ...filter, PageSize: RECENT_PAGE_SIZE },
		idempotent: true,
		itemIndex,
	});
	return Array.isArray(page.calls) ? (page.calls as IDataObject[]) : [];
}

/** The legs a call dialled (<Dial>), newest first. */
export async function listChildCalls(this: TwilioContext, parentCallSid: string, itemIndex?: number): Promise<IDataObject[]> {
	return await listCalls.call(this, { ParentCallSid: parentCallSid }, itemIndex);
}

/** Stops a call that is still ringing; a call already answered or over is left alone by Twilio. */
export async function cancelCall(this: TwilioContext, callSid: string, itemIndex?: number): Promise<IDataObject> {
	return await twilioRequest.call(this, {
		method: 'POST',
		path: `Calls/${encodeURIComponent(callSid)}.json`,
		body: { Status: 'canceled' },
		idempotent: true,
		itemIndex,
	});
}

/** Whether a number is one of the account's own (so it may be shown as caller ID). */
export async function isAccountNumber(this: TwilioContext, phoneNumber: string, itemIndex?: number): Promise<boolean> {
	const page = await twilioRequest.call(this, {
		method: 'GET',
		path: 'IncomingPhoneNumbers.json',
		query: { PhoneNumber: phoneNumber, PageSize: 1 },
		idempotent: true,
		itemIndex,
	});
	const numbers = Array.isArray(page.incoming_phone_numbers) ? (page.incoming_phone_numbers as IDataObject[]) : [];
	return numbers.some((number) => number.phone_number === phoneNumber);
}

/** A recording of a call, with the address its audio is fetched from (add .mp3 or .wav). */
export interface CallRecording {
	sid: string;
	url: string;
	seconds: number | null;
}

/** The recordings a call made (<Dial record> records on the call that dialled), newest first. */
export async function listCallRecordings(this: TwilioContext, callSid: string, itemIndex?: number): Promise<CallRecording[]> {
	const page = await twilioRequest.call(this, {
		method: 'GET',
		path: `Calls/${encodeURIComponent(callSid)}/Recordings.json`,
		query: { PageSize: RECENT_PAGE_SIZE },
		idempotent: true,
		itemIndex,
	});
	const recordings = Array.isArray(page.recordings) ? (page.recordings as IDataObject[]) : [];
	const base = apiBaseUrl(await this.getCredentials(TWILIO_CREDENTIAL, itemIndex));
	return recordings.map((recording) => {
		const seconds = Number(recording.duration);
		const sid = String(recording.sid ?? '');
		return { sid, url: `${base}${API_VERSION_ROOT}/Accounts/${encodeURIComponent(String(recording.account_sid ?? ''))}/Recordings/${encodeURIComponent(sid)}`, seconds: Number.isFinite(seconds) ? seconds : null };
	});
}
