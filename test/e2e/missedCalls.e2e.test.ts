import axios from 'axios';

import { expectedTwilioSignature } from '../../nodes/core/twilioSignature/twilioSignature';
import { outputOf, startN8n, type N8nHandle, type StoredCredential, type StoredWorkflow, type WorkflowJson } from '../harness';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';

const ACCOUNT_SID = 'AC' + '7e1f'.repeat(8);
const AUTH_TOKEN = 'missed-call-auth-token-0001';
/** The number the team's trigger answers, and the one behind the business's own call flow. */
const ANSWERED_NUMBER = '+14155550160';
const WATCHED_NUMBER = '+14155550161';
const TEAM = ['+14155550170', '+14155550171'];
const BLOCKED_CALLER = '+14155550199';

function triggerWorkflow(path: string, credential: StoredCredential, parameters: Record<string, unknown>): WorkflowJson {
	return {
		name: `Missed calls (${path})`,
		nodes: [
			{
				parameters: { path, ...parameters },
				name: 'Missed Call',
				type: 'n8n-nodes-callback.missedCallTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: `trigger-${path}`,
				webhookId: `webhook-${path}`,
				credentials: { callbackTwilioApi: { id: credential.id, name: credential.name } },
			},
			{ parameters: {}, name: 'Callback', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, -100], id: `missed-${path}` },
			{ parameters: {}, name: 'Close Open Callback', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 100], id: `reached-${path}` },
		],
		connections: {
			'Missed Call': {
				main: [[{ node: 'Callback', type: 'main', index: 0 }], [{ node: 'Close Open Callback', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

describe('Missed Call Trigger in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let answering: StoredWorkflow;
	let watching: StoredWorkflow;
	let nextCaller = 2100;
	const newCaller = (): string => `+1212555${nextCaller++}`;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [ANSWERED_NUMBER, WATCHED_NUMBER] }] });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		answering = await n8n.api.importAndActivate(
			triggerWorkflow('missed-calls', credential, { mode: 'answer', teamNumbers: TEAM.join(', '), ringOrder: 'one-by-one', ringSeconds: 5, greeting: 'Thanks for calling Acme & Sons <Plumbing>.', blockList: '(415) 555-0199' }),
		);
		watching = await n8n.api.importAndActivate(triggerWorkflow('watched-calls', credential, { mode: 'statusCallback' }));
		await n8n.api.waitForWebhook('missed-calls');
		await n8n.api.waitForWebhook('watched-calls');
		// What the user does in the Twilio Console: "A call comes in" or "Call status changes" → the production URL.
		await sandbox.client.registerNumber({ phoneNumber: ANSWERED_NUMBER, voiceUrl: n8n.api.webhookUrl('missed-calls') });
		await sandbox.client.registerNumber({ phoneNumber: WATCHED_NUMBER, statusCallback: n8n.api.webhookUrl('watched-calls') });
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** The workflow's runs, newest first, once at least `atLeast` are stored and a moment has passed for any other. */
	async function executionsOf(workflow: StoredWorkflow, settleMs = 2500, atLeast = 0): Promise<Array<{ missed: Record<string, unknown>[]; reached: Record<string, unknown>[] }>> {
		if (atLeast > 0) await n8n.api.waitForExecutions(workflow.id, atLeast, 60_000);
		await new Promise((resolve) => setTimeout(resolve, settleMs));
		const executions = await n8n.api.listAllExecutions(workflow.id);
		return await Promise.all(
			executions.map(async (execution) => {
				const [missed = [], reached = []] = outputOf(await n8n.api.getExecution(String(execution.id)), 'Missed Call');
				return { missed, reached };
			}),
		);
	}

	/** A call to the business number, once it is over: the team numbers rung for it, in order. */
	async function callEnds(from: string, to: string, outcome: 'answered' | 'no-answer' | 'busy' | 'canceled' = 'answered'): Promise<string[]> {
		const leg = await sandbox.client.injectCall({ from, to, outcome, ringFor: 1 });
		await sandbox.client.waitForCall((call) => call.sid === leg.sid && ['completed', 'no-answer', 'busy', 'canceled', 'failed'].includes(String(call.status)), 60_000);
		const rung = await sandbox.client.calls({ parentCallSid: leg.sid });
		return rung.sort((a, b) => Date.parse(String(a.dateCreated)) - Date.parse(String(b.dateCreated))).map((call) => String(call.to));
	}

	it('rings the team one by one; nobody picks up: one callback from the number dialled, and a second miss within the window starts none', async () => {
		await sandbox.client.setScenario(TEAM.map((number) => ({ number, noAnswer: true })));
		const caller = newCaller();
		const before = (await executionsOf(answering, 0)).length;
		expect(await callEnds(caller, ANSWERED_NUMBER)).toEqual(TEAM);
		const after = await executionsOf(answering, 2500, before + 1);
		expect(after).toHaveLength(before + 1);
		const [started] = after;
		expect(started.reached).toHaveLength(0);
		expect(started.missed).toHaveLength(1);
		expect(started.missed[0]).toMatchObject({
			source: 'missed-call',
			mode: 'asap',
			contact: { phone: caller, phoneCountry: 'US' },
			timezone: 'America/New_York',
			callback: { calledNumber: ANSWERED_NUMBER, missedCallReason: 'team-no-answer' },
		});
		expect(String(started.missed[0].callbackId)).toMatch(/^cb_/);

		await callEnds(caller, ANSWERED_NUMBER);
		expect(await executionsOf(answering)).toHaveLength(before + 1);
	});

	it('a call the team picks up leaves on Reached, starting no callback', async () => {
		await sandbox.client.setScenario([
			{ number: TEAM[0], noAnswer: true },
			{ number: TEAM[1], answerAfter: 1, human: true, talkFor: 2 },
		]);
		const caller = newCaller();
		const before = (await executionsOf(answering, 0)).length;
		expect(await callEnds(caller, ANSWERED_NUMBER)).toEqual(TEAM);
		const after = await executionsOf(answering, 2500, before + 1);
		expect(after).toHaveLength(before + 1);
		expect(after[0].missed).toHaveLength(0);
		expect(after[0].reached).toEqual([expect.objectContaining({ contact: { phone: caller, phoneCountry: 'US' }, reached: expect.objectContaining({ how: 'answered-call', businessNumber: ANSWERED_NUMBER }) })]);
	});

	it('a blocked caller is rung through but never called back', async () => {
		await sandbox.client.setScenario(TEAM.map((number) => ({ number, noAnswer: true })));
		const before = (await executionsOf(answering, 0)).length;
		expect(await callEnds(BLOCKED_CALLER, ANSWERED_NUMBER)).toEqual(TEAM);
		expect(await executionsOf(answering)).toHaveLength(before);
	});

	it('behind the business’s own flow: calls that rang out or were busy start a callback each; a withheld caller starts nothing', async () => {
		const rangOut = newCaller();
		const busy = newCaller();
		const before = (await executionsOf(watching, 0)).length;
		await callEnds(rangOut, WATCHED_NUMBER, 'no-answer');
		await callEnds(busy, WATCHED_NUMBER, 'busy');
		const after = await executionsOf(watching, 2500, before + 2);
		expect(after).toHaveLength(before + 2);
		const reasons = Object.fromEntries(after.slice(0, 2).map(({ missed }) => [String((missed[0].contact as { phone: string }).phone), (missed[0].callback as { missedCallReason: string }).missedCallReason]));
		expect(reasons).toEqual({ [rangOut]: 'no-answer', [busy]: 'busy' });

		// Twilio's own request for a withheld caller, signed as Twilio signs it.
		const url = n8n.api.webhookUrl('watched-calls');
		const params = { AccountSid: ACCOUNT_SID, CallSid: 'CA' + 'ab'.repeat(16), From: 'Anonymous', Caller: 'Anonymous', To: WATCHED_NUMBER, Called: WATCHED_NUMBER, Direction: 'inbound', CallStatus: 'no-answer' };
		const body = new URLSearchParams(params).toString();
		const signed = await axios.post(url, body, {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': expectedTwilioSignature(AUTH_TOKEN, url, params) },
			validateStatus: () => true,
		});
		expect(signed.status).toBe(200);
		expect(await executionsOf(watching)).toHaveLength(before + 2);
	});

	it('a call the business places itself, reported to the same URL, leaves on Reached for the number it called', async () => {
		const customer = newCaller();
		await sandbox.client.setScenario({ number: customer, answerAfter: 1, human: true, hangUpAfter: 3 });
		const before = (await executionsOf(watching, 0)).length;
		// The business's own dialer calls the customer and gives Twilio the trigger's URL as the call's status callback.
		const placed = await sandbox.client.rest({ username: ACCOUNT_SID, password: AUTH_TOKEN }, 'POST', `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
			To: customer,
			From: WATCHED_NUMBER,
			Twiml: '<Response><Say>Hello from Acme.</Say><Pause length="5"/></Response>',
			StatusCallback: n8n.api.webhookUrl('watched-calls'),
		});
		expect(placed.status).toBe(201);
		await sandbox.client.waitForCall((call) => call.sid === placed.body?.sid && call.status === 'completed', 60_000);
		const after = await executionsOf(watching, 2500, before + 1);
		expect(after).toHaveLength(before + 1);
		expect(after[0].missed).toEqual([]);
		expect(after[0].reached).toEqual([expect.objectContaining({ contact: { phone: customer, phoneCountry: 'US' }, reached: expect.objectContaining({ how: 'business-called', businessNumber: WATCHED_NUMBER }) })]);
	});

	it('refuses a request without Twilio’s signature with 403 and starts nothing', async () => {
		const before = (await executionsOf(watching, 0)).length;
		const params = { AccountSid: ACCOUNT_SID, CallSid: 'CA' + 'cd'.repeat(16), From: newCaller(), To: WATCHED_NUMBER, Direction: 'inbound', CallStatus: 'no-answer' };
		const forged = await axios.post(n8n.api.webhookUrl('watched-calls'), new URLSearchParams(params).toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': expectedTwilioSignature('not-the-auth-token', n8n.api.webhookUrl('watched-calls'), params) },
			validateStatus: () => true,
		});
		expect(forged.status).toBe(403);
		expect(await executionsOf(watching)).toHaveLength(before);
	});
});
