import axios from 'axios';

import { startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { configureTemplate, template, templateNodes } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadZoneAwake } from '../e2e/leadZoneAwake';

/**
 * The scheduled-callback template in a real n8n, on the real clock: a lead books a slot at least
 * 30 minutes ahead, gets the confirmation with its time, the reminder 15 minutes before it and
 * the call at the booked time. It waits as long as the product does (30 to 45 minutes), so it
 * runs on its own: `npm run test:realtime`.
 */
const N8N_VERSION = '2.41.1';
const ACCOUNT_SID = `AC${'7117'.repeat(8)}`;
const AUTH_TOKEN = 'realtime-test-auth-token-0001';
const BUSINESS_NUMBER = '+14155550100';
const AGENT_NUMBER = '+14155550123';
const LEAD = '+14155552699';
const MINUTE = 60_000;
/** n8n's wait tracker looks for due executions once a minute. */
const WAKE_UP_SLACK_MS = 90_000;

interface SlotLabel {
	start: string;
	time: string;
	zone: string;
	text: string;
}

/** The template as shipped, open around the clock (so the test runs whenever) with 15-minute slots. */
function scheduledTemplate(twilio: { id: string; name: string }, dataTables: { id: string; name: string }): WorkflowJson {
	const copy = configureTemplate(template('06-scheduled-callback.json', N8N_VERSION), { twilioCredential: twilio, dataTablesCredential: dataTables });
	for (const node of templateNodes(copy)) {
		if (node.type === 'n8n-nodes-callback.scheduleAttempt' && node.parameters) {
			Object.assign(node.parameters, { businessTimezone: 'UTC', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00', options: {} });
		}
		if (node.type === 'n8n-nodes-callback.callbackRequestTrigger' && node.parameters) node.parameters.slotMinutes = '15';
	}
	return copy;
}

describe(`a booked callback on the real clock, in a real n8n ${N8N_VERSION}`, () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let workflow: StoredWorkflow;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario({ number: AGENT_NUMBER, answerAfter: 1, human: true, pressDigits: '1' });
		await sandbox.client.setScenario({ number: LEAD, answerAfter: 2, human: true, talkFor: 30 });
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		const twilio = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		const dataTables = await n8n.api.createDataTablesCredential();
		workflow = await n8n.api.importAndActivate(scheduledTemplate({ id: twilio.id, name: twilio.name }, { id: dataTables.id, name: dataTables.name }));
		await n8n.api.waitForWebhook('book-a-callback', undefined, true);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	it('confirms the booked time, reminds 15 minutes before it and calls at it: business first, then the lead', async () => {
		const zone = leadZoneAwake();
		const url = n8n.api.webhookUrl('book-a-callback');
		const slots = ((await axios.get(url, { params: { slots: 1, timezone: zone } })).data as { slots: SlotLabel[] }).slots;
		const slot = slots.find((candidate) => Date.parse(candidate.start) >= Date.now() + 31 * MINUTE);
		if (slot === undefined) throw new Error(`no slot 31 minutes or more ahead in ${zone}`);
		const slotStart = Date.parse(slot.start);
		const booked = await axios.post(url, { first_name: 'Sam', phone: LEAD, preferredTime: slot.start, timezone: zone, consent: 'yes' });
		expect(booked.data).toMatchObject({ ok: true });
		const bookedAt = Date.now();
		process.stderr.write(`[realtime] booked ${slot.text} (${zone}), ${((slotStart - bookedAt) / MINUTE).toFixed(1)} minutes ahead\n`);

		const confirmation = await sandbox.client.waitForMessage((message) => message.to === LEAD && /will call you/.test(message.body), 60_000);
		expect(confirmation.body).toContain(`at ${slot.time} ${slot.zone} from`);

		const reminder = await sandbox.client.waitForMessage((message) => message.to === LEAD && /within 15 minutes/.test(message.body), slotStart - Date.now());
		const remindedAt = Date.now();
		process.stderr.write(`[realtime] reminder ${((slotStart - remindedAt) / MINUTE).toFixed(2)} minutes before the slot: "${reminder.body}"\n`);
		expect(remindedAt).toBeGreaterThanOrEqual(slotStart - 15 * MINUTE);
		expect(remindedAt).toBeLessThanOrEqual(slotStart - 15 * MINUTE + WAKE_UP_SLACK_MS);
		// Nobody was called before the booked time.
		expect((await sandbox.client.calls()).filter((call) => call.to === AGENT_NUMBER || call.to === LEAD)).toEqual([]);

		const businessCall = await sandbox.client.waitForCall((call) => call.to === AGENT_NUMBER, slotStart - Date.now() + 3 * MINUTE);
		const calledAt = Date.now();
		process.stderr.write(`[realtime] business called ${((calledAt - slotStart) / 1000).toFixed(1)} s after the slot's start\n`);
		expect(calledAt).toBeGreaterThanOrEqual(slotStart);
		expect(calledAt).toBeLessThanOrEqual(slotStart + WAKE_UP_SLACK_MS);
		expect(businessCall.from).toBe(BUSINESS_NUMBER);
		const thankYou = await sandbox.client.waitForMessage((message) => message.to === LEAD && /thank you/i.test(message.body), 3 * MINUTE);
		expect(thankYou.body).toContain('Acme Plumbing');
		const leadCall = (await sandbox.client.calls()).find((call) => call.to === LEAD);
		expect(leadCall?.from).toBe(BUSINESS_NUMBER);

		const [execution] = await n8n.api.waitForExecutions(workflow.id, 1, 2 * MINUTE);
		const ran = Object.keys(execution.data.resultData.runData);
		expect(ran).toEqual(expect.arrayContaining(['Booking Form', 'Mark Pending', 'Confirmation SMS', 'Wait for Reminder', 'Reminder SMS', 'Schedule Call', 'Still Open?', 'Call Business, Then Lead', 'Mark Complete', 'Thank-You SMS']));
	}, 60 * MINUTE);
});
