import { AGENT, LEAD, TWILIO_NUMBER, fixtureForSuite } from './sandboxFixture';

/**
 * <Number machineDetection> as Twilio runs it: the dialled leg is held after it answers until
 * detection decides, then its `url` is requested with AnsweredBy, and the leg's record keeps
 * answered_by. A <Hangup/> from that url ends the leg before it is bridged.
 */

const fixture = fixtureForSuite(0.025);

const dialWithDetection = (leadUrl: string): string => `<Response>
	<Dial action="/dial-done" timeout="20" callerId="${TWILIO_NUMBER}">
		<Number url="${leadUrl}" machineDetection="Enable">${LEAD}</Number>
	</Dial>
</Response>`;

async function dialLead(): Promise<{ agentSid: string }> {
	fixture.receiver
		.on('/agent', dialWithDetection(fixture.receiver.url('/lead-answered')))
		.on('/lead-answered', (request) => (String(request.params.AnsweredBy).startsWith('machine') ? '<Response><Hangup/></Response>' : '<Response><Say>This call may be recorded.</Say></Response>'))
		.on('/dial-done', '<Response><Hangup/></Response>');
	const response = await fixture.api('POST', '/Calls.json', { To: AGENT, From: TWILIO_NUMBER, Url: fixture.receiver.url('/agent'), StatusCallback: fixture.receiver.url('/status') });
	expect(response.status).toBe(201);
	return { agentSid: String(response.body?.sid) };
}

it('a voicemail on the lead side: the url hears machine_start and hangs up before the bridge', async () => {
	await fixture.client.setScenario({ number: LEAD, voicemail: { greeting: 6 } });
	await dialLead();
	const done = await fixture.receiver.waitFor((request) => request.path === '/dial-done');
	expect(fixture.receiver.at('/lead-answered')[0]?.params.AnsweredBy).toBe('machine_start');
	expect(done.params).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'false' });
	const leg = await fixture.client.call(String(done.params.DialCallSid));
	expect(leg.answeredBy).toBe('machine_start');
	expect(leg.transcript.some((entry) => entry.kind === 'bridge')).toBe(false);
	expect((await fixture.api('GET', `/Calls/${leg.sid}.json`)).body?.answered_by).toBe('machine_start');
});

it('a person on the lead side: the url hears human after detection, then the legs are bridged', async () => {
	await fixture.client.setScenario({ number: LEAD, human: true, talkFor: 4 });
	await dialLead();
	const done = await fixture.receiver.waitFor((request) => request.path === '/dial-done');
	expect(fixture.receiver.at('/lead-answered')[0]?.params.AnsweredBy).toBe('human');
	expect(done.params).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'true' });
	const leg = await fixture.client.call(String(done.params.DialCallSid));
	expect(leg.transcript.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['amd', 'say', 'bridge']));
	const amd = leg.transcript.findIndex((entry) => entry.kind === 'amd');
	expect(amd).toBeLessThan(leg.transcript.findIndex((entry) => entry.kind === 'say'));
});

it('without machineDetection a dialled leg has no detection and no AnsweredBy', async () => {
	fixture.receiver
		.on('/agent', `<Response><Dial action="/dial-done" callerId="${TWILIO_NUMBER}"><Number url="/lead-answered">${LEAD}</Number></Dial></Response>`)
		.on('/lead-answered', '<Response/>')
		.on('/dial-done', '<Response><Hangup/></Response>');
	await fixture.client.setScenario({ number: LEAD, voicemail: { greeting: 2 }, talkFor: 2 });
	await fixture.api('POST', '/Calls.json', { To: AGENT, From: TWILIO_NUMBER, Url: fixture.receiver.url('/agent') });
	const done = await fixture.receiver.waitFor((request) => request.path === '/dial-done');
	expect(fixture.receiver.at('/lead-answered')[0]?.params.AnsweredBy).toBeUndefined();
	expect(done.params.DialBridged).toBe('true');
});
