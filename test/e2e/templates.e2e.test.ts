import axios from 'axios';

import { outputOf, startN8n, type Execution, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { configureTemplate, ensureCallbackStatusTable, ensureOptOutTable, isN8n1, selfWires, templateNodes, templates } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadZoneAwake } from './leadZoneAwake';

const ACCOUNT_SID = `AC${'f00d'.repeat(8)}`;
const AUTH_TOKEN = 'template-test-auth-token-0001';
const BUSINESS_NUMBER = '+14155550100';
const AGENT_NUMBER = '+14155550123';
const LEAD = '+14155552671';
/** A lead who never answers, and the business line and lead of the funnel whose call reports are lost. */
const LEAD_NO_ANSWER = '+14155552672';
const LATE_AGENT = '+14155550124';
const LATE_LEAD = '+14155552673';
const FUNNEL = 'Request-a-callback funnel (call business, then lead)';
const SCHEDULED = 'Scheduled callback (book a time, reminder, call business then lead)';
/** The lead who books a time on the scheduled-callback template. */
const BOOKING_LEAD = '+14155552674';

/** The funnel as shipped, but open around the clock so the test does not depend on when it runs. */
function openAllHours(template: WorkflowJson): WorkflowJson {
	const copy = structuredClone(template);
	for (const node of templateNodes(copy)) {
		if (node.type === 'n8n-nodes-callback.scheduleAttempt' && node.parameters) {
			Object.assign(node.parameters, { businessTimezone: 'UTC', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00', options: {} });
		}
	}
	return copy;
}

/** The funnel's copy for lost call reports: its own paths, LATE_AGENT, a 75 s maximum wait. */
function withLateReports(template: WorkflowJson): WorkflowJson {
	const copy = structuredClone(template);
	copy.name = `${String(copy.name)} (late reports)`;
	for (const node of templateNodes(copy)) {
		if ((node.type === 'n8n-nodes-callback.callbackRequestTrigger' || node.type === 'n8n-nodes-callback.smsReplyTrigger') && node.parameters) node.parameters.path = `${String(node.parameters.path)}-late`;
		if (node.type === 'n8n-nodes-callback.bridgeCall' && node.parameters?.operation !== 'readLateOutcome') {
			// n8n's wait tracker releases waits of over 70 s on time (shorter ones up to a minute late).
			Object.assign(node.parameters!, { agentNumbers: LATE_AGENT, maxWaitMinutes: 1.25 });
		}
	}
	return copy;
}

async function requestCallback(path: string, phone: string): Promise<void> {
	const response = await axios.post(n8nUrl(path), { first_name: 'Jane', last_name: 'Doe', phone, reason: 'Leaking water heater', timezone: leadZoneAwake(), consent: 'yes' });
	expect(response.data.ok).toBe(true);
}

let n8nUrl: (path: string) => string;

/** The node's outputs in its last run (on n8n 1.x a calling node runs again after its loop). */
function lastOutputOf(execution: Execution, node: string): ReturnType<typeof outputOf> {
	return outputOf(execution, node, (execution.data.resultData.runData[node]?.length ?? 1) - 1);
}

describe('template workflows in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	const published = new Map<string, StoredWorkflow>();
	/** A copy of the funnel on its own paths that calls LATE_AGENT and waits at most 75 s for a call's end. */
	let lateFunnel: StoredWorkflow;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario({ number: AGENT_NUMBER, answerAfter: 1, human: true, pressDigits: '1' });
		await sandbox.client.setScenario({ number: LEAD, answerAfter: 2, human: true, talkFor: 30 });
		await sandbox.client.setScenario({ number: LEAD_NO_ANSWER, noAnswer: true });
		await sandbox.client.setScenario({ number: LATE_AGENT, answerAfter: 1, human: true, pressDigits: '1' });
		await sandbox.client.setScenario({ number: LATE_LEAD, answerAfter: 2, human: true, talkFor: 30 });
		// Twilio's reports about the late business line's calls never arrive.
		await sandbox.client.dropCallbacks({ number: LATE_AGENT, kinds: ['call-status'] });
		n8n = await startN8n();
		n8nUrl = (path) => n8n.api.webhookUrl(path);
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		// n8n 2.x: the nodes make the "Callback statuses" table themselves; n8n 1.x: the user makes it and pastes its ID.
		const statusTableId = isN8n1(n8n.version) ? await ensureCallbackStatusTable(n8n) : undefined;
		const optOutTableId = isN8n1(n8n.version) ? await ensureOptOutTable(n8n) : undefined;
		// n8n 2.x: the booking template counts its slots and rate limits with an n8n API key.
		const dataTables = isN8n1(n8n.version) ? undefined : await n8n.api.createDataTablesCredential();
		for (const template of templates()) {
			const setUp = configureTemplate([FUNNEL, SCHEDULED].includes(template.name as string) ? openAllHours(template) : template, {
				twilioCredential: { id: credential.id, name: credential.name },
				statusTableId,
				optOutTableId,
				dataTablesCredential: dataTables === undefined ? undefined : { id: dataTables.id, name: dataTables.name },
			});
			published.set(template.name, await n8n.api.importAndActivate(setUp));
		}
		const funnel = templates().find((template) => template.name === FUNNEL)!;
		lateFunnel = await n8n.api.importAndActivate(
			withLateReports(configureTemplate(openAllHours(funnel), { twilioCredential: { id: credential.id, name: credential.name }, statusTableId, optOutTableId })),
		);
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	it('imports and publishes every template', () => {
		expect(published.size).toBe(templates().length);
		for (const [name, workflow] of published) expect({ name, active: workflow.active }).toEqual({ name, active: true });
	});

	it('runs the funnel: confirmation SMS, business called first, lead bridged, Complete and a thank-you SMS', async () => {
		const response = await axios.post(n8n.api.webhookUrl('request-a-callback'), {
			first_name: 'Jane',
			last_name: 'Doe',
			phone: LEAD,
			reason: 'Leaking water heater',
			timezone: leadZoneAwake(),
			consent: 'yes',
		});
		expect(response.data.ok).toBe(true);

		const confirmation = await sandbox.client.waitForMessage((message) => message.to === LEAD && /call you/i.test(message.body), 60_000);
		expect(confirmation.body).toContain('Jane');
		expect(confirmation.body).toContain('Reply STOP');

		const agentCall = await sandbox.client.waitForCall((call) => call.to === AGENT_NUMBER && call.status === 'completed', 120_000);
		expect(agentCall.from).toBe(BUSINESS_NUMBER);
		const thankYou = await sandbox.client.waitForMessage((message) => message.to === LEAD && /thank you/i.test(message.body), 120_000);
		expect(thankYou.body).toContain('Acme Plumbing');

		const funnel = published.get(FUNNEL)!;
		const [execution] = await n8n.api.waitForExecutions(funnel.id, 1, 60_000);
		expect(execution.status).toBe('success');
		const ran = Object.keys(execution.data.resultData.runData);
		expect(ran).toEqual(expect.arrayContaining(['Mark Pending', 'Confirmation SMS', 'Schedule Call', 'Call Business, Then Lead', 'Mark Complete', 'Thank-You SMS']));
		expect(ran).not.toContain('Mark Incomplete');

		const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${(await n8n.api.rest<{ id: string }>('GET', '/projects/personal')).id}/data-tables`);
		const statusTables = tables.data.filter((table) => table.name === 'Callback statuses');
		expect(statusTables).toHaveLength(1);
		const rows = await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${(await n8n.api.rest<{ id: string }>('GET', '/projects/personal')).id}/data-tables/${statusTables[0].id}/rows`);
		expect(rows.data.filter((row) => row.phone === LEAD).map((row) => row.status)).toEqual(['complete']);
	}, 5 * 60_000);
	it('books a time slot on the scheduled-callback template: confirmation with the time, then waits until 15 minutes before it (n8n 2.x)', async () => {
		if (isN8n1(n8n.version)) {
			expect(templates().map((template) => template.name)).not.toContain(SCHEDULED);
			return;
		}
		const zone = leadZoneAwake();
		const url = n8n.api.webhookUrl('book-a-callback');
		const list = await axios.get(url, { params: { slots: 1, timezone: zone } });
		const slots = (list.data as { slots: Array<{ start: string; time: string; zone: string; text: string }> }).slots;
		// Booked at least 30 minutes ahead, so a reminder is due 15 minutes before.
		const slot = slots.find((candidate) => Date.parse(candidate.start) >= Date.now() + 35 * 60_000);
		if (slot === undefined) throw new Error(`no slot 35 minutes or more ahead in ${zone}: ${JSON.stringify(slots.slice(0, 3))}`);
		const response = await axios.post(url, { first_name: 'Sam', phone: BOOKING_LEAD, preferredTime: slot.start, timezone: zone, consent: 'yes' });
		expect(response.data).toMatchObject({ ok: true, duplicate: false });

		const confirmation = await sandbox.client.waitForMessage((message) => message.to === BOOKING_LEAD && /call you/i.test(message.body), 60_000);
		// {{ecbt}} says a booked time on the lead's clock with its zone ("today at 2:00 PM JST"), however near it is.
		expect(confirmation.body).toMatch(new RegExp(`will call you (today|tomorrow|on \\w{3} \\d+ \\w{3}) at ${slot.time} ${slot.zone.replace(/[+]/g, '\\+')} from`));
		const workflow = published.get(SCHEDULED)!;
		const execution = await newestExecutionWhen(workflow.id, 0, (candidate) => candidate.status === 'waiting');
		expect(Date.parse(String(execution.waitTill))).toBe(Date.parse(slot.start) - 15 * 60_000);
		const ran = Object.keys(execution.data.resultData.runData);
		expect(ran).toEqual(['Booking Form', 'Business Settings', 'Mark Pending', 'Confirmation SMS', 'Wait for Reminder']);
		const [[booked]] = outputOf(execution, 'Booking Form');
		expect(booked).toMatchObject({ mode: 'scheduled', slot: { start: slot.start, text: slot.text, timezone: zone } });
		// Nobody is called before the booked time.
		expect((await sandbox.client.calls()).filter((call) => call.to === BOOKING_LEAD)).toEqual([]);
	}, 3 * 60_000);

	/** The workflow's newest execution after the `before` it had, once `ready` holds for it. */
	async function newestExecutionWhen(workflowId: string, before: number, ready: (execution: Execution) => boolean): Promise<Execution> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const summaries = await n8n.api.listExecutions(workflowId);
			// A running execution has no data to read yet.
			if (summaries.length > before && !['new', 'running'].includes(summaries[0].status)) {
				const newest = await n8n.api.getExecution(summaries[0].id);
				if (ready(newest)) return newest;
			}
			if (Date.now() > deadline) throw new Error(`no execution of workflow ${workflowId} became ready in 60 s; ${summaries.length} execution(s): ${summaries.map((summary) => `${summary.id}:${summary.status}`).join(', ')}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	it('on n8n 2.x the shipped templates have no node wired into itself; on 1.x the calling nodes loop back', () => {
		const wires = [...published.values()].flatMap((workflow) => selfWires(workflow));
		if (isN8n1(n8n.version)) expect(wires.length).toBeGreaterThan(0);
		else expect(wires).toEqual([]);
		console.log(`n8n ${n8n.version}: nodes wired into themselves in the published templates: ${wires.length === 0 ? 'none' : wires.join(', ')}`);
	});

	it('runs the funnel when the lead does not answer: Not Connected, Incomplete and a missed-call SMS, then waits for the next attempt', async () => {
		const funnel = published.get(FUNNEL)!;
		const before = (await n8n.api.listExecutions(funnel.id)).length;
		await requestCallback('request-a-callback', LEAD_NO_ANSWER);
		const missed = await sandbox.client.waitForMessage((message) => message.to === LEAD_NO_ANSWER && /tried to call you/i.test(message.body), 120_000);
		expect(missed.body).toContain('Acme Plumbing');

		const execution = await newestExecutionWhen(funnel.id, before, (candidate) => candidate.status === 'waiting' && 'Missed Call SMS' in candidate.data.resultData.runData);
		const [, connected, notConnected] = lastOutputOf(execution, 'Call Business, Then Lead');
		expect(connected).toEqual([]);
		expect(notConnected.map((item) => item.bridgeCall)).toMatchObject([{ outcome: 'lead-no-answer', connected: false }]);
		const ran = Object.keys(execution.data.resultData.runData);
		expect(ran).toEqual(expect.arrayContaining(['Mark Incomplete', 'Missed Call SMS', 'Schedule Call']));
		expect(ran).not.toContain('Mark Complete');
		expect(ran).not.toContain('Late Call Outcome');
	}, 5 * 60_000);

	it("runs the funnel when Twilio's report of the call's end is lost: after the maximum wait the outcome is read from Twilio, Complete and a thank-you SMS", async () => {
		const startedAt = Date.now();
		await requestCallback('request-a-callback-late', LATE_LEAD);
		const thankYou = await sandbox.client.waitForMessage((message) => message.to === LATE_LEAD && /thank you/i.test(message.body), 240_000);
		expect(thankYou.body).toContain('Acme Plumbing');
		const seconds = (Date.now() - startedAt) / 1000;
		console.log(`n8n ${n8n.version}: the funnel read the lost call outcome from Twilio and thanked the lead ${seconds.toFixed(1)} s after the request (maximum wait 75 s)`);
		expect(seconds).toBeGreaterThanOrEqual(74);

		const [execution] = await n8n.api.waitForExecutions(lateFunnel.id, 1, 60_000);
		expect(execution.status).toBe('success');
		// On n8n 1.x the calling node reads the outcome itself, in its run after the loop back.
		const [, connected] = lastOutputOf(execution, isN8n1(n8n.version) ? 'Call Business, Then Lead' : 'Late Call Outcome');
		expect(connected.map((item) => item.bridgeCall)).toMatchObject([{ outcome: 'connected', connected: true, recoveredFromTwilio: true, agentNumber: LATE_AGENT }]);
		expect(Object.keys(execution.data.resultData.runData)).toEqual(expect.arrayContaining(['Mark Complete', 'Thank-You SMS']));
		expect(Object.keys(execution.data.resultData.runData)).not.toContain('Mark Incomplete');
	}, 6 * 60_000);
});
