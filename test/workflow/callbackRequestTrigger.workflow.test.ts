import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

		expect(call.response.body).toEqual({ ok: true, callbackId: expect.stringMatching(/^cb_[0-9a-f]{20}$/), duplicate: false });
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
