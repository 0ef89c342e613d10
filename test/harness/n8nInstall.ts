import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { withDirectoryLock } from './directoryLock';
import { currentNodeRuntime, ensureNodeRuntime, runtimeEnvironment, type NodeRuntime } from './nodeRuntime';
import { runCommand } from './runCommand';

/**
 * How each supported n8n release is installed. n8n 2.x needs Node 24 (installed from the npm
 * registry, see nodeRuntime.ts); 1.x runs on the Node running the tests.
 *
 * Pins inside n8n's own dependency tree: n8n-nodes-base asks for xlsx as a tarball from
 * SheetJS's CDN, which is not reachable here, so the registry's 0.18.5 stands in. For 1.123:
 * isolated-vm 6 needs Node 22, and langgraph-checkpoint stays at the 1.0.0 that n8n's langgraph
 * was built against. For 2.x, install scripts are skipped (they build Kafka and Oracle clients
 * n8n does not need to start) and only sqlite3 is built, against Node 24's headers.
 */
export interface N8nRelease {
	overrides: Readonly<Record<string, string>>;
	/** Node.js version from the registry, or undefined for the Node running the tests. */
	node?: string;
	/** Packages to build after an install with scripts skipped. */
	rebuild?: readonly string[];
}

export const N8N_RELEASES: Readonly<Record<string, N8nRelease>> = {
	'1.123.81': { overrides: { xlsx: '0.18.5', 'isolated-vm': '5.0.4', '@langchain/langgraph-checkpoint': '1.0.0' } },
	'2.41.1': { overrides: { xlsx: '0.18.5' }, node: '24.21.0', rebuild: ['sqlite3'] },
};

/** The n8n release the end-to-end tests and the demo run unless told otherwise (N8N_VERSION=1.123.81 for the other). */
export const N8N_VERSION = '2.41.1';

/** The release asked for with `N8N_VERSION=…` (npm test, npm run demo), else the default. */
export function requestedN8nVersion(): string {
	const asked = process.env.N8N_VERSION;
	return asked !== undefined && asked !== '' ? asked : N8N_VERSION;
}

export function n8nRelease(version: string): N8nRelease {
	const release = N8N_RELEASES[version];
	if (release === undefined) throw new Error(`n8n ${version} is not one of the releases the harness knows how to install: ${Object.keys(N8N_RELEASES).join(', ')}`);
	return release;
}

const INSTALL_TIMEOUT_MS = 30 * 60_000;
const MARKER_FILE = '.install-complete.json';

export interface N8nInstall {
	version: string;
	/** Folder holding package.json and node_modules of the install. */
	dir: string;
	/** The `n8n` launcher script (run it with `runtime.binPath`). */
	binPath: string;
	/** The Node.js this release runs on. */
	runtime: NodeRuntime;
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

function installPaths(version: string): { dir: string; binPath: string } {
	const dir = n8nInstallDir(version);
	return { dir, binPath: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

function runtimePackageJson(version: string): string {
	const manifest = {
		name: 'n8n-runtime',
		private: true,
		description: 'Pinned n8n used by the tests and the demo (kept out of the package\'s own dependency tree).',
		dependencies: { n8n: version },
		overrides: n8nRelease(version).overrides,
	};
	return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The marker records what was installed, so changing the version or the overrides reinstalls. */
function expectedMarker(version: string): string {
	return JSON.stringify({ n8n: version, overrides: n8nRelease(version).overrides, node: n8nRelease(version).node ?? 'tests' });
}

function isInstalled(version: string): boolean {
	const install = installPaths(version);
	try {
		const marker = JSON.parse(readFileSync(path.join(install.dir, MARKER_FILE), 'utf8')) as { n8n: string; overrides: unknown; node?: string };
		return JSON.stringify({ n8n: marker.n8n, overrides: marker.overrides, node: marker.node ?? 'tests' }) === expectedMarker(version) && existsSync(install.binPath);
	} catch {
		return false;
	}
}

/**
 * Records a finished install. Only called once `npm i` succeeded and the n8n it put in place
 * has the pinned version; an interrupted install has no marker and is redone from scratch.
 */
export function writeInstallMarker(install: { version: string; dir: string }): void {
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
	const release = n8nRelease(install.version);
	const env = runtimeEnvironment(install.runtime);
	rmSync(install.dir, { recursive: true, force: true });
	mkdirSync(install.dir, { recursive: true });
	writeFileSync(path.join(install.dir, 'package.json'), runtimePackageJson(install.version));
	const logFile = path.join(install.dir, 'install.log');
	say(`installing n8n ${install.version} (about 4 minutes, once) into ${install.dir}; npm output goes to ${logFile}`);
	const startedAt = Date.now();
	const heartbeat = setInterval(() => say(`still installing n8n ${install.version}, ${Math.round((Date.now() - startedAt) / 1000)} s so far`), 60_000);
	try {
		const skipScripts = release.rebuild !== undefined ? ['--ignore-scripts'] : [];
		await runCommand('npm', ['i', '--legacy-peer-deps', '--no-audit', '--no-fund', ...skipScripts], { cwd: install.dir, env, logFile, timeoutMs: INSTALL_TIMEOUT_MS });
		for (const name of release.rebuild ?? []) {
			say(`building ${name} for Node ${install.runtime.version}`);
			await runCommand('npm', ['rebuild', name, '--foreground-scripts'], { cwd: install.dir, env, logFile, timeoutMs: INSTALL_TIMEOUT_MS });
		}
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
export async function ensureN8nInstalled(version = requestedN8nVersion()): Promise<N8nInstall> {
	const release = n8nRelease(version);
	const runtime = release.node === undefined ? currentNodeRuntime() : await ensureNodeRuntime(harnessCacheRoot(), release.node);
	const install: N8nInstall = { version, runtime, ...installPaths(version) };
	if (isInstalled(version)) return install;
	await withDirectoryLock(
		`${install.dir}.lock`,
		{
			timeoutMs: INSTALL_TIMEOUT_MS,
			staleAfterMs: 2 * INSTALL_TIMEOUT_MS,
			onWait: (owner) => say(`waiting for another process installing n8n ${version} (${owner})`),
		},
		async () => {
			if (!isInstalled(version)) await installFromScratch(install);
		},
	);
	return install;
}

/**
 * `require` as seen from inside the n8n install, for libraries n8n already brings along (such
 * as `flatted`) that the tests need but the package itself must not depend on.
 */
export function requireFromN8n<T>(moduleId: string, version = requestedN8nVersion()): T {
	const install = installPaths(version);
	const requireInN8n = createRequire(path.join(install.dir, 'node_modules', 'n8n', 'package.json'));
	return requireInN8n(moduleId) as T;
}
