import twilio from 'twilio';

import { RFC2822_PATTERN } from '../../twilioSandbox/twilioFormats';
import { ACCOUNT_SID, AGENT, API_KEY, LEAD, OTHER_ACCOUNT_SID, OTHER_API_KEY, TWILIO_NUMBER, fixtureForSuite } from './sandboxFixture';

/**
 * ListCallRecording (`GET Calls/{CallSid}/Recordings.json`): the recordings <Dial record>,
 * <Record> and `Record=true` make are listed on the call that asked for them, shaped as Twilio's
 * Call Recording resource, and readable with Twilio's own SDK.
 */

const fixture = fixtureForSuite(0.025);

const FINAL = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];
const RECORDED_DIAL = `<Response><Dial record="record-from-answer" action="/dial-done" callerId="${TWILIO_NUMBER}">${LEAD}</Dial></Response>`;

async function placeCall(params: Record<string, string>): Promise<string> {
	const response = await fixture.api('POST', '/Calls.json', { From: TWILIO_NUMBER, StatusCallback: fixture.receiver.url('/call-status'), ...params });
	expect(response.status).toBe(201);
	return String(response.body?.sid);
}

async function callEnded(sid: string): Promise<void> {
	await fixture.receiver.waitFor((request) => request.path === '/call-status' && request.params.CallSid === sid && FINAL.includes(String(request.params.CallStatus)));
}

/** The agent is called and bridged to the lead, the conversation recorded from the answer. */
async function recordedBridgeCall(talkFor: number): Promise<string> {
	fixture.receiver.on('/agent', RECORDED_DIAL).on('/dial-done', '<Response/>');
	await fixture.client.setScenario({ number: LEAD, talkFor });
	const sid = await placeCall({ To: AGENT, Url: fixture.receiver.url('/agent') });
	await callEnded(sid);
	return sid;
}

async function listRecordings(callSid: string, query?: Record<string, string>): Promise<Record<string, unknown>[]> {
	const response = await fixture.api('GET', `/Calls/${callSid}/Recordings.json`, query);
	expect(response.body?.code).toBeUndefined();
	expect(response.status).toBe(200);
	return response.body?.recordings as Record<string, unknown>[];
}

describe('GET Calls/{CallSid}/Recordings.json', () => {
	it('lists the one recording of a <Dial record> on the call that dialled, lasting as long as the bridged leg', async () => {
		const sid = await recordedBridgeCall(8);
		const call = await fixture.client.call(sid);
		const [lead] = call.childCalls;
		expect(lead?.duration).toBeGreaterThan(0);

		const response = await fixture.api('GET', `/Calls/${sid}/Recordings.json`);
		expect(response.status).toBe(200);
		const listUri = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}/Recordings.json?PageSize=50&Page=0`;
		expect(response.body).toMatchObject({ first_page_uri: listUri, uri: listUri, next_page_uri: null, previous_page_uri: null, page: 0, page_size: 50, start: 0, end: 0 });
		const recordings = response.body?.recordings as Record<string, unknown>[];
		expect(recordings).toHaveLength(1);
		const [recording] = recordings;
		expect(recording).toMatchObject({
			account_sid: ACCOUNT_SID,
			api_version: '2010-04-01',
			call_sid: sid,
			channels: 1,
			conference_sid: null,
			duration: String(lead?.duration),
			error_code: null,
			price: null,
			source: 'DialVerb',
			status: 'completed',
			uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}/Recordings/${String(recording?.sid)}.json`,
		});
		expect(String(recording?.sid)).toMatch(/^RE[0-9a-f]{32}$/);
		for (const field of ['date_created', 'date_updated', 'start_time']) expect(String(recording?.[field])).toMatch(RFC2822_PATTERN);
		const seconds = (Date.parse(String(recording?.date_updated)) - Date.parse(String(recording?.start_time))) / 1000;
		expect(seconds).toBe(lead?.duration);

		// The recording the Dial action was handed is this one; its media is the account's Recording.
		const [action] = fixture.receiver.at('/dial-done');
		expect(action?.params).toMatchObject({ RecordingSid: recording?.sid, RecordingDuration: recording?.duration, DialCallDuration: recording?.duration });
		expect(action?.params.RecordingUrl).toBe(`${fixture.sandbox.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${String(recording?.sid)}`);

		// The dialled leg has none of its own.
		expect(await listRecordings(String(lead?.sid))).toEqual([]);
	});

	it('lists nothing for a call that was not recorded', async () => {
		const sid = await placeCall({ To: LEAD, Twiml: '<Response><Say>Your callback is booked.</Say></Response>' });
		await callEnded(sid);
		const response = await fixture.api('GET', `/Calls/${sid}/Recordings.json`);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ recordings: [], start: 0, end: 0, next_page_uri: null });
	});

	it('lists a <Record> as RecordVerb and a Record=true call as OutboundAPI, newest first', async () => {
		fixture.receiver.on('/voicemail', '<Response><Record maxLength="30" action="/recorded"/></Response>').on('/recorded', '<Response><Pause length="3"/></Response>');
		await fixture.client.setScenario({ number: LEAD, recordFor: 7 });
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/voicemail'), Record: 'true' });
		await callEnded(sid);
		const recordings = await listRecordings(sid);
		expect(recordings.map((recording) => recording.source)).toEqual(['OutboundAPI', 'RecordVerb']);
		const [whole, message] = recordings;
		expect(message?.duration).toBe('7');
		expect(message?.sid).toBe(fixture.receiver.at('/recorded')[0]?.params.RecordingSid);
		const [completed] = fixture.receiver.at('/call-status');
		expect(whole).toMatchObject({ sid: completed?.params.RecordingSid, duration: completed?.params.RecordingDuration, call_sid: sid });
	});

	it('filters on DateCreated', async () => {
		const sid = await recordedBridgeCall(4);
		const [recording] = await listRecordings(sid);
		const day = new Date(String(recording?.date_created)).toISOString().slice(0, 10);
		expect(await listRecordings(sid, { DateCreated: day })).toHaveLength(1);
		expect(await listRecordings(sid, { 'DateCreated>': day, 'DateCreated<': day })).toHaveLength(1);
		expect(await listRecordings(sid, { DateCreated: '2001-01-01' })).toEqual([]);
		expect(await listRecordings(sid, { 'DateCreated<': '2001-01-01' })).toEqual([]);
	});

	it('answers 404 / 20404 for a call that does not exist or belongs to another account', async () => {
		const unknown = await fixture.api('GET', `/Calls/CA${'0'.repeat(32)}/Recordings.json`);
		expect([unknown.status, unknown.body?.code]).toEqual([404, 20404]);
		const sid = await recordedBridgeCall(2);
		const foreign = await fixture.client.rest({ username: OTHER_API_KEY.sid, password: OTHER_API_KEY.secret }, 'GET', `/2010-04-01/Accounts/${OTHER_ACCOUNT_SID}/Calls/${sid}/Recordings.json`);
		expect([foreign.status, foreign.body?.code]).toEqual([404, 20404]);
	});
});

describe("Twilio's Node SDK", () => {
	it('lists a call’s recordings with client.calls(sid).recordings.list()', async () => {
		const sdk = twilio(API_KEY.sid, API_KEY.secret, { accountSid: ACCOUNT_SID });
		(sdk.api as unknown as { baseUrl: string }).baseUrl = fixture.sandbox.baseUrl;
		const sid = await recordedBridgeCall(6);
		const recordings = await sdk.calls(sid).recordings.list();
		expect(recordings).toHaveLength(1);
		const [recording] = recordings;
		expect(recording).toMatchObject({ callSid: sid, accountSid: ACCOUNT_SID, source: 'DialVerb', status: 'completed', channels: 1 });
		expect(recording?.duration).toBe(String((await fixture.client.call(sid)).childCalls[0]?.duration));
		expect(recording?.startTime).toBeInstanceOf(Date);
		expect(recording?.sid).toBe(fixture.receiver.at('/dial-done')[0]?.params.RecordingSid);
		await expect(sdk.calls(`CA${'0'.repeat(32)}`).recordings.list()).rejects.toMatchObject({ status: 404, code: 20404 });
	});
});
