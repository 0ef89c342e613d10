import {
	ACCOUNT_SID,
	API_KEY,
	AUTH_TOKEN,
	LEAD,
	MESSAGING_SERVICE_SID,
	OTHER_ACCOUNT_SID,
	OTHER_API_KEY,
	TWILIO_NUMBER,
	expectResponsesMatchSpec,
	startFixture,
	type Fixture,
} from './sandboxFixture';

let fixture: Fixture;

beforeAll(async () => {
	fixture = await startFixture();
});
afterAll(() => fixture.stop());
beforeEach(async () => {
	await fixture.client.reset();
	fixture.receiver.clear();
});
afterEach(() => expectResponsesMatchSpec(fixture));

const sms = { To: LEAD, From: TWILIO_NUMBER, Body: 'Your callback is booked for 3 pm.' };

function errorOf(response: { status: number; body?: Record<string, unknown> }): [number, unknown] {
	expect(Object.keys(response.body ?? {}).sort()).toEqual(['code', 'message', 'more_info', 'status']);
	expect(response.body?.status).toBe(response.status);
	expect(response.body?.more_info).toBe(`https://www.twilio.com/docs/errors/${String(response.body?.code)}`);
	return [response.status, response.body?.code];
}

describe('authentication', () => {
	it('accepts the Account SID and auth token, and an API key of the account', async () => {
		expect((await fixture.api('POST', '/Messages.json', sms)).status).toBe(201);
		expect((await fixture.api('POST', '/Messages.json', sms, { username: API_KEY.sid, password: API_KEY.secret })).status).toBe(201);
		const requests = await fixture.client.requests('CreateMessage');
		expect(requests.map((request) => request.authenticatedAs)).toEqual([ACCOUNT_SID, API_KEY.sid]);
	});

	it.each([
		['a wrong token', { username: ACCOUNT_SID, password: 'wrong' }],
		['a wrong API key secret', { username: API_KEY.sid, password: 'wrong' }],
		["another account's API key", { username: OTHER_API_KEY.sid, password: OTHER_API_KEY.secret }],
		["another account's SID and token", { username: OTHER_ACCOUNT_SID, password: 'e'.repeat(32) }],
	])('answers 401 / 20003 to %s', async (_, credentials) => {
		const response = await fixture.api('POST', '/Messages.json', sms, credentials);
		expect(errorOf(response)).toEqual([401, 20003]);
		expect(response.headers.get('www-authenticate')).toContain('Basic');
		expect(await fixture.client.messages()).toEqual([]);
	});

	it('answers 401 / 20003 without credentials', async () => {
		const response = await fetch(`${fixture.sandbox.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
		expect(response.status).toBe(401);
		expect(((await response.json()) as { code: number }).code).toBe(20003);
	});

	it('answers 404 / 20404 for an account that does not exist', async () => {
		const unknown = `AC${'0'.repeat(32)}`;
		const response = await fixture.client.rest({ username: unknown, password: AUTH_TOKEN }, 'GET', `/2010-04-01/Accounts/${unknown}/Calls.json`);
		expect(errorOf(response)).toEqual([404, 20404]);
	});
});

describe('routing', () => {
	it('answers 404 / 20404 for a path that is no resource, a missing .json, or a SID that cannot exist', async () => {
		expect(errorOf(await fixture.api('GET', '/Nothing.json'))).toEqual([404, 20404]);
		expect(errorOf(await fixture.api('GET', '/Messages'))).toEqual([404, 20404]);
		expect(errorOf(await fixture.api('GET', '/Calls/CA123.json'))).toEqual([404, 20404]);
		expect(errorOf(await fixture.api('GET', `/Calls/CA${'0'.repeat(32)}.json`))).toEqual([404, 20404]);
	});

	it('answers 405 / 20004 to a method the resource does not have', async () => {
		const response = await fixture.client.rest({ username: ACCOUNT_SID, password: AUTH_TOKEN }, 'DELETE', `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
		expect(errorOf(response)).toEqual([405, 20004]);
	});

	it('says so when an operation of the spec is not simulated', async () => {
		const response = await fixture.api('GET', '/Queues.json');
		expect(errorOf(response)).toEqual([501, 21009]);
		expect(response.body?.message).toContain('ListQueue');
	});

	it('fetches the account, as a credential test would', async () => {
		const response = await fixture.client.rest({ username: ACCOUNT_SID, password: AUTH_TOKEN }, 'GET', `/2010-04-01/Accounts/${ACCOUNT_SID}.json`);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ sid: ACCOUNT_SID, status: 'active' });
		const list = await fixture.client.rest({ username: API_KEY.sid, password: API_KEY.secret }, 'GET', '/2010-04-01/Accounts.json');
		expect((list.body?.accounts as { sid: string }[]).map((account) => account.sid)).toEqual([ACCOUNT_SID]);
	});
});

describe('validation errors', () => {
	it.each([
		['21211 for a To that is not E.164', { ...sms, To: '4155552002' }, 21211],
		['21211 for a To that cannot exist', { ...sms, To: '+15555550100' }, 21211],
		['21604 when To is missing', { From: TWILIO_NUMBER, Body: 'x' }, 21604],
		['21602 when there is no Body, MediaUrl or ContentSid', { To: LEAD, From: TWILIO_NUMBER }, 21602],
		['21603 when there is no From nor MessagingServiceSid', { To: LEAD, Body: 'x' }, 21603],
		['21660 when From is not a number of the account', { ...sms, From: '+14155550199' }, 21660],
		['21701 for a messaging service that does not exist', { To: LEAD, Body: 'x', MessagingServiceSid: `MG${'0'.repeat(32)}` }, 21701],
		['21617 for a body over 1600 characters', { ...sms, Body: 'a'.repeat(1601) }, 21617],
		['21609 for a StatusCallback that is no URL', { ...sms, StatusCallback: 'callback' }, 21609],
		['21266 when To is the From number', { ...sms, To: TWILIO_NUMBER }, 21266],
		['21001 for a misspelt parameter', { ...sms, StatusCallbak: 'https://hooks.example.com/s' }, 21001],
		['21004 for a MessagingServiceSid of the wrong shape', { To: LEAD, Body: 'x', MessagingServiceSid: 'MG123' }, 21004],
		['21005 for To given twice', { ...sms, To: [LEAD, '+14155552003'] }, 21005],
	])('CreateMessage: %s', async (_, params, code) => {
		const response = await fixture.api('POST', '/Messages.json', params);
		expect(errorOf(response)).toEqual([400, code]);
		expect(await fixture.client.messages()).toEqual([]);
	});

	it('names the offending parameter in the message', async () => {
		const response = await fixture.api('POST', '/Messages.json', { ...sms, ValidityPeriod: '0' });
		expect(errorOf(response)).toEqual([400, 21004]);
		expect(response.body?.message).toContain('ValidityPeriod');
	});

	it('21610 for a recipient who opted out, until they opt back in', async () => {
		await fixture.client.setOptOut(LEAD, true);
		expect(errorOf(await fixture.api('POST', '/Messages.json', sms))).toEqual([400, 21610]);
		await fixture.client.setOptOut(LEAD, false);
		expect((await fixture.api('POST', '/Messages.json', sms)).status).toBe(201);
	});

	it.each([
		['21201 when To is missing', { From: TWILIO_NUMBER, Url: 'https://hooks.example.com/v' }, 21201],
		['21213 when From is missing', { To: LEAD, Url: 'https://hooks.example.com/v' }, 21213],
		['21211 for an invalid To', { To: 'client:agent', From: TWILIO_NUMBER, Url: 'https://hooks.example.com/v' }, 21211],
		['21210 when From is not a number of the account', { To: LEAD, From: '+14155550199', Url: 'https://hooks.example.com/v' }, 21210],
		['21205 for an invalid Url', { To: LEAD, From: TWILIO_NUMBER, Url: 'hooks.example.com/v' }, 21205],
		['21205 without Url or Twiml', { To: LEAD, From: TWILIO_NUMBER }, 21205],
		['21003 for a MachineDetection value the docs do not list', { To: LEAD, From: TWILIO_NUMBER, Url: 'https://hooks.example.com/v', MachineDetection: 'Yes' }, 21003],
		['21004 for a Timeout over 600', { To: LEAD, From: TWILIO_NUMBER, Url: 'https://hooks.example.com/v', Timeout: '900' }, 21004],
		['21002 for a Record that is not a boolean', { To: LEAD, From: TWILIO_NUMBER, Url: 'https://hooks.example.com/v', Record: '1' }, 21002],
		['21007 for StatusCallbackEvent without StatusCallback', { To: LEAD, From: TWILIO_NUMBER, Url: 'https://hooks.example.com/v', StatusCallbackEvent: 'answered' }, 21007],
	])('CreateCall: %s', async (_, params, code) => {
		const response = await fixture.api('POST', '/Calls.json', params);
		expect(errorOf(response)).toEqual([400, code]);
		expect(await fixture.client.calls()).toEqual([]);
	});

	it('21008 for a JSON body instead of a form', async () => {
		const response = await fetch(`${fixture.sandbox.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
			method: 'POST',
			headers: { Authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(sms),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { code: number }).code).toBe(21008);
	});

	it('records each request with its validation result', async () => {
		await fixture.api('POST', '/Messages.json', { ...sms, To: 'nope' });
		const [request] = await fixture.client.requests('CreateMessage');
		expect(request).toMatchObject({ method: 'POST', status: 400, errorCode: 21211, accountSid: ACCOUNT_SID, params: { To: ['nope'] } });
		expect(request?.issues.map((issue) => [issue.parameter, issue.problem])).toEqual([['To', 'format']]);
	});
});

describe('resources', () => {
	it('creates, fetches and lists messages shaped like Twilio’s', async () => {
		const created = await fixture.api('POST', '/Messages.json', sms);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			account_sid: ACCOUNT_SID,
			from: TWILIO_NUMBER,
			to: LEAD,
			status: 'queued',
			direction: 'outbound-api',
			num_segments: '1',
			num_media: '0',
			api_version: '2010-04-01',
		});
		expect(String(created.body?.sid)).toMatch(/^SM[0-9a-f]{32}$/);
		expect(String(created.body?.date_created)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
		const fetched = await fixture.api('GET', `/Messages/${String(created.body?.sid)}.json`);
		expect(fetched.body?.sid).toBe(created.body?.sid);
		const listed = await fixture.api('GET', '/Messages.json', { To: LEAD, PageSize: '20' });
		expect(listed.body).toMatchObject({ page: 0, page_size: 20, start: 0, next_page_uri: null });
		expect((listed.body?.messages as unknown[]).length).toBe(1);
	});

	it('pages through a list with next_page_uri', async () => {
		for (let index = 0; index < 3; index++) await fixture.api('POST', '/Messages.json', { ...sms, Body: `message ${index}` });
		const first = await fixture.api('GET', '/Messages.json', { PageSize: '2' });
		const bodies = (first.body?.messages as { body: string }[]).map((message) => message.body);
		expect(bodies).toEqual(['message 2', 'message 1']);
		const next = String(first.body?.next_page_uri);
		const second = await fixture.client.rest({ username: ACCOUNT_SID, password: AUTH_TOKEN }, 'GET', next);
		expect((second.body?.messages as { body: string }[]).map((message) => message.body)).toEqual(['message 0']);
		expect(second.body?.next_page_uri).toBeNull();
	});

	it('sends through a messaging service: accepted without a sender, then queued from its pool', async () => {
		const created = await fixture.api('POST', '/Messages.json', { To: LEAD, Body: 'hi', MessagingServiceSid: MESSAGING_SERVICE_SID });
		expect(created.body).toMatchObject({ status: 'accepted', from: null, messaging_service_sid: MESSAGING_SERVICE_SID });
		const delivered = await fixture.client.waitForMessage((message) => message.status === 'delivered');
		expect(delivered.from).toBe(TWILIO_NUMBER);
		expect(delivered.history.map((step) => step.status)).toEqual(['accepted', 'queued', 'sending', 'sent', 'delivered']);
	});

	it('counts segments in num_segments', async () => {
		const long = await fixture.api('POST', '/Messages.json', { ...sms, Body: 'a'.repeat(161) });
		const unicode = await fixture.api('POST', '/Messages.json', { ...sms, Body: `Rappel: votre rendez-vous 👍 ${'x'.repeat(50)}` });
		expect([long.body?.num_segments, unicode.body?.num_segments]).toEqual(['2', '2']);
	});

	it('updates an incoming phone number’s webhooks through IncomingPhoneNumbers', async () => {
		const listed = await fixture.api('GET', '/IncomingPhoneNumbers.json', { PhoneNumber: TWILIO_NUMBER });
		const [number] = listed.body?.incoming_phone_numbers as { sid: string; sms_url: string }[];
		expect(number?.sms_url).toBe('');
		const updated = await fixture.api('POST', `/IncomingPhoneNumbers/${number?.sid ?? ''}.json`, {
			SmsUrl: 'https://n8n.example.com/webhook/sms',
			SmsMethod: 'POST',
			StatusCallback: 'https://n8n.example.com/webhook/status',
		});
		expect(updated.body).toMatchObject({ sms_url: 'https://n8n.example.com/webhook/sms', status_callback: 'https://n8n.example.com/webhook/status', phone_number: TWILIO_NUMBER });
	});

	it('provisions and releases numbers through IncomingPhoneNumbers', async () => {
		const bought = await fixture.api('POST', '/IncomingPhoneNumbers.json', { PhoneNumber: '+14155550123', VoiceUrl: 'https://n8n.example.com/webhook/voice' });
		expect(bought.status).toBe(201);
		expect(bought.body).toMatchObject({ phone_number: '+14155550123', voice_url: 'https://n8n.example.com/webhook/voice', voice_method: 'POST' });
		expect(errorOf(await fixture.api('POST', '/IncomingPhoneNumbers.json', { PhoneNumber: '+14155550123' }))).toEqual([400, 21422]);
		const byArea = await fixture.api('POST', '/IncomingPhoneNumbers.json', { AreaCode: '212' });
		expect(String(byArea.body?.phone_number)).toMatch(/^\+1212555\d{4}$/);
		expect((await fixture.api('DELETE', `/IncomingPhoneNumbers/${String(bought.body?.sid)}.json`)).status).toBe(204);
		const listed = await fixture.api('GET', '/IncomingPhoneNumbers.json');
		expect((listed.body?.incoming_phone_numbers as { phone_number: string }[]).map((number) => number.phone_number).sort()).toEqual([String(byArea.body?.phone_number), TWILIO_NUMBER].sort());
	});

	it('deletes a finished message but not one still being delivered', async () => {
		const created = await fixture.api('POST', '/Messages.json', sms);
		const sid = String(created.body?.sid);
		expect(errorOf(await fixture.api('DELETE', `/Messages/${sid}.json`))).toEqual([400, 20009]);
		await fixture.client.waitForMessage((message) => message.status === 'delivered');
		expect((await fixture.api('DELETE', `/Messages/${sid}.json`)).status).toBe(204);
		expect(errorOf(await fixture.api('GET', `/Messages/${sid}.json`))).toEqual([404, 20404]);
	});
});
