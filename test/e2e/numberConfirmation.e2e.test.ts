import axios, { type AxiosResponse } from 'axios';
import type { Browser, Page } from 'playwright-core';

import { DEFAULT_MIN_SECONDS } from '../../nodes/core/abuse/submitTiming';
import { launchChromium, screenshotPath } from '../harness/browser';
import { outputOf, startN8n, type N8nHandle, type StoredCredential, type StoredWorkflow, type WorkflowJson } from '../harness';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadZoneAt } from './leadZoneAt';
import { leadZoneAwake } from './leadZoneAwake';

/** Codes are counted in the rate-limit table over n8n's public API, which n8n 2.x has. */
const N8N_VERSION = '2.41.1';
const ACCOUNT_SID = 'AC0c0de0c0de0c0de0c0de0c0de0c0de0'.padEnd(34, '0');
const AUTH_TOKEN = 'confirm-number-auth-token-0001';
const BUSINESS_NUMBER = '+14155550100';

function triggerWorkflow(path: string, credentials: { dataTables: StoredCredential; twilio: StoredCredential }): WorkflowJson {
	return {
		name: `Confirm the number (${path})`,
		nodes: [
			{
				parameters: {
					path,
					rateLimits: 'dataTable',
					duplicateWindowMinutes: 30,
					confirmNumber: 'textCode',
					confirmationFrom: BUSINESS_NUMBER,
					businessName: 'Acme Plumbing',
					allowedCountries: ['US', 'CA', 'GB', 'AU', 'JP', 'IN', 'DE'],
				},
				name: 'Callback Request',
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: `trigger-${path}`,
				webhookId: `webhook-${path}`,
				credentials: {
					callbackN8nApi: { id: credentials.dataTables.id, name: credentials.dataTables.name },
					callbackTwilioApi: { id: credentials.twilio.id, name: credentials.twilio.name },
				},
			},
			{ parameters: {}, name: 'Accepted', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], id: `noop-${path}` },
		],
		connections: { 'Callback Request': { main: [[{ node: 'Accepted', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

describe(`Confirming the lead's number with a texted code, in a real n8n ${N8N_VERSION}`, () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let workflow: StoredWorkflow;
	let url: string;
	const zone = leadZoneAwake();
	let nextLine = 3100;
	const newLead = (): string => `+1415555${nextLine++}`;

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		const dataTables = await n8n.api.createDataTablesCredential();
		const twilio = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl }, 'Twilio sandbox');
		workflow = await n8n.api.importAndActivate(triggerWorkflow('confirm-number', { dataTables, twilio }));
		await n8n.api.waitForWebhook('confirm-number');
		url = n8n.api.webhookUrl('confirm-number');
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	async function post(body: Record<string, unknown>): Promise<AxiosResponse> {
		return await axios.post(url, body, { validateStatus: () => true, timeout: 60_000 });
	}

	async function executionCount(): Promise<number> {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		return (await n8n.api.listAllExecutions(workflow.id)).length;
	}

	/** The code in the newest text to the number, as the lead reads it. */
	async function textedCode(phone: string): Promise<string> {
		const message = await sandbox.client.waitForMessage((candidate) => candidate.to === phone && candidate.direction !== "inbound");
		const code = /\b(\d{6})\b/.exec(String(message.body))?.[1];
		if (code === undefined) throw new Error(`no code in "${message.body}"`);
		return code;
	}

	function otherCode(code: string): string {
		return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
	}

	it('starts nothing until the texted code comes back, starts once for the right code, and never twice', async () => {
		const phone = newLead();
		const fields = { firstName: 'Dana', phone, timezone: zone, reason: 'Leaking tap' };
		const before = await executionCount();

		const asked = await post(fields);
		expect(asked.status).toBe(202);
		expect(asked.data).toMatchObject({ ok: true, confirmationRequired: true });
		const { confirmationToken, callbackId } = asked.data as { confirmationToken: string; callbackId: string };
		const code = await textedCode(phone);
		const texts = await sandbox.client.messages({ to: phone });
		expect(texts).toHaveLength(1);
		expect(texts[0].body).toBe(`${code} is your code to confirm your callback request with Acme Plumbing. It expires in 10 minutes.`);
		expect(texts[0].from).toBe(BUSINESS_NUMBER);
		expect(await executionCount()).toBe(before);

		const wrong = await post({ ...fields, confirmation_token: confirmationToken, confirmation_code: otherCode(code) });
		expect(wrong.status).toBe(422);
		expect(wrong.data).toMatchObject({ ok: false, error: 'confirmation-wrong-code' });

		const changed = await post({ ...fields, phone: newLead(), confirmation_token: confirmationToken, confirmation_code: code });
		expect(changed.status).toBe(422);
		expect(changed.data).toMatchObject({ ok: false, error: 'confirmation-mismatch' });
		expect(await executionCount()).toBe(before);

		const [first, second] = await Promise.all([
			post({ ...fields, confirmation_token: confirmationToken, confirmation_code: code }),
			post({ ...fields, confirmation_token: confirmationToken, confirmation_code: ` ${code.slice(0, 3)} ${code.slice(3)} ` }),
		]);
		const answers = [first, second].map((answer) => ({ status: answer.status, ...(answer.data as { callbackId: string; duplicate: boolean }) }));
		process.stderr.write(`[number confirmation] the same confirmation sent twice at once: ${JSON.stringify(answers.map(({ status, duplicate }) => ({ status, duplicate })))}\n`);
		expect(answers.every((answer) => answer.status === 200 && answer.callbackId === callbackId)).toBe(true);
		expect(answers.filter((answer) => !answer.duplicate)).toHaveLength(1);

		// The run is stored a moment after the answer; then no second one follows.
		await n8n.api.waitForExecutions(workflow.id, before + 1, 60_000);
		const executions = await n8n.api.listAllExecutions(workflow.id);
		expect(await executionCount()).toBe(before + 1);
		const started = await n8n.api.getExecution(executions[0].id);
		const [[item]] = outputOf(started, 'Callback Request');
		expect(item).toMatchObject({ callbackId, contact: { phone, firstName: 'Dana' }, reason: 'Leaking tap' });
		// Nothing was texted but the one code.
		expect(await sandbox.client.messages({ to: phone })).toHaveLength(1);
	});

	it('after five wrong codes even the right one is refused: a new code is needed', async () => {
		const phone = newLead();
		const fields = { firstName: 'Eli', phone, timezone: zone };
		const asked = await post(fields);
		const token = (asked.data as { confirmationToken: string }).confirmationToken;
		const code = await textedCode(phone);
		const statuses: number[] = [];
		for (let attempt = 0; attempt < 5; attempt++) statuses.push((await post({ ...fields, confirmation_token: token, confirmation_code: otherCode(code) })).status);
		const last = await post({ ...fields, confirmation_token: token, confirmation_code: code });
		process.stderr.write(`[number confirmation] five wrong codes then the right one: ${JSON.stringify([...statuses, last.status])}\n`);
		expect(statuses).toEqual([422, 422, 422, 422, 422]);
		expect(last.status).toBe(429);
		expect(last.data).toMatchObject({ error: 'confirmation-too-many-tries' });
		const executions = await n8n.api.listAllExecutions(workflow.id);
		const started = await Promise.all(executions.map(async (execution) => outputOf(await n8n.api.getExecution(execution.id), 'Callback Request')[0]?.[0]));
		expect(started.some((json: unknown) => (json as { contact?: { phone?: string } } | undefined)?.contact?.phone === phone)).toBe(false);
	});

	it('texts no code outside the lead’s hours or to a number that opted out, and says what to do', async () => {
		const night = leadZoneAt(2, 30);
		const asleep = newLead();
		const outside = await post({ firstName: 'Noor', phone: asleep, timezone: night.zone });
		expect(outside.status).toBe(409);
		expect(outside.data).toMatchObject({ ok: false, error: 'outside-texting-hours' });
		expect(String((outside.data as { message: string }).message)).toMatch(/^We only text between 8:00 AM and 9:00 PM your time, so we cannot send your code now\. Please send the form again from /);

		const optedOut = newLead();
		await sandbox.client.setOptOut(optedOut, true, ACCOUNT_SID);
		const refused = await post({ firstName: 'Omar', phone: optedOut, timezone: zone });
		expect(refused.status).toBe(422);
		expect(refused.data).toMatchObject({ ok: false, error: 'opted-out' });
		expect((refused.data as { message: string }).message).toBe(`This number has asked us not to text it. Text START to ${BUSINESS_NUMBER} first, then send the form again.`);
		expect(await sandbox.client.messages({ to: asleep })).toHaveLength(0);
		expect((await sandbox.client.messages({ to: optedOut })).filter((message) => message.direction !== 'inbound')).toHaveLength(0);
	});

	describe('on the hosted form, in Chromium', () => {
		let browser: Browser;
		let page: Page;

		beforeAll(async () => {
			browser = await launchChromium();
			const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: zone });
			page = await context.newPage();
		}, 5 * 60_000);

		afterAll(async () => {
			await browser?.close();
		});

		it('asks for the code, refuses a wrong one on the same page, and thanks the lead once it is right', async () => {
			const phone = newLead();
			const national = `(415) 555-${phone.slice(-4)}`;
			await page.goto(url);
			await page.getByLabel(/first name/i).fill('Pat');
			await page.getByLabel(/phone/i).fill(national);
			await page.getByLabel(/agree/i).check();
			await page.waitForTimeout((DEFAULT_MIN_SECONDS + 1) * 1000);
			const before = await executionCount();
			await page.getByRole('button', { name: /call me back/i }).click();
			await page.getByRole('heading', { name: 'Confirm your number' }).waitFor();
			expect(await page.locator('.lead').innerText()).toContain(`We texted a 6-digit code to ${national}.`);
			// The page loads nothing from elsewhere.
			expect(await page.locator('script[src]').count()).toBe(0);
			await page.screenshot({ path: screenshotPath('number-confirmation-code-page'), fullPage: true });
			const code = await textedCode(phone);

			await page.getByLabel('Code from the text').fill(otherCode(code));
			await page.getByRole('button', { name: 'Confirm' }).click();
			await page.locator('#error-summary').waitFor();
			expect((await page.locator('#error-summary').innerText()).trim()).toBe('That code is not right. Check the text we sent and type its 6 digits.');
			await page.screenshot({ path: screenshotPath('number-confirmation-wrong-code'), fullPage: true });
			expect(await executionCount()).toBe(before);

			await page.getByLabel('Code from the text').fill(code);
			await page.getByRole('button', { name: 'Confirm' }).click();
			await page.getByRole('heading', { name: 'Thank you' }).waitFor();
			await page.screenshot({ path: screenshotPath('number-confirmation-thank-you'), fullPage: true });
			await n8n.api.waitForExecutions(workflow.id, before + 1, 60_000);
			const executions = await n8n.api.listAllExecutions(workflow.id);
			expect(executions).toHaveLength(before + 1);
			const [[item]] = outputOf(await n8n.api.getExecution(executions[0].id), 'Callback Request');
			expect(item).toMatchObject({ source: 'hosted-form', contact: { phone, firstName: 'Pat' } });
		});
	});
});
