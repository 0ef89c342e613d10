import axios from 'axios';
import { DateTime } from 'luxon';
import type { Browser, ConsoleMessage } from 'playwright-core';

import { launchChromium, screenshotPath } from '../harness/browser';
import { startN8n, type N8nHandle, type WorkflowJson } from '../harness';
import { allDayFunnel, callbackStatusRows, configureTemplate, template, templateNodes } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadLineAwake } from './leadLineAwake';

/**
 * The callback report against what the funnel really did: in a real n8n with the Twilio sandbox,
 * four leads ask for a callback (one is reached on the first call, one misses both calls and gets
 * a voicemail, one cancels a booked callback by text, one opts out of texts while waiting); the
 * Callback Report node's figures are that mix, and the Weekly callback report template's page
 * shows them behind its access token, in Chromium at desktop and phone widths.
 */
const ACCOUNT_SID = `AC${'7e90'.repeat(8)}`;
const AUTH_TOKEN = 'callback-report-test-auth-token';
const BUSINESS_NUMBER = '+14155550100';
const TEAM = '+14155550123';
const TIME_SCALE = 0.1;
const ACCESS_TOKEN = 'report-token-4f9c2a7d1e8b6035';
type Json = Record<string, unknown>;

/** Webhook → Callback Report (Get Metrics, the last 30 days, UTC) → Respond to Webhook: the figures as JSON. */
function reportDataWorkflow(): WorkflowJson {
	return {
		name: 'Report data (test)',
		nodes: [
			{ id: 'r1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'report-data-test', parameters: { httpMethod: 'GET', path: 'report-data', responseMode: 'responseNode', options: {} } },
			{ id: 'r2', name: 'Callback Report', type: 'n8n-nodes-callback.callbackReport', typeVersion: 1, position: [220, 0], parameters: { operation: 'metrics', businessTimezone: 'UTC', period: 'last30Days' } },
			{ id: 'r3', name: 'Respond to Webhook', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [440, 0], parameters: { respondWith: 'firstIncomingItem', options: {} } },
		],
		connections: {
			Webhook: { main: [[{ node: 'Callback Report', type: 'main', index: 0 }]] },
			'Callback Report': { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

describe('the callback report in a real n8n, after the funnel ran a known mix', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	let browser: Browser | undefined;
	const line = leadLineAwake();
	const reached = line.phone(5101);
	const missed = line.phone(5102);
	const cancelled = line.phone(5103);
	const optedOut = line.phone(5104);

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: TIME_SCALE, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario([
			{ number: TEAM, answerAfter: 1, human: true, pressDigits: '1' },
			{ number: reached, answerAfter: 2, human: true, talkFor: 30 },
			{ number: missed, answerAfter: 2, voicemail: true },
		]);
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		const twilioCredential = { id: credential.id, name: credential.name };
		const funnel = allDayFunnel(line.country);
		for (const node of templateNodes(funnel)) {
			// Missed twice: two attempts one minute apart, then the voicemail.
			if (node.name === 'Schedule Call') Object.assign(node.parameters!, { attemptDelays: '0, 1', maxAttempts: 2 });
		}
		await n8n.api.importAndActivate(configureTemplate(funnel, { twilioCredential }));
		await sandbox.client.registerNumber({ phoneNumber: BUSINESS_NUMBER, smsUrl: n8n.api.webhookUrl('sms-replies') });
		await n8n.api.importAndActivate(reportDataWorkflow());
		const weekly = configureTemplate(template('08-weekly-callback-report.json'), { twilioCredential });
		for (const node of templateNodes(weekly)) if (node.name === 'Report Page') node.parameters!.accessToken = ACCESS_TOKEN;
		await n8n.api.importAndActivate(weekly);
		// n8n 2.x registers a published workflow's webhooks a moment after answering.
		for (const path of ['report-data', 'callback-report']) await n8n.api.waitForWebhook(path);
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await sandbox?.stop();
	});

	const ask = async (phone: string, extra: Json = {}) => {
		const response = await axios.post(n8n.api.webhookUrl('request-a-callback'), { first_name: 'Jane', phone, reason: 'Report test', timezone: line.zone, consent: 'yes', ...extra });
		expect(response.data.ok).toBe(true);
	};

	const statusOf = async (phone: string) => (await callbackStatusRows(n8n, phone))[0];

	async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	it("counts what the funnel did: requests, reached on attempt 1, failed with a voicemail, cancelled by the lead, opted out, still open", async () => {
		const later = DateTime.now().setZone(line.zone).plus({ hours: 2 }).startOf('hour').toISO();
		await Promise.all([ask(reached), ask(missed), ask(cancelled, { preferred_time: later }), ask(optedOut, { preferred_time: later })]);
		await until('the booked callbacks waiting', async () => Boolean((await statusOf(cancelled))?.scheduledAttempt) && Boolean((await statusOf(optedOut))?.scheduledAttempt), 60_000);
		expect((await sandbox.client.injectSms({ from: cancelled, to: BUSINESS_NUMBER, body: '@cancel' })).webhook?.status).toBe(200);
		expect((await sandbox.client.injectSms({ from: optedOut, to: BUSINESS_NUMBER, body: 'STOP' })).webhook?.status).toBe(200);
		await until('the reached callback complete', async () => (await statusOf(reached))?.status === 'complete', 180_000);
		await until('the cancelled callback cancelled', async () => (await statusOf(cancelled))?.status === 'cancelled', 60_000);
		await until('the missed callback failed', async () => (await statusOf(missed))?.status === 'failed', 6 * 60_000);

		const report = (await axios.get(n8n.api.webhookUrl('report-data'))).data as { figures: Json; rows: Json[]; summary: string; perChannel: Json[] };
		console.log(`report after the mix: ${JSON.stringify(report.figures)}\n${report.summary}`);
		expect(report.figures).toEqual(
			expect.objectContaining({
				requests: 4,
				reached: 1,
				reachedOnAttempt1: 1,
				reachedOnAttempt2: 0,
				failed: 1,
				cancelled: 1,
				cancelledByLead: 1,
				cancelledBeforeFirstCall: 1,
				optedOut: 1,
				voicemailsLeft: 1,
				callsPlaced: 3,
				called: 2,
				stillOpen: 1,
				booked: 2,
				// No form here has rate limits on, so there is no table to count refusals in.
				blockedByRateLimit: null,
				blockedByHumanCheck: null,
			}),
		);
		// The reached lead's first call came within a minute of the form (hours open, asked as soon as possible).
		expect(report.figures.medianSecondsToFirstCall).toEqual(expect.any(Number));
		expect(report.figures.medianTalkSeconds).toEqual(expect.any(Number));
		expect(report.perChannel).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'form', requests: 4, reached: 1 })]));
		// Every figure goes out with its definition.
		expect(report.rows.every((row) => typeof row.definition === 'string' && String(row.definition).length > 10)).toBe(true);
	}, 10 * 60_000);

	it('counts the requests a form with rate limits turned away: over its limit, and a bot that filled the hidden field', async () => {
		const dataTables = await n8n.api.createDataTablesCredential();
		const path = 'limited-form';
		await n8n.api.importAndActivate({
			name: 'Limited form (test)',
			nodes: [
				{
					id: 'l1',
					name: 'Callback Request',
					type: 'n8n-nodes-callback.callbackRequestTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'limited-form-test',
					parameters: { path, rateLimits: 'dataTable', rateLimitPerIp: '2/1h', rateLimitPerPrefix: '', rateLimitTotal: '', duplicateWindowMinutes: 0, allowedCountries: [line.country] },
					credentials: { callbackN8nApi: { id: dataTables.id, name: dataTables.name } },
				},
				{ id: 'l2', name: 'Accepted', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} },
			],
			connections: { 'Callback Request': { main: [[{ node: 'Accepted', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		} as unknown as WorkflowJson);
		await n8n.api.waitForWebhook(path);
		const statuses: number[] = [];
		for (let index = 0; index < 5; index++) {
			const response = await axios.post(n8n.api.webhookUrl(path), { first_name: 'Flood', phone: line.phone(5200 + index), consent: 'yes' }, { validateStatus: () => true });
			statuses.push(response.status);
		}
		// A bot fills the hidden field: answered as if accepted, counted as a bot.
		const bot = await axios.post(n8n.api.webhookUrl(path), { first_name: 'Bot', phone: line.phone(5299), consent: 'yes', website: 'http://spam.example' }, { validateStatus: () => true });
		expect(statuses).toEqual([200, 200, 429, 429, 429]);
		expect(bot.status).toBe(200);

		const report = (await axios.get(n8n.api.webhookUrl('report-data'))).data as { figures: Json; rows: Json[] };
		console.log(`report, requests turned away: ${JSON.stringify({ rateLimit: report.figures.blockedByRateLimit, bots: report.figures.blockedByHumanCheck, held: report.figures.heldForReview })}`);
		expect(report.figures).toEqual(expect.objectContaining({ blockedByRateLimit: 3, blockedByHumanCheck: 1, heldForReview: 0 }));
		// The refused requests are no callbacks: the four of the mix are all there is.
		expect(report.figures.requests).toBe(4);
		expect(report.rows.find((row) => row.key === 'blockedByRateLimit')).toEqual(expect.objectContaining({ label: 'Blocked by rate limits', value: 3, unit: 'requests' }));
	});

	it('the report page refuses a link without its token, or with another one, and shows no figures', async () => {
		const url = n8n.api.webhookUrl('callback-report');
		for (const query of ['', '?token=', '?token=not-the-token-at-all-000']) {
			const response = await axios.get(`${url}${query}`, { validateStatus: () => true });
			expect(response.status).toBe(401);
			expect(String(response.data)).toMatch(/access token/i);
			expect(String(response.data)).not.toMatch(/reach rate/i);
		}
	});

	it('renders the page with every chart and no console error in Chromium, on a desktop and a phone', async () => {
		const today = DateTime.utc().toISODate();
		const from = DateTime.utc().minus({ days: 6 }).toISODate();
		const url = `${n8n.api.webhookUrl('callback-report')}?token=${ACCESS_TOKEN}&from=${from}&to=${today}`;
		const response = await axios.get(url);
		expect(response.status).toBe(200);
		expect(String(response.headers['content-type'])).toMatch(/text\/html/);
		// n8n 2.x's Respond to Webhook puts an HTML answer in a sandbox policy of its own; the page needs nothing it forbids.
		expect(String(response.headers['content-security-policy'])).toMatch(/default-src 'none'|sandbox/);
		expect(response.headers['cache-control']).toBe('no-store');
		browser = await launchChromium();
		for (const [name, viewport] of [
			['desktop', { width: 1280, height: 900 }],
			['phone', { width: 390, height: 844 }],
		] as const) {
			const page = await browser.newPage({ viewport });
			const problems: string[] = [];
			page.on('console', (message: ConsoleMessage) => {
				if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
			});
			page.on('pageerror', (error) => problems.push(error.message));
			await page.goto(url);
			const charts = page.locator('svg[role="img"]');
			expect(await charts.count()).toBe(4);
			for (let index = 0; index < 4; index++) expect((await charts.nth(index).locator('title').textContent())?.trim()).toBeTruthy();
			expect(await page.getByText(/reach rate/i).first().isVisible()).toBe(true);
			expect(await page.getByText('Blocked by rate limits').first().isVisible()).toBe(true);
			// Nothing wider than the screen: the page scrolls down, never sideways.
			expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
			await page.screenshot({ path: screenshotPath(`report-page-${name}`), fullPage: true });
			expect(problems).toEqual([]);
			await page.close();
		}
	}, 5 * 60_000);
});
