import axios from 'axios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { outputOf, type Execution, type WorkflowJson } from '../harness';
import { CallingTestBed } from './callingTestBed';
import { leadZoneAwake } from './leadZoneAwake';

const template = JSON.parse(readFileSync(join(__dirname, 'fixtures/voicemail-drop.workflow.json'), 'utf8')) as WorkflowJson;
const DROP = 'Voicemail Drop';
const RECORDING = 'https://cdn.example.com/sorry-we-missed-you.mp3';

const ACCOUNT_SID = `AC${'9e4f'.repeat(8)}`;
const AUTH_TOKEN = 'a7'.repeat(16);
const TWILIO_NUMBER = '+14155550100';
const TIME_SCALE = 0.1;
const OUTPUTS = ['Voicemail Left', 'Answered', 'Not Reached'] as const;

type Json = Record<string, unknown>;

/** The item's voicemail drop as it left the node's real outputs (after the loop back when a call was placed). */
function reported(execution: Execution, runIndex = 1): { output: (typeof OUTPUTS)[number]; voicemailDrop: Json } {
	const [callEnded, ...results] = outputOf(execution, DROP, runIndex);
	expect(callEnded).toEqual([]);
	const items = results.flatMap((jsons, index) => jsons.map((json) => ({ output: OUTPUTS[index], json })));
	expect(items).toHaveLength(1);
	return { output: items[0].output, voicemailDrop: items[0].json.voicemailDrop as Json };
}

describe('Voicemail Drop in a real n8n with the Twilio sandbox', () => {
	const bed = CallingTestBed.forSuite({ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [TWILIO_NUMBER] }, TIME_SCALE);
	let nextLine = 3500;
	const newNumber = (): string => `+1415555${nextLine++}`;

	async function run(lead: string, parameters: Json, posted: Json = {}, timeoutMs = 60_000): Promise<Execution> {
		const { id, path } = await bed.publish(template, DROP, parameters);
		const response = await axios.post(bed.n8n.api.webhookUrl(path), { first_name: 'Wendy', phone: lead, consent: true, timezone: leadZoneAwake(), ...posted });
		expect(response.data).toMatchObject({ ok: true });
		const [execution] = await bed.n8n.api.waitForExecutions(id, 1, timeoutMs);
		expect(execution.status).toBe('success');
		return execution;
	}

	it('a voicemail picks up: the recording plays after the greeting and its beep, then the call ends', async () => {
		const lead = newNumber();
		await bed.sandbox.client.setScenario({ number: lead, answerAfter: 12, voicemail: { greeting: 9 } });
		const { output, voicemailDrop } = reported(await run(lead, {}));
		expect(output).toBe('Voicemail Left');
		expect(voicemailDrop).toMatchObject({ outcome: 'voicemail-left', message: 'recording', answeredBy: 'machine_end_beep', callStatus: 'completed', leadNumber: lead, recoveredFromTwilio: false, reason: null });

		const [call] = await bed.sandbox.client.calls({ to: lead });
		expect(call.sid).toBe(voicemailDrop.callSid);
		expect(call.machineDetection).toBe('DetectMessageEnd');
		const kinds = call.transcript.map((entry) => entry.kind);
		expect(kinds).toEqual(['greeting', 'amd', 'play', 'hangup']);
		const play = call.transcript[2];
		expect(play).toMatchObject({ text: RECORDING, heardBy: 'voicemail' });
		// The greeting lasts 9 call seconds from the answer; the message starts after it and the beep.
		const answeredAt = call.transcript[0].offset;
		expect(play.offset - answeredAt).toBeGreaterThanOrEqual(9);
		expect(call.transcript[1].text).toMatch(/^AnsweredBy=machine_end_beep/);
	});

	it('a spoken message is read after the beep with the chosen voice and language', async () => {
		const lead = newNumber();
		await bed.sandbox.client.setScenario({ number: lead, answerAfter: 12, voicemail: { greeting: 4 } });
		const text = 'Hi Wendy, sorry we missed you. We will call again tomorrow.';
		const { output } = reported(await run(lead, { messageType: 'text', messageText: '=Hi {{ $json.contact.firstName }}, sorry we missed you. We will call again tomorrow.', options: { voice: 'Polly.Joanna', language: 'en-GB' } }));
		expect(output).toBe('Voicemail Left');
		const [call] = await bed.sandbox.client.calls({ to: lead });
		expect(call.transcript.find((entry) => entry.kind === 'say')).toMatchObject({ text, voice: 'Polly.Joanna', language: 'en-GB', heardBy: 'voicemail' });
	});

	it('a person picks up: they hear the short live message, not the recording', async () => {
		const lead = newNumber();
		await bed.sandbox.client.setScenario({ number: lead, answerAfter: 12, human: true });
		const { output, voicemailDrop } = reported(await run(lead, { personAnswers: 'liveMessage', liveMessageText: 'Hello, we will call you again in a few minutes.' }));
		expect(output).toBe('Answered');
		expect(voicemailDrop).toMatchObject({ outcome: 'person-answered', personOption: 'liveMessage', answeredBy: 'human', message: null });
		const [call] = await bed.sandbox.client.calls({ to: lead });
		expect(call.transcript.filter((entry) => entry.kind === 'say' || entry.kind === 'play').map((entry) => [entry.kind, entry.text, entry.heardBy])).toEqual([
			['say', 'Hello, we will call you again in a few minutes.', 'human'],
		]);
	});

	it('a person picks up and the option is to connect them: they are put through to the business', async () => {
		const lead = newNumber();
		const business = newNumber();
		await bed.sandbox.client.setScenario([
			{ number: lead, answerAfter: 12, human: true, talkFor: 20 },
			{ number: business, answerAfter: 2, human: true, talkFor: 15 },
		]);
		const { output, voicemailDrop } = reported(await run(lead, { personAnswers: 'connect', businessNumber: business }));
		expect(output).toBe('Answered');
		expect(voicemailDrop).toMatchObject({ outcome: 'person-answered', personOption: 'connect' });
		const [call] = await bed.sandbox.client.calls({ to: lead });
		expect(call.transcript.find((entry) => entry.kind === 'say')?.text).toBe('Hello, we are returning your call. Please hold while we connect you.');
		const [leg] = call.childCalls;
		expect(leg).toMatchObject({ to: business, from: TWILIO_NUMBER, status: 'completed' });
		expect(leg.transcript.some((entry) => entry.kind === 'bridge')).toBe(true);
	});

	it.each([
		['is busy', { busy: true }, 'busy'],
		['does not answer', { noAnswer: true }, 'no-answer'],
	])('the lead %s: Not Reached', async (_, scenario, reason) => {
		const lead = newNumber();
		await bed.sandbox.client.setScenario({ number: lead, ...scenario });
		const { output, voicemailDrop } = reported(await run(lead, { ringSeconds: 10 }));
		expect(output).toBe('Not Reached');
		expect(voicemailDrop).toMatchObject({ outcome: 'not-reached', reason, callStatus: reason });
	});

	it('without the lead\'s consent nobody is called, unless the check is turned off', async () => {
		const lead = newNumber();
		const refused = await run(lead, {}, { consent: false });
		expect(reported(refused, 0).voicemailDrop).toMatchObject({ outcome: 'not-reached', reason: 'no-consent', callSid: null });
		expect(await bed.sandbox.client.calls({ to: lead })).toEqual([]);

		await bed.sandbox.client.setScenario({ number: lead, answerAfter: 12, voicemail: { greeting: 3 } });
		const allowed = await run(lead, { requireConsent: false }, { consent: false });
		expect(reported(allowed).output).toBe('Voicemail Left');
		expect(await bed.sandbox.client.calls({ to: lead })).toHaveLength(1);
	});

	it('the final status callback is lost: after the maximum wait the outcome is read from Twilio', async () => {
		const lead = newNumber();
		await bed.sandbox.client.setScenario({ number: lead, answerAfter: 12, voicemail: { greeting: 5 } });
		await bed.sandbox.client.dropCallbacks({ number: lead, kinds: ['call-status'] });
		const startedAt = Date.now();
		const execution = await run(lead, { maxWaitMinutes: 1.25 }, {}, 200_000);
		const waitedSeconds = (Date.now() - startedAt) / 1000;
		console.log(`Voicemail Drop recovered the outcome from Twilio ${waitedSeconds.toFixed(1)} s after the request (maximum wait 75 s)`);
		expect(waitedSeconds).toBeGreaterThanOrEqual(74);
		const { output, voicemailDrop } = reported(execution);
		expect(output).toBe('Voicemail Left');
		expect(voicemailDrop).toMatchObject({ outcome: 'voicemail-left', answeredBy: 'machine_end_beep', callStatus: 'completed', recoveredFromTwilio: true });
		const [call] = await bed.sandbox.client.calls({ to: lead });
		expect(call.events.filter((event) => event.status === 'completed').map((event) => event.callback)).toEqual(['dropped']);
	}, 4 * 60_000);
});
