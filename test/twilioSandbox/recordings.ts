import { callOf } from './calls';
import { listPage, newestFirst, type RestContext, type RestResult } from './restContext';
import { newSid } from './sids';
import { rfc2822 } from './twilioFormats';

/**
 * Recordings of a call, as Twilio makes them (<Dial record>, <Record>, `Record=true` on Create
 * Call) and as `GET Calls/{CallSid}/Recordings.json` (ListCallRecording) lists them. A recording
 * belongs to the call that asked for it: for <Dial record> that is the call that ran <Dial>, not
 * the dialled leg, as on Twilio.
 */

/** How the recording was made, in the words of the spec's `call_recording_enum_source`. */
export type RecordingSource = 'DialVerb' | 'RecordVerb' | 'OutboundAPI';

export interface RecordingInfo {
	sid: string;
	accountSid: string;
	/** The call the recording is listed on. */
	callSid: string;
	source: RecordingSource;
	/** 2 for the `-dual` <Dial record> modes (one leg per channel), 1 otherwise. */
	channels: 1 | 2;
	/** When recording began. */
	startTime: Date;
	/** When recording ended and the file was complete. */
	endTime: Date;
	/** Seconds. */
	duration: number;
	/** What Twilio hands out as `RecordingUrl`: the account's Recording, without an extension. */
	url: string;
}

export interface NewRecording {
	accountSid: string;
	callSid: string;
	source: RecordingSource;
	channels: 1 | 2;
	seconds: number;
	/** When the recording ended. */
	now: Date;
	/** The sandbox's own base URL, in place of https://api.twilio.com. */
	baseUrl: string;
}

export function newRecording(input: NewRecording): RecordingInfo {
	const sid = newSid('RE');
	return {
		sid,
		accountSid: input.accountSid,
		callSid: input.callSid,
		source: input.source,
		channels: input.channels,
		startTime: new Date(input.now.getTime() - input.seconds * 1000),
		endTime: input.now,
		duration: input.seconds,
		url: `${input.baseUrl}/2010-04-01/Accounts/${input.accountSid}/Recordings/${sid}`,
	};
}

/**
 * The Call Recording resource (`api.v2010.account.call.call_recording`). Its `uri` is under the
 * call, as the spec's examples for this resource have it; the media stays at the account's
 * Recording (`RecordingUrl`, `/Accounts/{AccountSid}/Recordings/{Sid}`).
 */
export function callRecordingResource(recording: RecordingInfo): Record<string, unknown> {
	return {
		account_sid: recording.accountSid,
		api_version: '2010-04-01',
		call_sid: recording.callSid,
		channels: recording.channels,
		conference_sid: null,
		date_created: rfc2822(recording.startTime),
		date_updated: rfc2822(recording.endTime),
		duration: String(recording.duration),
		encryption_details: null,
		error_code: null,
		price: null,
		price_unit: 'USD',
		sid: recording.sid,
		source: recording.source,
		start_time: rfc2822(recording.startTime),
		status: 'completed',
		track: 'both',
		uri: `/2010-04-01/Accounts/${recording.accountSid}/Calls/${recording.callSid}/Recordings/${recording.sid}.json`,
	};
}

/** `GET Calls/{CallSid}/Recordings.json`: 404 for a call the account does not have. */
export function listCallRecordings(context: RestContext): RestResult {
	const call = callOf(context);
	const { query } = context;
	const day = (date: Date): string => date.toISOString().slice(0, 10);
	const on = query.string('DateCreated');
	const before = query.string('DateCreated<');
	const after = query.string('DateCreated>');
	const recordings = call.recordings.filter((recording) => {
		const created = day(recording.startTime);
		return (on === undefined || created === on) && (before === undefined || created <= before) && (after === undefined || created >= after);
	});
	return listPage(context, newestFirst(recordings).map(callRecordingResource));
}
