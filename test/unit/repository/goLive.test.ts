import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CallbackN8nApi } from '../../../credentials/CallbackN8nApi.credentials';
import { CallbackTwilioApi } from '../../../credentials/CallbackTwilioApi.credentials';
import { BUSINESS_SETTINGS_NODE, TEMPLATE_CREDENTIAL_NAMES, liveReadyTemplate, templateNodes, type BusinessSettingsValues } from '../../harness/templates';
import type { WorkflowJson } from '../../harness/n8nApi';

const WORKFLOWS = join(__dirname, '..', '..', '..', 'workflows');

/** A business other than the templates' sample one. */
const LIVE: BusinessSettingsValues = {
	businessName: 'Northside Dental',
	twilioNumber: '+13125550148',
	teamNumbers: '+13125550190, +13125550191',
	businessTimezone: 'America/Chicago',
	weekdayHours: '08:00-18:00',
	weekendHours: 'closed',
};

/** What the shipped templates say about their sample business. */
const SAMPLE_VALUES = ['Acme Plumbing', '+14155550100', '+14155550123', '415', 'America/New_York', '09:00-17:00', '10:00-14:00'];

function shipped(): Array<{ file: string; workflow: WorkflowJson }> {
	return readdirSync(WORKFLOWS)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as WorkflowJson }));
}

/** Paths of the leaf values that differ between two JSON values. */
function changedFields(before: unknown, after: unknown, path = ''): string[] {
	if (typeof before === 'object' && before !== null && typeof after === 'object' && after !== null) {
		const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
		return [...keys].flatMap((key) => changedFields((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], `${path}/${key}`));
	}
	return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}

/** Every string in a value, with its path. */
function strings(value: unknown, path = ''): Array<{ path: string; text: string }> {
	if (typeof value === 'string') return [{ path, text: value }];
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, inner]) => strings(inner, `${path}/${key}`));
}

describe('going live with a template: the Twilio credential, Business Settings and nothing else', () => {
	const files = shipped();

	it('finds the templates', () => {
		expect(files.map(({ file }) => file)).toContain('02-request-a-callback-funnel.json');
	});

	it.each(files.map(({ file, workflow }) => [file, workflow] as const))('%s keeps the business in one Business Settings node', (_file, workflow) => {
		const settings = templateNodes(workflow).filter((node) => node.type === 'n8n-nodes-callback.callbackBusinessSettings');
		expect(settings.map((node) => node.name)).toEqual([BUSINESS_SETTINGS_NODE]);
	});

	it.each(files.map(({ file, workflow }) => [file, workflow] as const))('%s is live-ready with at most 6 edited fields, and no other node keeps a sample value', (file, workflow) => {
		const live = liveReadyTemplate(workflow, LIVE);
		const edits = changedFields(workflow, live);
		console.log(`${file}: ${edits.length} edited fields (${edits.map((edit) => edit.split('/').pop()).join(', ')})`);
		expect(edits.length).toBeGreaterThan(0);
		expect(edits.length).toBeLessThanOrEqual(6);
		const leftovers = templateNodes(live)
			.filter((node) => node.name !== BUSINESS_SETTINGS_NODE && node.type !== 'n8n-nodes-base.stickyNote')
			.flatMap((node) => strings(node.parameters).filter(({ text }) => SAMPLE_VALUES.some((sample) => text.includes(sample))).map(({ path, text }) => `${node.name}${path}: ${text}`));
		expect(leftovers).toEqual([]);
	});

	it('refers to credentials by the names n8n gives new ones: their display name and " account"', () => {
		expect(TEMPLATE_CREDENTIAL_NAMES.callbackTwilioApi).toBe(`${new CallbackTwilioApi().displayName} account`);
		expect(TEMPLATE_CREDENTIAL_NAMES.callbackN8nApi).toBe(`${new CallbackN8nApi().displayName} account`);
	});

	it.each(files.map(({ file, workflow }) => [file, workflow] as const))('%s names its credentials as n8n names a new one, with no credential ID in it', (_file, workflow) => {
		const references = templateNodes(workflow).flatMap((node) => Object.entries(node.credentials ?? {}).map(([type, reference]) => ({ node: node.name, type, ...reference })));
		for (const reference of references) {
			expect(reference.id).toBe('');
			expect(reference.name).toBe(TEMPLATE_CREDENTIAL_NAMES[reference.type as keyof typeof TEMPLATE_CREDENTIAL_NAMES]);
		}
	});
});
