import { AGENT, LEAD, TWILIO_NUMBER, fixtureForSuite } from './sandboxFixture';

/**
 * <Number sendDigits> as Twilio runs it: the document is accepted, and once the dialled party
 * answers the keys are played to it (`w` waits half a second) before its `url` and the bridge.
 */

const fixture = fixtureForSuite(0.025);

it('keys the extension into the answered lead leg, then runs its url and bridges', async () => {
	fixture.receiver
		.on('/agent', `<Response><Dial action="/dial-done" callerId="${TWILIO_NUMBER}"><Number sendDigits="wwww123" url="/lead-answered">${LEAD}</Number></Dial></Response>`)
		.on('/lead-answered', '<Response><Say>This call may be recorded.</Say></Response>')
		.on('/dial-done', '<Response><Hangup/></Response>');
	await fixture.client.setScenario({ number: LEAD, human: true, talkFor: 3 });
	const response = await fixture.api('POST', '/Calls.json', { To: AGENT, From: TWILIO_NUMBER, Url: fixture.receiver.url('/agent') });
	expect(response.status).toBe(201);

	const done = await fixture.receiver.waitFor((request) => request.path === '/dial-done');
	expect(done.params).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'true' });
	const leg = await fixture.client.call(String(done.params.DialCallSid));
	const digits = leg.transcript.findIndex((entry) => entry.kind === 'play' && entry.text === 'digits wwww123');
	expect(digits).toBeGreaterThanOrEqual(0);
	expect(digits).toBeLessThan(leg.transcript.findIndex((entry) => entry.kind === 'say'));
	expect(digits).toBeLessThan(leg.transcript.findIndex((entry) => entry.kind === 'bridge'));
	const agent = await fixture.client.call(String(response.body?.sid));
	expect(agent.transcript.some((entry) => entry.kind === 'error')).toBe(false);
});

it('refuses keys Twilio cannot play, as Twilio does', async () => {
	fixture.receiver
		.on('/agent', `<Response><Dial callerId="${TWILIO_NUMBER}"><Number sendDigits="ext123">${LEAD}</Number></Dial></Response>`);
	await fixture.client.setScenario({ number: LEAD, human: true, talkFor: 1 });
	const response = await fixture.api('POST', '/Calls.json', { To: AGENT, From: TWILIO_NUMBER, Url: fixture.receiver.url('/agent'), StatusCallback: fixture.receiver.url('/status') });
	expect(response.status).toBe(201);
	await fixture.receiver.waitFor((request) => request.path === '/status' && request.params.CallStatus === 'completed');
	const agent = await fixture.client.call(String(response.body?.sid));
	const kinds = agent.transcript.map((entry) => entry.kind);
	expect(kinds).toContain('error');
	expect(kinds).not.toContain('bridge');
});
