import axios from 'axios';
import { DateTime } from 'luxon';

import { DEFAULT_STATUS_TAGS } from '../../nodes/core/callbackStore/statusTags';
import { outputOf, startN8n, type Execution, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { BUSINESS_SETTINGS_NODE, callbackStatusRows, configureTemplate, setAllowedCountries, template, templateNodes } from '../harness/templates';
import { startTwilioSandbox, type TwilioSandbox } from '../twilioSandbox';
import { leadLineAwake } from './leadLineAwake';

/**
 * The request-a-callback funnel as a business runs it, one scenario per lead, each on a copy of
 * the template that differs only in its Business Settings (and its paths): answered at once,
 * missed twice, asked for after closing before a closed weekend, opted out of texts.
 */
const ACCOUNT_SID = `AC${'5ce7'.repeat(8)}`;
const AUTH_TOKEN = 'funnel-scenarios-auth-token-01';
const BUSINESS_NUMBER = '+14155550100';
const TEAM = '+14155550123';
/** Calls run ten times faster than in life. */
const TIME_SCALE = 0.1;
type Json = Record<string, unknown>;

/** A copy of the funnel on paths of its own, with these Business Settings and Schedule Call settings. */
function funnelCopy(suffix: string, settings: Json, schedule: Json = {}, leadCountry = 'US'): WorkflowJson {
	const copy = structuredClone(template('02-request-a-callback-funnel.json'));
	copy.name = `${copy.name} (${suffix})`;
	for (const node of templateNodes(copy)) {
		const parameters = (node.parameters ??= {});
		if (typeof parameters.path === 'string') parameters.path = `${parameters.path}-${suffix}`;
		if (node.name === BUSINESS_SETTINGS_NODE) Object.assign(parameters, settings);
		if (node.name === 'Schedule Call') Object.assign(parameters, schedule);
	}
	// Leads outside the US and Canada only when the test's daytime lead line is elsewhere.
	if (!['US', 'CA'].includes(leadCountry)) setAllowedCountries(copy, []);
	return copy;
}

const OPEN_ALL_DAY = { businessTimezone: 'UTC', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00' };

/** An IANA zone whose clock shows 19:xx now: "Friday 19:00" for the business, whatever day it is. */
function zoneAtSevenPm(now: DateTime): { zone: string; offsetHours: number } {
	let offset = 19 - now.toUTC().hour;
	if (offset > 14) offset -= 24;
	if (offset < -12) offset += 24;
	return { zone: offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`, offsetHours: offset };
}

describe('the funnel, scenario by scenario, in a real n8n with the Twilio sandbox', () => {
	let n8n: N8nHandle;
	let sandbox: TwilioSandbox;
	const line = leadLineAwake();
	const workflows = new Map<string, StoredWorkflow>();
	const friday = zoneAtSevenPm(DateTime.utc());
	/** The business's two closed days after "Friday": its weekend. */
	const weekend = [1, 2].map((days) => DateTime.now().setZone(friday.zone).plus({ days }).toISODate());

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: TIME_SCALE, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [BUSINESS_NUMBER] }] });
		await sandbox.client.setScenario({ number: TEAM, answerAfter: 1, human: true, pressDigits: '1' });
		n8n = await startN8n();
		const credential = await n8n.api.createTwilioCredential({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: sandbox.baseUrl });
		const twilioCredential = { id: credential.id, name: credential.name };
		const copies: Array<[string, WorkflowJson]> = [
			['open', funnelCopy('open', OPEN_ALL_DAY, {}, line.country)],
			// Missed twice: two attempts, one minute apart.
			['missed', funnelCopy('missed', OPEN_ALL_DAY, { attemptDelays: '0, 1', maxAttempts: 2 }, line.country)],
			['friday', funnelCopy('friday', { businessTimezone: friday.zone, weekdayHours: '09:00-17:00', weekendHours: '09:00-17:00', closedOn: weekend.join(', ') }, {}, line.country)],
		];
		for (const [key, copy] of copies) workflows.set(key, await n8n.api.importAndActivate(configureTemplate(copy, { twilioCredential })));
		// The Twilio Console: texts to the business number go to the open copy's Text From a Lead.
		await sandbox.client.registerNumber({ phoneNumber: BUSINESS_NUMBER, smsUrl: n8n.api.webhookUrl('sms-replies-open') });
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	async function ask(copy: string, phone: string, extra: Json = {}): Promise<void> {
		const response = await axios.post(n8n.api.webhookUrl(`request-a-callback-${copy}`), { first_name: 'Jane', phone, reason: 'Leaking water heater', timezone: line.zone, consent: 'yes', ...extra });
		expect(response.data.ok).toBe(true);
	}

	const textsTo = async (phone: string) => (await sandbox.client.messages({ to: phone })).filter((message) => message.direction === 'outbound-api');

	const statusRow = async (phone: string): Promise<Json | undefined> => (await callbackStatusRows(n8n, phone))[0];

	/** The phone of the form request that started an execution; none for one a text started. */
	function requestOf(execution: Execution): string | undefined {
		if (execution.data.resultData.runData['Website Callback Form'] === undefined) return undefined;
		const [[item]] = outputOf(execution, 'Website Callback Form');
		return (item?.contact as Json | undefined)?.phone as string | undefined;
	}

	async function finished(copy: string, phone: string, timeoutMs: number): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			for (const summary of await n8n.api.listExecutions(workflows.get(copy)!.id)) {
				if (['new', 'running', 'waiting'].includes(summary.status)) continue;
				const execution = await n8n.api.getExecution(summary.id);
				if (requestOf(execution) === phone) return execution;
			}
			if (Date.now() > deadline) throw new Error(`the callback of ${phone} did not finish within ${timeoutMs / 1000} s`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	async function waiting(copy: string, phone: string): Promise<Execution> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			for (const summary of await n8n.api.listExecutions(workflows.get(copy)!.id)) {
				if (summary.status !== 'waiting') continue;
				const execution = await n8n.api.getExecution(summary.id);
				if (requestOf(execution) === phone) return execution;
			}
			if (Date.now() > deadline) throw new Error(`no waiting callback of ${phone} within 60 s`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	it('answered on the first attempt: Pending then Complete, a confirmation and a thank-you, one call, no status tag left but Complete', async () => {
		const lead = line.phone(4101);
		await sandbox.client.setScenario({ number: lead, answerAfter: 2, human: true, talkFor: 30 });
		await ask('open', lead);
		const execution = await finished('open', lead, 180_000);
		expect(execution.status).toBe('success');
		const ran = Object.keys(execution.data.resultData.runData);
		expect(ran).toEqual(expect.arrayContaining(['Mark Pending', 'Confirmation SMS', 'Call Business, Then Lead', 'Mark Complete', 'Thank-You SMS']));
		const texts = (await textsTo(lead)).map((message) => message.body);
		expect(texts).toHaveLength(2);
		expect(texts.some((body) => /call you/i.test(body))).toBe(true);
		expect(texts.some((body) => /thank you/i.test(body))).toBe(true);
		expect((await sandbox.client.calls({ to: lead })).length).toBe(1);
		const row = await statusRow(lead);
		const tags = JSON.parse(String(row?.tags ?? '[]')) as string[];
		expect(row?.status).toBe('complete');
		expect(tags.filter((tag) => Object.values(DEFAULT_STATUS_TAGS).includes(tag))).toEqual([DEFAULT_STATUS_TAGS.complete]);
	}, 5 * 60_000);

	it('missed twice: Incomplete and a missed-call text, a second attempt after the interval, then a voicemail, Failed and a final text', async () => {
		const lead = line.phone(4102);
		// An answering machine takes every call: the bridge never reaches a person; the voicemail drop leaves its message.
		await sandbox.client.setScenario({ number: lead, answerAfter: 2, voicemail: true });
		await ask('missed', lead);
		const execution = await finished('missed', lead, 6 * 60_000);
		expect(execution.status).toBe('success');
		// Two bridge attempts and the voicemail drop, each one call to the lead.
		const calls = (await sandbox.client.calls({ to: lead })).sort((a, b) => Date.parse(a.dateCreated) - Date.parse(b.dateCreated));
		expect(calls).toHaveLength(3);
		// The sandbox's clock runs 1 / TIME_SCALE times faster than the real one: its intervals are scaled back.
		const realSeconds = (from: string, to: string) => ((Date.parse(to) - Date.parse(from)) / 1000) * TIME_SCALE;
		const gap = realSeconds(calls[0].dateCreated, calls[1].dateCreated);
		console.log(`missed twice: attempts ${gap.toFixed(0)} s apart (interval 1 minute), the voicemail ${realSeconds(calls[1].dateCreated, calls[2].dateCreated).toFixed(0)} s after the second`);
		expect(gap).toBeGreaterThanOrEqual(60);
		// The voicemail went out inside the lead's hours, on n8n's (real) clock.
		const dropAt = execution.data.resultData.runData['Voicemail Drop']?.[0]?.startTime ?? Number.NaN;
		const dropHour = DateTime.fromMillis(dropAt).setZone(line.zone).hour;
		expect(dropHour).toBeGreaterThanOrEqual(8);
		expect(dropHour).toBeLessThan(21);
		const ran = Object.keys(execution.data.resultData.runData);
		expect(ran).toEqual(expect.arrayContaining(['Mark Incomplete', 'Missed Call SMS', 'Voicemail Drop', 'Mark Failed', 'Final SMS']));
		expect(ran).not.toContain('Mark Complete');
		const texts = (await textsTo(lead)).map((message) => message.body);
		expect(texts.filter((body) => /tried to call you/i.test(body)).length).toBeGreaterThanOrEqual(1);
		expect(texts.length).toBe(4);
		expect((await statusRow(lead))?.status).toBe('failed');
	}, 8 * 60_000);

	it("asked for at 19:00 before a closed weekend: the first call waits for the next opening, and never falls outside the lead's own hours", async () => {
		const onTime = line.phone(4103);
		// Three hours behind the business: 09:00 there is 06:00 for this lead, too early to call.
		const behind = line.phone(4104);
		const behindZone = `Etc/GMT${friday.offsetHours - 3 > 0 ? '-' : '+'}${Math.abs(friday.offsetHours - 3)}`;
		await ask('friday', onTime, { timezone: friday.zone });
		await ask('friday', behind, { timezone: behindZone });
		const monday = DateTime.now().setZone(friday.zone).plus({ days: 3 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
		for (const [phone, expected, zone] of [
			[onTime, monday, friday.zone],
			[behind, monday.plus({ hours: 2 }), behindZone],
		] as const) {
			const execution = await waiting('friday', phone);
			const [[scheduled]] = outputOf(execution, 'Schedule Call');
			const attemptAt = DateTime.fromISO(String((scheduled.callback as Json).attemptAt));
			console.log(`asked at ${DateTime.now().setZone(friday.zone).toFormat('ccc HH:mm')} business time (${friday.zone}), closed ${weekend.join(' and ')}: first call ${attemptAt.setZone(friday.zone).toFormat('ccc d LLL HH:mm')} business time, ${attemptAt.setZone(zone).toFormat('HH:mm')} for the lead`);
			expect(attemptAt.toMillis()).toBe(expected.toMillis());
			expect(Date.parse(String(execution.waitTill))).toBe(expected.toMillis());
			expect(attemptAt.setZone(zone).hour).toBeGreaterThanOrEqual(8);
		}
		expect((await sandbox.client.calls({ to: onTime })).length + (await sandbox.client.calls({ to: behind })).length).toBe(0);
	}, 3 * 60_000);

	it('an opted-out lead is called, never texted', async () => {
		const lead = line.phone(4105);
		await sandbox.client.setScenario({ number: lead, answerAfter: 2, human: true, talkFor: 30 });
		const stop = await sandbox.client.injectSms({ from: lead, to: BUSINESS_NUMBER, body: 'STOP' });
		expect(stop.webhook?.status).toBe(200);
		// The opt-out is recorded by Text From a Lead's execution.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		await ask('open', lead);
		const execution = await finished('open', lead, 180_000);
		expect(execution.status).toBe('success');
		expect(Object.keys(execution.data.resultData.runData)).toEqual(expect.arrayContaining(['Mark Complete', 'Thank-You SMS']));
		expect((await sandbox.client.calls({ to: lead })).filter((call) => call.status === 'completed')).toHaveLength(1);
		expect(await textsTo(lead)).toEqual([]);
		const [, sent, notSent] = outputOf(execution, 'Thank-You SMS');
		console.log(`opted-out lead: called once; Thank-You SMS outputs: sent ${sent?.length ?? 0}, not sent ${notSent?.length ?? 0}`);
	}, 5 * 60_000);
});
