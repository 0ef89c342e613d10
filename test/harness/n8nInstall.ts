import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { withDirectoryLock } from './directoryLock';
import { runCommand } from './runCommand';

/** The n8n release every end-to-end test and the demo run against. Bump it here, nowhere else. */
export const N8N_VERSION = '1.123.81';

/**
 * Pins inside n8n's own dependency tree: n8n-nodes-base asks for xlsx as a tarball from
 * SheetJS's CDN, which is not reachable here, so the registry's 0.18.5 stands in; isolated-vm 6
 * needs Node 22 and we run Node 20; langgraph-checkpoint stays at the 1.0.0 that n8n's langgraph
 * was built against.
 */
export const N8N_OVERRIDES: Readonly<Record<string, string>> = {
	xlsx: '0.18.5',
	'isolated-vm': '5.0.4',
	'@langchain/langgraph-checkpoint': '1.0.0',
};

const INSTALL_TIMEOUT_MS = 30 * 60_000;
const MARKER_FILE = '.install-complete.json';

export interface N8nInstall {
	version: string;
	/** Folder holding package.json and node_modules of the install. */
	dir: string;
	/** The `n8n` launcher script (run it with node). */
	binPath: string;
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-callback`, shared by every clone on this machine. */
export function harnessCacheRoot(): string {
	const xdg = process.env.XDG_CACHE_HOME;
	const base = xdg !== undefined && xdg !== '' ? xdg : path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-callback');
}

export function n8nInstallDir(version = N8N_VERSION): string {
	return path.join(harnessCacheRoot(), `n8n-${version}`);
}

function describeInstall(version: string): N8nInstall {
	const dir = n8nInstallDir(version);
	return { version, dir, binPath: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

function runtimePackageJson(version: string): string {
	const manifest = {
		name: 'n8n-runtime',
		private: true,
		description: 'Pinned n8n used by the tests and the demo (kept out of the package\'s own dependency tree).',
		dependencies: { n8n: version },
		overrides: N8N_OVERRIDES,
	};
	return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The marker records what was installed, so changing the version or the overrides reinstalls. */
function expectedMarker(version: string): string {
	return JSON.stringify({ n8n: version, overrides: N8N_OVERRIDES });
}

function isInstalled(install: N8nInstall): boolean {
	try {
		const marker = JSON.parse(readFileSync(path.join(install.dir, MARKER_FILE), 'utf8')) as { n8n: string; overrides: unknown };
		return JSON.stringify({ n8n: marker.n8n, overrides: marker.overrides }) === expectedMarker(install.version) && existsSync(install.binPath);
	} catch {
		return false;
	}
}

/**
 * Records a finished install. Only called once `npm i` succeeded and the n8n it put in place
 * has the pinned version; an interrupted install has no marker and is redone from scratch.
 */
export function writeInstallMarker(install: N8nInstall): void {
	const installedVersion = (JSON.parse(readFileSync(path.join(install.dir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
	if (installedVersion !== install.version) {
		throw new Error(`${install.dir} holds n8n ${installedVersion}, expected ${install.version}`);
	}
	const marker = { ...(JSON.parse(expectedMarker(install.version)) as object), installedAt: new Date().toISOString() };
	writeFileSync(path.join(install.dir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
}

function say(message: string): void {
	process.stderr.write(`[n8n harness] ${message}\n`);
}

async function installFromScratch(install: N8nInstall): Promise<void> {
	rmSync(install.dir, { recursive: true, force: true });
	mkdirSync(install.dir, { recursive: true });
	writeFileSync(path.join(install.dir, 'package.json'), runtimePackageJson(install.version));
	const logFile = path.join(install.dir, 'install.log');
	say(`installing n8n ${install.version} (about 4 minutes, once) into ${install.dir}; npm output goes to ${logFile}`);
	const startedAt = Date.now();
	const heartbeat = setInterval(() => say(`still installing n8n ${install.version}, ${Math.round((Date.now() - startedAt) / 1000)} s so far`), 60_000);
	try {
		await runCommand('npm', ['i', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
			cwd: install.dir,
			logFile,
			timeoutMs: INSTALL_TIMEOUT_MS,
		});
	} finally {
		clearInterval(heartbeat);
	}
	writeInstallMarker(install);
	say(`installed n8n ${install.version} in ${Math.round((Date.now() - startedAt) / 1000)} s`);
}

/**
 * Makes sure the pinned n8n is installed in the machine-wide cache and returns where it is.
 * Cheap when it already is; otherwise installs it, with a lock so concurrent test runs wait for
 * one install instead of racing each other in the same folder.
 */
export async function ensureN8nInstalled(version = N8N_VERSION): Promise<N8nInstall> {
	const install = describeInstall(version);
	if (isInstalled(install)) return install;
	await withDirectoryLock(
		`${install.dir}.lock`,
		{
			timeoutMs: INSTALL_TIMEOUT_MS,
			staleAfterMs: 2 * INSTALL_TIMEOUT_MS,
			onWait: (owner) => say(`waiting for another process installing n8n ${version} (${owner})`),
		},
		async () => {
			if (!isInstalled(install)) await installFromScratch(install);
		},
	);
	return install;
}

/**
 * `require` as seen from inside the n8n install, for libraries n8n already brings along (such
 * as `flatted`) that the tests need but the package itself must not depend on.
 */
export function requireFromN8n<T>(moduleId: string, version = N8N_VERSION): T {
	const install = describeInstall(version);
	const requireInN8n = createRequire(path.join(install.dir, 'node_modules', 'n8n', 'package.json'));
	return requireInN8n(moduleId) as T;
}
