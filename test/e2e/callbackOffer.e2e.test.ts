import axios from 'axios';

import { expectedTwilioSignature } from '../../nodes/core/twilioSignature/twilioSignature';
import { outputOf, startN8n, type N8nHandle, type StoredCredential, type StoredWorkflow, type WorkflowJson } from '../harness';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';

const ACCOUNT_SID = 'AC' + '0ffe'.repeat(8);
const AUTH_TOKEN = 'callback-offer-auth-token-0001';
/** A number whose wait is long (20 minutes) and one whose wait is short (2 minutes). */
const BUSY_NUMBER = '+14155550180';
const QUIET_NUMBER = '+14155550181';
const TEAM_NUMBER = '+14155550182';
/** A number whose wait is worked out from the open callbacks in a status table. */
const QUEUED_NUMBER = '+14155550183';
const QUEUE_TABLE = 'Offer queue statuses';
/** A number with a short wait whose callers, still holding after 3 seconds, are offered again. */
const HOLD_NUMBER = '+14155550184';
/** A long wait whose callers also record what the call is about. */
const REASON_NUMBER = '+14155550185';

function offerWorkflow(path: string, credential: StoredCredential, estimatedWaitMinutes: number, queue?: { dataTables: StoredCredential; table: string }, extra: Record<string, unknown> = {}): WorkflowJson {
	const fromQueue = { ...(queue === undefined ? {} : { waitEstimate: 'fromQueue', averageHandleMinutes: 6, agents: 2, statusDataTableName: queue.table }), ...extra };
	return {
		name: `Callback offer (${path})`,
		nodes: [
			{
				parameters: { path, teamNumbers: TEAM_NUMBER, ringSeconds: 10, estimatedWaitMinutes, offerAboveMinutes: 5, maxAnnouncedMinutes: 10, allowedCountries: ['US', 'CA'], options: { businessTimezone: 'America/New_York' }, ...fromQueue },
				name: 'Callback Offer',
				type: 'n8n-nodes-callback.callbackOfferTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: `trigger-${path}`,
				webhookId: `webhook-${path}`,
				credentials: {
					callbackTwilioApi: { id: credential.id, name: credential.name },
					...(queue === undefined ? {} : { callbackN8nApi: { id: queue.dataTables.id, name: queue.dataTables.name } }),
				},
			},
			{ parameters: {}, name: 'Callback Requested', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], id: `noop-${path}` },
		],
		connections: { 'Callback Offer': { main: [[{ node: 'Callback Requested', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

describe('Callback Offer Trigger in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let busy: StoredWorkflow;
	let quiet: StoredWorkflow;
	let queued: StoredWorkflow;
	let holding: StoredWorkflow;
	let withReason: StoredWorkflow;
	let queueTableId: string;
	let projectId: string;
	let nextCaller = 5100;
	const newCaller = (): string => `+1212555${nextCaller++}`;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSY_NUMBER, QUIET_NUMBER, QUEUED_NUMBER, HOLD_NUMBER, REASON_NUMBER] }] });
		await sandbox.client.setScenario({ number: TEAM_NUMBER, noAnswer: true });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		busy = await n8n.api.importAndActivate(offerWorkflow('callback-offer', credential, 20));
		quiet = await n8n.api.importAndActivate(offerWorkflow('callback-offer-quiet', credential, 2));
		projectId = (await n8n.api.rest<{ id: string }>('GET', '/projects/personal')).id;
		queueTableId = (await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, { name: QUEUE_TABLE, columns: [{ name: 'phone', type: 'string' }, { name: 'status', type: 'string' }] })).id;
		queued = await n8n.api.importAndActivate(offerWorkflow('callback-offer-queued', credential, 0, { dataTables: await n8n.api.createDataTablesCredential(), table: QUEUE_TABLE }));
		await n8n.api.waitForWebhook('callback-offer');
		await n8n.api.waitForWebhook('callback-offer-quiet');
		holding = await n8n.api.importAndActivate(offerWorkflow('callback-offer-hold', credential, 2, undefined, { secondChanceAfterMinutes: 0.05 }));
		await n8n.api.waitForWebhook('callback-offer-queued');
		withReason = await n8n.api.importAndActivate(offerWorkflow('callback-offer-reason', credential, 20, undefined, { askReason: true }));
		await n8n.api.waitForWebhook('callback-offer-hold');
		await n8n.api.waitForWebhook('callback-offer-reason');
		await sandbox.client.registerNumber({ phoneNumber: REASON_NUMBER, voiceUrl: n8n.api.webhookUrl('callback-offer-reason') });
		await sandbox.client.registerNumber({ phoneNumber: HOLD_NUMBER, voiceUrl: n8n.api.webhookUrl('callback-offer-hold') });
		await sandbox.client.registerNumber({ phoneNumber: QUEUED_NUMBER, voiceUrl: n8n.api.webhookUrl('callback-offer-queued') });
		await sandbox.client.registerNumber({ phoneNumber: BUSY_NUMBER, voiceUrl: n8n.api.webhookUrl('callback-offer') });
		await sandbox.client.registerNumber({ phoneNumber: QUIET_NUMBER, voiceUrl: n8n.api.webhookUrl('callback-offer-quiet') });
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** A caller who presses these keys at each menu in turn; the team numbers rung for the call. */
	async function callPressing(from: string, to: string, keys: string[]): Promise<string[]> {
		await sandbox.client.setScenario({ number: from, pressDigits: keys, hangUpAfter: 120 });
		const leg = await sandbox.client.injectCall({ from, to, outcome: 'answered', ringFor: 1 });
		await sandbox.client.waitForCall((call) => call.sid === leg.sid && ['completed', 'no-answer', 'busy', 'canceled', 'failed'].includes(String(call.status)), 90_000);
		return (await sandbox.client.calls({ parentCallSid: leg.sid })).map((call) => String(call.to));
	}

	async function requested(workflow: StoredWorkflow, before: number): Promise<Array<Record<string, unknown>>> {
		// The run is stored a moment after Twilio was answered.
		await n8n.api.waitForExecutions(workflow.id, before + 1, 60_000);
		const executions = (await n8n.api.listAllExecutions(workflow.id)).slice(0, Math.max(0, (await n8n.api.listAllExecutions(workflow.id)).length - before));
		return await Promise.all(executions.map(async (execution) => outputOf(await n8n.api.getExecution(String(execution.id)), 'Callback Offer')[0][0]));
	}

	async function executionCount(workflow: StoredWorkflow): Promise<number> {
		return (await n8n.api.listAllExecutions(workflow.id)).length;
	}

	it('above the threshold: 1 keeps the place, 1 confirms the caller ID; the callback carries the menu choices and nobody is rung', async () => {
		const caller = newCaller();
		const before = await executionCount(busy);
		expect(await callPressing(caller, BUSY_NUMBER, ['1', '1'])).toEqual([]);
		const [item] = await requested(busy, before);
		expect(item).toMatchObject({
			source: 'phone-menu',
			mode: 'asap',
			contact: { phone: caller, phoneCountry: 'US' },
			timezone: 'America/New_York',
			custom: { ivrChoice: 'keep-place', estimatedWaitMinutes: 20, numberKeyedIn: false },
			callback: { calledNumber: BUSY_NUMBER },
		});
		expect(String((item.callback as { expectedCallbackText: string }).expectedCallbackText)).toMatch(/^(tomorrow )?around \d{1,2}:\d[05] (AM|PM)$/);
	});

	it('a number keyed in is validated: a premium-rate one is refused and asked again, a valid one is confirmed and called back', async () => {
		const caller = newCaller();
		const before = await executionCount(busy);
		await callPressing(caller, BUSY_NUMBER, ['2', '2', '9005550100#', '2125550177#', '1']);
		const [item] = await requested(busy, before);
		expect(item).toMatchObject({ mode: 'scheduled', contact: { phone: '+12125550177' }, custom: { ivrChoice: 'choose-time', numberKeyedIn: true } });
	});

	it('a caller who presses nothing, and every caller below the threshold, goes to the team with no callback', async () => {
		const before = await executionCount(busy);
		expect(await callPressing(newCaller(), BUSY_NUMBER, [])).toEqual([TEAM_NUMBER]);
		expect(await executionCount(busy)).toBe(before);
		const quietBefore = await executionCount(quiet);
		expect(await callPressing(newCaller(), QUIET_NUMBER, ['1', '1'])).toEqual([TEAM_NUMBER]);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await executionCount(quiet)).toBe(quietBefore);
	});

	it('works the wait out from the open callbacks: none open goes to the team, 3 open × 6 minutes ÷ 2 agents = 9 minutes is offered', async () => {
		const before = await executionCount(queued);
		expect(await callPressing(newCaller(), QUEUED_NUMBER, ['1', '1'])).toEqual([TEAM_NUMBER]);
		expect(await executionCount(queued)).toBe(before);
		await n8n.api.rest('POST', `/projects/${projectId}/data-tables/${queueTableId}/insert`, {
			data: [
				{ phone: '+12125550001', status: 'pending' },
				{ phone: '+12125550002', status: 'incomplete' },
				{ phone: '+12125550003', status: 'pending' },
				{ phone: '+12125550004', status: 'complete' },
				{ phone: '+12125550005', status: 'cancelled' },
			],
			returnType: 'count',
		});
		const caller = newCaller();
		expect(await callPressing(caller, QUEUED_NUMBER, ['1', '1'])).toEqual([]);
		const [item] = await requested(queued, before);
		expect(item).toMatchObject({ contact: { phone: caller }, custom: { ivrChoice: 'keep-place', estimatedWaitMinutes: 9 } });
	});

	it('a caller still holding after the second threshold is offered once more, and can take it', async () => {
		const caller = newCaller();
		const before = await executionCount(holding);
		const rung = await callPressing(caller, HOLD_NUMBER, ['1', '1']);
		process.stderr.write(`[callback offer] the team was rung ${rung.length} times before the second offer was taken\n`);
		expect(rung.length).toBeGreaterThanOrEqual(2);
		expect(rung.every((number) => number === TEAM_NUMBER)).toBe(true);
		const [item] = await requested(holding, before);
		expect(item).toMatchObject({ contact: { phone: caller }, custom: { ivrChoice: 'keep-place', estimatedWaitMinutes: 2 } });
	});

	it('asked what the call is about, the caller records it after the beep and the callback keeps the recording', async () => {
		const caller = newCaller();
		const before = await executionCount(withReason);
		await callPressing(caller, REASON_NUMBER, ['1', '1']);
		const [item] = await requested(withReason, before);
		expect(item).toMatchObject({ contact: { phone: caller }, custom: { ivrChoice: 'keep-place' } });
		const recordingUrl = String((item.custom as { reasonRecordingUrl?: string }).reasonRecordingUrl);
		expect(recordingUrl).toMatch(/\/Recordings\/RE[0-9a-f]{32}$/);
	});

	it('refuses a forged menu step with 403 and starts nothing', async () => {
		const before = await executionCount(busy);
		const url = `${n8n.api.webhookUrl('callback-offer')}?step=confirmNumber&number=%2B19005550100&timing=asap&attempts=0`;
		const params = { AccountSid: ACCOUNT_SID, CallSid: 'CA' + 'ef'.repeat(16), From: newCaller(), To: BUSY_NUMBER, Direction: 'inbound', CallStatus: 'in-progress', Digits: '1' };
		const forged = await axios.post(url, new URLSearchParams(params).toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': expectedTwilioSignature('guessed-token', url, params) },
			validateStatus: () => true,
		});
		expect(forged.status).toBe(403);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await executionCount(busy)).toBe(before);
	});
});
