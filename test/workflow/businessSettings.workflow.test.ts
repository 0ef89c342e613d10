import { BUSINESS_SETTINGS_NODE, shippedTemplate, templateNodes, withSampleBusiness } from '../harness/templates';
import type { WorkflowJson as TemplateJson } from '../harness/n8nApi';
import { callWebhook, loadWorkflow, type WorkflowJson } from './inProcessN8n';

const FORM = 'Website Callback Form';

/** The intake template's form and its Business Settings, as n8n-core runs them (n8n's own nodes left out). */
function formWithSettings(template: TemplateJson): WorkflowJson {
	const nodes = templateNodes(template).filter((node) => node.name === FORM || node.name === BUSINESS_SETTINGS_NODE);
	return { name: template.name, nodes, connections: { [FORM]: { main: [[{ node: BUSINESS_SETTINGS_NODE, type: 'main', index: 0 }]] } } } as unknown as WorkflowJson;
}

const lead = { first_name: 'Jane', phone: '+1 415 555 2671', timezone: 'America/New_York', consent: 'yes' };

describe('a form whose Business Settings are not filled in (in-process n8n-core)', () => {
	const asShipped = loadWorkflow(formWithSettings(shippedTemplate('01-callback-request-intake.json', '2.41.1')));
	const setUp = loadWorkflow(formWithSettings(withSampleBusiness(shippedTemplate('01-callback-request-intake.json', '2.41.1'))));

	it('refuses a lead with 503 not-set-up, naming what Business Settings lacks, and starts nothing', async () => {
		const call = await callWebhook(asShipped, FORM, { method: 'POST', headers: { 'content-type': 'application/json' }, body: lead });
		expect(call.response.status).toBe(503);
		expect(call.response.body).toEqual({
			ok: false,
			error: 'not-set-up',
			message: 'This callback form is not set up yet: Business Settings needs Business Name, Twilio Number, Team Numbers.',
		});
		expect(call.webhookResult.workflowData).toBeUndefined();
	});

	it('shows a person the form is not ready yet instead of the form', async () => {
		const page = await callWebhook(asShipped, FORM, { method: 'GET', headers: { accept: 'text/html' } });
		expect(page.response.status).toBe(503);
		expect(String(page.response.body)).toContain('This callback form is not ready yet');
		expect(String(page.response.body)).not.toContain('<form');
	});

	it('accepts the lead once Business Settings is filled in, and the form shows the business name it holds', async () => {
		const call = await callWebhook(setUp, FORM, { method: 'POST', headers: { 'content-type': 'application/json' }, body: lead });
		expect(call.response.body).toMatchObject({ ok: true, duplicate: false });
		expect(call.webhookResult.workflowData?.[0]).toHaveLength(1);
		const page = await callWebhook(setUp, FORM, { method: 'GET', headers: { accept: 'text/html' } });
		expect(page.response.status).toBe(200);
		expect(String(page.response.body)).toContain('Acme Plumbing');
	});
});
