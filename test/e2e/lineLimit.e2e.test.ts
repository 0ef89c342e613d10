import axios from 'axios';

import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadZoneAwake } from './leadZoneAwake';

/** Lines are leased in a Data Table over n8n's public API, which n8n 2.x has. */
const N8N_VERSION = '2.41.1';
const ACCOUNT_SID = `AC${'11e5'.repeat(8)}`;
const AUTH_TOKEN = 'line-limit-auth-token-000001';
const BUSINESS_NUMBER = '+14155550190';
const AGENT_NUMBER = '+14155550191';
const LEADS = ['+14155552681', '+14155552682', '+14155552683'];
/** On one line: a call in progress, an ordinary callback that waits first, then a VIP's. */
const ONE_LINE = { busy: '+14155552687', ordinary: '+14155552688', vip: '+14155552689' };
/** The team line the one-line workflow rings (its own, so each test counts its own calls). */
const ONE_LINE_AGENT = '+14155550192';

function lineLimitWorkflow(twilio: { id: string; name: string }, dataTables: { id: string; name: string }, path = 'two-lines', lines: Record<string, unknown> = { maxLines: 2 }): WorkflowJson {
	const credentials = { callbackTwilioApi: twilio, callbackN8nApi: dataTables };
	return {
		name: `Lines ${path}`,
		nodes: [
			{ parameters: { path, duplicateWindowMinutes: 0 }, name: 'Callback Request', type: 'n8n-nodes-callback.callbackRequestTrigger', typeVersion: 1, position: [0, 0], id: `${path}-trigger`, webhookId: `${path}-webhook` },
			{
				parameters: { agentNumbers: AGENT_NUMBER, from: BUSINESS_NUMBER, useN8nApi: true, limitLines: true, ...lines, options: {} },
				name: 'Call Business, Then Lead',
				type: 'n8n-nodes-callback.bridgeCall',
				typeVersion: 1,
				position: [300, 0],
				id: `${path}-bridge`,
				webhookId: `${path}-bridge-webhook`,
				credentials,
			},
			{ parameters: { operation: 'readLateOutcome' }, name: 'Late Call Outcome', type: 'n8n-nodes-callback.bridgeCall', typeVersion: 1, position: [600, -200], id: `${path}-late`, credentials },
			{ parameters: {}, name: 'Connected', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 0], id: `${path}-connected` },
			{ parameters: {}, name: 'Not Connected', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 150], id: `${path}-not-connected` },
			{ parameters: { resume: 'timeInterval', amount: 3, unit: 'seconds' }, name: 'Wait for a Free Line', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [600, 300], id: `${path}-wait`, webhookId: `${path}-wait-webhook` },
		],
		connections: {
			'Callback Request': { main: [[{ node: 'Call Business, Then Lead', type: 'main', index: 0 }]] },
			'Call Business, Then Lead': {
				main: [
					[{ node: 'Late Call Outcome', type: 'main', index: 0 }],
					[{ node: 'Connected', type: 'main', index: 0 }],
					[{ node: 'Not Connected', type: 'main', index: 0 }],
					[{ node: 'Wait for a Free Line', type: 'main', index: 0 }],
				],
			},
			'Wait for a Free Line': { main: [[{ node: 'Call Business, Then Lead', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** A callback waits 8 seconds before its call; the workflow is unpublished meanwhile. */
function unpublishedWhileWaiting(twilio: { id: string; name: string }, dataTables: { id: string; name: string }): WorkflowJson {
	const credentials = { callbackTwilioApi: twilio, callbackN8nApi: dataTables };
	return {
		name: 'Unpublished while waiting',
		nodes: [
			{ parameters: { path: 'unpublished', duplicateWindowMinutes: 0 }, name: 'Callback Request', type: 'n8n-nodes-callback.callbackRequestTrigger', typeVersion: 1, position: [0, 0], id: 'unpublished-trigger', webhookId: 'unpublished-webhook' },
			{ parameters: { resume: 'timeInterval', amount: 8, unit: 'seconds' }, name: 'Wait for the Attempt', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [250, 0], id: 'unpublished-wait', webhookId: 'unpublished-wait-webhook' },
			{
				parameters: { agentNumbers: AGENT_NUMBER, from: BUSINESS_NUMBER, useN8nApi: true, options: {} },
				name: 'Call Business, Then Lead',
				type: 'n8n-nodes-callback.bridgeCall',
				typeVersion: 1,
				position: [500, 0],
				id: 'unpublished-bridge',
				webhookId: 'unpublished-bridge-webhook',
				credentials,
			},
			{ parameters: { operation: 'readLateOutcome' }, name: 'Late Call Outcome', type: 'n8n-nodes-callback.bridgeCall', typeVersion: 1, position: [750, -200], id: 'unpublished-late', credentials },
			{ parameters: {}, name: 'Connected', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [750, 0], id: 'unpublished-connected' },
			{ parameters: {}, name: 'Not Connected', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [750, 150], id: 'unpublished-not-connected' },
		],
		connections: {
			'Callback Request': { main: [[{ node: 'Wait for the Attempt', type: 'main', index: 0 }]] },
			'Wait for the Attempt': { main: [[{ node: 'Call Business, Then Lead', type: 'main', index: 0 }]] },
			'Call Business, Then Lead': {
				main: [[{ node: 'Late Call Outcome', type: 'main', index: 0 }], [{ node: 'Connected', type: 'main', index: 0 }], [{ node: 'Not Connected', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** The most calls that were up at the same moment, from their start and end times. */
function mostAtOnce(calls: Array<{ startTime: string | null; endTime: string | null }>): number {
	const events = calls.flatMap((call) => [
		{ at: Date.parse(String(call.startTime)), change: 1 },
		{ at: Date.parse(String(call.endTime)), change: -1 },
	]);
	// An end and a start at the same instant: the end first.
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let up = 0;
	let most = 0;
	for (const event of events) {
		up += event.change;
		most = Math.max(most, up);
	}
	return most;
}

describe(`a limit of simultaneous callback calls in a real n8n ${N8N_VERSION}`, () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let workflow: StoredWorkflow;
	let unpublished: StoredWorkflow;
	let oneLine: StoredWorkflow;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario([
			{ number: AGENT_NUMBER, answerAfter: 1, human: true, pressDigits: '1' },
			{ number: ONE_LINE_AGENT, answerAfter: 1, human: true, pressDigits: '1' },
			...[...LEADS, ...Object.values(ONE_LINE)].map((number) => ({ number, answerAfter: 1, human: true, talkFor: 120 })),
		]);
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		const dataTables = await n8n.api.createDataTablesCredential();
		const twilio = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		workflow = await n8n.api.importAndActivate(lineLimitWorkflow({ id: twilio.id, name: twilio.name }, { id: dataTables.id, name: dataTables.name }));
		unpublished = await n8n.api.importAndActivate(unpublishedWhileWaiting({ id: twilio.id, name: twilio.name }, { id: dataTables.id, name: dataTables.name }));
		// One line; the form's reason field marks the VIP here (a CRM tag or the trigger's Priority Field would do the same).
		oneLine = await n8n.api.importAndActivate(
			lineLimitWorkflow({ id: twilio.id, name: twilio.name }, { id: dataTables.id, name: dataTables.name }, 'one-line', {
				maxLines: 1,
				agentNumbers: ONE_LINE_AGENT,
				lineTable: 'callback_lines_vip',
				linePriority: '={{ $json.reason === "VIP" ? "high" : "normal" }}',
			}),
		);
		await n8n.api.waitForWebhook('two-lines');
		await n8n.api.waitForWebhook('unpublished');
		await n8n.api.waitForWebhook('one-line');
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	it('with 2 lines, a third callback at the same time waits for a free line, then is placed; never more than 2 calls at once', async () => {
		const zone = leadZoneAwake();
		const answers = await Promise.all(LEADS.map((phone, index) => axios.post(n8n.api.webhookUrl('two-lines'), { first_name: `Lead${index}`, phone, timezone: zone, consent: 'yes' })));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);

		const executions = await n8n.api.waitForExecutions(workflow.id, 3, 240_000);
		for (const execution of executions.filter((candidate) => candidate.status !== 'success')) {
			process.stderr.write(`[line limit] execution ${execution.id} ${execution.status}: ${String((execution.data.resultData.error as { message?: string } | undefined)?.message)}\n`);
		}
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success', 'success']);
		const connected = executions.filter((execution) => execution.data.resultData.runData.Connected !== undefined);
		expect(connected).toHaveLength(3);
		const waited = executions.filter((execution) => execution.data.resultData.runData['Wait for a Free Line'] !== undefined);
		const waits = waited.map((execution) => execution.data.resultData.runData['Wait for a Free Line'].length);
		process.stderr.write(`[line limit] executions that waited for a free line: ${waited.length}, waits each: ${JSON.stringify(waits)}\n`);
		expect(waited.length).toBeGreaterThanOrEqual(1);

		// The business line's calls, each up from its start until the bridged lead hung up.
		const businessCalls = (await sandbox.client.calls({ to: AGENT_NUMBER })).filter((call) => call.direction === 'outbound-api');
		expect(businessCalls).toHaveLength(3);
		const most = mostAtOnce(businessCalls.map((call) => ({ startTime: String(call.startTime ?? call.dateCreated), endTime: String(call.endTime) })));
		process.stderr.write(`[line limit] most business calls up at once: ${most} (limit 2)\n`);
		expect(most).toBe(2);

		// Every line is free again.
		const { id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
		const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${projectId}/data-tables`);
		const table = tables.data.find((candidate) => candidate.name === 'callback_lines')!;
		const rows = await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${projectId}/data-tables/${table.id}/rows`);
		expect(rows.data.map((row) => row.holder ?? '')).toEqual(rows.data.map(() => ''));
	}, 6 * 60_000);

	it('on one busy line, a VIP callback that came later is placed before an ordinary one already waiting', async () => {
		const zone = leadZoneAwake();
		const request = async (phone: string, reason: string) =>
			await axios.post(n8n.api.webhookUrl('one-line'), { first_name: 'Lead', phone, reason, timezone: zone, consent: 'yes' });
		await request(ONE_LINE.busy, 'Boiler');
		await sandbox.client.waitForCall((call) => call.to === ONE_LINE.busy && call.status === 'in-progress', 60_000);
		await request(ONE_LINE.ordinary, 'Leak');
		// The ordinary callback found the line in use and waits before the VIP asks.
		const deadline = Date.now() + 60_000;
		while ((await n8n.api.listAllExecutions(oneLine.id)).filter((execution) => execution.status === 'waiting').length < 1) {
			if (Date.now() > deadline) throw new Error('the ordinary callback never waited for a free line');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await request(ONE_LINE.vip, 'VIP');
		const executions = await n8n.api.waitForExecutions(oneLine.id, 3, 240_000);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success', 'success']);
		const leadCalls = (await sandbox.client.calls()).filter((call) => Object.values(ONE_LINE).includes(call.to));
		const order = leadCalls.sort((a, b) => Date.parse(String(a.startTime ?? a.dateCreated)) - Date.parse(String(b.startTime ?? b.dateCreated))).map((call) => call.to);
		process.stderr.write(`[line limit] order of the calls on one line: ${order.join(', ')}\n`);
		expect(order).toEqual([ONE_LINE.busy, ONE_LINE.vip, ONE_LINE.ordinary]);
		// The ordinary callback was told why it waited while the line was free.
		const ordinary = executions.find((execution) => JSON.stringify(outputOf(execution, 'Callback Request')).includes(ONE_LINE.ordinary))!;
		const waits = ordinary.data.resultData.runData['Call Business, Then Lead'].map((run) => run.data?.main?.[3]?.[0]?.json.bridgeCall as Record<string, unknown> | undefined).filter(Boolean);
		expect(waits.some((wait) => wait?.priorityWaiting === 1)).toBe(true);
	}, 6 * 60_000);

	it('a callback waiting when its workflow is unpublished is not called when the wait ends', async () => {
		const lead = '+14155552684';
		await sandbox.client.setScenario({ number: lead, answerAfter: 1, human: true, talkFor: 5 });
		const answer = await axios.post(n8n.api.webhookUrl('unpublished'), { first_name: 'Wren', phone: lead, timezone: leadZoneAwake(), consent: 'yes' });
		expect(answer.status).toBe(200);
		await n8n.api.deactivateWorkflow(unpublished.id);
		const [execution] = await n8n.api.waitForExecutions(unpublished.id, 1, 60_000);
		expect(execution.status).toBe('success');
		const [, , [notConnected]] = outputOf(execution, 'Call Business, Then Lead');
		process.stderr.write(`[unpublished] ${JSON.stringify((notConnected.bridgeCall as { reasonText: string }).reasonText)}\n`);
		expect(notConnected.bridgeCall).toMatchObject({ outcome: 'workflow-unpublished', reasonText: 'This workflow was unpublished while the callback waited, so nobody was called.' });
		expect(await sandbox.client.calls({ to: lead })).toEqual([]);
		expect((await sandbox.client.calls({ to: AGENT_NUMBER })).filter((call) => Date.parse(String(call.dateCreated)) > 0 && call.from === BUSINESS_NUMBER && call.direction === 'outbound-api')).toHaveLength(3);
	}, 3 * 60_000);
});
