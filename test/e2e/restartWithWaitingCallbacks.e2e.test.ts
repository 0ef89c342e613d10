import axios from 'axios';
import { DateTime } from 'luxon';

import { startN8n, type N8nHandle, type StoredWorkflow } from '../harness';
import { allDayFunnel, configureTemplate } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadLineAwake } from './leadLineAwake';

/**
 * n8n restarted while 50 callbacks wait for their booked time: after the restart every one of
 * them is placed, each exactly once. Nobody on the team answers (real-time rings), so each
 * callback rings the team once, texts its lead once that it was missed and waits for its next
 * attempt: every step of the first attempt happens once per callback.
 */
const ACCOUNT_SID = `AC${'5e57'.repeat(8)}`;
const AUTH_TOKEN = 'restart-test-auth-token-000001';
const BUSINESS_NUMBER = '+14155550100';
const TEAM = '+14155550123';
const LEADS = 50;

describe('n8n restarted while 50 callbacks wait', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let funnel: StoredWorkflow;
	const line = leadLineAwake();
	const leads = Array.from({ length: LEADS }, (_, index) => line.phone(5000 + index));

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario({ number: TEAM, noAnswer: true });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		funnel = await n8n.api.importAndActivate(configureTemplate(allDayFunnel(line.country), { twilioCredential: { id: credential.id, name: credential.name } }));
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	it('places every one of them once after the restart', async () => {
		// Booked for a whole minute 4 to 5 minutes ahead, after the restart: each waits in n8n's database.
		const slot = DateTime.now().setZone(line.zone).plus({ minutes: 5 }).startOf('minute');
		for (const lead of leads) {
			const response = await axios.post(n8n.api.webhookUrl('request-a-callback'), { first_name: 'Lee', phone: lead, preferred_time: slot.toISO(), timezone: line.zone, consent: 'yes' });
			expect(response.data.ok).toBe(true);
		}
		const deadline = Date.now() + 200_000;
		let waiting = 0;
		while (waiting < LEADS && Date.now() < deadline) {
			waiting = (await n8n.api.listExecutions(funnel.id)).filter((execution) => execution.status === 'waiting').length;
			if (waiting < LEADS) await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		expect(waiting).toBe(LEADS);
		expect(await sandbox.client.calls()).toEqual([]);
		// The restart comes before the booked time.
		expect(slot.diffNow().as('seconds')).toBeGreaterThan(30);

		await n8n.restart();
		console.log(`restarted n8n with ${waiting} callbacks waiting for ${slot.toISO()}`);

		// Each callback rings the team (who do not answer), then texts its lead and waits for the next attempt.
		const missedTexts = async () => (await sandbox.client.messages()).filter((message) => leads.includes(message.to) && /tried to call you/i.test(message.body));
		const until = slot.toMillis() + 4 * 60_000;
		while ((await missedTexts()).length < LEADS && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 2000));
		const texts = await missedTexts();
		const calls = await sandbox.client.calls();
		const teamCalls = calls.filter((call) => call.to === TEAM);
		/** The waiting execution each team call reports to (its status callback URL names it). */
		const executionOfCall = (call: { statusCallback?: string | null }) => /\/webhook-waiting\/(\d+)\//.exec(String(call.statusCallback ?? ''))?.[1] ?? 'none';
		const callsPerExecution = new Map<string, number>();
		for (const call of teamCalls) callsPerExecution.set(executionOfCall(call), (callsPerExecution.get(executionOfCall(call)) ?? 0) + 1);
		const textsPerLead = new Map<string, number>();
		for (const text of texts) textsPerLead.set(text.to, (textsPerLead.get(text.to) ?? 0) + 1);
		const first = Math.min(...teamCalls.map((call) => Date.parse(call.dateCreated)));
		console.log(
			`after the restart: ${teamCalls.length} team calls from ${callsPerExecution.size} executions, ${texts.length} missed-call texts to ${textsPerLead.size} leads; the first call ${((first - slot.toMillis()) / 1000).toFixed(1)} s after the booked time`,
		);
		expect(callsPerExecution.size).toBe(LEADS);
		expect([...callsPerExecution.values()].filter((count) => count !== 1)).toEqual([]);
		expect(textsPerLead.size).toBe(LEADS);
		expect([...textsPerLead.values()].filter((count) => count !== 1)).toEqual([]);
		expect(calls.filter((call) => leads.includes(call.to))).toEqual([]);
		expect(first).toBeGreaterThanOrEqual(slot.toMillis());
	}, 15 * 60_000);
});
