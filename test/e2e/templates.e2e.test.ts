import axios from 'axios';

import { startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { configureTemplate, ensureCallbackStatusTable, templateNodes, templates } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadZoneAwake } from './leadZoneAwake';

const ACCOUNT_SID = `AC${'f00d'.repeat(8)}`;
const AUTH_TOKEN = 'template-test-auth-token-0001';
const BUSINESS_NUMBER = '+14155550100';
const AGENT_NUMBER = '+14155550123';
const LEAD = '+14155552671';
const FUNNEL = 'Request-a-callback funnel (call business, then lead)';

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

describe('template workflows in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	const published = new Map<string, StoredWorkflow>();

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario({ number: AGENT_NUMBER, answerAfter: 1, human: true, pressDigits: '1' });
		await sandbox.client.setScenario({ number: LEAD, answerAfter: 2, human: true, talkFor: 30 });
		n8n = await startN8n();
		const credential = await n8n.api.createCredential({
			name: 'Twilio',
			type: 'callbackTwilioApi',
			data: { accountSid: ACCOUNT_SID, authType: 'authToken', authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl },
		});
		const statusTableId = await ensureCallbackStatusTable(n8n);
		for (const template of templates()) {
			const setUp = configureTemplate(template.name === FUNNEL ? openAllHours(template) : template, {
				twilioCredential: { id: credential.id, name: credential.name },
				statusTableId,
			});
			published.set(template.name, await n8n.api.importAndActivate(setUp));
		}
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
	}, 5 * 60_000);
});
