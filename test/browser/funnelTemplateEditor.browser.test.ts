import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { REPOSITORY_ROOT, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { canvasNode, openWorkflow, saveScreenshot, signedInEditor } from '../harness/editor';
import { BUSINESS_SETTINGS_NODE, TEMPLATE_CREDENTIAL_NAMES, shippedTemplate, template, templateNodes } from '../harness/templates';

/**
 * Every template as an agency sees it in the n8n 2.41.1 editor: imported with its Business
 * Settings filled in, after the credentials were made under n8n's own names (so every node is
 * linked to them without a click), published, every node of this package drawn with its own
 * icon, none flagged, no output name cut short. A screenshot of each is saved; the funnel's is
 * the README's. Imported as shipped, only Business Settings is flagged, and n8n refuses to
 * publish it; with a credential that does not exist yet, n8n refuses too, counting the Twilio nodes.
 * In n8n's dark theme the funnel's nodes are drawn with their dark icons.
 */
const N8N_VERSION = '2.41.1';
const PACKAGE_PREFIX = 'n8n-nodes-callback.';
const TEMPLATE_FILES = readdirSync(join(REPOSITORY_ROOT, 'workflows')).filter((file) => file.endsWith('.json')).sort();
const FUNNEL_FILE = '02-request-a-callback-funnel.json';

interface CanvasLook {
	name: string;
	/** The icon image's address and whether it loaded (an image that failed to load has no width). */
	icon: { src: string; loaded: boolean } | null;
	/** Whether the node shows n8n's "issues" mark (missing credential or parameter). */
	flagged: boolean;
}

async function canvasLook(page: Page, name: string): Promise<CanvasLook> {
	const node = canvasNode(page, name);
	await node.waitFor({ timeout: 30_000 });
	const icon = await node
		.locator('img')
		.first()
		.evaluate((element) => {
			const image = element as unknown as { complete: boolean; naturalWidth: number; getAttribute(name: string): string | null };
			return { src: image.getAttribute('src') ?? '', loaded: image.complete && image.naturalWidth > 0 };
		})
		.catch(() => null);
	const flagged = (await node.locator('[data-test-id="node-issues"]').count()) > 0;
	return { name, icon, flagged };
}

/** Output and input names on the canvas that the editor cuts short ("Person Answe…"). */
async function truncatedLabels(page: Page): Promise<string[]> {
	const labels = page.locator('[data-test-id="canvas-handle-label"], [class*="handle"] [class*="label"]');
	const cut = await labels.evaluateAll((elements) =>
		(elements as unknown as Array<{ scrollWidth: number; clientWidth: number; textContent: string | null }>)
			.filter((label) => label.scrollWidth > label.clientWidth + 1)
			.map((label) => label.textContent ?? ''),
	);
	return cut;
}

/** n8n 2.x greets a published workflow with its "Production Checklist" over the canvas; closed for the screenshot only. */
async function closeChecklist(page: Page): Promise<void> {
	const checklist = page.getByText('Production Checklist', { exact: true });
	// n8n shows it a moment after the canvas, on a published workflow.
	await checklist.waitFor({ timeout: 3_000 }).catch(() => undefined);
	if (!(await checklist.isVisible())) return;
	// It is a popover: a click on an empty corner of the canvas closes it.
	const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
	await page.mouse.click(viewport.width - 200, viewport.height - 150);
	await checklist.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

function packageNodeNames(workflow: WorkflowJson): string[] {
	return templateNodes(workflow)
		.filter((node) => node.type.startsWith(PACKAGE_PREFIX))
		.map((node) => node.name);
}

/** A copy on paths of its own, so it can sit beside the published one. */
function onOwnPaths(workflow: WorkflowJson, suffix: string): WorkflowJson {
	const copy = structuredClone(workflow);
	copy.name = `${copy.name} (${suffix})`;
	for (const node of templateNodes(copy)) {
		if (typeof node.parameters?.path === 'string') node.parameters.path = `${node.parameters.path}-${suffix}`;
	}
	return copy;
}

describe(`every template in the n8n ${N8N_VERSION} editor`, () => {
	let n8n: N8nHandle;
	let browser: Browser;
	let page: Page;
	const published = new Map<string, StoredWorkflow>();

	beforeAll(async () => {
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		// Made before the import, under the names n8n gives new credentials: the templates link to them.
		await n8n.api.createTwilioCredential({ accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex'), baseUrl: 'http://127.0.0.1:9' }, TEMPLATE_CREDENTIAL_NAMES.callbackTwilioApi);
		await n8n.api.createDataTablesCredential(TEMPLATE_CREDENTIAL_NAMES.callbackN8nApi);
		for (const file of TEMPLATE_FILES) published.set(file, await n8n.api.importAndActivate(template(file, N8N_VERSION)));
		({ browser, page } = await signedInEditor(n8n.baseUrl, { width: 1600, height: 1000 }));
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('publishes every template with its Business Settings filled in and nothing else chosen', () => {
		expect(TEMPLATE_FILES.length).toBeGreaterThanOrEqual(6);
		expect([...published.entries()].filter(([, workflow]) => !workflow.active).map(([file]) => file)).toEqual([]);
	});

	it.each(TEMPLATE_FILES)("opens %s: every node of this package with its icon, none flagged, no output name cut short", async (file) => {
		const workflow = published.get(file)!;
		await openWorkflow(page, n8n.baseUrl, workflow);
		await closeChecklist(page);
		const looks: CanvasLook[] = [];
		for (const name of packageNodeNames(workflow)) looks.push(await canvasLook(page, name));
		await saveScreenshot(page, `editor-${N8N_VERSION}-template-${file.replace(/\.json$/, '')}`);
		expect(looks.filter((look) => look.icon === null || !look.icon.loaded || !look.icon.src.includes('/icons/n8n-nodes-callback/')).map((look) => look.name)).toEqual([]);
		expect(looks.filter((look) => look.flagged).map((look) => look.name)).toEqual([]);
		expect(await truncatedLabels(page)).toEqual([]);
		// eslint-disable-next-line no-console
		console.log(`n8n ${n8n.version} editor, ${file}: ${looks.length} nodes of this package, each with its icon, none flagged`);
	});

	it("in n8n's dark theme, draws every node of this package on the funnel with its dark icon", async () => {
		const workflow = published.get(FUNNEL_FILE)!;
		await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('N8N_THEME', 'dark'));
		try {
			await openWorkflow(page, n8n.baseUrl, workflow);
			await closeChecklist(page);
			const looks: CanvasLook[] = [];
			for (const name of packageNodeNames(workflow)) looks.push(await canvasLook(page, name));
			await saveScreenshot(page, `editor-${N8N_VERSION}-funnel-dark-theme`);
			expect(looks.length).toBeGreaterThan(5);
			expect(looks.filter((look) => look.icon === null || !look.icon.loaded || !/\/icons\/n8n-nodes-callback\/.*\.dark\.svg/.test(look.icon.src)).map((look) => look.name)).toEqual([]);
		} finally {
			await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('N8N_THEME', 'light'));
		}
	});

	it('flags only Business Settings on the funnel as shipped, and n8n refuses to publish it, naming that node', async () => {
		const shipped = await n8n.api.importWorkflow(onOwnPaths(shippedTemplate(FUNNEL_FILE, N8N_VERSION), 'as-shipped'));
		await openWorkflow(page, n8n.baseUrl, shipped);
		const flagged: string[] = [];
		for (const name of [BUSINESS_SETTINGS_NODE, ...packageNodeNames(shipped)]) if ((await canvasLook(page, name)).flagged) flagged.push(name);
		await saveScreenshot(page, `editor-${N8N_VERSION}-funnel-as-shipped`);
		// eslint-disable-next-line no-console
		console.log(`n8n ${n8n.version} editor, funnel as shipped: problem marks on ${flagged.join(', ') || 'no node'}`);
		expect([...new Set(flagged)]).toEqual([BUSINESS_SETTINGS_NODE]);
		const refusal = await n8n.api.activateWorkflow(shipped.id).then(
			() => 'published',
			(error: Error) => error.message,
		);
		expect(refusal).toContain(BUSINESS_SETTINGS_NODE);
	});

	it('refuses to publish while the credential the template names does not exist, naming every Twilio node', async () => {
		const withoutCredential = onOwnPaths(template(FUNNEL_FILE, N8N_VERSION), 'no-credential');
		for (const node of templateNodes(withoutCredential)) {
			if (node.credentials?.callbackTwilioApi) node.credentials.callbackTwilioApi = { id: '', name: 'A Twilio credential not made yet' };
		}
		const imported = await n8n.api.importWorkflow(withoutCredential);
		const refusal = await n8n.api.activateWorkflow(imported.id).then(
			() => 'published',
			(error: Error) => error.message,
		);
		const twilioNodes = templateNodes(withoutCredential).filter((node) => node.credentials?.callbackTwilioApi).map((node) => node.name);
		// eslint-disable-next-line no-console
		console.log(`n8n ${n8n.version}, funnel without its credential: ${refusal.split('\n')[0]}`);
		expect(refusal).toContain(`${twilioNodes.length} nodes have configuration issues`);
	});
});
