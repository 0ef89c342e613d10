import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEMO_COUNTRIES } from '../../../scripts/demoLeadPhones';
import { DEMO_OPENING_HOURS, demoTemplate } from '../../../scripts/demoTemplates';
import { BUSINESS_SETTINGS_NODE, templateNodes } from '../../harness/templates';
import type { WorkflowJson } from '../../harness/n8nApi';

const funnel = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'workflows', '02-request-a-callback-funnel.json'), 'utf8')) as WorkflowJson;
const demo = demoTemplate(funnel, 'Demo: the phones are simulated.');
const nodes = (workflow: WorkflowJson) => new Map(templateNodes(workflow).map((node) => [node.name, node]));

describe("the demo's copy of a template", () => {
	it('opens the business around the clock in Business Settings', () => {
		expect(nodes(demo).get(BUSINESS_SETTINGS_NODE)?.parameters).toMatchObject({ weekdayHours: DEMO_OPENING_HOURS, weekendHours: DEMO_OPENING_HOURS });
	});

	it("tells every texting and calling node the lead's clock from the number, never from the browser", () => {
		const clocks = templateNodes(demo)
			.filter((node) => /\.(scheduleAttempt|bridgeCall|voicemailDrop|sendSms)$/.test(node.type) && node.parameters?.operation === undefined)
			.map((node) => ({ node: node.name, leadTimezone: node.parameters?.leadTimezone }));
		expect(clocks.length).toBeGreaterThan(10);
		expect(clocks.filter((clock) => clock.leadTimezone !== '')).toEqual([]);
	});

	it("keeps the lead's legal calling and texting hours as shipped", () => {
		const windows = (workflow: WorkflowJson) =>
			templateNodes(workflow).map((node) => JSON.stringify(node.parameters ?? {}).match(/"(callingWindow\w*|textingWindow\w*)":"[^"]*"/g) ?? []);
		expect(windows(demo)).toEqual(windows(funnel));
	});

	it('accepts the demo numbers’ countries and puts the demo note on the hosted form', () => {
		const form = nodes(demo).get('Website Callback Form')!;
		expect(form.parameters).toMatchObject({ allowedCountries: [...DEMO_COUNTRIES], introText: 'Demo: the phones are simulated.' });
		// Also where the template leaves the setting at its default (US, CA), such as the calling nodes.
		expect(nodes(funnel).get('Call Business, Then Lead')?.parameters?.allowedCountries).toBeUndefined();
		expect(nodes(demo).get('Call Business, Then Lead')?.parameters?.allowedCountries).toEqual([...DEMO_COUNTRIES]);
		expect(nodes(demo).get('Thank-You SMS')?.parameters?.allowedCountries).toEqual([...DEMO_COUNTRIES]);
		expect(String(nodes(funnel).get('Website Callback Form')?.parameters?.introText ?? '')).not.toContain('Demo');
	});
});
