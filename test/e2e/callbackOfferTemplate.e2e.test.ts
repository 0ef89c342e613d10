import { outputOf, startN8n, type N8nHandle, type StoredWorkflow } from '../harness';
import { configureTemplate, ensureCallbackStatusTable, ensureOptOutTable, isN8n1, template } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadLineAwake } from './leadLineAwake';

const ACCOUNT_SID = `AC${'0ff3'.repeat(8)}`;
const AUTH_TOKEN = 'callback-offer-template-token-01';
const BUSINESS_NUMBER = '+14155550100';
const TEAM_NUMBER = '+14155550123';

describe('the callback offer template in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let workflow: StoredWorkflow;
	let projectId: string;
	const line = leadLineAwake();

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario({ number: TEAM_NUMBER, noAnswer: true });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		const tables = isN8n1(n8n.version) ? { statusTableId: await ensureCallbackStatusTable(n8n), optOutTableId: await ensureOptOutTable(n8n) } : {};
		const shipped = template('04-callback-offer-in-phone-menu.json');
		// Callers from the test's daytime line, wherever it is.
		for (const node of shipped.nodes as Array<{ type: string; parameters?: Record<string, unknown> }>) {
			if (!['US', 'CA'].includes(line.country) && /\.(sendSms|bridgeCall|callbackOfferTrigger)$/.test(node.type) && node.parameters) node.parameters.allowedCountries = [];
		}
		workflow = await n8n.api.importAndActivate(configureTemplate(shipped, { twilioCredential: { id: credential.id, name: credential.name }, ...tables }));
		await n8n.api.waitForWebhook('callback-offer');
		await sandbox.client.registerNumber({ phoneNumber: BUSINESS_NUMBER, voiceUrl: n8n.api.webhookUrl('callback-offer') });
		projectId = (await n8n.api.rest<{ id: string }>('GET', '/projects/personal')).id;
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	it('a caller who keeps their place is tagged Pending with the menu choices as context, texted the time they heard, and waits for it', async () => {
		const caller = line.phone(6100);
		await sandbox.client.setScenario({ number: caller, pressDigits: ['1', '1'], hangUpAfter: 120 });
		const leg = await sandbox.client.injectCall({ from: caller, to: BUSINESS_NUMBER, outcome: 'answered', ringFor: 1 });
		await sandbox.client.waitForCall((call) => call.sid === leg.sid && call.status === 'completed', 90_000);

		const text = await sandbox.client.waitForMessage((message) => message.to === caller, 60_000);
		// The execution now waits in Schedule Callback for the time the caller heard.
		const deadline = Date.now() + 60_000;
		let [summary] = await n8n.api.listAllExecutions(workflow.id);
		while (summary?.status !== 'waiting' && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			[summary] = await n8n.api.listAllExecutions(workflow.id);
		}
		const full = await n8n.api.getExecution(String(summary.id));
		expect(full.status).toBe('waiting');
		const [[offered]] = outputOf(full, 'Callback Offer');
		const heard = String((offered.callback as { expectedCallbackText: string }).expectedCallbackText);
		expect(text.body).toContain('Acme Plumbing will call you back');
		expect(text.body).toContain('you keep your place in line');
		process.stderr.write(`[callback offer template] heard "${heard}", texted "${text.body}"\n`);
		const [[scheduled]] = outputOf(full, 'Schedule Callback');
		// What the caller heard is when Schedule Callback will call: the wait, moved into opening hours if need be.
		const attemptAt = Date.parse(String((scheduled.callback as { attemptAt: string }).attemptAt));
		const expectedAt = Date.parse(String((offered.callback as { expectedCallbackAt: string }).expectedCallbackAt));
		expect(Math.abs(attemptAt - expectedAt)).toBeLessThanOrEqual(2 * 60_000);
		expect(attemptAt - Date.parse(String(offered.requestedAt))).toBeGreaterThanOrEqual(10 * 60_000 - 1000);

		const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${projectId}/data-tables`);
		const table = tables.data.find((candidate) => candidate.name === 'Callback statuses')!;
		const rows = await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${projectId}/data-tables/${table.id}/rows`);
		const row = rows.data.find((candidate) => candidate.phone === caller)!;
		expect(row.status).toBe('pending');
		expect(JSON.parse(String(row.context))).toEqual({ ivrChoice: 'keep-place', estimatedWaitMinutes: 10, numberKeyedIn: false });
	});
});
