import axios, { type AxiosResponse } from 'axios';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';

import { DEFAULT_MIN_SECONDS } from '../../nodes/core/abuse/submitTiming';
import { launchChromium, screenshotPath } from '../harness/browser';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

/** Bookings are counted in a Data Table through n8n's public API, which n8n 2.x has. */
const N8N_VERSION = '2.41.1';
const FIRST_START_TIMEOUT_MS = 15 * 60_000;
const BUSINESS_ZONE = 'America/New_York';

interface SlotLabel {
	start: string;
	end: string;
	dayKey: string;
	day: string;
	time: string;
	zone: string;
	text: string;
}

function slotWorkflow(path: string, credentialId: string, trigger: Record<string, unknown> = {}): WorkflowJson {
	return {
		name: `Time slots ${path}`,
		nodes: [
			{
				parameters: {
					path,
					duplicateWindowMinutes: 0,
					// The bookings use the rate limits' n8n API key; the race here is for the slot alone.
					rateLimits: 'dataTable',
					rateLimitTable: `limits_${path.replace(/-/g, '_')}`,
					rateLimitPerIp: '',
					rateLimitPerPrefix: '',
					rateLimitTotal: '',
					timeSlots: 'dataTable',
					slotTable: `slots_${path.replace(/-/g, '_')}`,
					slotMinutes: '30',
					slotCapacity: '3',
					bookingHorizon: '7 days',
					minimumNotice: '15 minutes',
					...trigger,
				},
				name: 'Callback Request',
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: `trigger-${path}`,
				webhookId: `webhook-${path}`,
				credentials: { callbackN8nApi: { id: credentialId, name: 'n8n API' } },
			},
			{
				parameters: {
					mode: 'computeOnly',
					businessTimezone: BUSINESS_ZONE,
					weekdayHours: '00:00-24:00',
					weekendHours: '00:00-24:00',
					attemptDelays: '0, 2, 30',
					maxAttempts: 3,
					unknownLeadTimezone: 'businessTimezone',
				},
				name: 'Schedule Call',
				type: 'n8n-nodes-callback.scheduleAttempt',
				typeVersion: 1,
				position: [300, 0],
				id: `schedule-${path}`,
			},
		],
		connections: { 'Callback Request': { main: [[{ node: 'Schedule Call', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** Distinct New York numbers (area code 212), one per lead. */
function newYorkNumbers(count: number, first = 0): string[] {
	return Array.from({ length: count }, (_, index) => `+1212555${String(1000 + first + index).padStart(4, '0')}`);
}

describe(`Time slots in a real n8n ${N8N_VERSION}`, () => {
	let n8n: N8nHandle;
	let credentialId: string;
	let workflow: StoredWorkflow;
	const path = 'book-a-slot';
	let url: string;
	/** The slot the race filled. */
	let raced: string | null = null;

	beforeAll(async () => {
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		credentialId = (await n8n.api.createDataTablesCredential()).id;
		workflow = await n8n.api.importAndActivate(slotWorkflow(path, credentialId));
		await n8n.api.waitForWebhook(path);
		url = n8n.api.webhookUrl(path);
	}, FIRST_START_TIMEOUT_MS);

	afterAll(async () => {
		await n8n?.stop();
	});

	async function freeSlots(zone: string): Promise<SlotLabel[]> {
		const answer = await axios.get(url, { params: { slots: 1, timezone: zone }, validateStatus: () => true });
		expect({ status: answer.status, body: answer.status === 200 ? null : answer.data }).toEqual({ status: 200, body: null });
		expect(answer.data).toMatchObject({ ok: true, timezone: zone, slotMinutes: 30 });
		return (answer.data as { slots: SlotLabel[] }).slots;
	}

	it("lists the free slots as data, inside the lead's calling hours, in the zone asked for", async () => {
		const slots = await freeSlots(BUSINESS_ZONE);
		expect(slots.length).toBeGreaterThan(20);
		for (const slot of slots) {
			const local = DateTime.fromISO(slot.start, { zone: BUSINESS_ZONE });
			// Open all day, so the lead's calling hours (8:00-21:00 their time) are what limits the slots.
			expect(local.hour).toBeGreaterThanOrEqual(8);
			expect(local.plus({ minutes: 30 }).hour * 60 + local.plus({ minutes: 30 }).minute).toBeLessThanOrEqual(21 * 60);
			expect(Date.parse(slot.start)).toBeGreaterThan(Date.now() + 14 * 60_000);
		}
		const tokyo = await freeSlots('Asia/Tokyo');
		expect(tokyo[0].zone).toBe('GMT+9');
		expect(DateTime.fromISO(tokyo[0].start, { zone: 'Asia/Tokyo' }).hour).toBeGreaterThanOrEqual(8);
	});

	it('30 leads racing for a slot of capacity 3: exactly 3 booked, 27 offered other free slots, none lost', async () => {
		// A slot a lead in Chicago could book too, so the browser test below can show it is gone.
		const inChicago = new Set((await freeSlots('America/Chicago')).map((slot) => slot.start));
		const wanted = (await freeSlots(BUSINESS_ZONE)).find((slot) => inChicago.has(slot.start));
		if (wanted === undefined) throw new Error('no slot is free for leads in both New York and Chicago');
		raced = wanted.start;
		const phones = newYorkNumbers(30);
		const answers: AxiosResponse[] = await Promise.all(
			phones.map((phone, index) =>
				axios.post(url, { firstName: `Lead${index}`, phone, preferredTime: wanted.start, timezone: BUSINESS_ZONE }, { validateStatus: () => true, timeout: 60_000 }),
			),
		);
		const booked = answers.filter((answer) => answer.status === 200);
		const refused = answers.filter((answer) => answer.status === 422);
		process.stderr.write(`[time slots] 30 leads for one slot of 3: ${booked.length} booked, ${refused.length} offered other slots\n`);
		expect(booked).toHaveLength(3);
		expect(refused).toHaveLength(27);
		for (const answer of refused) {
			const data = answer.data as { error: string; nextFreeSlots: SlotLabel[] };
			expect(['slot-full', 'slot-busy']).toContain(data.error);
			expect(data.nextFreeSlots.length).toBeGreaterThan(0);
			expect(data.nextFreeSlots.map((slot) => slot.start)).not.toContain(wanted.start);
		}
		const executions = await n8n.api.waitForExecutions(workflow.id, 3, 60_000);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await n8n.api.listAllExecutions(workflow.id)).toHaveLength(3);
		for (const execution of executions) {
			const [[item]] = outputOf(execution, 'Callback Request');
			expect(item).toMatchObject({ mode: 'scheduled', slot: { start: wanted.start, text: wanted.text, timezone: BUSINESS_ZONE } });
			const [[attempt]] = outputOf(execution, 'Schedule Call');
			// The call is planned at the start of the booked slot.
			expect(Date.parse(String((attempt.callback as { attemptAt: string }).attemptAt))).toBe(Date.parse(wanted.start));
		}
		// The full slot is no longer offered; each refused lead can book one of the slots offered.
		expect((await freeSlots(BUSINESS_ZONE)).map((slot) => slot.start)).not.toContain(wanted.start);
		const firstRefused = refused[0].data as { nextFreeSlots: SlotLabel[] };
		const retry = await axios.post(url, { firstName: 'Again', phone: newYorkNumbers(1, 100)[0], preferredTime: firstRefused.nextFreeSlots[0].start, timezone: BUSINESS_ZONE }, { validateStatus: () => true });
		expect(retry.status).toBe(200);
	});

	it('refuses a time that is not a slot with 422 and the next free slots; starts nothing', async () => {
		const [first] = await freeSlots(BUSINESS_ZONE);
		const before = (await n8n.api.listAllExecutions(workflow.id)).length;
		const oddTime = DateTime.fromISO(first.start).plus({ minutes: 7 }).toUTC().toISO();
		const answer = await axios.post(url, { firstName: 'Odd', phone: newYorkNumbers(1, 200)[0], preferredTime: oddTime, timezone: BUSINESS_ZONE }, { validateStatus: () => true });
		expect(answer.status).toBe(422);
		expect(answer.data).toMatchObject({ ok: false, error: 'slot-not-offered', message: 'That time cannot be booked. Please choose another time.' });
		expect((answer.data as { nextFreeSlots: SlotLabel[] }).nextFreeSlots.length).toBeGreaterThan(0);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await n8n.api.listAllExecutions(workflow.id)).toHaveLength(before);
	});

	describe('on the hosted form, in Chromium', () => {
		let browser: Browser;
		let page: Page;
		const browserZone = 'America/Chicago';

		beforeAll(async () => {
			browser = await launchChromium();
			const context = await browser.newContext({ viewport: { width: 390, height: 900 }, timezoneId: browserZone });
			page = await context.newPage();
		}, 5 * 60_000);

		afterAll(async () => {
			await browser?.close();
		});

		it("shows the free slots in the browser's zone with a label for screen readers, leaves full ones out, and books one with the keyboard only", async () => {
			await page.goto(url);
			await page.locator('#slot-zone').waitFor();
			// The page switches to the browser's own zone and fetches its slots.
			// Polled from here: the page's Content-Security-Policy refuses the eval a polling waitForFunction needs.
			const deadline = Date.now() + 30_000;
			while ((await page.locator('#slot-zone').inputValue()) !== browserZone) {
				if (Date.now() > deadline) throw new Error(`the page never switched to ${browserZone}`);
				await page.waitForTimeout(100);
			}
			await page.locator('#slot-days:not([aria-busy]) input[type=radio]').first().waitFor();
			const offered = await freeSlots(browserZone);
			const radios = page.locator('#slot-days input[type=radio]');
			expect(await radios.count()).toBe(offered.length);
			expect(await radios.first().getAttribute('value')).toBe(offered[0].start);
			// The slot the race filled is not there.
			expect(raced).not.toBeNull();
			expect(await page.locator(`#slot-days input[value="${raced}"]`).count()).toBe(0);
			// Each slot's accessible name says the day, the time and the zone.
			const first = offered[0];
			await page.getByRole('radio', { name: `${first.day}, ${first.time} ${first.zone}` }).waitFor();
			expect(first.zone).toBe('CST');
			await page.screenshot({ path: screenshotPath('time-slots-form'), fullPage: true });

			await page.getByLabel(/first name/i).fill('Kim');
			await page.getByLabel(/phone/i).fill('(312) 555-0142');
			await page.getByLabel(/agree/i).check();
			// Keyboard only from here: into the slots, onto the second slot, then send.
			await page.getByRole('radio', { name: 'As soon as possible' }).focus();
			await page.keyboard.press('ArrowDown');
			await page.keyboard.press('ArrowDown');
			const chosen = await page.locator('#slot-days input[type=radio]:checked').getAttribute('value');
			expect(chosen).toBe(offered[1].start);
			await page.waitForTimeout((DEFAULT_MIN_SECONDS + 1) * 1000);
			const before = (await n8n.api.listAllExecutions(workflow.id)).length;
			await page.getByRole('button', { name: /call me back/i }).focus();
			await page.keyboard.press('Enter');
			await page.getByRole('heading', { name: 'Thank you' }).waitFor();
			await page.screenshot({ path: screenshotPath('time-slots-thank-you'), fullPage: true });
			const executions = await n8n.api.waitForExecutions(workflow.id, before + 1, 60_000);
			const [[item]] = outputOf(executions[executions.length - 1], 'Callback Request');
			expect(item).toMatchObject({ source: 'hosted-form', timezone: browserZone, slot: { start: offered[1].start, timezone: browserZone } });
		});
	});
});
