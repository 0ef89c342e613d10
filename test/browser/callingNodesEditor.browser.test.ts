import { randomBytes } from 'node:crypto';

import type { Browser, Page } from 'playwright-core';

import { canvasNode, closeNode, openNode, openWorkflow, parameterRow, parametersPanel, saveScreenshot, SHORT, signedInEditor } from '../harness/editor';
import type { StoredCredential } from '../harness/n8nApi';
import { startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { template } from '../harness/templates';

/**
 * The calling nodes as someone who builds workflows in n8n's editor sees them: the real editor
 * in Chromium, signed in with the owner account the harness created, the shipped templates
 * opened from the workflow list's URL. Everything is found by what is on screen (labels, the
 * values in the boxes, the output names on the canvas) or by the data-test-id attributes n8n's
 * own end-to-end tests use.
 */

/** The template with every Twilio credential reference pointing at `credential`. */
function withTwilio(workflow: WorkflowJson, credential: StoredCredential): WorkflowJson {
	const nodes = (workflow.nodes as Array<{ credentials?: Record<string, unknown> }>).map((node) =>
		node.credentials?.callbackTwilioApi ? { ...node, credentials: { ...node.credentials, callbackTwilioApi: { id: credential.id, name: credential.name } } } : node,
	);
	return { ...workflow, nodes };
}

/**
 * Asserts the calling-rule parameters a person sees in the open node, screenshots them, then
 * opens Options' "Add Option" list and checks the calling-window entries are offered.
 */
async function expectCallingRules(page: Page, screenshotName: string): Promise<void> {
	const leadTimezone = parameterRow(page, 'Lead Timezone');
	const outsideWindow = parameterRow(page, 'Outside the Calling Window');
	const allowedCountries = parameterRow(page, 'Allowed Countries');
	for (const row of [leadTimezone, outsideWindow, allowedCountries]) await row.waitFor({ timeout: SHORT });

	// Scroll so all three are on screen together, then check what each box shows.
	await allowedCountries.scrollIntoViewIfNeeded();
	await leadTimezone.scrollIntoViewIfNeeded();
	for (const row of [leadTimezone, outsideWindow, allowedCountries]) expect(await row.isVisible()).toBe(true);

	// The timezone comes from the item by default: an expression mentioning the lead's timezone.
	const timezoneText = await leadTimezone.locator('[data-test-id="parameter-input-leadTimezone"]').innerText();
	expect(timezoneText).toContain('leadTimezone');

	expect(await outsideWindow.locator('[data-test-id="parameter-input-outsideWindow"] input').inputValue()).toBe('Do Not Call');

	const countries = (await allowedCountries.locator('[data-test-id="parameter-input-allowedCountries"] .el-select__tags-text').allInnerTexts()).map((text) => text.trim());
	expect(countries).toEqual(['United States (US)', 'Canada (CA)']);

	await saveScreenshot(page, screenshotName);

	// The other choice for "Outside the Calling Window" is offered in the dropdown.
	await outsideWindow.locator('[data-test-id="parameter-input-outsideWindow"] input').click();
	const waitChoice = page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Wait Until the Window Opens' });
	await waitChoice.waitFor({ timeout: SHORT });
	expect(await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Do Not Call' }).count()).toBe(1);
	await saveScreenshot(page, `${screenshotName}-outside-window-choices`);
	await page.keyboard.press('Escape');
	await waitChoice.waitFor({ state: 'hidden', timeout: SHORT });

	// Options: the lead's calling window can be narrowed from "Add Option".
	// The collection's "Add Option" select (n8n 1.x and 2.x draw it differently around the same input).
	const addOption = parametersPanel(page).locator('input[placeholder="Add Option"]').last();
	await addOption.scrollIntoViewIfNeeded();
	await addOption.click();
	const offered = page.locator('[data-test-id="collection-parameter-option"]:visible');
	await offered.first().waitFor({ timeout: SHORT });
	const entries = (await offered.allInnerTexts()).map((text) => text.trim());
	expect(entries).toEqual(
		expect.arrayContaining(['Business Timezone', "Lead's Calling Window on Weekdays", "Lead's Calling Window on Weekends", 'When the Lead Timezone Is Unknown']),
	);
	await saveScreenshot(page, `${screenshotName}-options`);
	await page.keyboard.press('Escape');
	await offered.first().waitFor({ state: 'hidden', timeout: SHORT });
}

describe('calling nodes in the n8n editor', () => {
	let n8n: N8nHandle;
	let browser: Browser;
	let page: Page;
	let bridgeWorkflow: StoredWorkflow;
	let funnelWorkflow: StoredWorkflow;

	beforeAll(async () => {
		n8n = await startN8n();
		const twilio = await n8n.api.createTwilioCredential({ accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex'), baseUrl: 'http://127.0.0.1:9' }, 'Twilio (test)');
		// Only opened in the editor, never run: importing is enough, no activation needed.
		bridgeWorkflow = await n8n.api.importWorkflow(withTwilio(template('05-bridge-call-and-voicemail-drop.json'), twilio));
		funnelWorkflow = await n8n.api.importWorkflow(withTwilio(template('02-request-a-callback-funnel.json'), twilio));
		({ browser, page } = await signedInEditor(n8n.baseUrl));
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('Bridge Call shows Lead Timezone, Outside the Calling Window (Do Not Call) and Allowed Countries (US, Canada)', async () => {
		await openWorkflow(page, n8n.baseUrl, bridgeWorkflow);
		for (const name of ['Call Me Back Request', 'Bridge Call', 'Voicemail Drop']) expect(await canvasNode(page, name).isVisible()).toBe(true);
		await saveScreenshot(page, 'editor-bridge-template-canvas');

		await openNode(page, 'Bridge Call');
		await expectCallingRules(page, 'editor-bridge-call-calling-rules');
		await closeNode(page);
	});

	it('Voicemail Drop shows Lead Timezone, Outside the Calling Window (Do Not Call) and Allowed Countries (US, Canada)', async () => {
		await openWorkflow(page, n8n.baseUrl, bridgeWorkflow);
		await openNode(page, 'Voicemail Drop');
		await expectCallingRules(page, 'editor-voicemail-drop-calling-rules');
		await closeNode(page);
	});

	it('Confirmation SMS shows the outputs Resume, Sent and Not Sent, with Sent wired to Schedule Call', async () => {
		await openWorkflow(page, n8n.baseUrl, funnelWorkflow);
		const sms = canvasNode(page, 'Confirmation SMS');
		await sms.waitFor({ timeout: SHORT });

		const handles = page.locator('[data-test-id="canvas-node-output-handle"][data-node-name="Confirmation SMS"]');
		const labelAt = new Map<string, string>();
		for (const handle of await handles.all()) {
			const index = (await handle.getAttribute('data-index')) ?? '';
			labelAt.set(index, (await handle.innerText()).trim());
		}
		expect([...labelAt.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, label]) => label)).toEqual(['Resume', 'Sent', 'Not Sent']);
		for (const label of ['Resume', 'Sent', 'Not Sent']) {
			expect(await handles.getByText(label, { exact: true }).isVisible()).toBe(true);
		}

		// The canvas cuts long output names to fit beside the node ("Window O..."): say which, for whoever reads the log.
		const cut = await handles.evaluateAll((elements) =>
			elements.flatMap((element) => {
				const label = element.querySelector('[class*="outputLabel"]');
				return label !== null && label.scrollWidth > label.clientWidth ? [label.textContent?.trim() ?? ''] : [];
			}),
		);
		// eslint-disable-next-line no-console
		console.log(`Confirmation SMS output names shortened on the canvas: ${cut.join(', ') || 'none'}`);

		// Each edge's vue-flow id names its source handle: [<node id>/outputs/main/<n>][<node id>/inputs/main/<m>].
		const edges = page.locator('g.vue-flow__edge').filter({ has: page.locator('[data-test-id="edge"][data-source-node-name="Confirmation SMS"]') });
		const wired: Array<{ output: string; target: string }> = [];
		for (const edge of await edges.all()) {
			const id = (await edge.getAttribute('data-id')) ?? '';
			const outputIndex = /\/outputs\/main\/(\d+)\]/.exec(id)?.[1] ?? '?';
			const target = (await edge.locator('[data-test-id="edge"]').getAttribute('data-target-node-name')) ?? '';
			wired.push({ output: labelAt.get(outputIndex) ?? `output ${outputIndex}`, target });
		}
		expect(wired).toContainEqual({ output: 'Sent', target: 'Schedule Call' });
		// "Resume" is only for waiting until texting is allowed; the template leaves it unwired.
		expect(wired.filter(({ output }) => output === 'Resume')).toEqual([]);
		// eslint-disable-next-line no-console
		console.log(`Confirmation SMS wiring: ${wired.map(({ output, target }) => `${output} -> ${target}`).join(', ')}`);

		await saveScreenshot(page, 'editor-funnel-canvas');

		// A closer look: zoom in around the Confirmation SMS node (Ctrl+wheel zooms at the pointer).
		const before = await sms.boundingBox();
		if (before) {
			await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
			await page.keyboard.down('Control');
			for (let step = 0; step < 4; step += 1) {
				await page.mouse.wheel(0, -100);
				await page.waitForTimeout(100);
			}
			await page.keyboard.up('Control');
			await page.waitForTimeout(500);
		}
		const box = await sms.boundingBox();
		const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
		if (box) {
			const x = Math.max(0, box.x - 250);
			const y = Math.max(0, box.y - 250);
			await saveScreenshot(page, 'editor-funnel-confirmation-sms', {
				clip: { x, y, width: Math.min(1000, viewport.width - x), height: Math.min(650, viewport.height - y) },
			});
		} else {
			await saveScreenshot(page, 'editor-funnel-confirmation-sms');
		}
	});
});
