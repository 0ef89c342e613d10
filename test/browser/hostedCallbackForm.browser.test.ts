
import type { Browser, Page, Request } from 'playwright-core';

import { DateTime } from 'luxon';

import { DEFAULT_MIN_SECONDS, FORM_TOKEN_FIELD } from '../../nodes/core/abuse/submitTiming';
import { planNextAttempt } from '../../nodes/core/schedule';
import { scheduleSettingsOfNode } from '../../nodes/ScheduleAttempt/readScheduleSettings';
import { launchChromium, screenshotPath } from '../harness/browser';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { template as intakeTemplate } from '../harness/templates';

/** The intake template with its Business Settings filled in (the sample business). */
const template: WorkflowJson = intakeTemplate('01-callback-request-intake.json');

/** The message under a field, found as a person's screen reader finds it: through aria-describedby. */
async function errorUnder(page: Page, label: RegExp): Promise<string> {
	const field = page.getByLabel(label);
	const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
	const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
	if (!errorId) return '';
	return (await page.locator(`[id="${errorId}"]`).innerText()).trim();
}

/**
 * The trigger's default Minimum Seconds Before Sending, and a second more: a person reads the
 * page and types before sending, so the tests that play a person take at least that long.
 */
async function takeTimeLikeAPerson(page: Page): Promise<void> {
	await page.waitForTimeout((DEFAULT_MIN_SECONDS + 1) * 1000);
}

const TOO_FAST_MESSAGE = 'That was quicker than we expected. Please wait a few seconds and send the form again.';
const UNCHECKED_MESSAGE = 'This form could not be checked. Please reload the page and send it again.';

describe('hosted callback form in Chromium', () => {
	let n8n: N8nHandle;
	let workflow: StoredWorkflow;
	let browser: Browser;
	let page: Page;
	let formUrl: string;
	/** Every POST the page sent to the form's URL, i.e. every request that reached n8n's webhook. */
	const posts: string[] = [];

	beforeAll(async () => {
		n8n = await startN8n();
		workflow = await n8n.api.importAndActivate(template);
		browser = await launchChromium();
		// A lead in Chicago on a phone: the form sends the browser's own timezone.
		page = await browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: 'America/Chicago' });
		formUrl = n8n.api.webhookUrl('callback-request');
		page.on('request', (request: Request) => {
			if (request.method() === 'POST' && request.url().startsWith(formUrl)) posts.push(request.url());
		});
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('shows the phone error inline, then the thank-you page, and starts one callback', async () => {
		await page.goto(formUrl);
		await page.getByLabel(/first name/i).fill('Jane');
		await page.getByLabel(/last name/i).fill('Doe');
		await page.getByLabel(/phone/i).fill('12345');
		await page.getByLabel(/email/i).fill('jane@example.com');
		await page.getByLabel(/agree/i).check();
		await takeTimeLikeAPerson(page);
		await page.getByRole('button', { name: /call me back/i }).click();

		const phone = page.getByLabel(/phone/i);
		await phone.waitFor();
		expect(await phone.getAttribute('aria-invalid')).toBe('true');
		expect(await errorUnder(page, /phone/i)).toMatch(/valid phone number/i);
		expect(await page.getByLabel(/first name/i).inputValue()).toBe('Jane');
		await page.screenshot({ path: screenshotPath('hosted-form-phone-error'), fullPage: true });
		expect(await n8n.api.listExecutions(workflow.id)).toHaveLength(0);

		await phone.fill('(415) 555-2671');
		await page.getByRole('button', { name: /call me back/i }).click();
		// No time is known when the trigger answers: the page promises none.
		await page.getByText("We've got your request. We'll text you to confirm when we'll call.").waitFor();
		await page.screenshot({ path: screenshotPath('hosted-form-thank-you'), fullPage: true });

		const [execution] = await n8n.api.waitForExecutions(workflow.id, 1, 30_000);
		const [[item]] = outputOf(execution, 'Website Callback Form');
		expect(item).toEqual(
			expect.objectContaining({
				contact: { firstName: 'Jane', lastName: 'Doe', phone: '+14155552671', phoneCountry: 'US', email: 'jane@example.com' },
				source: 'hosted-form',
				timezone: 'America/Chicago',
				consent: expect.objectContaining({ given: true, text: expect.stringContaining('Reply STOP') }),
			}),
		);
	});

	it('asks only for what the node requires: Last name is optional when only First name is required', async () => {
		await page.goto(formUrl);
		const firstName = page.getByLabel(/first name/i);
		const lastName = page.getByLabel(/last name/i);
		expect(await firstName.getAttribute('required')).not.toBeNull();
		expect(await lastName.getAttribute('required')).toBeNull();
		expect((await page.locator('label[for="last_name"]').innerText()).trim()).toBe('Last name (optional)');
		expect((await page.locator('label[for="first_name"]').innerText()).trim()).toMatch(/^First name\s*\*$/);
		// The boxes hold what the server takes, and no more.
		expect(await firstName.getAttribute('maxlength')).toBe('80');
		expect(await lastName.getAttribute('maxlength')).toBe('80');
		await page.screenshot({ path: screenshotPath('hosted-form-empty'), fullPage: true });
	});

	it('refuses a 501-character reason before sending anything, then sends 500', async () => {
		await page.goto(formUrl);
		const postsBefore = posts.length;
		const executionsBefore = (await n8n.api.listExecutions(workflow.id)).length;
		await page.getByLabel(/first name/i).fill('Ravi');
		await page.getByLabel(/phone/i).fill('(415) 555-0123 ext. 45');
		await page.getByLabel(/agree/i).check();
		const reason = page.getByLabel(/talk about/i);
		await reason.fill('r'.repeat(501));
		await takeTimeLikeAPerson(page);
		// Nothing was cut: the whole text is in the box, and the count says what is too much.
		expect((await reason.inputValue()).length).toBe(501);
		expect((await page.locator('#reason-count').innerText()).trim()).toBe('You have 1 character too many');
		await page.getByRole('button', { name: /call me back/i }).click();

		expect(await errorUnder(page, /talk about/i)).toBe('Shorten this to 500 characters or fewer.');
		expect(await reason.getAttribute('aria-invalid')).toBe('true');
		expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('reason');
		// Long enough for a request to have reached n8n, had one been sent.
		await page.waitForTimeout(1500);
		expect(posts.length).toBe(postsBefore);
		expect(page.url()).toBe(formUrl);
		expect(await n8n.api.listExecutions(workflow.id)).toHaveLength(executionsBefore);
		await page.screenshot({ path: screenshotPath('hosted-form-reason-too-long'), fullPage: true });

		await reason.press('End');
		await reason.press('Backspace');
		expect(await errorUnder(page, /talk about/i)).toBe('');
		expect((await page.locator('#reason-count').innerText()).trim()).toBe('You have 0 characters remaining');
		await page.getByRole('button', { name: /call me back/i }).click();
		await page.getByText(/we've got your request/i).waitFor();
		expect(posts.length).toBe(postsBefore + 1);

		const executions = await n8n.api.waitForExecutions(workflow.id, executionsBefore + 1, 30_000);
		const [[item]] = outputOf(executions[executions.length - 1], 'Website Callback Form');
		expect(item).toEqual(
			expect.objectContaining({
				contact: { firstName: 'Ravi', lastName: '', phone: '+14155550123', phoneCountry: 'US', email: null, phoneExtension: '45' },
				reason: 'r'.repeat(500),
			}),
		);
	});

	it("shows the server's own messages inline for what only the server can check", async () => {
		await page.goto(formUrl);
		const postsBefore = posts.length;
		const executionsBefore = (await n8n.api.listExecutions(workflow.id)).length;
		await page.getByLabel(/first name/i).fill('12345');
		await page.getByLabel(/phone/i).fill('(415) 555-0199 x123456789');
		// A browser takes "name@host" as an email address; the server wants a domain with a dot.
		await page.getByLabel(/email/i).fill('ann@example');
		await page.getByLabel(/agree/i).check();
		await takeTimeLikeAPerson(page);
		await page.getByRole('button', { name: /call me back/i }).click();
		await page.locator('#error-summary').waitFor();

		expect(posts.length).toBe(postsBefore + 1);
		expect(await errorUnder(page, /first name/i)).toBe('Enter your first name using letters.');
		expect(await errorUnder(page, /phone/i)).toBe('The extension can have at most 8 digits, for example x123.');
		expect(await errorUnder(page, /email/i)).toBe('Enter a valid email address, for example name@example.com.');
		expect(await errorUnder(page, /last name/i)).toBe('');
		const summary = await page.locator('#error-summary li').allInnerTexts();
		expect(summary.map((line) => line.trim())).toEqual([
			'Enter your first name using letters.',
			'The extension can have at most 8 digits, for example x123.',
			'Enter a valid email address, for example name@example.com.',
		]);
		// What the person typed is still there to fix.
		expect(await page.getByLabel(/phone/i).inputValue()).toBe('(415) 555-0199 x123456789');
		await page.screenshot({ path: screenshotPath('hosted-form-server-errors'), fullPage: true });
		expect(await n8n.api.listExecutions(workflow.id)).toHaveLength(executionsBefore);
	});

	it('shows the expected call time on the thank-you page when the workflow has a schedule', async () => {
		// The hosted form in front of a Schedule Attempt: open 08:00-20:00 Chicago time, every day.
		const schedule = { mode: 'computeOnly', businessTimezone: 'America/Chicago', weekdayHours: '08:00-20:00', weekendHours: '08:00-20:00' };
		const withSchedule = await n8n.api.importAndActivate({
			name: 'Hosted form with a schedule',
			nodes: [
				{ id: 'form', name: 'Website Callback Form', type: 'n8n-nodes-callback.callbackRequestTrigger', typeVersion: 1, position: [0, 0], webhookId: 'form-with-schedule', parameters: { path: 'callback-with-schedule', options: {} } },
				{ id: 'schedule', name: 'Schedule Call', type: 'n8n-nodes-callback.scheduleAttempt', typeVersion: 1, position: [240, 0], parameters: schedule },
			],
			connections: { 'Website Callback Form': { main: [[{ node: 'Schedule Call', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		} as WorkflowJson);
		await page.goto(n8n.api.webhookUrl('callback-with-schedule'));
		await page.getByLabel(/first name/i).fill('Lena');
		await page.getByLabel(/phone/i).fill('(415) 555-2672');
		await page.getByLabel(/agree/i).check();
		await takeTimeLikeAPerson(page);
		const submittedAt = Date.now();
		await page.getByRole('button', { name: /call me back/i }).click();
		await page.getByText(/We'll call you/).waitFor();
		const said = (await page.getByText(/We'll call you/).innerText()).trim();
		await page.screenshot({ path: screenshotPath('hosted-form-thank-you-with-time'), fullPage: true });

		// What Schedule Attempt decides for this lead (the browser's zone, Chicago), asked independently.
		const settings = scheduleSettingsOfNode({ ...schedule, attemptDelays: '0, 2, 30', maxAttempts: 3, unknownLeadTimezone: 'doNotCall' })!;
		const planNow = DateTime.now();
		const plan = planNextAttempt({ settings, now: planNow, leadTimezone: 'America/Chicago', leadPhone: '+14155552672' });
		expect(plan.kind).toBe('attempt');
		if (plan.kind !== 'attempt') return;
		const minutesAway = (DateTime.fromISO(plan.attemptAt).toMillis() - Date.now()) / 60_000;
		if (minutesAway < 9) expect(said).toBe("We'll call you within a few minutes.");
		else if (minutesAway > 11) expect(said).toBe(`We'll call you at ${plan.attemptAtLeadLocal}.`);
		const [execution] = await n8n.api.waitForExecutions(withSchedule.id, 1, 30_000);
		// The form is answered before Schedule Call runs, so the execution may plan after planNow.
		const executionSeenAt = Date.now();
		const [[scheduled]] = outputOf(execution, 'Schedule Call');
		const attemptAt = (scheduled.callback as { attemptAt: string }).attemptAt;
		if (DateTime.fromISO(plan.attemptAt).toMillis() === planNow.toMillis()) {
			// Open now: the lead is called at once, at the moment the workflow ran.
			expect(DateTime.fromISO(attemptAt).toMillis()).toBeGreaterThanOrEqual(submittedAt);
			expect(DateTime.fromISO(attemptAt).toMillis()).toBeLessThanOrEqual(executionSeenAt);
		} else {
			expect(attemptAt).toBe(plan.attemptAt);
		}
	});

	it('sends a form posted within the minimum time back with the message and the answers, then takes it from a person who waits', async () => {
		await page.goto(formUrl);
		const executionsBefore = (await n8n.api.listExecutions(workflow.id)).length;
		// A bot: fills the form and sends it at once.
		await page.getByLabel(/first name/i).fill('Quick');
		await page.getByLabel(/phone/i).fill('(415) 555-0142');
		await page.getByLabel(/agree/i).check();
		const [response] = await Promise.all([
			page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
			page.getByRole('button', { name: /call me back/i }).click(),
		]);
		expect(response.status()).toBe(422);
		await page.locator('#error-summary').waitFor();
		expect((await page.locator('#error-summary').innerText()).trim()).toBe(TOO_FAST_MESSAGE);
		expect(await page.getByLabel(/first name/i).inputValue()).toBe('Quick');
		expect(await page.getByLabel(/phone/i).inputValue()).toBe('(415) 555-0142');
		await page.screenshot({ path: screenshotPath('hosted-form-too-fast'), fullPage: true });
		// Long enough for an execution to show, had one started.
		await page.waitForTimeout(1500);
		expect(await n8n.api.listExecutions(workflow.id)).toHaveLength(executionsBefore);

		// A person on the page sent back to them: it carries a new token, and they take their time.
		await page.getByLabel(/agree/i).check();
		await takeTimeLikeAPerson(page);
		await page.getByRole('button', { name: /call me back/i }).click();
		await page.getByText(/we've got your request/i).waitFor();
		const executions = await n8n.api.waitForExecutions(workflow.id, executionsBefore + 1, 30_000);
		const [[item]] = outputOf(executions[executions.length - 1], 'Website Callback Form');
		expect(item).toEqual(expect.objectContaining({ contact: expect.objectContaining({ firstName: 'Quick', phone: '+14155550142' }), source: 'hosted-form' }));
		expect(item.risk).toEqual({ level: 'low', reasons: [] });
		expect(item.custom).not.toHaveProperty(FORM_TOKEN_FIELD);
	});

	it('refuses a script that posts the form without its token or with a forged one, however long it waits', async () => {
		await page.goto(formUrl);
		const served = await page.locator(`input[name="${FORM_TOKEN_FIELD}"]`).getAttribute('value');
		expect(served).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]{43}$/);
		const executionsBefore = (await n8n.api.listExecutions(workflow.id)).length;
		// A script that read the page long ago: an old time, signed with a guessed key.
		const [, issued] = served!.split('.');
		const forged = `v1.${Number(issued) - 60_000}.${'A'.repeat(43)}`;
		const answers = { _form: 'hosted', first_name: 'Bot', phone: '(415) 555-0143', consent: 'yes' };
		for (const form of [answers, { ...answers, [FORM_TOKEN_FIELD]: forged }]) {
			const answer = await page.request.post(formUrl, { form, headers: { Accept: 'text/html' } });
			expect(answer.status()).toBe(422);
			const html = await answer.text();
			expect(html).toContain(UNCHECKED_MESSAGE);
			expect(html).toContain('value="Bot"');
			expect(html).not.toContain(forged);
		}
		await page.waitForTimeout(1500);
		expect(await n8n.api.listExecutions(workflow.id)).toHaveLength(executionsBefore);
	});
});
