import twilio from 'twilio';

import { ACCOUNT_SID, API_KEY, LEAD, TWILIO_NUMBER, expectResponsesMatchSpec, startFixture, type Fixture } from './sandboxFixture';

/**
 * Twilio's own Node SDK, pointed at the sandbox: what the SDK sends (its serialization of
 * arrays, booleans, dates) must pass the sandbox's validation, and what the sandbox answers
 * must parse in the SDK, including its errors and paging.
 */

let fixture: Fixture;
let client: twilio.Twilio;

beforeAll(async () => {
	fixture = await startFixture(0.02);
	client = twilio(API_KEY.sid, API_KEY.secret, { accountSid: ACCOUNT_SID });
	(client.api as unknown as { baseUrl: string }).baseUrl = fixture.sandbox.baseUrl;
});
afterAll(() => fixture.stop());
afterEach(() => expectResponsesMatchSpec(fixture));

it('sends a message and reads it back', async () => {
	const message = await client.messages.create({ to: LEAD, from: TWILIO_NUMBER, body: 'Your callback is booked.', statusCallback: 'https://n8n.example.com/status' });
	expect(message.sid).toMatch(/^SM/);
	expect(message.numSegments).toBe('1');
	expect(message.dateCreated).toBeInstanceOf(Date);
	const fetched = await client.messages(message.sid).fetch();
	expect(fetched.to).toBe(LEAD);
});

it('places calls with StatusCallbackEvent as one value or several', async () => {
	for (const events of [['completed'], ['initiated', 'ringing', 'answered', 'completed']]) {
		const call = await client.calls.create({
			to: LEAD,
			from: TWILIO_NUMBER,
			twiml: '<Response><Say>Hello</Say></Response>',
			statusCallback: 'https://n8n.example.com/call-status',
			statusCallbackEvent: events,
			machineDetection: 'DetectMessageEnd',
			timeout: 20,
			record: false,
		});
		expect(call.status).toBe('queued');
	}
	const sent = await fixture.client.requests('CreateCall');
	expect(sent.map((request) => request.params.StatusCallbackEvent)).toEqual([['completed'], ['initiated', 'ringing', 'answered', 'completed']]);
	expect(sent.map((request) => request.params.Record)).toEqual([['false'], ['false']]);
});

it('surfaces the sandbox’s errors as RestException with Twilio’s code', async () => {
	await expect(client.messages.create({ to: '555-0100', from: TWILIO_NUMBER, body: 'x' })).rejects.toMatchObject({ status: 400, code: 21211 });
	const wrong = twilio(ACCOUNT_SID, 'not-the-token');
	(wrong.api as unknown as { baseUrl: string }).baseUrl = fixture.sandbox.baseUrl;
	await expect(wrong.calls.list({ limit: 1 })).rejects.toMatchObject({ status: 401, code: 20003 });
});

it('pages through lists by next_page_uri', async () => {
	await fixture.client.reset();
	for (let index = 0; index < 5; index++) await client.messages.create({ to: LEAD, from: TWILIO_NUMBER, body: `n${index}` });
	const all = await client.messages.list({ pageSize: 2 });
	expect(all.map((message) => message.body)).toEqual(['n4', 'n3', 'n2', 'n1', 'n0']);
	expect((await fixture.client.requests('ListMessage')).length).toBe(3);
});
