import axios, { type AxiosResponse } from 'axios';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';

import { DEFAULT_MIN_SECONDS } from '../../nodes/core/abuse/submitTiming';
import { CALLBACK_TABLE_COLUMNS, EMPTY_CONTEXT, toCallbackRow } from '../../nodes/core/callbackStore';
import { launchChromium, screenshotPath } from '../harness/browser';
import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadZoneAwake } from './leadZoneAwake';

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

/** A Callback Request Trigger with time slots on, its own tables, and no request limits of its own. */
function slotTriggerParameters(path: string, slots: Record<string, unknown>): Record<string, unknown> {
	const tableSuffix = path.replace(/-/g, '_');
	return {
		path,
		duplicateWindowMinutes: 0,
		// The bookings use the rate limits' n8n API key; the races here are for the slots alone.
		rateLimits: 'dataTable',
		rateLimitTable: `limits_${tableSuffix}`,
		rateLimitPerIp: '',
		rateLimitPerPrefix: '',
		rateLimitTotal: '',
		timeSlots: 'dataTable',
		slotTable: `slots_${tableSuffix}`,
		...slots,
	};
}

function slotWorkflow(path: string, credentialId: string, trigger: Record<string, unknown> = {}): WorkflowJson {
	return {
		name: `Time slots ${path}`,
		nodes: [
			{
				parameters: slotTriggerParameters(path, { slotMinutes: '30', slotCapacity: '3', bookingHorizon: '7 days', minimumNotice: '15 minutes', ...trigger }),
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

const ACCOUNT_SID = `AC${'5107'.repeat(8)}`;
const AUTH_TOKEN = 'no-show-test-auth-token-0001';
const BUSINESS_NUMBER = '+14155550100';
const AGENT_NUMBER = '+14155550123';
const STATUS_TABLE = 'no_show_statuses';

/**
 * A booked callback whose call is placed at once, so that a lead can miss three in a row within
 * a test: booking form → Mark Pending → call the team, then the lead → missed: Mark Failed →
 * Final SMS, as the scheduled-callback template ends a missed callback.
 */
function noShowWorkflow(path: string, dataTables: string, twilio: string): WorkflowJson {
	const statusTable = { store: 'dataTable', dataTableId: '', dataTableName: STATUS_TABLE };
	const outcome = '={{ $json.bridgeCall?.outcome ?? "" }}';
	const node = (name: string, type: string, position: number, parameters: Record<string, unknown>, credentials?: Record<string, unknown>) => ({
		name,
		type: `n8n-nodes-callback.${type}`,
		typeVersion: 1,
		position: [position * 250, 0],
		id: `${path}-${type}-${position}`,
		parameters,
		...(credentials ? { credentials } : {}),
	});
	const twilioCredential = { callbackTwilioApi: { id: twilio, name: 'Twilio' } };
	return {
		name: `No-shows ${path}`,
		nodes: [
			{
				...node(
					'Booking Form',
					'callbackRequestTrigger',
					0,
					slotTriggerParameters(path, { slotMinutes: '15', slotStatusTable: STATUS_TABLE }),
					{ callbackN8nApi: { id: dataTables, name: 'n8n API' } },
				),
				webhookId: `webhook-${path}`,
			},
			node('Mark Pending', 'tagRouter', 1, { operation: 'setStatus', status: 'pending', ...statusTable }),
			node('Schedule Call', 'scheduleAttempt', 2, { mode: 'computeOnly', businessTimezone: BUSINESS_ZONE, weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00' }),
			node('Call Business, Then Lead', 'bridgeCall', 2, { agentNumbers: AGENT_NUMBER, from: BUSINESS_NUMBER, options: {} }, twilioCredential),
			node('Late Call Outcome', 'bridgeCall', 3, { operation: 'readLateOutcome' }, twilioCredential),
			node('Mark Failed', 'tagRouter', 3, { operation: 'setStatus', status: 'failed', outcome, ...statusTable }),
			node('Final SMS', 'sendSms', 4, { from: BUSINESS_NUMBER, messageType: 'finalAttempt', businessName: 'Acme Plumbing', callbackCallerId: BUSINESS_NUMBER, optOutList: 'none' }, twilioCredential),
		],
		connections: {
			'Booking Form': { main: [[{ node: 'Mark Pending', type: 'main', index: 0 }]] },
			'Mark Pending': { main: [[{ node: 'Call Business, Then Lead', type: 'main', index: 0 }, { node: 'Schedule Call', type: 'main', index: 0 }]] },
			'Call Business, Then Lead': { main: [[{ node: 'Late Call Outcome', type: 'main', index: 0 }], [], [{ node: 'Mark Failed', type: 'main', index: 0 }]] },
			'Late Call Outcome': { main: [[], [], [{ node: 'Mark Failed', type: 'main', index: 0 }]] },
			'Mark Failed': { main: [[{ node: 'Final SMS', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** n8n's own Webhook node answering with what the Callback Free Slots node lists for ?phone=…&timezone=…. */
function slotListerWorkflow(path: string, bookingFormUrl: string): WorkflowJson {
	return {
		name: `Free slots ${path}`,
		nodes: [
			{
				parameters: { httpMethod: 'GET', path, responseMode: 'lastNode', options: {} },
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				id: `webhook-node-${path}`,
				webhookId: `webhook-${path}`,
			},
			{
				parameters: { bookingFormUrl, leadPhone: '={{ $json.query.phone ?? "" }}', leadTimezone: '={{ $json.query.timezone ?? "" }}', slotCount: 3 },
				name: 'Free Slots',
				type: 'n8n-nodes-callback.callbackFreeSlots',
				typeVersion: 1,
				position: [250, 0],
				id: `free-slots-${path}`,
			},
		],
		connections: { Webhook: { main: [[{ node: 'Free Slots', type: 'main', index: 0 }]] } },
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

	describe('no-shows, cancelled bookings and the Callback Free Slots node', () => {
		const lead = '+14155552690';
		const noShowPath = 'book-no-show';
		let sandbox: TwilioSandbox;
		let noShows: StoredWorkflow;
		let bookingUrl: string;

		beforeAll(async () => {
			sandbox = await startTwilioSandbox({ timeScale: 0.1, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
			await sandbox.client.setScenario({ number: AGENT_NUMBER, answerAfter: 1, human: true, pressDigits: '1' });
			await sandbox.client.setScenario({ number: lead, noAnswer: true });
			const twilio = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
			noShows = await n8n.api.importAndActivate(noShowWorkflow(noShowPath, credentialId, twilio.id));
			await n8n.api.waitForWebhook(noShowPath);
			bookingUrl = n8n.api.webhookUrl(noShowPath);
		}, 5 * 60_000);

		afterAll(async () => {
			await sandbox?.stop();
		});

		async function statusRows(): Promise<Array<Record<string, unknown>>> {
			const project = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
			const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${project.id}/data-tables`);
			const table = tables.data.find((candidate) => candidate.name === STATUS_TABLE);
			if (table === undefined) return [];
			const rows = await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${project.id}/data-tables/${table.id}/rows`);
			return rows.data.filter((row) => row.phone === lead);
		}

		it('the third missed booked callback in a row flags the lead and sends the no-show text; the number then cannot book a slot', async () => {
			const zone = leadZoneAwake();
			const finalTexts: string[] = [];
			const seen = new Set<string>();
			for (let booking = 1; booking <= 3; booking++) {
				const list = await axios.get(bookingUrl, { params: { slots: 1, timezone: zone } });
				const [slot] = (list.data as { slots: SlotLabel[] }).slots;
				const answer = await axios.post(bookingUrl, { first_name: 'Robin', phone: lead, preferredTime: slot.start, timezone: zone, consent: 'yes' }, { validateStatus: () => true });
				expect({ booking, status: answer.status, body: answer.data as unknown }).toMatchObject({ booking, status: 200, body: { ok: true } });
				const text = await sandbox.client.waitForMessage((message) => message.to === lead && !seen.has(message.sid) && /Acme Plumbing/.test(message.body), 120_000);
				seen.add(text.sid);
				finalTexts.push(text.body);
			}
			for (const text of finalTexts.slice(0, 2)) expect(text).toMatch(/^Hi Robin, Acme Plumbing could not reach you\. If you still want a call, just send us a new callback request\./);
			expect(finalTexts[2]).toMatch(/^Hi Robin, Acme Plumbing tried to reach you several times\. Please call us at \+1 415 555 0100 when it suits you\./);
			// Every time the team was called first, then the lead, who never answered.
			const calls = await sandbox.client.calls();
			expect(calls.filter((call) => call.to === AGENT_NUMBER)).toHaveLength(3);
			expect(calls.filter((call) => call.to === lead).map((call) => call.status)).toEqual(['no-answer', 'no-answer', 'no-answer']);

			const rows = (await statusRows()).sort((a, b) => String(a.requestedAt).localeCompare(String(b.requestedAt)));
			expect(rows.map((row) => [row.status, row.missedInARow])).toEqual([
				['failed', '1'],
				['failed', '2'],
				['failed', '3'],
			]);
			for (const row of rows) expect(Date.parse(String(row.bookedFor))).toBeGreaterThan(Date.parse(String(row.requestedAt)));
			expect(JSON.parse(String(rows[2].tags))).toEqual(['Failed', 'Callback No-Show']);
			const pausedUntil = Date.parse(String(rows[2].noShowUntil));
			expect(pausedUntil - Date.parse(String(rows[2].statusChangedAt))).toBe(30 * 24 * 3_600_000);
			// The funnel's own runs (the Data table node's sub-runs are listed too, as "integrated").
			const bookings = async () => (await n8n.api.listAllExecutions(noShows.id)).filter((execution) => execution.mode === 'webhook');
			const newest = (await bookings()).sort((a, b) => Number(b.id) - Number(a.id))[0];
			const [[flagged]] = outputOf(await n8n.api.getExecution(newest.id), 'Mark Failed');
			expect((flagged.callback as Record<string, unknown>).noShow).toEqual({ missedInARow: 3, flagged: true, pausedUntil: new Date(pausedUntil).toISOString() });

			// A fourth booking is refused while the pause runs, and starts nothing; "as soon as possible" still may.
			const [slot] = ((await axios.get(bookingUrl, { params: { slots: 1, timezone: zone } })).data as { slots: SlotLabel[] }).slots;
			const refused = await axios.post(bookingUrl, { first_name: 'Robin', phone: lead, preferredTime: slot.start, timezone: zone, consent: 'yes' }, { validateStatus: () => true });
			expect(refused.status).toBe(422);
			expect(refused.data).toMatchObject({ ok: false, error: 'no-show-paused', pausedUntil: new Date(pausedUntil).toISOString(), message: expect.stringMatching(/cannot book a time for now/) });
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(await bookings()).toHaveLength(3);
			const asap = await axios.post(bookingUrl, { first_name: 'Robin', phone: lead, timezone: zone, consent: 'yes' }, { validateStatus: () => true });
			expect(asap.status).toBe(200);
		}, 8 * 60_000);

		it('a cancelled booking gives its place back: the full slot is offered again and takes one more lead, then is full again', async () => {
			expect(raced).not.toBeNull();
			const slotOf = async () => (await freeSlots(BUSINESS_ZONE)).find((slot) => slot.start === raced);
			expect(await slotOf()).toBeUndefined();
			// One of the three leads in the raced slot cancels: the Tag Router marks its callback Cancelled.
			const { id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
			const { id: tableId } = await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, {
				name: 'Callback statuses',
				columns: CALLBACK_TABLE_COLUMNS.map((name) => ({ name, type: 'string' })),
			});
			const at = new Date().toISOString();
			const cancelled = toCallbackRow({
				callbackId: 'cb_cancelled000000000001',
				phone: newYorkNumbers(1)[0],
				contactId: null,
				status: 'cancelled',
				tags: ['Cancelled'],
				attempts: 0,
				lastOutcome: 'lead-cancelled',
				requestedAt: at,
				statusChangedAt: at,
				notes: [],
				optOut: false,
				context: EMPTY_CONTEXT,
				scheduledAttempt: null,
				bookedFor: raced,
				missedInARow: 0,
				noShowUntil: null,
				version: 2,
			});
			await n8n.api.rest('POST', `/projects/${projectId}/data-tables/${tableId}/insert`, { data: [cancelled], returnType: 'count' });
			expect(await slotOf()).toBeDefined();
			const first = await axios.post(url, { firstName: 'Late', phone: newYorkNumbers(1, 300)[0], preferredTime: raced, timezone: BUSINESS_ZONE }, { validateStatus: () => true });
			expect(first.status).toBe(200);
			const second = await axios.post(url, { firstName: 'Later', phone: newYorkNumbers(1, 301)[0], preferredTime: raced, timezone: BUSINESS_ZONE }, { validateStatus: () => true });
			expect(second.status).toBe(422);
			expect(second.data).toMatchObject({ error: 'slot-full' });
			expect(await slotOf()).toBeUndefined();
		});

		it("the Callback Free Slots node lists the form's first free slots on the lead's clock, and none for a no-show", async () => {
			await n8n.api.importAndActivate(slotListerWorkflow('list-free-slots', bookingUrl));
			await n8n.api.waitForWebhook('list-free-slots');
			const lister = n8n.api.webhookUrl('list-free-slots');
			const zone = 'America/Chicago';
			const offered = ((await axios.get(bookingUrl, { params: { slots: 1, timezone: zone } })).data as { slots: SlotLabel[] }).slots;
			const listed = await axios.get(lister, { params: { phone: '+13125550199', timezone: zone } });
			expect(listed.data.freeSlots).toMatchObject({ timezone: zone, slotMinutes: 15, asapAllowed: true, noShowPausedUntil: null, slots: offered.slice(0, 3) });
			expect(listed.data.freeSlots.text).toBe(offered.slice(0, 3).map((slot) => slot.text).join('; '));
			expect(offered[0].text).toMatch(/C[SD]T$/);
			// The lead flagged above is offered nothing while the pause runs.
			const paused = await axios.get(lister, { params: { phone: lead, timezone: zone } });
			expect(paused.data.freeSlots).toMatchObject({ slots: [], text: '', noShowPausedUntil: expect.stringMatching(/^\d{4}-/) });
		}, 3 * 60_000);
	});
});
