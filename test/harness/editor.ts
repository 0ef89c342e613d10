import type { Browser, Locator, Page } from 'playwright-core';

import { launchChromium, screenshotPath } from './browser';
import { DEFAULT_OWNER, type StoredWorkflow } from './n8nApi';

/**
 * n8n's editor as a person uses it, for browser tests: signed in with the owner account the
 * harness created, things found by what is on screen (labels, values, output names) or by the
 * data-test-id attributes n8n's own end-to-end tests use.
 */

/** How long a step in the editor may take to show. */
export const SHORT = 15_000;

export async function saveScreenshot(page: Page, name: string, options: { clip?: { x: number; y: number; width: number; height: number } } = {}): Promise<string> {
	const path = screenshotPath(name);
	await page.screenshot({ path, ...options });
	// eslint-disable-next-line no-console
	console.log(`screenshot: ${path}`);
	return path;
}

/** Debian's Chromium with one page, signed in to the editor at `baseUrl`; close the browser when done. */
export async function signedInEditor(baseUrl: string, viewport = { width: 1440, height: 900 }): Promise<{ browser: Browser; page: Page }> {
	const browser = await launchChromium();
	const page = await browser.newPage({ viewport });
	await signIn(page, baseUrl);
	return { browser, page };
}

export async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	// n8n's sign-in labels are not tied to their inputs, so the inputs are found by name.
	await page.locator('input[name="emailOrLdapLoginId"]').fill(DEFAULT_OWNER.email);
	await page.locator('input[name="password"]').fill(DEFAULT_OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

export async function openWorkflow(page: Page, baseUrl: string, workflow: StoredWorkflow): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflow.id}`);
	await canvasNode(page, workflow.nodes.length > 0 ? (workflow.nodes[0] as { name: string }).name : '').waitFor({ timeout: 30_000 });
	// The canvas fits the view once its nodes are measured; let that settle before looking.
	await page.waitForTimeout(1000);
}

export function canvasNode(page: Page, name: string): Locator {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/** The node details view's parameter list. */
export function parametersPanel(page: Page): Locator {
	return page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]');
}

/** One parameter's row in the panel, found by its label as the person reads it. */
export function parameterRow(page: Page, label: string): Locator {
	return parametersPanel(page)
		.locator('[data-test-id="parameter-item"]')
		.filter({ has: page.locator('[data-test-id="input-label"] label').getByText(label, { exact: true }) });
}

export async function openNode(page: Page, name: string): Promise<void> {
	await canvasNode(page, name).dblclick();
	await parametersPanel(page).waitFor({ timeout: SHORT });
	// The panel's title is the node's name.
	await page.locator(`[data-test-id="ndv"] [title="${name}"] [data-test-id="inline-edit-preview"]`).waitFor({ timeout: SHORT });
}

export async function closeNode(page: Page): Promise<void> {
	// n8n 1.x has a "Back to canvas" link, n8n 2.x a close button in the panel's header.
	const back = page.getByText('Back to canvas');
	if (await back.isVisible()) await back.click();
	else await page.locator('[data-test-id="ndv-close-button"]').click();
	await parametersPanel(page).waitFor({ state: 'hidden', timeout: SHORT });
}

