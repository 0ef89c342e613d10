import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium, installed by scripts/ensure-chromium.js; Playwright's own builds cannot be downloaded here. */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

/**
 * Flags for a quiet, reproducible headless run: no GPU, no sandbox (tests run as root in
 * containers), and nothing that reaches out to the network on its own, so the only traffic is
 * what a test asks for.
 */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * Starts headless Chromium. Each launch gets its own throwaway profile directory (Playwright
 * creates and removes it), so no cookies or cache leak between tests.
 */
export async function launchChromium(options: Omit<LaunchOptions, 'executablePath'> = {}): Promise<Browser> {
	try {
		accessSync(CHROMIUM_EXECUTABLE, constants.X_OK);
	} catch {
		throw new Error(`${CHROMIUM_EXECUTABLE} is missing: run "node scripts/ensure-chromium.js" first`);
	}
	return chromium.launch({
		headless: true,
		timeout: 60_000,
		...options,
		executablePath: CHROMIUM_EXECUTABLE,
		args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
	});
}

/** Where a test saves a screenshot: test-results/screenshots/<name>.png, folder created on demand. */
export function screenshotPath(name: string): string {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const safeName = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'screenshot';
	return path.join(SCREENSHOT_DIR, `${safeName}.png`);
}
