import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowJson } from '../../harness';
import { selfWires } from '../../harness/templates';
import { N8N1_TEMPLATES_FOLDER, n8n1TemplateFiles, TEMPLATES_FOLDER, type Template } from '../../../scripts/n8n1Templates';

const CALLING_TYPES = ['n8n-nodes-callback.bridgeCall', 'n8n-nodes-callback.voicemailDrop'];

function read(folder: string, file: string): Template {
	return JSON.parse(readFileSync(join(folder, file), 'utf8')) as Template;
}

const callingNodes = (template: Template) => template.nodes.filter((node) => CALLING_TYPES.includes(node.type) && node.parameters?.operation !== 'readLateOutcome');

describe('templates for n8n 2.39+ and their n8n 1.x copies', () => {
	const templateFiles = readdirSync(TEMPLATES_FOLDER).filter((file) => file.endsWith('.json'));

	it.each(templateFiles)('%s has no node wired into itself, and every calling node hands Call Ended to a late-outcome reader of its kind', (file) => {
		const template = read(TEMPLATES_FOLDER, file);
		expect(selfWires(template as unknown as WorkflowJson)).toEqual([]);
		for (const caller of callingNodes(template)) {
			const [callEnded] = template.connections[caller.name]?.main ?? [];
			const readers = (callEnded ?? []).map((target) => template.nodes.find((node) => node.name === target.node));
			expect(readers.map((node) => [node?.type, node?.parameters?.operation])).toEqual([[caller.type, 'readLateOutcome']]);
		}
	});

	it('workflows/n8n-1.x holds exactly what scripts/n8n1Templates.ts makes (run it after changing a template)', () => {
		const expected = n8n1TemplateFiles();
		expect(readdirSync(N8N1_TEMPLATES_FOLDER).sort()).toEqual([...expected.keys()].sort());
		expect(expected.size).toBeGreaterThan(0);
		for (const [file, text] of expected) expect(readFileSync(join(N8N1_TEMPLATES_FOLDER, file), 'utf8')).toBe(text);
	});

	it.each([...n8n1TemplateFiles().keys()])('n8n-1.x/%s wires every calling node\'s Call Ended back into it and has no late-outcome reader', (file) => {
		const template = read(N8N1_TEMPLATES_FOLDER, file);
		expect(template.nodes.filter((node) => node.parameters?.operation === 'readLateOutcome')).toEqual([]);
		expect(selfWires(template as unknown as WorkflowJson).sort()).toEqual(callingNodes(template).map((node) => `${node.name}[0]`).sort());
		const original = read(TEMPLATES_FOLDER, file);
		expect(template.nodes.map((node) => node.name)).toEqual(original.nodes.filter((node) => node.parameters?.operation !== 'readLateOutcome').map((node) => node.name));
	});
});
