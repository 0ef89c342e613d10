import { startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { configureTemplate, ensureCallbackStatusTable, ensureOptOutTable, isN8n1, template, templateNodes } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadLineAwake } from './leadLineAwake';

const ACCOUNT_SID = `AC${'ca11'.repeat(8)}`;
const AUTH_TOKEN = 'missed-call-template-token-0001';
/** The template's numbers: the business's Twilio number and the team's phone. */
const BUSINESS_NUMBER = '+14155550100';
const TEAM_NUMBER = '+14155550123';

/** The template as shipped, open around the clock, taking callers from the test's daytime line. */
function missedCallTemplate(callerCountry: string): WorkflowJson {
	const workflow = structuredClone(template('03-missed-call-automatic-callback.json'));
	for (const node of templateNodes(workflow)) {
		if (node.type === 'n8n-nodes-callback.scheduleAttempt' && node.parameters) {
			Object.assign(node.parameters, { businessTimezone: 'UTC', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00', options: {} });
		}
		if (!['US', 'CA'].includes(callerCountry) && /\.(sendSms|bridgeCall|missedCallTrigger)$/.test(node.type) && node.parameters) {
			node.parameters.allowedCountries = [];
		}
	}
	return workflow;
}

describe('the missed-call automatic callback template in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let workflow: StoredWorkflow;
	let projectId: string;
	const statusTableName = 'Callback statuses';
	const line = leadLineAwake();
	let nextCaller = 4100;
	const newCaller = (): string => line.phone(nextCaller++);

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		const tables = isN8n1(n8n.version) ? { statusTableId: await ensureCallbackStatusTable(n8n), optOutTableId: await ensureOptOutTable(n8n) } : {};
		workflow = await n8n.api.importAndActivate(configureTemplate(missedCallTemplate(line.country), { twilioCredential: { id: credential.id, name: credential.name }, ...tables }));
		await n8n.api.waitForWebhook('missed-calls');
		// What the user does in the Twilio Console: "A call comes in" → Missed Call's production URL.
		await sandbox.client.registerNumber({ phoneNumber: BUSINESS_NUMBER, voiceUrl: n8n.api.webhookUrl('missed-calls') });
		projectId = (await n8n.api.rest<{ id: string }>('GET', '/projects/personal')).id;
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	async function statusesOf(phone: string): Promise<string[]> {
		const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${projectId}/data-tables`);
		const table = tables.data.find((candidate) => candidate.name === statusTableName);
		if (table === undefined) return [];
		const rows = await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${projectId}/data-tables/${table.id}/rows`);
		return rows.data.filter((row) => row.phone === phone).map((row) => String(row.status));
	}

	/** A call to the business number, resolved once it is over. */
	async function call(from: string): Promise<string> {
		const leg = await sandbox.client.injectCall({ from, to: BUSINESS_NUMBER, outcome: 'answered', ringFor: 1 });
		await sandbox.client.waitForCall((candidate) => candidate.sid === leg.sid && ['completed', 'no-answer', 'busy', 'canceled', 'failed'].includes(String(candidate.status)), 90_000);
		return leg.sid;
	}

	it('a missed call is called back after 1 minute: the team first, then the caller from the number they dialled; Complete', async () => {
		const caller = newCaller();
		await sandbox.client.setScenario([
			{ number: TEAM_NUMBER, noAnswer: true },
			{ number: caller, answerAfter: 1, human: true, talkFor: 5 },
		]);
		const missedAt = Date.now();
		await call(caller);
		const sorry = await sandbox.client.waitForMessage((message) => message.to === caller && /missed your call/i.test(message.body), 60_000);
		// The business number is written as the caller's country writes it.
		expect(sorry.body).toMatch(/^Sorry we missed your call to Acme Plumbing\. We will call you back in a few minutes from \+?1? ?\(?415\)?[ -]?555[ -]?0100\. Reply @cancel if you no longer need a call\./);
		expect(await statusesOf(caller)).toEqual(['pending']);

		// The team picks up this time and presses 1.
		await sandbox.client.setScenario({ number: TEAM_NUMBER, answerAfter: 1, human: true, pressDigits: '1' });
		// The sandbox's clock runs faster than the real one; the wait is n8n's, measured here.
		const businessCall = await sandbox.client.waitForCall((candidate) => candidate.to === TEAM_NUMBER && candidate.direction === 'outbound-api', 150_000);
		const waitedSeconds = (Date.now() - missedAt) / 1000;
		process.stderr.write(`[missed-call template] the business was called ${waitedSeconds.toFixed(1)} s after the missed call (first interval: 1 minute)\n`);
		expect(waitedSeconds).toBeGreaterThanOrEqual(60);
		expect(businessCall.from).toBe(BUSINESS_NUMBER);
		const callback = await sandbox.client.waitForCall((candidate) => candidate.to === caller && candidate.direction !== 'inbound', 60_000);
		expect(callback.from).toBe(BUSINESS_NUMBER);

		await sandbox.client.waitForMessage((message) => message.to === caller && /thank you/i.test(message.body), 120_000);
		expect(await statusesOf(caller)).toEqual(['complete']);
	}, 6 * 60_000);

	it('a caller who gets through while their callback waits has it marked Complete, and no call is placed', async () => {
		const caller = newCaller();
		const startedAt = Date.now();
		await sandbox.client.setScenario([{ number: TEAM_NUMBER, noAnswer: true }]);
		await call(caller);
		await sandbox.client.waitForMessage((message) => message.to === caller && /missed your call/i.test(message.body), 60_000);
		expect(await statusesOf(caller)).toEqual(['pending']);

		// They call again within the minute and the team answers.
		await sandbox.client.setScenario({ number: TEAM_NUMBER, answerAfter: 1, human: true, talkFor: 2 });
		await call(caller);
		const deadline = Date.now() + 60_000;
		while ((await statusesOf(caller))[0] !== 'complete' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await statusesOf(caller)).toEqual(['complete']);

		// Past the time the first attempt was due: nobody called the caller.
		await new Promise((resolve) => setTimeout(resolve, 75_000));
		const outbound = (await sandbox.client.calls({ to: caller })).filter((candidate) => candidate.direction !== 'inbound');
		expect(outbound).toEqual([]);
		// Both executions of this caller (the missed call, and the call that got through) are over.
		const executions = (await n8n.api.listAllExecutions(workflow.id)).filter((execution) => Date.parse(String(execution.startedAt)) >= startedAt - 1000);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	}, 6 * 60_000);
});
