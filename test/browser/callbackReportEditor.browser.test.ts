import type { Browser, Page } from 'playwright-core';

import { closeNode, openNode, openWorkflow, parameterRow, parametersPanel, saveScreenshot, SHORT, signedInEditor } from '../harness/editor';
import { startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

/**
 * The Callback Report's Status Store as someone who builds the weekly report sees it in n8n
 * 2.41.1's editor: the Data Table (default) with the table's name, or HighLevel with its
 * credential and the Tag Names the funnel's Tag Router uses, the table fields hidden.
 */

const N8N_VERSION = '2.41.1';
const FROM_TABLE = 'Report from the Table';
const FROM_HIGHLEVEL = 'Report from HighLevel';

function workflow(credentialId: string): WorkflowJson {
	return {
		name: 'Weekly report, two stores',
		nodes: [
			{ parameters: { rule: { interval: [{ field: 'weeks', triggerAtDay: [1], triggerAtHour: 8 }] } }, name: 'Every Monday', type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, position: [0, 0], id: 'schedule' },
			{ parameters: { operation: 'metrics' }, name: FROM_TABLE, type: 'n8n-nodes-callback.callbackReport', typeVersion: 1, position: [300, -100], id: 'report-table' },
			{
				parameters: { operation: 'metrics', store: 'highLevel' },
				name: FROM_HIGHLEVEL,
				type: 'n8n-nodes-callback.callbackReport',
				typeVersion: 1,
				position: [300, 100],
				id: 'report-highlevel',
				credentials: { callbackHighLevelApi: { id: credentialId, name: 'HighLevel (agency)' } },
			},
		],
		connections: { 'Every Monday': { main: [[{ node: FROM_TABLE, type: 'main', index: 0 }, { node: FROM_HIGHLEVEL, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** The value an options or text parameter shows, found by its label. */
async function shownValue(page: Page, label: string, name: string): Promise<string> {
	const row = parameterRow(page, label);
	await row.waitFor({ timeout: SHORT });
	await row.scrollIntoViewIfNeeded();
	return await row.locator(`[data-test-id="parameter-input-${name}"] input`).first().inputValue();
}

/** The labels of the parameters the open node shows, top to bottom. */
async function parameterLabels(page: Page): Promise<string[]> {
	return (await parametersPanel(page).locator('[data-test-id="parameter-item"] [data-test-id="input-label"] label').allInnerTexts()).map((text) => text.trim());
}

describe(`the Callback Report's Status Store in the n8n ${N8N_VERSION} editor`, () => {
	let n8n: N8nHandle;
	let browser: Browser;
	let page: Page;
	let stored: StoredWorkflow;

	beforeAll(async () => {
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		const credential = await n8n.api.createCredential({ name: 'HighLevel (agency)', type: 'callbackHighLevelApi', data: { token: 'pit-editor-test', locationId: 'loc_editor', baseUrl: 'http://127.0.0.1:9' } });
		stored = await n8n.api.importWorkflow(workflow(credential.id));
		({ browser, page } = await signedInEditor(n8n.baseUrl));
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('reads the Data Table by default, naming the table', async () => {
		await openWorkflow(page, n8n.baseUrl, stored);
		await openNode(page, FROM_TABLE);
		expect(await shownValue(page, 'Status Store', 'store')).toBe('Data Table');
		expect(await shownValue(page, 'Data Table Name', 'dataTableName')).toBe('Callback statuses');
		expect(await parameterLabels(page)).not.toContain('Tag Names');
		await parameterRow(page, 'Status Store').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-callback-report-data-table');
		await closeNode(page);
	});

	it('with HighLevel, asks for its credential and the Tag Names, and hides the table fields', async () => {
		await openWorkflow(page, n8n.baseUrl, stored);
		await openNode(page, FROM_HIGHLEVEL);
		expect(await shownValue(page, 'Status Store', 'store')).toBe('HighLevel');
		const labels = await parameterLabels(page);
		expect(labels).toContain('Tag Names');
		expect(labels).not.toContain('Data Table Name');
		expect(labels).not.toContain('Data Table ID');
		const credential = page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"] input').first();
		await credential.waitFor({ timeout: SHORT });
		expect(await credential.inputValue()).toBe('HighLevel (agency)');
		await parameterRow(page, 'Status Store').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-callback-report-highlevel');
		await closeNode(page);
	});
});
