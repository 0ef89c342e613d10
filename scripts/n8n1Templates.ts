/**
 * The templates for n8n 1.x, made from the ones in workflows/ (which are for n8n 2.39 and newer).
 *
 * n8n 1.x forwards only the first output of a node that a webhook resumes, so a calling node's
 * result must come back through its Call Ended output, wired into its own input. n8n 2.39 and
 * newer send the result straight to its output; there a second node of the same kind, set to
 * Read Outcome After Maximum Wait, sits on Call Ended. This turns the second form into the first:
 * the reading node goes, and Call Ended is wired back into the calling node.
 *
 * `npx ts-node --transpile-only scripts/n8n1Templates.ts` writes workflows/n8n-1.x/; a unit test
 * keeps the files equal to what this makes.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

interface TemplateNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
}

interface Connection {
	node: string;
	type: string;
	index: number;
}

export interface Template {
	nodes: TemplateNode[];
	connections: Record<string, { main?: Connection[][] }>;
	[key: string]: unknown;
}

export const TEMPLATES_FOLDER = join(__dirname, '..', 'workflows');
export const N8N1_TEMPLATES_FOLDER = join(TEMPLATES_FOLDER, 'n8n-1.x');

/** What the sticky notes say about the late-outcome nodes, and what they say on n8n 1.x instead. */
const NOTE_FOR_N8N1 = "**Call Ended loops back into the calling node** on purpose: on n8n 1.x a waiting execution continues through a node's first output, and the result comes back through that loop before leaving by its own output. Keep the loops wired. This copy is for n8n 1.x; on n8n 2.39 and newer import the template from workflows/.";
/** A sticky note's paragraph about the late-outcome nodes (each names one in bold). */
const isLateOutcomeParagraph = (paragraph: string): boolean => /\*\*Late [^*]*Outcome\*\*/.test(paragraph);

function isLateOutcomeReader(node: TemplateNode): boolean {
	return node.parameters?.operation === 'readLateOutcome';
}

/**
 * Whether a template needs n8n 2.x: its rate limits or time slots count in Data Tables through
 * n8n's API, which n8n 1.x lacks. Such a template has no n8n 1.x copy.
 */
export function needsN8n2(template: Template): boolean {
	return template.nodes.some((node) => node.parameters?.rateLimits === 'dataTable' || node.parameters?.timeSlots === 'dataTable');
}

/** Whether a template has nodes that differ between n8n 1.x and 2.x. */
export function differsOnN8n1(template: Template): boolean {
	return template.nodes.some(isLateOutcomeReader);
}

/** The n8n 1.x form of a template (see the file's comment). */
export function forN8n1(template: Template): Template {
	const copy = structuredClone(template);
	const readers = new Set(copy.nodes.filter(isLateOutcomeReader).map((node) => node.name));
	for (const [source, outputs] of Object.entries(copy.connections)) {
		const main = outputs.main ?? [];
		main.forEach((targets, index) => {
			if (targets.some((target) => readers.has(target.node))) main[index] = [{ node: source, type: 'main', index: 0 }];
		});
	}
	for (const reader of readers) delete copy.connections[reader];
	copy.nodes = copy.nodes
		.filter((node) => !readers.has(node.name))
		.map((node) => {
			if (!node.type.endsWith('.stickyNote') || typeof node.parameters?.content !== 'string') return node;
			const paragraphs = node.parameters.content.split('\n\n');
			const first = paragraphs.findIndex(isLateOutcomeParagraph);
			if (first === -1) return node;
			const content = paragraphs
				.map((paragraph, index) => (index === first ? NOTE_FOR_N8N1 : paragraph))
				.filter((paragraph, index) => index === first || !isLateOutcomeParagraph(paragraph))
				.join('\n\n');
			return { ...node, parameters: { ...node.parameters, content } };
		});
	return copy;
}

export function serialize(template: Template): string {
	return `${JSON.stringify(template, null, '\t')}\n`;
}

/** The n8n 1.x files, by file name, made from workflows/. */
export function n8n1TemplateFiles(): Map<string, string> {
	const files = new Map<string, string>();
	for (const file of readdirSync(TEMPLATES_FOLDER).filter((name) => name.endsWith('.json')).sort()) {
		const template = JSON.parse(readFileSync(join(TEMPLATES_FOLDER, file), 'utf8')) as Template;
		if (differsOnN8n1(template) && !needsN8n2(template)) files.set(file, serialize(forN8n1(template)));
	}
	return files;
}

if (require.main === module) {
	mkdirSync(N8N1_TEMPLATES_FOLDER, { recursive: true });
	for (const [file, text] of n8n1TemplateFiles()) writeFileSync(join(N8N1_TEMPLATES_FOLDER, file), text);
}
