/**
 * What the templates made from part of the funnel template (02) share: reading the funnel, its
 * nodes copied under ids of their own (so both templates can be published in one n8n), the
 * connections among the nodes kept, and the sticky note that says what the template does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { derivedNodeId } from './derivedNodeId';
import { TEMPLATES_FOLDER, type Template } from './n8n1Templates';

export const FUNNEL_FILE = '02-request-a-callback-funnel.json';

export type TemplateNode = Template['nodes'][number] & {
	id?: string;
	webhookId?: string;
	typeVersion?: number;
	position?: [number, number];
	credentials?: Record<string, unknown>;
};

/** The funnel template as shipped. */
export function readFunnelTemplate(): Template {
	return JSON.parse(readFileSync(join(TEMPLATES_FOLDER, FUNNEL_FILE), 'utf8')) as Template;
}

/** A copy of a funnel node for the template `templateName`, with its id and webhook id derived for it. */
export function copiedNode(original: TemplateNode, templateName: string, name = original.name): TemplateNode {
	const node: TemplateNode = { ...original, name };
	if (node.id) node.id = derivedNodeId(templateName, node.id);
	if (node.webhookId) node.webhookId = derivedNodeId(templateName, node.webhookId);
	return node;
}

/** The funnel's connections from and to the nodes kept, under their new names. */
export function keptConnections(connections: Template['connections'], kept: ReadonlySet<string>, rename: (name: string) => string = (name) => name): Template['connections'] {
	const result: Template['connections'] = {};
	for (const [from, outputs] of Object.entries(connections)) {
		if (!kept.has(from)) continue;
		result[rename(from)] = {
			main: (outputs.main ?? []).map((targets) => (targets ?? []).filter((target) => kept.has(target.node)).map((target) => ({ ...target, node: rename(target.node) }))),
		};
	}
	return result;
}

/** The sticky note "About this workflow" at `position`. */
export function aboutNote(templateName: string, position: [number, number], size: { width: number; height: number }, content: string): TemplateNode {
	return {
		id: derivedNodeId(templateName, 'about-this-workflow'),
		name: 'About this workflow',
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position,
		parameters: { ...size, content },
	};
}
