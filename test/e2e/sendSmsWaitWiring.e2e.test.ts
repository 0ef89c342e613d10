import axios from 'axios';
import { DateTime } from 'luxon';

import { startN8n, type Execution, type ExecutionSummary, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { configureTemplate, ensureCallbackStatusTable, templateNodes, templates } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';

const ACCOUNT_SID = `AC${'ab5e'.repeat(8)}`;
const AUTH_TOKEN = 'wait-wiring-test-auth-token-01';
const BUSINESS_NUMBER = '+14155550100';
const FUNNEL = 'Request-a-callback funnel (call business, then lead)';
const CONFIRMATION = 'Confirmation SMS';
const SCHEDULE_CALL = 'Schedule Call';

/** Send SMS's outputs, the same whatever its options. */
const WINDOW_OPEN = 0;
const SENT = 1;
const NOT_SENT = 2;

interface Connection {
	node: string;
	type: string;
	index: number;
}
type Wires = Record<string, { main: Connection[][] }>;

/**
 * A fixed-offset zone (Etc/GMT±N) where the lead's clock shows `hour` now, so the test does not
 * depend on when it runs. Etc/GMT names count the other way round: Etc/GMT-3 is UTC+3.
 */
function zoneWhereItIs(hour: number): string {
	const offset = ((hour - DateTime.utc().hour + 36) % 24) - 12;
	if (offset === 0) return 'Etc/GMT';
	return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/**
 * The funnel as a user has it after switching Confirmation SMS's "Outside the Texting Window" to
 * "Wait Until the Window Opens" in the editor, and nothing else; its triggers listen on paths of
 * their own so that two copies can be published side by side.
 */
function funnelWaitingForTheWindow(name: string, pathPrefix: string): WorkflowJson {
	const funnel = structuredClone(templates().find((template) => template.name === FUNNEL)!);
	for (const node of templateNodes(funnel)) {
		if (node.name === CONFIRMATION) node.parameters = { ...node.parameters, quietHours: 'wait' };
		if (node.type === 'n8n-nodes-callback.callbackRequestTrigger' || node.type === 'n8n-nodes-callback.smsReplyTrigger') node.parameters = { ...node.parameters, path: `${pathPrefix}-${String(node.parameters?.path)}` };
	}
	return { ...funnel, name };
}

describe("Send SMS with Wait Until Allowed switched on keeps the funnel's connections (real n8n, Twilio sandbox)", () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	/** As the user leaves it: no wire from "Resume" back into Confirmation SMS. */
	let unwired: StoredWorkflow;
	/** The same, with "Resume" wired back into Confirmation SMS as the node's notice asks. */
	let wired: StoredWorkflow;
	const shippedWires = (templates().find((template) => template.name === FUNNEL)!.connections as Wires)[CONFIRMATION].main;

	/** Each test's lead has a number of its own, so executions and texts never mix. */
	let nextLine = 2700;
	const newLead = (): string => `+1415555${nextLine++}`;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		const setup = { twilioCredential: { id: credential.id, name: credential.name }, statusTableId: await ensureCallbackStatusTable(n8n) };
		unwired = await n8n.api.importAndActivate(configureTemplate(funnelWaitingForTheWindow('Funnel, texts wait, no wire back', 'unwired'), setup));
		const withWire = configureTemplate(funnelWaitingForTheWindow('Funnel, texts wait, wired back', 'wired'), setup);
		(withWire.connections as Wires)[CONFIRMATION].main[WINDOW_OPEN] = [{ node: CONFIRMATION, type: 'main', index: 0 }];
		wired = await n8n.api.importAndActivate(withWire);
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** Posts the lead to the funnel's hosted-form trigger. */
	async function requestCallback(workflowPath: string, phone: string, timezone: string): Promise<void> {
		const response = await axios.post(n8n.api.webhookUrl(`${workflowPath}-request-a-callback`), { first_name: 'Wendy', phone, timezone, consent: 'yes' });
		expect(response.data).toMatchObject({ ok: true });
	}

	/** The workflow's newest execution once it is in one of `statuses`, decoded. */
	async function executionIn(workflow: StoredWorkflow, count: number, statuses: string[], timeoutMs = 60_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		let seen: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			seen = await n8n.api.listExecutions(workflow.id);
			if (seen.length >= count && statuses.includes(seen[0].status)) return await n8n.api.getExecution(seen[0].id);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`no execution ${count} of "${workflow.name}" in ${statuses.join('/')} after ${timeoutMs} ms; seen: ${seen.map((execution) => `${execution.id}:${execution.status}`).join(', ')}`);
	}

	const textsTo = async (phone: string) => (await sandbox.client.requests('CreateMessage')).filter((record) => record.params.To?.[0] === phone);

	it('the switch moves no wire: Sent and Not Sent still lead to Schedule Call, Resume to nothing', async () => {
		const stored = (await n8n.api.getWorkflow(unwired.id)).connections as Wires;
		expect(shippedWires).toEqual([[], [{ node: SCHEDULE_CALL, type: 'main', index: 0 }], [{ node: SCHEDULE_CALL, type: 'main', index: 0 }]]);
		expect(stored[CONFIRMATION].main).toEqual(shippedWires);
		const node = (await n8n.api.getWorkflow(unwired.id)).nodes.find((candidate) => (candidate as { name: string }).name === CONFIRMATION) as { parameters: Record<string, unknown> };
		expect(node.parameters.quietHours).toBe('wait');
	});

	it('a lead inside their window gets the confirmation, and the execution goes on from Sent to Schedule Call', async () => {
		const phone = newLead();
		const zone = zoneWhereItIs(12);
		await requestCallback('unwired', phone, zone);
		const message = await sandbox.client.waitForMessage((candidate) => candidate.to === phone, 60_000);
		expect(message.body).toContain('Hi Wendy, Acme Plumbing will call you');

		// Schedule Call then waits for the attempt time, or the calls begin: either way it ran.
		const execution = await executionIn(unwired, 1, ['waiting', 'success', 'error']);
		const runs = execution.data.resultData.runData;
		expect(runs[CONFIRMATION][0].error).toBeUndefined();
		const outputs = runs[CONFIRMATION][0].data!.main;
		expect(outputs[SENT]!.map((item) => (item.json.sms as Record<string, unknown>).sid)).toEqual([message.sid]);
		expect([outputs[WINDOW_OPEN], outputs[NOT_SENT]]).toEqual([[], []]);
		expect(runs[SCHEDULE_CALL]?.[0].source).toEqual([expect.objectContaining({ previousNode: CONFIRMATION, previousNodeOutput: SENT })]);
	});

	it('a lead who replied STOP is not texted, and the execution goes on from Not Sent to Schedule Call', async () => {
		const phone = newLead();
		await sandbox.client.setOptOut(phone, true, ACCOUNT_SID);
		await requestCallback('unwired', phone, zoneWhereItIs(12));
		const execution = await executionIn(unwired, 2, ['waiting', 'success', 'error']);
		const runs = execution.data.resultData.runData;
		const outputs = runs[CONFIRMATION][0].data!.main;
		expect(outputs[NOT_SENT]!.map((item) => item.json.sms)).toEqual([expect.objectContaining({ reason: 'opted-out', twilioCode: 21610 })]);
		expect([outputs[WINDOW_OPEN], outputs[SENT]]).toEqual([[], []]);
		expect(runs[SCHEDULE_CALL]?.[0].source).toEqual([expect.objectContaining({ previousNode: CONFIRMATION, previousNodeOutput: NOT_SENT })]);
		expect(await sandbox.client.messages({ to: phone })).toEqual([]);
	});

	it('a lead outside their window, with no wire back: the execution fails naming the missing wire, and no text is sent', async () => {
		const phone = newLead();
		await requestCallback('unwired', phone, zoneWhereItIs(3));
		const execution = await executionIn(unwired, 3, ['error', 'success', 'waiting']);
		expect(execution.status).toBe('error');
		expect(execution.data.resultData.error?.message).toBe(
			`The "Resume" output of "${CONFIRMATION}" is not connected back to "${CONFIRMATION}" itself. Connect it to this node's own input, then run again; nothing was placed or sent.`,
		);
		expect(execution.data.resultData.lastNodeExecuted).toBe(CONFIRMATION);
		expect(Object.keys(execution.data.resultData.runData)).not.toContain(SCHEDULE_CALL);
		expect(await textsTo(phone)).toEqual([]);
		expect(await sandbox.client.messages({ to: phone })).toEqual([]);
	});

	it('with "Resume" wired back into Confirmation SMS, the execution waits until 08:00 on the lead\'s clock and sends nothing yet', async () => {
		const phone = newLead();
		const zone = zoneWhereItIs(3);
		await requestCallback('wired', phone, zone);
		const execution = await executionIn(wired, 1, ['waiting', 'error', 'success']);
		expect(execution.status).toBe('waiting');
		const opensAt = DateTime.now().setZone(zone).set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
		expect(new Date(execution.waitTill!).toISOString()).toBe(opensAt.toUTC().toISO());
		expect(execution.data.resultData.lastNodeExecuted).toBe(CONFIRMATION);
		expect(Object.keys(execution.data.resultData.runData)).not.toContain(SCHEDULE_CALL);
		// The item n8n hands on through "Resume" when the wait ends: the text still to send.
		const [handedOn] = execution.data.executionData!.nodeExecutionStack[0].data.main[0]!;
		expect(handedOn.json.sms).toMatchObject({ status: 'waiting', reason: 'outside-calling-window', opensAt: opensAt.toUTC().toISO(), leadTimezone: zone });
		expect(await textsTo(phone)).toEqual([]);
	});
});
