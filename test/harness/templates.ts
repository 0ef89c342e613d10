import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { needsN8n2, type Template } from '../../scripts/n8n1Templates';

import { CALLBACK_TABLE_COLUMNS } from '../../nodes/core/callbackStore';
import { BUSINESS_SETTINGS_NODE_NAME } from '../../nodes/shared/businessSettingsGaps';
import { OPT_OUT_COLUMNS } from '../../nodes/shared/optOutStore';
import { requestedN8nVersion } from './n8nInstall';
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

/** Whether an n8n release is a 1.x one, which gets the templates of workflows/n8n-1.x where there is one. */
export function isN8n1(n8nVersion: string): boolean {
	return n8nVersion.startsWith('1.');
}

/** The node every template keeps the business's settings in. */
export const BUSINESS_SETTINGS_NODE = BUSINESS_SETTINGS_NODE_NAME;

/**
 * The names n8n gives a new credential of each of our types (its display name + " account"), which
 * the templates refer to: a credential made under that name before an import is linked to them.
 */
export const TEMPLATE_CREDENTIAL_NAMES = { callbackTwilioApi: 'Callback Twilio API account', callbackN8nApi: 'Callback Data Tables API account' } as const;

/**
 * The sample business the tests and the demo fill a template's empty Business Settings with: the
 * sandbox's business number and a team phone that answers.
 */
export const SAMPLE_BUSINESS = { businessName: 'Acme Plumbing', twilioNumber: '+14155550100', teamNumbers: '+14155550123' } as const;

function withoutBlanks(parameters: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== ''));
}

/**
 * One template as a user of `n8nVersion` imports it: workflows/<file>, or on n8n 1.x its copy in
 * workflows/n8n-1.x when the template differs there (see scripts/n8n1Templates.ts).
 */
export function shippedTemplate(file: string, n8nVersion = requestedN8nVersion()): WorkflowJson {
	const folder = join(REPOSITORY_ROOT, 'workflows');
	const n8n1Copy = join(folder, 'n8n-1.x', file);
	const path = isN8n1(n8nVersion) && existsSync(n8n1Copy) ? n8n1Copy : join(folder, file);
	return JSON.parse(readFileSync(path, 'utf8')) as WorkflowJson;
}

/**
 * One template with its Business Settings filled in with the sample business (the sandbox's
 * business number, a team phone that answers), as the tests and the demo run it.
 */
export function template(file: string, n8nVersion = requestedN8nVersion()): WorkflowJson {
	return withSampleBusiness(shippedTemplate(file, n8nVersion));
}

export function withSampleBusiness(workflow: WorkflowJson): WorkflowJson {
	const copy = structuredClone(workflow);
	for (const node of templateNodes(copy)) {
		if (node.name === BUSINESS_SETTINGS_NODE) node.parameters = { ...SAMPLE_BUSINESS, ...withoutBlanks(node.parameters ?? {}) };
	}
	return copy;
}

/** The importable workflows for `n8nVersion`, in file order (see template); on n8n 1.x without those that need n8n 2.x. */
export function templates(n8nVersion = requestedN8nVersion()): WorkflowJson[] {
	return readdirSync(join(REPOSITORY_ROOT, 'workflows'))
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => template(file, n8nVersion))
		.filter((workflow) => !isN8n1(n8nVersion) || !needsN8n2(workflow as unknown as Template));
}

/** The nodes a workflow wires into their own input, as "Node[output]". */
export function selfWires(workflow: WorkflowJson): string[] {
	const connections = workflow.connections as Record<string, { main?: Array<Array<{ node: string }> | null> }>;
	return Object.entries(connections).flatMap(([source, outputs]) =>
		(outputs.main ?? []).flatMap((targets, index) => ((targets ?? []).some((target) => target.node === source) ? [`${source}[${index}]`] : [])),
	);
}

export function templateNodes(template: WorkflowJson): TemplateNode[] {
	return template.nodes as TemplateNode[];
}

/**
 * What a user does after importing a template: pick the Twilio credential on the Twilio nodes
 * (linked by name when it has n8n's default name) and, on n8n 1.x (or to use tables made beforehand), paste the callback status table's and the
 * SMS opt-out table's IDs where they are asked for. Without IDs the nodes use the tables named
 * "Callback statuses" and "SMS opt-outs", which they create on n8n 2.x.
 */
export function configureTemplate(
	template: WorkflowJson,
	setup: { twilioCredential?: CredentialRef; statusTableId?: string; optOutTableId?: string; dataTablesCredential?: CredentialRef },
): WorkflowJson {
	const copy = structuredClone(template);
	for (const node of templateNodes(copy)) {
		if (node.credentials?.callbackTwilioApi && setup.twilioCredential) node.credentials.callbackTwilioApi = setup.twilioCredential;
		if (node.credentials?.callbackN8nApi && setup.dataTablesCredential) node.credentials.callbackN8nApi = setup.dataTablesCredential;
		if (setup.optOutTableId !== undefined && (node.parameters?.optOutList === 'dataTable' || node.parameters?.optOutDataTableId === '')) node.parameters.optOutDataTableId = setup.optOutTableId;
		if (setup.statusTableId === undefined) continue;
		if (node.parameters?.dataTableId === '') node.parameters.dataTableId = setup.statusTableId;
		if (node.parameters?.statusDataTableId === '') node.parameters.statusDataTableId = setup.statusTableId;
	}
	return copy;
}

/** A data table of the personal project with these columns, created once per n8n. */
async function ensureTable(n8n: N8nHandle, name: string, columns: Array<{ name: string; type: string }>): Promise<string> {
	const { id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
	const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${projectId}/data-tables`);
	const existing = tables.data.find((table) => table.name === name);
	if (existing) return existing.id;
	return (await n8n.api.rest<{ id: string }>('POST', `/projects/${projectId}/data-tables`, { name, columns })).id;
}

/** The callback status table (the Tag Router's documented columns), created once per n8n. */
export async function ensureCallbackStatusTable(n8n: N8nHandle, name = 'Callback statuses'): Promise<string> {
	return await ensureTable(n8n, name, CALLBACK_TABLE_COLUMNS.map((column) => ({ name: column, type: 'string' })));
}

/** The SMS opt-out table (Send Callback SMS's documented columns), created once per n8n. */
export async function ensureOptOutTable(n8n: N8nHandle, name = 'SMS opt-outs'): Promise<string> {
	return await ensureTable(n8n, name, OPT_OUT_COLUMNS.map((column) => ({ name: column.name, type: column.type })));
}

/** The settings a business enters in a template's Business Settings node to go live. */
export interface BusinessSettingsValues {
	businessName: string;
	twilioNumber: string;
	teamNumbers: string;
	businessTimezone: string;
	weekdayHours: string;
	weekendHours: string;
}


/**
 * A template made live-ready the way the README's "Go live" says: only its Business Settings
 * change (the Twilio credential is linked by its name when imported, the status table is made by
 * the nodes on n8n 2.x).
 */
export function liveReadyTemplate(template: WorkflowJson, settings: BusinessSettingsValues): WorkflowJson {
	const copy = structuredClone(template);
	const node = templateNodes(copy).find((candidate) => candidate.name === BUSINESS_SETTINGS_NODE);
	if (node === undefined) throw new Error(`${copy.name} has no ${BUSINESS_SETTINGS_NODE} node`);
	node.parameters = { ...node.parameters, ...settings };
	return copy;
}

/** The rows of the callback status table (n8n 2.x, made by the nodes) for one phone; none before the table exists. */
export async function callbackStatusRows(n8n: N8nHandle, phone: string, name = 'Callback statuses'): Promise<Array<Record<string, unknown>>> {
	const { id: projectId } = await n8n.api.rest<{ id: string }>('GET', '/projects/personal');
	const tables = await n8n.api.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${projectId}/data-tables`);
	const table = tables.data.find((candidate) => candidate.name === name);
	if (table === undefined) return [];
	const rows = await n8n.api.rest<{ data: Array<Record<string, unknown>> }>('GET', `/projects/${projectId}/data-tables/${table.id}/rows`, undefined, { take: '200' });
	return rows.data.filter((row) => row.phone === phone);
}

/** The node types with an Allowed Countries setting. */
const COUNTRY_CHECKING_NODES = /\.(callbackRequestTrigger|sendSms|bridgeCall|voicemailDrop|smsReplyTrigger|missedCallTrigger|callbackOfferTrigger)$/;

/**
 * Sets Allowed Countries on every node of `workflow` that has the setting (in place); an empty list
 * allows every country. Each node is set, because n8n leaves a setting at its default (US, CA) out
 * of the workflow's JSON.
 */
export function setAllowedCountries(workflow: WorkflowJson, countries: readonly string[]): void {
	for (const node of templateNodes(workflow)) {
		if (COUNTRY_CHECKING_NODES.test(node.type)) node.parameters = { ...node.parameters, allowedCountries: [...countries] };
	}
}

/**
 * The funnel template with the sample business open around the clock (UTC), for tests that
 * book callbacks at any hour; leads outside the US and Canada are allowed when `leadCountry` is one.
 */
export function allDayFunnel(leadCountry: string): WorkflowJson {
	const copy = structuredClone(template('02-request-a-callback-funnel.json'));
	for (const node of templateNodes(copy)) {
		if (node.name === BUSINESS_SETTINGS_NODE) Object.assign(node.parameters!, { businessTimezone: 'UTC', weekdayHours: '00:00-24:00', weekendHours: '00:00-24:00' });
	}
	if (!['US', 'CA'].includes(leadCountry)) setAllowedCountries(copy, []);
	return copy;
}
