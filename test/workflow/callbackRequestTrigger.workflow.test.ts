import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DateTime } from 'luxon';

import { NO_CALL_TIME_YET_TEXT } from '../../nodes/core/form/expectedCallText';
import { planNextAttempt } from '../../nodes/core/schedule';
import { scheduleSettingsOfNode } from '../../nodes/ScheduleAttempt/readScheduleSettings';
import { leadZoneAwake } from '../e2e/leadZoneAwake';
import { callWebhook, loadWorkflow, outputOf, runFromTrigger, type WorkflowJson } from './inProcessN8n';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/highlevel-intake.workflow.json'), 'utf8')) as WorkflowJson;
const TRIGGER = 'HighLevel Callback Request';

const highLevelPost = {
	contact_id: 'hl-contact-1',
	first_name: 'Jane',
	last_name: 'Doe',
	phone: '+1 415 555 2671',
	email: 'jane@example.com',
	timezone: 'America/Los_Angeles',
	customData: { callback_reason: 'Roof leak', consent: 'yes' },
	location: { id: 'loc-1', name: 'Acme Roofing' },
};

describe('Callback Request Trigger in a workflow (in-process n8n-core)', () => {
	it('turns a HighLevel webhook into one normalized item that flows through the workflow', async () => {
		const staticData = {};
		const workflow = loadWorkflow(fixture, staticData);
		const call = await callWebhook(workflow, TRIGGER, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': 'HighLevel' },
			body: highLevelPost,
		});

		// No Schedule Attempt follows this trigger, so the answer promises no time.
		expect(call.response.body).toEqual({
			ok: true,
			callbackId: expect.stringMatching(/^cb_[0-9a-f]{20}$/),
			duplicate: false,
			expectedCallAt: null,
			expectedCallText: NO_CALL_TIME_YET_TEXT,
		});
		const items = call.webhookResult.workflowData;
		expect(items?.[0]).toHaveLength(1);

		const run = await runFromTrigger(workflow, TRIGGER, items!);
		expect(run.status).toBe('success');
		const [item] = outputOf(run, TRIGGER);
		expect(item).toEqual(
			expect.objectContaining({
				callbackId: (call.response.body as { callbackId: string }).callbackId,
				contact: { firstName: 'Jane', lastName: 'Doe', phone: '+14155552671', phoneCountry: 'US', email: 'jane@example.com' },
				// Read through the field name the user mapped with an expression.
				reason: 'Roof leak',
				mode: 'asap',
				timezone: 'America/Los_Angeles',
				source: 'highlevel-funnel',
				custom: { contact_id: 'hl-contact-1', location: { id: 'loc-1', name: 'Acme Roofing' } },
			}),
		);
		expect(item.consent).toEqual(expect.objectContaining({ given: true, userAgent: 'HighLevel' }));
	});

	it('answers a repeat from the same phone as a duplicate and starts nothing, using the workflow static data', async () => {
		const staticData = {};
		const workflow = loadWorkflow(fixture, staticData);
		const first = await callWebhook(workflow, TRIGGER, { method: 'POST', body: highLevelPost });
		const again = await callWebhook(workflow, TRIGGER, { method: 'POST', body: { ...highLevelPost, phone: '(415) 555-2671' } });

		expect(again.webhookResult.workflowData).toBeUndefined();
		expect(again.response.body).toEqual({
			ok: true,
			callbackId: (first.response.body as { callbackId: string }).callbackId,
			duplicate: true,
			expectedCallAt: null,
			expectedCallText: NO_CALL_TIME_YET_TEXT,
		});
		expect(JSON.stringify(staticData)).not.toContain('4155552671');
	});

	it('refuses a submission that lacks the required consent with 422 and no workflow data', async () => {
		const workflow = loadWorkflow(fixture);
		const call = await callWebhook(workflow, TRIGGER, {
			method: 'POST',
			body: { ...highLevelPost, customData: { callback_reason: 'Roof leak' } },
		});
		expect(call.webhookResult).toEqual({ noWebhookResponse: true });
		expect(call.response.status).toBe(422);
		expect(call.response.body).toEqual(
			expect.objectContaining({ ok: false, errors: [{ field: 'consent', message: expect.stringContaining('agree') }] }),
		);
	});

	it('serves no form when the hosted form is off', async () => {
		const workflow = loadWorkflow(fixture);
		const call = await callWebhook(workflow, TRIGGER, { method: 'GET' });
		expect(call.response.status).toBe(404);
		expect(String(call.response.body)).toContain('not available');
	});
});

/** Trigger → Schedule Attempt with these hours: what a funnel looks like to the trigger. */
function intakeWithSchedule(schedule: Record<string, unknown>): WorkflowJson {
	return {
		name: 'Intake with a schedule',
		nodes: [
			{ id: 'trigger', name: 'Callback Request', type: 'n8n-nodes-callback.callbackRequestTrigger', typeVersion: 1, position: [0, 0], webhookId: 'intake', parameters: { path: 'intake', hostedForm: false, duplicateWindowMinutes: 0, options: {} } },
			{ id: 'schedule', name: 'Schedule Call', type: 'n8n-nodes-callback.scheduleAttempt', typeVersion: 1, position: [220, 0], parameters: { mode: 'computeOnly', ...schedule } },
		],
		connections: { 'Callback Request': { main: [[{ node: 'Schedule Call', type: 'main', index: 0 }]] } },
	};
}

describe('the answer says when the call is expected, from the workflow\'s own schedule', () => {
	// A lead whose local day is well under way, so the 08:00-21:00 calling window is open now.
	const leadZone = leadZoneAwake();
	const lead = { first_name: 'Ana', phone: '+1 212 555 0147', timezone: leadZone };

	it('within a few minutes when the business and the lead can talk now', async () => {
		const workflow = loadWorkflow(intakeWithSchedule({ businessTimezone: 'America/New_York', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00'}));
		const call = await callWebhook(workflow, 'Callback Request', { method: 'POST', body: lead });
		expect(call.response.body).toMatchObject({ ok: true, expectedCallText: "We'll call you within a few minutes.", expectedCallAt: expect.any(String) });
	});

	it('the time Schedule Attempt will choose, on the lead\'s clock, when the business is closed now', async () => {
		// Open one hour a day from the next full hour on the lead's own clock (10:00-21:00 there,
		// inside the lead's calling window): closed now, whatever the hour.
		const opens = DateTime.now().setZone(leadZone).startOf('hour').plus({ hours: 1 });
		const hours = `${opens.toFormat('HH:mm')}-${opens.plus({ hours: 1 }).toFormat('HH:mm')}`;
		const schedule = { businessTimezone: leadZone, weekdayHours: hours, weekendHours: hours };
		const workflow = loadWorkflow(intakeWithSchedule(schedule));
		const call = await callWebhook(workflow, 'Callback Request', { method: 'POST', body: lead });
		const body = call.response.body as { expectedCallAt: string; expectedCallText: string };

		// The same rule, asked independently with the node's stored parameters, says the same.
		const settings = scheduleSettingsOfNode(workflow.getNode('Schedule Call')!.parameters)!;
		const plan = planNextAttempt({ settings, now: DateTime.now(), leadTimezone: leadZone, leadPhone: '+12125550147' });
		expect(plan.kind).toBe('attempt');
		if (plan.kind !== 'attempt') return;
		expect(body.expectedCallAt).toBe(plan.attemptAt);
		expect(DateTime.fromISO(body.expectedCallAt).toMillis()).toBeGreaterThan(Date.now());
		// A call more than ten minutes away is announced by its time.
		if (DateTime.fromISO(plan.attemptAt).toMillis() - Date.now() > 11 * 60_000) expect(body.expectedCallText).toBe(`We'll call you at ${plan.attemptAtLeadLocal}.`);
	});

	it("the lead's clock told from the number when Schedule Attempt's Lead Timezone is empty, not the browser's", async () => {
		// A Honolulu number sent from a browser in a zone where it is night now, whose offset differs from Honolulu's.
		const honolulu = DateTime.now().setZone('Pacific/Honolulu');
		const browserZone = Array.from({ length: 24 }, (_, index) => `Etc/GMT${index - 12 < 0 ? '' : '+'}${index - 12}`).find((zone) => {
			const there = DateTime.now().setZone(zone);
			return there.hour >= 0 && there.hour < 5 && there.offset !== honolulu.offset;
		})!;
		const workflow = loadWorkflow(intakeWithSchedule({ businessTimezone: 'Pacific/Honolulu', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00', leadTimezone: '' }));
		const call = await callWebhook(workflow, 'Callback Request', { method: 'POST', body: { first_name: 'Ana', phone: '+1 808 555 0161', timezone: browserZone } });
		const body = call.response.body as { expectedCallAt: string };
		expect(call.response.body).toMatchObject({ ok: true, expectedCallAt: expect.any(String) });

		const settings = scheduleSettingsOfNode(workflow.getNode('Schedule Call')!.parameters)!;
		const plan = (leadTimezone: string | null) => planNextAttempt({ settings, now: DateTime.now(), leadTimezone, leadPhone: '+18085550161' });
		const byNumber = plan(null);
		const byBrowser = plan(browserZone);
		expect(byNumber.kind === 'attempt' && byBrowser.kind === 'attempt').toBe(true);
		if (byNumber.kind !== 'attempt' || byBrowser.kind !== 'attempt') return;
		expect(byNumber.leadTimezone.zone).toBe('Pacific/Honolulu');
		expect(byBrowser.attemptAt).not.toBe(byNumber.attemptAt);
		// Computed a moment apart: a plan for "now" moves on with the clock, a plan for 08:00 does not.
		expect(Math.abs(DateTime.fromISO(body.expectedCallAt).toMillis() - DateTime.fromISO(byNumber.attemptAt).toMillis())).toBeLessThan(5_000);
	});

	it('no time when the schedule depends on the item (an expression)', async () => {
		const workflow = loadWorkflow(intakeWithSchedule({ businessTimezone: '={{ $json.timezone }}', weekdayHours: '09:00-17:00', weekendHours: '' }));
		const call = await callWebhook(workflow, 'Callback Request', { method: 'POST', body: lead });
		expect(call.response.body).toMatchObject({ expectedCallAt: null, expectedCallText: NO_CALL_TIME_YET_TEXT });
	});
});
