import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { needsN8n2, TEMPLATES_FOLDER, type Template } from '../../../scripts/n8n1Templates';
import { SCHEDULED_FILE, scheduledCallbackFile } from '../../../scripts/scheduledCallbackTemplate';

describe('the scheduled-callback template', () => {
	const text = readFileSync(join(TEMPLATES_FOLDER, SCHEDULED_FILE), 'utf8');
	const template = JSON.parse(text) as Template;
	const wiresOf = (name: string) => (template.connections[name]?.main ?? []).map((targets) => targets.map((target) => target.node));

	it('holds exactly what scripts/scheduledCallbackTemplate.ts makes from the funnel (run it after changing the funnel)', () => {
		expect(text).toBe(scheduledCallbackFile());
	});

	it('waits for the reminder between the confirmation and the call, and reminds only through a reminder text', () => {
		expect(wiresOf('Confirmation SMS')).toEqual([[], ['Wait for Reminder'], ['Wait for Reminder']]);
		expect(wiresOf('Wait for Reminder')[0]).toEqual(['Reminder SMS']);
		expect(wiresOf('Reminder SMS')).toEqual([[], ['Schedule Call'], ['Schedule Call']]);
		const node = (name: string) => template.nodes.find((candidate) => candidate.name === name)?.parameters ?? {};
		expect(node('Wait for Reminder')).toMatchObject({ mode: 'waitForReminder', recheckStatus: true });
		expect(node('Reminder SMS')).toMatchObject({ messageType: 'reminder' });
		expect(node('Booking Form')).toMatchObject({ path: 'book-a-callback', rateLimits: 'dataTable', timeSlots: 'dataTable', hostedForm: true });
		// The slots follow Schedule Call's hours, which Wait for Reminder shares.
		expect(node('Wait for Reminder').weekdayHours).toBe(node('Schedule Call').weekdayHours);
	});

	it('needs n8n 2.x, so it has no n8n 1.x copy', () => {
		expect(needsN8n2(template)).toBe(true);
		expect(() => readFileSync(join(TEMPLATES_FOLDER, 'n8n-1.x', SCHEDULED_FILE))).toThrow();
	});
});
