import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TEMPLATES_FOLDER, type Template } from '../../../scripts/n8n1Templates';
import { FUNNEL_FILE } from '../../../scripts/funnelPart';
import { SMS_REPLIES_FILE, SMS_REPLIES_PATH, smsRepliesFile } from '../../../scripts/smsRepliesTemplate';

type Node = Template['nodes'][number] & { id?: string; webhookId?: string };

describe('the SMS-replies template', () => {
	const text = readFileSync(join(TEMPLATES_FOLDER, SMS_REPLIES_FILE), 'utf8');
	const template = JSON.parse(text) as Template;
	const funnel = JSON.parse(readFileSync(join(TEMPLATES_FOLDER, FUNNEL_FILE), 'utf8')) as Template;
	const wiresOf = (name: string) => (template.connections[name]?.main ?? []).map((targets) => targets.map((target) => target.node));
	const node = (name: string) => template.nodes.find((candidate) => candidate.name === name) as Node | undefined;

	it('holds exactly what scripts/smsRepliesTemplate.ts makes from the funnel (run it after changing the funnel)', () => {
		expect(text).toBe(smsRepliesFile());
	});

	it('starts only from texts: no form or CRM trigger, and its own webhook path beside the funnel', () => {
		const triggers = template.nodes.filter((candidate) => /Trigger$/i.test(candidate.type)).map((candidate) => candidate.name);
		expect(triggers).toEqual(['Text From a Lead']);
		expect(node('Text From a Lead')?.parameters?.path).toBe(SMS_REPLIES_PATH);
		const funnelPath = (funnel.nodes.find((candidate) => candidate.name === 'Text From a Lead') as Node).parameters?.path;
		expect(SMS_REPLIES_PATH).not.toBe(funnelPath);
	});

	it('sends a callback asked for by text through Business Settings to the funnel\'s call, retry and tag nodes', () => {
		expect(wiresOf('Text From a Lead')[2]).toEqual(['Business Settings']);
		expect(wiresOf('Business Settings')).toEqual([['Mark Pending (Text)']]);
		expect(wiresOf('Callback Booked SMS')).toEqual([[], ['Schedule Call'], ['Schedule Call']]);
		expect(wiresOf('Schedule Call')).toEqual([['Still Open?'], ['Voicemail Drop'], ['Mark Failed'], ['Already Complete or Cancelled']]);
		expect(wiresOf('Missed Call SMS')).toEqual([[], ['Schedule Call'], ['Schedule Call']]);
	});

	it('shares no node or webhook id with the funnel, so both can be published in one n8n', () => {
		const funnelIds = new Set((funnel.nodes as Node[]).flatMap((candidate) => [candidate.id, candidate.webhookId]).filter(Boolean));
		const ids = (template.nodes as Node[]).flatMap((candidate) => [candidate.id, candidate.webhookId]).filter(Boolean);
		expect(ids.length).toBeGreaterThan(template.nodes.length);
		expect(ids.filter((id) => funnelIds.has(id))).toEqual([]);
	});

	it('has an n8n 1.x copy, since its call nodes differ there', () => {
		expect(() => readFileSync(join(TEMPLATES_FOLDER, 'n8n-1.x', SMS_REPLIES_FILE))).not.toThrow();
	});
});
