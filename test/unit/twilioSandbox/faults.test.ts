import { ACCOUNT_SID, AGENT, LEAD, TWILIO_NUMBER, sleep, fixtureForSuite } from './sandboxFixture';

const fixture = fixtureForSuite(0.02);

const sms = { To: LEAD, From: TWILIO_NUMBER, Body: 'Reminder: we call you at 3 pm.' };

describe('request faults', () => {
	it('answers the next N requests to an operation with 429 and Retry-After, then succeeds', async () => {
		await fixture.client.addFault({ operation: 'CreateMessage', status: 429, count: 2, retryAfter: 3 });
		const first = await fixture.api('POST', '/Messages.json', sms);
		const second = await fixture.api('POST', '/Messages.json', sms);
		const third = await fixture.api('POST', '/Messages.json', sms);
		expect([first.status, second.status, third.status]).toEqual([429, 429, 201]);
		expect(first.body).toEqual({ code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 });
		expect(first.headers.get('retry-after')).toBe('3');
		// The refused requests had no effect.
		expect((await fixture.client.messages()).length).toBe(1);
		expect((await fixture.client.requests('CreateMessage')).map((request) => request.faultStatus)).toEqual([429, 429, null]);
		expect((await fixture.client.faults()).requests).toEqual([]);
	});

	it('matches operations by method and path template too, and leaves other operations alone', async () => {
		await fixture.client.addFault({ operation: 'POST /2010-04-01/Accounts/{AccountSid}/Calls.json', status: 503 });
		expect((await fixture.api('POST', '/Messages.json', sms)).status).toBe(201);
		const refused = await fixture.api('POST', '/Calls.json', { To: AGENT, From: TWILIO_NUMBER, Twiml: '<Response><Hangup/></Response>' });
		expect([refused.status, refused.body?.code]).toEqual([503, 20503]);
		expect((await fixture.api('POST', '/Calls.json', { To: AGENT, From: TWILIO_NUMBER, Twiml: '<Response><Hangup/></Response>' })).status).toBe(201);
	});

	it('a request failing authentication does not use up a fault', async () => {
		await fixture.client.addFault({ operation: '*', status: 500 });
		const denied = await fixture.api('GET', '/Messages.json', undefined, { username: ACCOUNT_SID, password: 'wrong' });
		expect(denied.status).toBe(401);
		expect((await fixture.api('GET', '/Messages.json')).status).toBe(500);
		expect((await fixture.api('GET', '/Messages.json')).status).toBe(200);
	});

	it('afterEffect: the message is sent although the client gets a 500, as when Twilio’s answer is lost', async () => {
		await fixture.client.addFault({ operation: 'CreateMessage', status: 500, afterEffect: true });
		const response = await fixture.api('POST', '/Messages.json', sms);
		expect([response.status, response.body?.code]).toEqual([500, 20500]);
		const listed = await fixture.api('GET', '/Messages.json', { To: LEAD });
		expect((listed.body?.messages as unknown[]).length).toBe(1);
	});

	it('refuses a fault it cannot apply', async () => {
		await expect(fixture.client.addFault({ operation: 'CreateMessage', status: 404 as 429 })).rejects.toThrow('fault.status must be 429, 500 or 503');
	});
});

describe('dropped status callbacks', () => {
	it('never sends the status callbacks of a number; the call can still be fetched to recover', async () => {
		await fixture.client.dropCallbacks({ number: AGENT });
		const created = await fixture.api('POST', '/Calls.json', {
			To: AGENT,
			From: TWILIO_NUMBER,
			Twiml: '<Response><Say>Hello</Say></Response>',
			StatusCallback: fixture.receiver.url('/call-status'),
			StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
		});
		const sid = String(created.body?.sid);
		const call = await fixture.client.waitForCall((candidate) => candidate.sid === sid && candidate.status === 'completed');
		await sleep(50);
		expect(fixture.receiver.at('/call-status')).toEqual([]);
		expect(call.events.filter((event) => event.callback !== 'not-requested').map((event) => [event.status, event.callback])).toEqual([
			['initiated', 'dropped'],
			['ringing', 'dropped'],
			['in-progress', 'dropped'],
			['completed', 'dropped'],
		]);
		const fetched = await fixture.api('GET', `/Calls/${sid}.json`);
		expect(fetched.body).toMatchObject({ status: 'completed', duration: String(call.duration) });
	});

	it('drops only as many as asked, for one SID', async () => {
		await fixture.client.setScenario({ number: AGENT, answerAfter: 10 });
		const created = await fixture.api('POST', '/Calls.json', {
			To: AGENT,
			From: TWILIO_NUMBER,
			Twiml: '<Response><Pause length="3"/></Response>',
			StatusCallback: fixture.receiver.url('/call-status'),
			StatusCallbackEvent: ['answered', 'completed'],
		});
		const sid = String(created.body?.sid);
		// The first callback asked for (answered) comes after ten call seconds of ringing.
		await fixture.client.dropCallbacks({ sid, count: 1 });
		await fixture.receiver.waitFor((request) => request.params.CallStatus === 'completed');
		expect(fixture.receiver.at('/call-status').map((request) => request.params.CallStatus)).toEqual(['completed']);
		// A dropped callback still used its sequence number, so the receiver can see the gap.
		expect(fixture.receiver.at('/call-status').map((request) => request.params.SequenceNumber)).toEqual(['1']);
	});
});
