import axios from 'axios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

import { outputOf, type Execution, type StoredCredential, type WorkflowJson } from '../harness';
import type { SandboxCall } from '../twilioSandbox';
import { template as shippedTemplate } from '../harness/templates';
import { CallingTestBed } from './callingTestBed';
import { leadZoneAwake } from './leadZoneAwake';

const template = JSON.parse(readFileSync(join(__dirname, 'fixtures/bridge-call.workflow.json'), 'utf8')) as WorkflowJson;
const BRIDGE = 'Bridge Call';

const ACCOUNT_SID = `AC${'7c1d'.repeat(8)}`;
const AUTH_TOKEN = 'd4'.repeat(16);
const API_KEY = { sid: `SK${'3b8e'.repeat(8)}`, secret: 'bridge-call-api-key-secret' };
const TWILIO_NUMBER = '+14155550100';
/** A second number of the account: the one the lead called, shown back to them as caller ID. */
const LINE_THE_LEAD_CALLED = '+14155550101';
/** One call second takes this many real seconds. */
const TIME_SCALE = 0.1;

type Json = Record<string, unknown>;

/**
 * The item's bridge call as it left the node's real outputs, in the node's last run: run 1 after
 * a loop back through Call Ended, run 0 when the result went straight to its output (n8n 2.39+).
 */
function reported(execution: Execution): { output: 'Connected' | 'Not Connected'; bridgeCall: Json } {
	const [callEnded, connected, notConnected] = outputOf(execution, BRIDGE, execution.data.resultData.runData[BRIDGE].length - 1);
	expect(callEnded).toEqual([]);
	const items = [...connected.map((json) => ({ output: 'Connected' as const, json })), ...notConnected.map((json) => ({ output: 'Not Connected' as const, json }))];
	expect(items).toHaveLength(1);
	return { output: items[0].output, bridgeCall: items[0].json.bridgeCall as Json };
}

function transcript(call: SandboxCall | SandboxCall['childCalls'][number]): string[] {
	return call.transcript.filter((entry) => ['say', 'play', 'digits', 'amd', 'bridge', 'hangup'].includes(entry.kind)).map((entry) => `${entry.kind}${entry.heardBy ? ` (${entry.heardBy})` : ''}: ${entry.text}`);
}

describe('Bridge Call in a real n8n with the Twilio sandbox', () => {
	const bed = CallingTestBed.forSuite({ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKeys: [API_KEY], phoneNumbers: [TWILIO_NUMBER, LINE_THE_LEAD_CALLED] }, TIME_SCALE);

	let nextLine = 3000;
	/** Every test has its own numbers, so calls and scenarios never mix. */
	const newNumber = (): string => `+1415555${nextLine++}`;

	/** Imports and activates the template with these Bridge Call parameters; returns its id and trigger path. */
	async function workflowWith(parameters: Json, twilio?: StoredCredential): Promise<{ id: string; path: string }> {
		return await bed.publish(template, BRIDGE, parameters, twilio);
	}

	async function requestCallback(path: string, lead: string, extra: Json = {}): Promise<void> {
		const response = await axios.post(bed.n8n.api.webhookUrl(path), { first_name: 'Wendy', last_name: 'Lee', phone: lead, reason: 'billing', consent: true, attempt: 2, timezone: leadZoneAwake(), ...extra });
		expect(response.data).toMatchObject({ ok: true });
	}

	async function finished(workflowId: string, timeoutMs = 60_000): Promise<Execution> {
		const [execution] = await bed.n8n.api.waitForExecutions(workflowId, 1, timeoutMs);
		expect(execution.status).toBe('success');
		return execution;
	}

	/** The business call once it is over: the node resumes while the business still hears its goodbye. */
	async function endedCall(to: string): Promise<SandboxCall> {
		return await bed.sandbox.client.waitForCall((call) => call.to === to && call.parentCallSid === null && ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(call.status));
	}

	async function waitingExecution(workflowId: string): Promise<Execution> {
		for (let tries = 0; tries < 120; tries++) {
			const waiting = (await bed.n8n.api.listExecutions(workflowId)).find((execution) => execution.status === 'waiting');
			if (waiting) return await bed.n8n.api.getExecution(waiting.id);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`workflow ${workflowId} has no waiting execution`);
	}

	it('the business presses 1 and the lead answers: Connected, with the whisper, the notice, durations and the recording', async () => {
		const agent = newNumber();
		const lead = newNumber();
		await bed.sandbox.client.setScenario([
			// Picks up at once: before n8n has stored the execution as waiting, which the node allows for.
			{ number: agent, answerAfter: 1, pressDigits: '1' },
			{ number: lead, answerAfter: 3, human: true, talkFor: 40 },
		]);
		const workflow = await workflowWith({ agentNumbers: agent, record: true });
		await requestCallback(workflow.path, lead, { called_number: LINE_THE_LEAD_CALLED });
		const execution = await finished(workflow.id);

		const { output, bridgeCall } = reported(execution);
		expect(output).toBe('Connected');
		expect(bridgeCall).toMatchObject({
			connected: true,
			outcome: 'connected',
			attempt: 2,
			agentNumber: agent,
			agentsTried: 1,
			leadNumber: lead,
			callerId: LINE_THE_LEAD_CALLED,
			dialCallStatus: 'completed',
			leadAnsweredBy: 'human',
			recoveredFromTwilio: false,
		});
		expect(bridgeCall.talkSeconds).toBeGreaterThanOrEqual(40);
		expect(String(bridgeCall.recordingUrl)).toMatch(/\/Recordings\/RE[0-9a-f]{32}$/);
		// About 65 call seconds (ringing, whisper, key, ringing, detection, notice, 40 s of talk) at 0.1 s each.
		expect(Number(bridgeCall.totalSeconds)).toBeGreaterThanOrEqual(3);
		expect(Number(bridgeCall.totalSeconds)).toBeLessThan(60);
		expect(outputOf(execution, 'Connected')[0]).toHaveLength(1);
		expect(execution.data.resultData.runData['Not Connected']).toBeUndefined();

		const agentCall = await endedCall(agent);
		expect(agentCall.sid).toBe(bridgeCall.agentCallSid);
		expect(agentCall.from).toBe(TWILIO_NUMBER);
		expect(transcript(agentCall)).toEqual([
			'say (human): Callback request from Wendy Lee about billing. Press 1 to connect.',
			'digits: 1',
			`bridge: bridged with ${lead} (${String(bridgeCall.leadCallSid)})`,
			'say (human): The call has ended. Goodbye.',
			'hangup: <Hangup>',
		]);
		const [leadLeg] = agentCall.childCalls;
		expect(leadLeg).toMatchObject({ sid: bridgeCall.leadCallSid, to: lead, from: LINE_THE_LEAD_CALLED, answeredBy: 'human' });
		expect(transcript(leadLeg)).toEqual(['amd: AnsweredBy=human after 2.5 s', 'say (human): This call may be recorded for quality purposes.', `bridge: bridged with ${agent} (${agentCall.sid})`]);
	});

	it.each([
		['does not answer', 'lead-no-answer', { noAnswer: true }, 'no-answer', 'Wendy Lee did not answer. The callback was not connected. Goodbye.'],
		['is busy', 'lead-busy', { busy: true }, 'busy', 'Wendy Lee was busy. The callback was not connected. Goodbye.'],
		['has voicemail pick up', 'lead-voicemail', { voicemail: { greeting: 8 } }, 'completed', "Wendy Lee's voicemail answered, so the callback was not connected. Goodbye."],
	])('the lead %s: Not Connected as %s', async (_, outcome, leadScenario, dialCallStatus, toldTheBusiness) => {
		const agent = newNumber();
		const lead = newNumber();
		await bed.sandbox.client.setScenario([{ number: agent, answerAfter: 15, pressDigits: '1' }, { number: lead, ...leadScenario }]);
		const workflow = await workflowWith({ agentNumbers: agent, leadRingSeconds: 12 });
		await requestCallback(workflow.path, lead);
		const { output, bridgeCall } = reported(await finished(workflow.id));
		expect(output).toBe('Not Connected');
		expect(bridgeCall).toMatchObject({ connected: false, outcome, dialCallStatus, attempt: 2, agentNumber: agent, leadNumber: lead, callerId: TWILIO_NUMBER, talkSeconds: null });

		const agentCall = await endedCall(agent);
		expect(transcript(agentCall).slice(-2)).toEqual([`say (human): ${toldTheBusiness}`, 'hangup: <Hangup>']);
		const [leadLeg] = agentCall.childCalls;
		expect(leadLeg.to).toBe(lead);
		// Nobody was joined to a voicemail: it was hung up on once detection heard a machine.
		expect(leadLeg.transcript.some((entry) => entry.kind === 'bridge')).toBe(false);
		if (outcome === 'lead-voicemail') expect(bridgeCall.leadAnsweredBy).toBe('machine_start');
	});

	it('the first business number does not answer and the second presses 1: Connected through the second', async () => {
		const [first, second, lead] = [newNumber(), newNumber(), newNumber()];
		await bed.sandbox.client.setScenario([{ number: first, noAnswer: true }, { number: second, answerAfter: 5, pressDigits: '1' }, { number: lead, human: true, talkFor: 20 }]);
		const workflow = await workflowWith({ agentNumbers: `${first}, ${second}`, agentRingSeconds: 10 });
		await requestCallback(workflow.path, lead);
		const { output, bridgeCall } = reported(await finished(workflow.id));
		expect(output).toBe('Connected');
		expect(bridgeCall).toMatchObject({ agentNumber: second, agentsTried: 2, leadNumber: lead });
		expect((await bed.sandbox.client.calls({ to: first }))[0].status).toBe('no-answer');
	});

	it('nobody at the business presses 1: Not Connected as agent-unavailable, and the lead is never called', async () => {
		const [first, second, lead] = [newNumber(), newNumber(), newNumber()];
		await bed.sandbox.client.setScenario([
			{ number: first, busy: true },
			{ number: second, answerAfter: 5, pressDigits: null },
		]);
		const workflow = await workflowWith({ agentNumbers: `${first}\n${second}`, agentRingSeconds: 10 });
		await requestCallback(workflow.path, lead);
		const { output, bridgeCall } = reported(await finished(workflow.id));
		expect(output).toBe('Not Connected');
		expect(bridgeCall).toMatchObject({ outcome: 'agent-unavailable', agentsTried: 2, agentNumber: second, agentCallStatus: 'completed', leadCallSid: null, recoveredFromTwilio: false });
		const secondCall = await endedCall(second);
		expect(transcript(secondCall)).toEqual([
			'say (human): Callback request from Wendy Lee about billing. Press 1 to connect.',
			'say (human): The callback was not connected. Goodbye.',
			'hangup: <Hangup>',
		]);
		expect(secondCall.transcript.find((entry) => entry.kind === 'say')).toMatchObject({ voice: 'man', language: 'en-US' });
		expect(await bed.sandbox.client.calls({ to: lead })).toEqual([]);
	});

	it('a request to the resume URL without a valid Twilio signature is refused with 403 and resumes nothing', async () => {
		const agent = newNumber();
		const lead = newNumber();
		await bed.sandbox.client.setScenario({ number: agent, noAnswer: true });
		const workflow = await workflowWith({ agentNumbers: agent, agentRingSeconds: 600 });
		await requestCallback(workflow.path, lead);
		const waiting = await waitingExecution(workflow.id);
		const placed = outputOf(waiting, BRIDGE)[0][0].bridgeCall as { agentCallSid: string; urls: Array<Record<string, string>> };
		const { dialDone, agentStatus } = placed.urls[0];
		expect(new URL(dialDone).pathname.startsWith(`/webhook-waiting/${waiting.id}/`)).toBe(true);

		const forged = { AccountSid: ACCOUNT_SID, CallSid: placed.agentCallSid, DialCallStatus: 'completed', DialBridged: 'true', DialCallDuration: '60', DialCallSid: `CA${'0'.repeat(32)}` };
		const post = (url: string, params: Record<string, string>, signature?: string) =>
			axios.post(url, new URLSearchParams(params).toString(), {
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(signature === undefined ? {} : { 'X-Twilio-Signature': signature }) },
				validateStatus: () => true,
			});
		const attempts = [
			await post(dialDone, forged),
			await post(dialDone, forged, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='),
			await post(dialDone, forged, getExpectedTwilioSignature('e5'.repeat(16), dialDone, forged)),
			await post(dialDone, forged, getExpectedTwilioSignature(AUTH_TOKEN, agentStatus, forged)),
			await post(dialDone, forged, getExpectedTwilioSignature(AUTH_TOKEN, dialDone, { ...forged, DialCallStatus: 'busy' })),
		];
		expect(attempts.map((response) => response.status)).toEqual([403, 403, 403, 403, 403]);
		const still = await bed.n8n.api.getExecution(waiting.id);
		expect(still.status).toBe('waiting');
		expect(still.data.resultData.runData[BRIDGE]).toHaveLength(1);

		// Signed with the account's auth token, the same kind of request is taken: a status that is not final yet is answered and resumes nothing.
		const ringing = { AccountSid: ACCOUNT_SID, CallSid: placed.agentCallSid, CallStatus: 'ringing' };
		const accepted = await post(agentStatus, ringing, getExpectedTwilioSignature(AUTH_TOKEN, agentStatus, ringing));
		expect(accepted.status).toBe(200);
		expect((await bed.n8n.api.getExecution(waiting.id)).status).toBe('waiting');
		// The business call is stopped; Twilio's own final status ends the attempt.
		await bed.sandbox.client.rest({ username: ACCOUNT_SID, password: AUTH_TOKEN }, 'POST', `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${placed.agentCallSid}.json`, { Status: 'canceled' });
		const { bridgeCall } = reported(await finished(workflow.id));
		expect(bridgeCall).toMatchObject({ outcome: 'agent-unavailable', agentCallStatus: 'canceled' });
	});

	it('with an API key, the auth token kept for webhook signatures checks Twilio\'s requests; without it nobody is called', async () => {
		const data = { accountSid: ACCOUNT_SID, authType: 'apiKey', apiKeySid: API_KEY.sid, apiKeySecret: API_KEY.secret, baseUrl: bed.sandbox.baseUrl };
		const withToken = await bed.n8n.api.createCredential({ name: 'Twilio API key', type: 'callbackTwilioApi', data: { ...data, webhookAuthToken: AUTH_TOKEN } });
		const withoutToken = await bed.n8n.api.createCredential({ name: 'Twilio API key only', type: 'callbackTwilioApi', data });
		const [agent, otherAgent, lead] = [newNumber(), newNumber(), newNumber()];
		await bed.sandbox.client.setScenario({ number: agent, answerAfter: 5, pressDigits: '2' });

		const checked = await workflowWith({ agentNumbers: agent }, withToken);
		await requestCallback(checked.path, lead);
		const { bridgeCall } = reported(await finished(checked.id));
		// The whisper, the key press and the final callback all passed the signature check.
		expect(bridgeCall).toMatchObject({ outcome: 'agent-unavailable', agentCallStatus: 'completed' });
		expect(transcript(await endedCall(agent))).toContain('digits: 2');

		const unchecked = await workflowWith({ agentNumbers: otherAgent }, withoutToken);
		await requestCallback(unchecked.path, lead);
		const [failed] = await bed.n8n.api.waitForExecutions(unchecked.id, 1, 30_000);
		expect(failed.status).toBe('error');
		expect(failed.data.resultData.error?.message).toMatch(/no "Auth Token \(for Webhook Signatures\)"/);
		expect(await bed.sandbox.client.calls({ to: otherAgent })).toEqual([]);
	});

	it('the template: nobody at the business accepts, so the lead gets a voicemail, in one execution with two waits', async () => {
		const agent = newNumber();
		const lead = newNumber();
		await bed.sandbox.client.setScenario([
			{ number: agent, answerAfter: 5, pressDigits: '2' },
			{ number: lead, answerAfter: 12, voicemail: { greeting: 4 } },
		]);
		const callingTemplate = shippedTemplate('05-bridge-call-and-voicemail-drop.json');
		const workflow = await bed.publish(callingTemplate, BRIDGE, { agentNumbers: agent });
		const response = await axios.post(bed.n8n.api.webhookUrl(workflow.path), { first_name: 'Wendy', phone: lead, reason: 'a leaking tap', consent: true, timezone: leadZoneAwake() });
		expect(response.data).toMatchObject({ ok: true });
		const execution = await finished(workflow.id);

		expect(reported(execution)).toMatchObject({ output: 'Not Connected', bridgeCall: { outcome: 'agent-unavailable', agentNumber: agent } });
		const [, left] = outputOf(execution, 'Voicemail Drop', execution.data.resultData.runData['Voicemail Drop'].length - 1);
		expect(left).toHaveLength(1);
		expect(left[0].voicemailDrop).toMatchObject({ outcome: 'voicemail-left', message: 'text', leadNumber: lead });
		const voicemail = await bed.sandbox.client.waitForCall((call) => call.to === lead && call.status === 'completed');
		expect(voicemail.transcript.find((entry) => entry.kind === 'say')).toMatchObject({
			text: 'Hi Wendy, this is Acme Plumbing returning your call. Sorry we missed you; we will try you again soon.',
			heardBy: 'voicemail',
		});
	});

	it('the final status callback is lost: after the maximum wait the outcome is read from Twilio', async () => {
		const agent = newNumber();
		const lead = newNumber();
		await bed.sandbox.client.setScenario({ number: agent, answerAfter: 15, pressDigits: null });
		await bed.sandbox.client.dropCallbacks({ number: agent, kinds: ['call-status'] });
		// n8n's wait tracker releases waits of over 70 s on time (shorter ones up to a minute late).
		const workflow = await workflowWith({ agentNumbers: agent, maxWaitMinutes: 1.25 });
		const startedAt = Date.now();
		await requestCallback(workflow.path, lead);
		const execution = await finished(workflow.id, 200_000);
		const waitedSeconds = (Date.now() - startedAt) / 1000;
		console.log(`Bridge Call recovered the outcome from Twilio ${waitedSeconds.toFixed(1)} s after the request (maximum wait 75 s)`);
		expect(waitedSeconds).toBeGreaterThanOrEqual(74);

		const { output, bridgeCall } = reported(execution);
		expect(output).toBe('Not Connected');
		expect(bridgeCall).toMatchObject({ outcome: 'agent-unavailable', recoveredFromTwilio: true, agentNumber: agent, agentCallStatus: 'completed' });
		const [agentCall] = await bed.sandbox.client.calls({ to: agent });
		expect(agentCall.events.filter((event) => event.status === 'completed').map((event) => event.callback)).toEqual(['dropped']);
		// Run 0 is the wait ending on time: the placed call went out of Call Ended and back in.
		expect((outputOf(execution, BRIDGE, 0)[0][0].bridgeCall as Json).phase).toBe('placed');
	}, 4 * 60_000);
});
