import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { launchChromium, screenshotPath } from '../harness/browser';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

const template = JSON.parse(
	readFileSync(join(__dirname, '../../workflows/01-callback-request-intake.json'), 'utf8'),
) as WorkflowJson;

describe('hosted callback form in Chromium', () => {
	let n8n: N8nHandle;
	let workflow: StoredWorkflow;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		n8n = await startN8n();
		workflow = await n8n.api.importAndActivate(template);
		browser = await launchChromium();
		// A lead in Chicago on a phone: the form sends the browser's own timezone.
		page = await browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: 'America/Chicago' });
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('shows the phone error inline, then the thank-you page, and starts one callback', async () => {
		await page.goto(n8n.api.webhookUrl('callback-request'));
		await page.getByLabel(/first name/i).fill('Jane');
		await page.getByLabel(/last name/i).fill('Doe');
		await page.getByLabel(/phone/i).fill('12345');
		await page.getByLabel(/email/i).fill('jane@example.com');
		await page.getByLabel(/agree/i).check();
		await page.getByRole('button', { name: /call me back/i }).click();

		const phone = page.getByLabel(/phone/i);
		await phone.waitFor();
		expect(await phone.getAttribute('aria-invalid')).toBe('true');
		const describedBy = (await phone.getAttribute('aria-describedby')) ?? '';
		const errorText = await page.locator(`[id="${describedBy.split(' ').find((id) => id.includes('error')) ?? describedBy}"]`).innerText();
		expect(errorText).toMatch(/valid phone number/i);
		expect(await page.getByLabel(/first name/i).inputValue()).toBe('Jane');
		await page.screenshot({ path: screenshotPath('hosted-form-phone-error'), fullPage: true });
		expect(await n8n.api.listExecutions(workflow.id)).toHaveLength(0);

		await phone.fill('(415) 555-2671');
		await page.getByRole('button', { name: /call me back/i }).click();
		await page.getByText(/we'll call you back shortly/i).waitFor();
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
});
