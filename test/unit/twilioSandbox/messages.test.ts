import { ACCOUNT_SID, LEAD, MESSAGING_SERVICE_SID, TWILIO_NUMBER, sleep, fixtureForSuite } from './sandboxFixture';

const fixture = fixtureForSuite();

async function send(params: Record<string, string>): Promise<string> {
	const response = await fixture.api('POST', '/Messages.json', { To: LEAD, From: TWILIO_NUMBER, Body: 'See you at 3 pm.', ...params });
	expect(response.status).toBe(201);
	return String(response.body?.sid);
}

describe('outbound message lifecycle', () => {
	it('goes queued → sending → sent → delivered and posts each step, signed, to StatusCallback', async () => {
		const sid = await send({ StatusCallback: fixture.receiver.url('/sms-status?lead=42') });
		await fixture.receiver.waitFor((request) => request.params.MessageStatus === 'delivered');
		const callbacks = fixture.receiver.at('/sms-status');
		expect(callbacks.map((request) => request.params.MessageStatus)).toEqual(['sending', 'sent', 'delivered']);
		for (const callback of callbacks) {
			expect(callback.method).toBe('POST');
			expect(callback.signatureValid).toBe(true);
			expect(callback.userAgent).toBe('TwilioProxy/1.1');
			expect(callback.params).toMatchObject({ MessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: TWILIO_NUMBER, To: LEAD, ApiVersion: '2010-04-01' });
			expect(callback.params.ErrorCode).toBeUndefined();
		}
		expect(callbacks[2]?.params.RawDlrDoneDate).toMatch(/^\d{10}$/);
		const fetched = await fixture.api('GET', `/Messages/${sid}.json`);
		expect(fetched.body).toMatchObject({ status: 'delivered', error_code: null });
		expect(fetched.body?.date_sent).not.toBeNull();
	});

	it('a signature checked against another token or URL does not validate (the check can fail)', async () => {
		await send({ StatusCallback: fixture.receiver.url('/sms-status') });
		const callback = await fixture.receiver.waitFor((request) => request.params.MessageStatus === 'delivered');
		const twilio = (await import('twilio')).default;
		expect(twilio.validateRequest(AUTH_TOKEN_OF_OTHER, callback.signature, callback.url, callback.params)).toBe(false);
		expect(twilio.validateRequest('f'.repeat(32), callback.signature, `${callback.url}?x=1`, callback.params)).toBe(false);
		expect(twilio.validateRequest('f'.repeat(32), callback.signature, callback.url, callback.params)).toBe(true);
	});

	it.each([
		['fail', ['failed'], 30008],
		['undelivered', ['sending', 'sent', 'undelivered'], 30003],
	] as const)('a number whose scenario says sms=%s ends %j with ErrorCode %d', async (outcome, statuses, code) => {
		await fixture.client.setScenario({ number: LEAD, sms: outcome });
		const sid = await send({ StatusCallback: fixture.receiver.url('/sms-status') });
		const last = statuses[statuses.length - 1];
		await fixture.receiver.waitFor((request) => request.params.MessageStatus === last);
		const callbacks = fixture.receiver.at('/sms-status');
		expect(callbacks.map((request) => request.params.MessageStatus)).toEqual(statuses);
		expect(callbacks[callbacks.length - 1]?.params.ErrorCode).toBe(String(code));
		const fetched = await fixture.api('GET', `/Messages/${sid}.json`);
		expect(fetched.body).toMatchObject({ status: last, error_code: code });
	});

	it('posts the queued step too when a messaging service picks the sender', async () => {
		await fixture.api('POST', '/Messages.json', { To: LEAD, Body: 'hi', MessagingServiceSid: MESSAGING_SERVICE_SID, StatusCallback: fixture.receiver.url('/sms-status') });
		await fixture.receiver.waitFor((request) => request.params.MessageStatus === 'delivered');
		const callbacks = fixture.receiver.at('/sms-status');
		expect(callbacks.map((request) => request.params.MessageStatus)).toEqual(['queued', 'sending', 'sent', 'delivered']);
		expect(callbacks.every((request) => request.params.MessagingServiceSid === MESSAGING_SERVICE_SID && request.params.From === TWILIO_NUMBER)).toBe(true);
	});

	it('drops the status callbacks of a number when told to; fetching the message still shows the outcome', async () => {
		await fixture.client.dropCallbacks({ number: LEAD });
		const sid = await send({ StatusCallback: fixture.receiver.url('/sms-status') });
		const message = await fixture.client.waitForMessage((candidate) => candidate.sid === sid && candidate.status === 'delivered');
		await sleep(50);
		expect(fixture.receiver.at('/sms-status')).toEqual([]);
		expect(message.history.map((step) => step.status)).toEqual(['queued', 'sending', 'sent', 'delivered']);
		const webhooks = await fixture.client.webhooks({ kind: 'message-status', sid });
		expect(webhooks.map((webhook) => webhook.dropped)).toEqual([true, true, true]);
		expect((await fixture.api('GET', `/Messages/${sid}.json`)).body?.status).toBe('delivered');
	});

	it('records a Debugger warning when the status callback fails', async () => {
		fixture.receiver.on('/sms-status', { status: 500, body: 'boom' });
		await send({ StatusCallback: fixture.receiver.url('/sms-status') });
		await fixture.receiver.waitFor((request) => request.params.MessageStatus === 'delivered');
		await sleep(30);
		const notifications = await fixture.client.notifications();
		expect(notifications.length).toBe(3);
		expect(notifications.every((record) => record.errorCode === '11200' && record.log === '1')).toBe(true);
	});
});

describe('inbound SMS', () => {
	beforeEach(async () => {
		await fixture.client.registerNumber({ phoneNumber: TWILIO_NUMBER, smsUrl: fixture.receiver.url('/sms') });
	});

	it('posts the message, signed, to the number’s SmsUrl with Twilio’s parameters, and sends the TwiML reply', async () => {
		fixture.receiver.on('/sms', '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks, we will call you back.</Message></Response>');
		const result = await fixture.client.injectSms({ from: LEAD, to: TWILIO_NUMBER, body: 'Can you call me at 5?' });
		const [request] = fixture.receiver.at('/sms');
		expect(request?.signatureValid).toBe(true);
		expect(request?.params).toMatchObject({
			MessageSid: result.message.sid,
			SmsSid: result.message.sid,
			SmsMessageSid: result.message.sid,
			AccountSid: ACCOUNT_SID,
			MessagingServiceSid: MESSAGING_SERVICE_SID,
			From: LEAD,
			To: TWILIO_NUMBER,
			Body: 'Can you call me at 5?',
			NumMedia: '0',
			NumSegments: '1',
			SmsStatus: 'received',
			FromCountry: 'US',
			ApiVersion: '2010-04-01',
		});
		expect(result.replies.map((reply) => [reply.direction, reply.from, reply.to, reply.body])).toEqual([
			['outbound-reply', TWILIO_NUMBER, LEAD, 'Thanks, we will call you back.'],
		]);
		const inbound = await fixture.api('GET', `/Messages/${result.message.sid}.json`);
		expect(inbound.body).toMatchObject({ direction: 'inbound', status: 'received', from: LEAD, to: TWILIO_NUMBER });
	});

	it('STOP opts the sender out (21610 afterwards, OptOutType on the webhook), START opts back in', async () => {
		fixture.receiver.on('/sms', '<Response/>');
		const stop = await fixture.client.injectSms({ from: LEAD, to: TWILIO_NUMBER, body: ' stop ' });
		expect(fixture.receiver.at('/sms')[0]?.params.OptOutType).toBe('STOP');
		expect(stop.autoReply?.body).toContain('unsubscribed');
		const refused = await fixture.api('POST', '/Messages.json', { To: LEAD, From: TWILIO_NUMBER, Body: 'Still there?' });
		expect(refused.status).toBe(400);
		expect(refused.body?.code).toBe(21610);
		await fixture.client.injectSms({ from: LEAD, to: TWILIO_NUMBER, body: 'START' });
		const accepted = await fixture.api('POST', '/Messages.json', { To: LEAD, From: TWILIO_NUMBER, Body: 'Welcome back' });
		expect(accepted.status).toBe(201);
	});

	it('a TwiML reply to an opted-out sender is refused with a 21610 Debugger record', async () => {
		fixture.receiver.on('/sms', '<Response><Message>We are sorry to see you go</Message></Response>');
		const result = await fixture.client.injectSms({ from: LEAD, to: TWILIO_NUMBER, body: 'STOP' });
		expect(result.replies).toEqual([]);
		expect((await fixture.client.notifications()).map((record) => record.errorCode)).toEqual(['21610']);
	});

	it('an answer that is not TwiML sends nothing and leaves a 12300 warning', async () => {
		fixture.receiver.on('/sms', { contentType: 'application/json', body: '{"message":"Workflow was started"}' });
		const result = await fixture.client.injectSms({ from: LEAD, to: TWILIO_NUMBER, body: 'hello' });
		expect(result.replies).toEqual([]);
		expect((await fixture.client.notifications()).map((record) => [record.errorCode, record.log])).toEqual([['12300', '1']]);
	});

	it('invalid messaging TwiML leaves a 12200 error', async () => {
		fixture.receiver.on('/sms', '<Response><Say>Hi</Say></Response>');
		await fixture.client.injectSms({ from: LEAD, to: TWILIO_NUMBER, body: 'hello' });
		expect((await fixture.client.notifications()).map((record) => record.errorCode)).toEqual(['12200']);
	});
});

const AUTH_TOKEN_OF_OTHER = 'e'.repeat(32);
