import type { SandboxCall } from '../../twilioSandbox/sandboxClient';
import { ACCOUNT_SID, AGENT, LEAD, TWILIO_NUMBER, sleep, fixtureForSuite } from './sandboxFixture';

const fixture = fixtureForSuite(0.025);

const FINAL = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

/** The bridge call: the agent is called, presses 1, and is connected to the lead. */
const AGENT_TWIML = `<?xml version="1.0" encoding="UTF-8"?>
<Response>
	<Gather input="dtmf" numDigits="1" timeout="5" action="/agent-gathered">
		<Say voice="Polly.Joanna" language="en-US">New callback request. Press 1 to call the lead now.</Say>
	</Gather>
	<Say>No key pressed. Goodbye.</Say>
</Response>`;
const DIAL_TWIML = `<Response>
	<Dial action="/dial-done" timeout="20" callerId="${TWILIO_NUMBER}">
		<Number statusCallback="/lead-status" statusCallbackEvent="initiated ringing answered completed">${LEAD}</Number>
	</Dial>
</Response>`;

function serveBridgeCall(): void {
	fixture.receiver
		.on('/agent', AGENT_TWIML)
		.on('/agent-gathered', (request) => (request.params.Digits === '1' ? DIAL_TWIML : '<Response><Hangup/></Response>'))
		.on('/dial-done', '<Response><Say>The call with the lead has ended.</Say></Response>');
}

async function placeCall(params: Record<string, string | string[]>): Promise<string> {
	const response = await fixture.api('POST', '/Calls.json', {
		From: TWILIO_NUMBER,
		StatusCallback: fixture.receiver.url('/call-status'),
		...params,
	});
	expect(response.body?.code).toBeUndefined();
	expect(response.status).toBe(201);
	expect(response.body?.status).toBe('queued');
	return String(response.body?.sid);
}

async function callEnded(sid: string): Promise<SandboxCall> {
	await fixture.receiver.waitFor((request) => request.path === '/call-status' && request.params.CallSid === sid && FINAL.includes(String(request.params.CallStatus)));
	return fixture.client.call(sid);
}

function statusCallbacks(path: string, sid: string): string[] {
	return fixture.receiver.at(path).filter((request) => request.params.CallSid === sid).map((request) => String(request.params.CallStatus));
}

function said(call: { transcript: { kind: string; text: string }[] }): string[] {
	return call.transcript.filter((entry) => ['say', 'play', 'digits', 'dial', 'bridge'].includes(entry.kind)).map((entry) => `${entry.kind}: ${entry.text}`);
}

describe('bridge call (Gather then Dial) across scenarios', () => {
	it('the agent presses 1, the lead answers: both legs complete, callbacks and Dial action as Twilio sends them', async () => {
		serveBridgeCall();
		await fixture.client.setScenario([
			{ number: AGENT, answerAfter: 2, pressDigits: '1' },
			{ number: LEAD, answerAfter: 4, talkFor: 30 },
		]);
		const sid = await placeCall({ To: AGENT, Url: fixture.receiver.url('/agent'), StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] });
		const call = await callEnded(sid);

		expect(call.status).toBe('completed');
		expect(statusCallbacks('/call-status', sid)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
		const [child] = call.childCalls;
		expect(call.legs).toEqual([child?.sid]);
		expect(child).toMatchObject({ direction: 'outbound-dial', parentCallSid: sid, to: LEAD, from: TWILIO_NUMBER, status: 'completed' });
		// Timers can only run late, and a busy machine makes them later: bounds are one-sided-ish.
		expect(child?.duration).toBeGreaterThanOrEqual(29);
		expect(child?.duration).toBeLessThanOrEqual(36);
		expect(statusCallbacks('/lead-status', child?.sid ?? '')).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
		expect(fixture.receiver.at('/lead-status').every((request) => request.params.ParentCallSid === sid)).toBe(true);

		const [voice] = fixture.receiver.at('/agent');
		expect(voice?.method).toBe('POST');
		expect(voice?.params).toMatchObject({ CallSid: sid, AccountSid: ACCOUNT_SID, From: TWILIO_NUMBER, To: AGENT, CallStatus: 'in-progress', Direction: 'outbound-api', ApiVersion: '2010-04-01' });
		expect(fixture.receiver.at('/agent-gathered')[0]?.params).toMatchObject({ Digits: '1', CallSid: sid });
		const [dialAction] = fixture.receiver.at('/dial-done');
		expect(dialAction?.params).toMatchObject({ DialCallStatus: 'completed', DialCallSid: child?.sid, DialBridged: 'true', CallStatus: 'in-progress' });
		expect(Number(dialAction?.params.DialCallDuration)).toBe(child?.duration);
		expect(fixture.receiver.received.every((request) => request.signatureValid)).toBe(true);

		expect(said(call)).toEqual([
			'say: New callback request. Press 1 to call the lead now.',
			'digits: 1',
			`dial: dialing ${LEAD} (timeout 20 s)`,
			`bridge: bridged with ${LEAD} (${child?.sid})`,
			'dial: dial ended: completed (bridged)',
			'say: The call with the lead has ended.',
		]);
		const completed = fixture.receiver.at('/call-status').find((request) => request.params.CallStatus === 'completed');
		expect(Number(completed?.params.CallDuration)).toBe(call.duration);
		const fetched = await fixture.api('GET', `/Calls/${sid}.json`);
		expect(fetched.body).toMatchObject({ status: 'completed', duration: String(call.duration), direction: 'outbound-api' });
		const legs = await fixture.api('GET', '/Calls.json', { ParentCallSid: sid });
		expect((legs.body?.calls as { sid: string }[]).map((leg) => leg.sid)).toEqual([child?.sid]);
	});

	it.each([
		['noAnswer', 'no-answer', { noAnswer: true }],
		['busy', 'busy', { busy: true }],
		['fail', 'failed', { fail: true }],
		['answering after the Dial timeout', 'no-answer', { answerAfter: 25 }],
	])('the lead does not pick up (%s): DialCallStatus=%s, not bridged', async (_, dialStatus, leadScenario) => {
		serveBridgeCall();
		await fixture.client.setScenario([
			{ number: AGENT, pressDigits: '1' },
			{ number: LEAD, ...leadScenario },
		]);
		const sid = await placeCall({ To: AGENT, Url: fixture.receiver.url('/agent') });
		const call = await callEnded(sid);
		expect(call.status).toBe('completed');
		expect(call.childCalls.map((child) => child.status)).toEqual([dialStatus]);
		const [dialAction] = fixture.receiver.at('/dial-done');
		expect(dialAction?.params).toMatchObject({ DialCallStatus: dialStatus, DialBridged: 'false', DialCallSid: call.childCalls[0]?.sid });
		expect(dialAction?.params.DialCallDuration).toBeUndefined();
		// Without StatusCallbackEvent only the final status is posted.
		expect(statusCallbacks('/call-status', sid)).toEqual(['completed']);
	});

	it('the agent presses nothing: the Gather times out and the call continues with the next verb', async () => {
		serveBridgeCall();
		await fixture.client.setScenario({ number: AGENT, pressDigits: null });
		const sid = await placeCall({ To: AGENT, Url: fixture.receiver.url('/agent') });
		const call = await callEnded(sid);
		expect(fixture.receiver.at('/agent-gathered')).toEqual([]);
		expect(call.legs).toEqual([]);
		expect(said(call)).toEqual(['say: New callback request. Press 1 to call the lead now.', 'say: No key pressed. Goodbye.']);
	});

	it('the agent presses 2 (numDigits=1 keeps the first key of "29")', async () => {
		serveBridgeCall();
		await fixture.client.setScenario({ number: AGENT, pressDigits: '29' });
		const sid = await placeCall({ To: AGENT, Url: fixture.receiver.url('/agent') });
		await callEnded(sid);
		expect(fixture.receiver.at('/agent-gathered')[0]?.params.Digits).toBe('2');
	});

	it('<Dial record> hands the recording of the bridged conversation to the action', async () => {
		fixture.receiver
			.on('/agent', `<Response><Dial record="record-from-answer" action="/dial-done">${LEAD}</Dial></Response>`)
			.on('/dial-done', '<Response/>');
		await fixture.client.setScenario({ number: LEAD, talkFor: 8 });
		const sid = await placeCall({ To: AGENT, Url: fixture.receiver.url('/agent') });
		await callEnded(sid);
		const [action] = fixture.receiver.at('/dial-done');
		expect(action?.params).toMatchObject({ DialCallStatus: 'completed', RecordingDuration: action?.params.DialCallDuration });
		expect(String(action?.params.RecordingSid)).toMatch(/^RE[0-9a-f]{32}$/);
	});

	it('the agent hangs up while bridged: the lead leg ends and the Dial action still arrives, with CallStatus completed', async () => {
		serveBridgeCall();
		await fixture.client.setScenario([
			{ number: AGENT, pressDigits: '1', hangUpAfter: 20 },
			{ number: LEAD, talkFor: 60 },
		]);
		const sid = await placeCall({ To: AGENT, Url: fixture.receiver.url('/agent') });
		const call = await callEnded(sid);
		await fixture.receiver.waitFor((request) => request.path === '/dial-done');
		expect(call.duration).toBeGreaterThanOrEqual(19);
		expect(call.duration).toBeLessThanOrEqual(26);
		expect(call.childCalls[0]?.status).toBe('completed');
		expect(fixture.receiver.at('/dial-done')[0]?.params).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'true', CallStatus: 'completed' });
		expect(said(call)).not.toContain('say: The call with the lead has ended.');
	});
});

describe('answering machine detection', () => {
	const DROP_TWIML = '<Response><Play>https://cdn.example.com/voicemail-drop.mp3</Play><Hangup/></Response>';

	it('DetectMessageEnd on a voicemail: the Url is requested after the beep with AnsweredBy=machine_end_beep', async () => {
		fixture.receiver.on('/drop', DROP_TWIML);
		await fixture.client.setScenario({ number: LEAD, answerAfter: 3, voicemail: { greeting: 8 } });
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/drop'), MachineDetection: 'DetectMessageEnd' });
		const call = await callEnded(sid);
		expect(fixture.receiver.at('/drop')[0]?.params.AnsweredBy).toBe('machine_end_beep');
		expect(call.answeredBy).toBe('machine_end_beep');
		const play = call.transcript.find((entry) => entry.kind === 'play');
		expect(play).toMatchObject({ text: 'https://cdn.example.com/voicemail-drop.mp3', heardBy: 'voicemail' });
		expect(fixture.receiver.at('/call-status')[0]?.params.AnsweredBy).toBe('machine_end_beep');
		expect((await fixture.api('GET', `/Calls/${sid}.json`)).body?.answered_by).toBe('machine_end_beep');
	});

	it('Enable on a voicemail reports machine_start at once, so the message plays over the greeting', async () => {
		fixture.receiver.on('/drop', DROP_TWIML);
		await fixture.client.setScenario({ number: LEAD, voicemail: { greeting: 8 } });
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/drop'), MachineDetection: 'Enable' });
		const call = await callEnded(sid);
		expect(call.answeredBy).toBe('machine_start');
		expect(call.transcript.find((entry) => entry.kind === 'play')?.heardBy).toBe('voicemail-greeting');
	});

	it.each([
		[{ human: true }, 'human'],
		[{ voicemail: { beep: false } }, 'machine_end_silence'],
		[{ answeredBy: 'fax' as const }, 'fax'],
		[{ answeredBy: 'unknown' as const }, 'unknown'],
	])('DetectMessageEnd on %j reports %s', async (scenario, answeredBy) => {
		fixture.receiver.on('/drop', DROP_TWIML);
		await fixture.client.setScenario({ number: LEAD, ...scenario });
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/drop'), MachineDetection: 'DetectMessageEnd', MachineDetectionTimeout: '10' });
		await callEnded(sid);
		expect(fixture.receiver.at('/drop')[0]?.params.AnsweredBy).toBe(answeredBy);
	});

	it('AsyncAmd runs the TwiML at once and posts the result to AsyncAmdStatusCallback', async () => {
		fixture.receiver.on('/drop', '<Response><Pause length="15"/><Hangup/></Response>');
		await fixture.client.setScenario({ number: LEAD, voicemail: { greeting: 6 } });
		const sid = await placeCall({
			To: LEAD,
			Url: fixture.receiver.url('/drop'),
			MachineDetection: 'DetectMessageEnd',
			AsyncAmd: 'true',
			AsyncAmdStatusCallback: fixture.receiver.url('/amd'),
		});
		await callEnded(sid);
		expect(fixture.receiver.at('/drop')[0]?.params.AnsweredBy).toBeUndefined();
		const [amd] = fixture.receiver.at('/amd');
		expect(amd?.params).toMatchObject({ CallSid: sid, AccountSid: ACCOUNT_SID, AnsweredBy: 'machine_end_beep', MachineDetectionDuration: '6500' });
		expect(amd?.signatureValid).toBe(true);
	});
});

describe('status callbacks', () => {
	it('StatusCallbackEvent given once (answered) posts that event and the final one, in order and signed', async () => {
		const sid = await placeCall({ To: LEAD, Twiml: '<Response><Say>Hi</Say></Response>', StatusCallbackEvent: 'answered', StatusCallbackMethod: 'GET' });
		await callEnded(sid);
		const callbacks = fixture.receiver.at('/call-status');
		expect(callbacks.map((request) => [request.method, request.params.CallStatus, request.params.SequenceNumber])).toEqual([
			['GET', 'in-progress', '0'],
			['GET', 'completed', '1'],
		]);
		expect(callbacks.every((request) => request.signatureValid && request.params.CallbackSource === 'call-progress-events')).toBe(true);
		expect(callbacks[1]?.params).toMatchObject({ SipResponseCode: '200', Direction: 'outbound-api', To: LEAD, From: TWILIO_NUMBER });
	});

	it('Record=true puts the recording in the final callback; TimeLimit ends the call', async () => {
		const sid = await placeCall({ To: LEAD, Twiml: '<Response><Pause length="60"/></Response>', Record: 'true', TimeLimit: '12' });
		const call = await callEnded(sid);
		expect(call.duration).toBeGreaterThanOrEqual(11);
		expect(call.duration).toBeLessThanOrEqual(18);
		const [completed] = fixture.receiver.at('/call-status');
		expect(completed?.params.RecordingDuration).toBe(String(call.duration));
		expect(String(completed?.params.RecordingUrl)).toMatch(/\/Recordings\/RE[0-9a-f]{32}$/);
	});
});

describe('calls that are not answered', () => {
	it.each([
		['busy', { busy: true }],
		['no-answer', { noAnswer: true }],
		['failed', { fail: true }],
	])('%s: only the final callback, no TwiML requested', async (status, scenario) => {
		fixture.receiver.on('/agent', AGENT_TWIML);
		await fixture.client.setScenario({ number: LEAD, ...scenario });
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/agent'), Timeout: '15' });
		const call = await callEnded(sid);
		expect(call.status).toBe(status);
		expect(call.duration).toBe(0);
		expect(fixture.receiver.at('/agent')).toEqual([]);
		const [completed] = fixture.receiver.at('/call-status');
		expect(completed?.params).toMatchObject({ CallStatus: status, CallDuration: '0' });
	});
});

describe('updating a call', () => {
	it('Status=canceled stops a ringing call', async () => {
		await fixture.client.setScenario({ number: LEAD, answerAfter: 30 });
		const sid = await placeCall({ To: LEAD, Twiml: '<Response><Say>Hi</Say></Response>' });
		await fixture.client.waitForCall((call) => call.sid === sid && call.status === 'ringing');
		const updated = await fixture.api('POST', `/Calls/${sid}.json`, { Status: 'canceled' });
		expect(updated.body?.status).toBe('canceled');
		const call = await callEnded(sid);
		expect(call.status).toBe('canceled');
		expect(fixture.receiver.at('/call-status').map((request) => request.params.CallStatus)).toEqual(['canceled']);
	});

	it('Status=canceled leaves an answered call alone; Status=completed hangs it up; a finished call answers 21220', async () => {
		const sid = await placeCall({ To: LEAD, Twiml: '<Response><Pause length="60"/></Response>' });
		await fixture.client.waitForCall((call) => call.sid === sid && call.status === 'in-progress');
		expect((await fixture.api('POST', `/Calls/${sid}.json`, { Status: 'canceled' })).body?.status).toBe('in-progress');
		expect((await fixture.api('POST', `/Calls/${sid}.json`, { Status: 'completed' })).body?.status).toBe('completed');
		const again = await fixture.api('POST', `/Calls/${sid}.json`, { Status: 'completed' });
		expect([again.status, again.body?.code]).toEqual([400, 21220]);
	});

	it('a new Url redirects a call in progress to new TwiML', async () => {
		fixture.receiver.on('/moved', '<Response><Say>You have been moved.</Say></Response>');
		const sid = await placeCall({ To: LEAD, Twiml: '<Response><Pause length="60"/></Response>' });
		await fixture.client.waitForCall((call) => call.sid === sid && call.status === 'in-progress');
		await sleep(20);
		expect((await fixture.api('POST', `/Calls/${sid}.json`, { Url: fixture.receiver.url('/moved'), Method: 'POST' })).status).toBe(200);
		const call = await callEnded(sid);
		expect(fixture.receiver.at('/moved').length).toBe(1);
		expect(said(call)).toEqual(['say: You have been moved.']);
		expect(call.duration).toBeLessThan(30);
	});

	it('redirecting a call that is not in progress answers 21220', async () => {
		await fixture.client.setScenario({ number: LEAD, answerAfter: 30 });
		const sid = await placeCall({ To: LEAD, Twiml: '<Response><Say>Hi</Say></Response>' });
		await fixture.client.waitForCall((call) => call.sid === sid && call.status === 'ringing');
		const response = await fixture.api('POST', `/Calls/${sid}.json`, { Twiml: '<Response><Hangup/></Response>' });
		expect([response.status, response.body?.code]).toEqual([400, 21220]);
		await fixture.api('POST', `/Calls/${sid}.json`, { Status: 'canceled' });
	});
});

describe('TwiML the sandbox refuses, as Twilio would', () => {
	it.each([
		['not XML', '12100', { body: 'OK' }, 'parse-error'],
		['a JSON answer', '12300', { contentType: 'application/json', body: '{"ok":true}' }, 'content-type'],
		['an unknown verb', '12200', { body: '<Response><Speak>Hi</Speak></Response>' }, 'schema-error'],
		['a Number outside Dial', '12200', { body: `<Response><Number>${LEAD}</Number></Response>` }, 'schema-error'],
		['an HTTP error', '11200', { status: 500, body: 'oops' }, 'http-error'],
	])('%s: the call ends with an application error and a %s Debugger record', async (_, code, answer, outcome) => {
		fixture.receiver.on('/broken', answer);
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/broken') });
		const call = await callEnded(sid);
		expect(call.status).toBe('completed');
		expect(call.documents.map((document) => document.outcome)).toEqual([outcome]);
		expect(call.transcript.map((entry) => entry.kind)).toEqual(['error']);
		const notifications = await fixture.api('GET', `/Calls/${sid}/Notifications.json`);
		const records = notifications.body?.notifications as { error_code: string; call_sid: string; log: string }[];
		expect(records.map((record) => [record.error_code, record.call_sid, record.log])).toEqual([[code, sid, '0']]);
	});

	it('falls back to FallbackUrl when the Url fails', async () => {
		fixture.receiver.on('/broken', { status: 503 }).on('/fallback', '<Response><Say>Fallback speaking.</Say></Response>');
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/broken'), FallbackUrl: fixture.receiver.url('/fallback') });
		const call = await callEnded(sid);
		expect(said(call)).toEqual(['say: Fallback speaking.']);
		expect(fixture.receiver.at('/fallback')[0]?.params).toMatchObject({ ErrorCode: '11200', ErrorUrl: fixture.receiver.url('/broken') });
	});
});

describe('Record', () => {
	it('records what the party says and posts RecordingUrl, RecordingSid and RecordingDuration to the action', async () => {
		fixture.receiver
			.on('/record', '<Response><Say>Leave a message after the beep.</Say><Record maxLength="30" action="/recorded"/></Response>')
			.on('/recorded', '<Response><Say>Thank you.</Say></Response>');
		await fixture.client.setScenario({ number: LEAD, recordFor: 7 });
		const sid = await placeCall({ To: LEAD, Url: fixture.receiver.url('/record'), Method: 'GET' });
		const call = await callEnded(sid);
		expect(fixture.receiver.at('/record')[0]?.method).toBe('GET');
		expect(fixture.receiver.at('/record')[0]?.signatureValid).toBe(true);
		const [recorded] = fixture.receiver.at('/recorded');
		expect(recorded?.params.RecordingDuration).toBe('7');
		expect(String(recorded?.params.RecordingSid)).toMatch(/^RE[0-9a-f]{32}$/);
		expect(String(recorded?.params.RecordingUrl)).toContain(`/Accounts/${ACCOUNT_SID}/Recordings/RE`);
		expect(call.transcript.map((entry) => entry.kind)).toEqual(['say', 'beep', 'record', 'say']);
	});
});

describe('inbound calls', () => {
	it('an answered call fetches the number’s VoiceUrl (CallStatus ringing, Direction inbound) and runs its TwiML', async () => {
		await fixture.client.registerNumber({ phoneNumber: TWILIO_NUMBER, voiceUrl: fixture.receiver.url('/incoming'), statusCallback: fixture.receiver.url('/call-status') });
		fixture.receiver.on('/incoming', `<Response><Say>Connecting you.</Say><Dial answerOnBridge="true">${AGENT}</Dial></Response>`);
		const call = await fixture.client.injectCall({ from: LEAD, to: TWILIO_NUMBER });
		const ended = await callEnded(call.sid);
		expect(fixture.receiver.at('/incoming')[0]?.params).toMatchObject({ CallStatus: 'ringing', Direction: 'inbound', From: LEAD, To: TWILIO_NUMBER, Caller: LEAD, Called: TWILIO_NUMBER });
		expect(ended).toMatchObject({ status: 'completed', direction: 'inbound', phoneNumberSid: expect.stringMatching(/^PN/) });
		expect(ended.childCalls.map((child) => [child.to, child.from, child.status])).toEqual([[AGENT, LEAD, 'completed']]);
	});

	it('<Redirect> does not pick up: a redirect to <Reject reason="busy"> leaves the call busy, never answered', async () => {
		await fixture.client.registerNumber({ phoneNumber: TWILIO_NUMBER, voiceUrl: fixture.receiver.url('/ivr/incoming'), statusCallback: fixture.receiver.url('/call-status') });
		fixture.receiver.on('/ivr/incoming', '<Response><Redirect method="GET">closed</Redirect></Response>').on('/ivr/closed', '<Response><Reject reason="busy"/></Response>');
		const call = await fixture.client.injectCall({ from: LEAD, to: TWILIO_NUMBER });
		const ended = await callEnded(call.sid);
		expect(fixture.receiver.at('/ivr/closed')[0]?.method).toBe('GET');
		expect(ended).toMatchObject({ status: 'busy', duration: 0, answeredAt: null });
		expect(fixture.receiver.at('/call-status').map((request) => request.params.CallStatus)).toEqual(['busy']);
	});

	it.each(['no-answer', 'busy', 'canceled'] as const)('a missed call (%s) only reaches the StatusCallback, without fetching TwiML', async (outcome) => {
		await fixture.client.registerNumber({ phoneNumber: TWILIO_NUMBER, voiceUrl: fixture.receiver.url('/incoming'), statusCallback: fixture.receiver.url('/call-status') });
		const call = await fixture.client.injectCall({ from: LEAD, to: TWILIO_NUMBER, outcome, ringFor: 3 });
		await callEnded(call.sid);
		expect(fixture.receiver.at('/incoming')).toEqual([]);
		expect(fixture.receiver.at('/call-status').map((request) => [request.params.CallStatus, request.params.Direction, request.params.From])).toEqual([[outcome, 'inbound', LEAD]]);
		expect(fixture.receiver.at('/call-status')[0]?.signatureValid).toBe(true);
	});
});
