import type { Browser, BrowserContext, Page, Route } from 'playwright-core';

import { DEFAULT_MIN_SECONDS } from '../../nodes/core/abuse/submitTiming';
import { HumanCheckDouble } from '../humanCheckDouble';
import { launchChromium, screenshotPath } from '../harness/browser';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

/**
 * The hosted form with Cloudflare Turnstile turned on, in Chromium against a real n8n. The node
 * verifies tokens with the local siteverify double (the credential's Verify URL points at it).
 * Turnstile's own script cannot load offline, so its URL is answered by a small stand-in that
 * does what the widget does for the form: it draws a box inside the page's `.cf-turnstile`
 * element and puts a token in a hidden `cf-turnstile-response` field. The page's markup, its
 * Content-Security-Policy and the server's check are the real ones.
 */

const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js';

function trigger(path: string, parameters: Record<string, unknown>, credentials?: Record<string, { id: string; name: string }>): WorkflowJson {
	return {
		name: `Hosted form ${path}`,
		nodes: [
			{
				id: 'form',
				name: 'Website Callback Form',
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: `form-${path}`,
				parameters: { path, businessName: 'Acme Plumbing', duplicateWindowMinutes: 0, formFields: ['email'], options: {}, ...parameters },
				...(credentials ? { credentials } : {}),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** What the widget stand-in writes: a token, or nothing (the check has not finished). */
function standInWidget(token: string | null): string {
	return String.raw`(function () {
	var boxes = document.querySelectorAll('.cf-turnstile');
	for (var i = 0; i < boxes.length; i++) {
		var box = boxes[i];
		box.style.cssText = 'display:flex;align-items:center;gap:.6rem;width:300px;height:65px;padding:0 .9rem;border:1px solid #d1d5db;border-radius:4px;background:#fafafa;color:#1f2937;font:14px system-ui,sans-serif';
		var mark = document.createElement('span');
		mark.textContent = ${JSON.stringify(token ? '\u2714' : '\u2026')};
		mark.style.cssText = 'font-size:20px;color:' + ${JSON.stringify(token ? '#16a34a' : '#6b7280')};
		var text = document.createElement('span');
		text.textContent = ${JSON.stringify(token ? 'Success! (widget stand-in)' : 'Verifying\u2026 (widget stand-in)')};
		box.appendChild(mark);
		box.appendChild(text);
		if (${JSON.stringify(token)} !== null) {
			var input = document.createElement('input');
			input.type = 'hidden';
			input.name = 'cf-turnstile-response';
			input.value = ${JSON.stringify(token ?? '')};
			box.appendChild(input);
		}
	}
})();`;
}

describe('hosted callback form with Cloudflare Turnstile, in Chromium', () => {
	let n8n: N8nHandle;
	let double: HumanCheckDouble;
	let guarded: StoredWorkflow;
	let open: StoredWorkflow;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	/** What the widget stand-in puts in the form on the next page load. */
	let nextToken: () => string | null = () => null;

	beforeAll(async () => {
		// n8n serves the form on localhost: that is the hostname the widget ran on.
		double = await HumanCheckDouble.start({ hostname: 'localhost' });
		n8n = await startN8n();
		const keys = double.keys('turnstile');
		const credential = await n8n.api.createCredential({
			name: 'Turnstile (local double)',
			type: 'callbackTurnstileApi',
			data: { siteKey: keys.siteKey, secretKey: keys.secret, verifyUrl: double.verifyUrl('turnstile') },
		});
		guarded = await n8n.api.importAndActivate(
			trigger('human-checked', { humanCheck: 'turnstile' }, { callbackTurnstileApi: { id: credential.id, name: credential.name } }),
		);
		open = await n8n.api.importAndActivate(trigger('no-human-check', {}));
		browser = await launchChromium();
		context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		await context.route(`${TURNSTILE_SCRIPT}*`, async (route: Route) => {
			await route.fulfill({ status: 200, contentType: 'text/javascript', body: standInWidget(nextToken()) });
		});
		page = await context.newPage();
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await double?.stop();
	});

	/** As a person does, taking at least the form's minimum time (3 seconds by default) before sending. */
	async function fillForm(firstName: string, phone: string): Promise<void> {
		await page.getByLabel(/first name/i).fill(firstName);
		await page.getByLabel(/phone/i).fill(phone);
		await page.getByLabel(/agree/i).check();
		await page.waitForTimeout((DEFAULT_MIN_SECONDS + 1) * 1000);
	}

	async function errorSummary(): Promise<string> {
		await page.locator('#error-summary').waitFor();
		return (await page.locator('#error-summary').innerText()).trim();
	}

	it('refuses a submission whose check has not finished, shows why, keeps the answers and starts nothing', async () => {
		nextToken = () => null;
		const asked = double.requests.length;
		await page.goto(n8n.api.webhookUrl('human-checked'));
		await page.getByText('Verifying… (widget stand-in)').waitFor();
		await fillForm('Jane', '(415) 555-2671');
		const [response] = await Promise.all([
			page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
			page.getByRole('button', { name: /call me back/i }).click(),
		]);
		expect(response.status()).toBe(422);
		expect(await errorSummary()).toBe('The security check did not finish. Please wait until it is done, then send the form again.');
		expect(await page.getByLabel(/first name/i).inputValue()).toBe('Jane');
		expect(await page.getByLabel(/phone/i).inputValue()).toBe('(415) 555-2671');
		// The widget is back, ready for another try.
		expect(await page.locator('.cf-turnstile').count()).toBe(1);
		await page.screenshot({ path: screenshotPath('human-check-refused-missing-token'), fullPage: true });
		expect(double.requests.length).toBe(asked);
		expect(await n8n.api.listExecutions(guarded.id)).toHaveLength(0);
	});

	it('refuses a token Cloudflare does not confirm, with a message to complete the check again', async () => {
		nextToken = () => 'XXXX.FORGED.TOKEN.XXXX';
		await page.goto(n8n.api.webhookUrl('human-checked'));
		await page.getByText('Success! (widget stand-in)').waitFor();
		await fillForm('Jane', '(415) 555-2671');
		await page.getByRole('button', { name: /call me back/i }).click();
		expect(await errorSummary()).toBe('The security check did not pass. Please complete it again and send the form.');
		expect(double.requests.at(-1)?.params).toMatchObject({ secret: double.keys('turnstile').secret, response: 'XXXX.FORGED.TOKEN.XXXX' });
		await page.screenshot({ path: screenshotPath('human-check-refused'), fullPage: true });
		expect(await n8n.api.listExecutions(guarded.id)).toHaveLength(0);
	});

	it('takes a confirmed token to the thank-you page and starts exactly one execution', async () => {
		let issued = '';
		nextToken = () => (issued = double.issueToken('turnstile', { hostname: 'localhost' }));
		await page.goto(n8n.api.webhookUrl('human-checked'));
		await page.getByText('Success! (widget stand-in)').waitFor();
		await fillForm('Ravi', '(415) 555-0123');
		await page.screenshot({ path: screenshotPath('human-check-form-with-widget'), fullPage: true });
		await page.getByRole('button', { name: /call me back/i }).click();
		await page.getByText(/we've got your request/i).waitFor();
		await page.screenshot({ path: screenshotPath('human-check-thank-you'), fullPage: true });

		expect(double.requests.at(-1)).toMatchObject({ params: { response: issued, remoteip: expect.stringMatching(/127\.0\.0\.1/) }, answer: { success: true, hostname: 'localhost' } });
		const [execution] = await n8n.api.waitForExecutions(guarded.id, 1, 30_000);
		const [[item]] = outputOf(execution, 'Website Callback Form');
		expect(item).toEqual(expect.objectContaining({ contact: expect.objectContaining({ firstName: 'Ravi', phone: '+14155550123' }), source: 'hosted-form' }));
		expect(JSON.stringify(item)).not.toContain(issued);
		// Long enough for a second execution to show, had one started.
		await page.waitForTimeout(1500);
		expect(await n8n.api.listExecutions(guarded.id)).toHaveLength(1);
	});

	it('with the check off, the page asks nothing of any other origin', async () => {
		const origin = new URL(n8n.baseUrl).origin;
		const requested: string[] = [];
		const fresh = await context.newPage();
		fresh.on('request', (request) => {
			requested.push(request.url());
		});
		await fresh.goto(n8n.api.webhookUrl('no-human-check'));
		expect(await fresh.locator('script[src]').count()).toBe(0);
		expect(await fresh.locator('.cf-turnstile, .h-captcha, .g-recaptcha').count()).toBe(0);
		await fresh.getByLabel(/first name/i).fill('Lena');
		await fresh.getByLabel(/phone/i).fill('(415) 555-2672');
		await fresh.getByLabel(/agree/i).check();
		await fresh.waitForTimeout((DEFAULT_MIN_SECONDS + 1) * 1000);
		await fresh.getByRole('button', { name: /call me back/i }).click();
		await fresh.getByText(/we've got your request/i).waitFor();
		await fresh.close();

		expect(requested.length).toBeGreaterThanOrEqual(2);
		expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
		await n8n.api.waitForExecutions(open.id, 1, 30_000);
	});
});
