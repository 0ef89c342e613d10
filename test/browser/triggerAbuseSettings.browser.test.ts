import type { Browser, Page } from 'playwright-core';

import { canvasNode, openNode, openWorkflow, parameterRow, saveScreenshot, SHORT, signedInEditor } from '../harness/editor';
import { startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

/**
 * The trigger's abuse settings as someone who builds the flow sees them, in n8n 2.41.1's editor:
 * the rate limits with their defaults, Risky Requests, and the Held for Review output on the
 * canvas. The workflow is published first, which makes the counter table through n8n's API.
 */

const N8N_VERSION = '2.41.1';
const TRIGGER = 'Website Callback Form';

function workflow(credentialId: string): WorkflowJson {
	return {
		name: 'Public form with abuse protection',
		nodes: [
			{
				parameters: { path: 'protected-form', rateLimits: 'dataTable', riskyRequests: 'hold' },
				name: TRIGGER,
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: 'trigger',
				webhookId: 'protected-form',
				credentials: { callbackN8nApi: { id: credentialId, name: 'n8n API' } },
			},
			{ parameters: {}, name: 'Call Back', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [320, -100], id: 'accepted' },
			{ parameters: {}, name: 'Ask a Person', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [320, 100], id: 'held' },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Call Back', type: 'main', index: 0 }], [{ node: 'Ask a Person', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

describe(`the trigger's abuse settings in the n8n ${N8N_VERSION} editor`, () => {
	let n8n: N8nHandle;
	let browser: Browser;
	let page: Page;
	let stored: StoredWorkflow;

	beforeAll(async () => {
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		const credential = await n8n.api.createDataTablesCredential();
		stored = await n8n.api.importAndActivate(workflow(credential.id));
		await n8n.api.waitForWebhook('protected-form');
		({ browser, page } = await signedInEditor(n8n.baseUrl));
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('shows Accepted and Held for Review on the canvas, and no warning on the published trigger', async () => {
		await openWorkflow(page, n8n.baseUrl, stored);
		const trigger = canvasNode(page, TRIGGER);
		await trigger.waitFor({ timeout: SHORT });
		const handles = page.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${TRIGGER}"]`);
		const labels = (await handles.allInnerTexts()).map((text) => text.trim());
		expect(labels).toEqual(['Accepted', 'Held for Review']);
		expect(await trigger.locator('[data-test-id="node-issues"]').count()).toBe(0);
		await saveScreenshot(page, 'editor-trigger-held-for-review-canvas');
	});

	it('shows the rate limits with their defaults and Risky Requests set to hold', async () => {
		await openWorkflow(page, n8n.baseUrl, stored);
		await openNode(page, TRIGGER);
		const expected: Array<[string, string, string]> = [
			['Rate Limits', 'rateLimits', 'On (Counted in a Data Table)'],
			['Rate Limit Table', 'rateLimitTable', 'callback_rate_limits'],
			['Requests per IP Address', 'rateLimitPerIp', '5/10m, 20/1d'],
			['Requests per Number Prefix', 'rateLimitPerPrefix', '10/1h'],
			['Requests in Total', 'rateLimitTotal', '60/1h'],
			['Risky Requests', 'riskyRequests', 'Hold for Review'],
		];
		for (const [label, name, value] of expected) {
			const row = parameterRow(page, label);
			await row.waitFor({ timeout: SHORT });
			await row.scrollIntoViewIfNeeded();
			const input = row.locator(`[data-test-id="parameter-input-${name}"] input, [data-test-id="parameter-input-${name}"] textarea`).first();
			expect([label, await input.inputValue()]).toEqual([label, value]);
		}
		await parameterRow(page, 'Rate Limits').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-trigger-rate-limits');
		await parameterRow(page, 'Risky Requests').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-trigger-risky-requests');
	});
});
