import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CALLBACK_TABLE_COLUMNS } from '../../nodes/core/callbackStore';
import type { N8nHandle } from './n8nProcess';
import type { WorkflowJson } from './n8nApi';
import { REPOSITORY_ROOT } from './packageTarball';

export interface CredentialRef {
	id: string;
	name: string;
}

interface TemplateNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
}

/** The importable workflows in workflows/, in file order. */
export function templates(): WorkflowJson[] {
	const folder = join(REPOSITORY_ROOT, 'workflows');
	return readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as WorkflowJson);
}

export function templateNodes(template: WorkflowJson): TemplateNode[] {
	return template.nodes as TemplateNode[];
}

/**
 * What a user does after importing a template: pick the Twilio credential on the Twilio nodes and
 * paste the callback status table's ID where it is asked for.
 */
export function configureTemplate(template: WorkflowJson, setup: { twilioCredential: CredentialRef; statusTableId: string }): WorkflowJson {
	const copy = structuredClone(template);
	for (const node of templateNodes(copy)) {
		if (node.credentials?.callbackTwilioApi) node.credentials.callbackTwilioApi = setup.twilioCredential;
		if (node.parameters?.dataTableId === '') node.parameters.dataTableId = setup.statusTableId;
		if (node.parameters?.statusDataTableId === '') node.parameters.statusDataTableId = setup.statusTableId;
	}
	return copy;
}

/** The callback status table (the Tag Router's documented columns), created once per n8n. */
export async function ensureCallbackStatusTable(n8n: N8nHandle, name = 'Callback statuses'): Promise<string> {
	const { id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
	const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${projectId}/data-tables`);
	const existing = tables.data.find((table) => table.name === name);
	if (existing) return existing.id;
	const created = await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, {
		name,
		columns: CALLBACK_TABLE_COLUMNS.map((column) => ({ name: column, type: 'string' })),
	});
	return created.id;
}
