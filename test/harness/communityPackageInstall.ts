import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { harnessCacheRoot } from './n8nInstall';
import type { PackedPackage } from './packageTarball';
import { runCommand } from './runCommand';

/**
 * The flags n8n 1.123 passes to `npm install` inside a community package's folder. The registry
 * flag it adds is left out on purpose: the machine's npm configuration decides, which is the
 * public registry on a normal machine and a mirror where only a mirror is reachable.
 */
const N8N_COMMUNITY_INSTALL_FLAGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

const STAGING_MARKER = '.staged.json';
/** Staged installs kept in the cache; older ones are removed. */
const STAGED_KEPT = 5;

function stagingRoot(): string {
	return path.join(harnessCacheRoot(), 'community-packages');
}

function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function writeJson(file: string, value: unknown): void {
	writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Unpacks the tarball and installs its dependencies the way n8n does when a user installs a
 * community package from the editor: dev, peer and optional dependencies are dropped from its
 * package.json first, so `n8n-workflow` (a peer) comes from n8n itself and never gets a second
 * copy inside the package.
 */
async function stageInstall(packed: PackedPackage, target: string): Promise<void> {
	const packageDir = path.join(target, 'package');
	mkdirSync(packageDir, { recursive: true });
	await runCommand('tar', ['-xzf', packed.tarballPath, '-C', packageDir, '--strip-components=1'], { cwd: target });
	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = readJson<Record<string, unknown>>(manifestPath);
	writeJson(manifestPath, manifest);
	await runCommand('npm', ['install', ...N8N_COMMUNITY_INSTALL_FLAGS], { cwd: packageDir, timeoutMs: 5 * 60_000 });
	const peers = Object.keys((peerDependencies ?? {}) as Record<string, string>);
	const duplicated = peers.filter((peer) => existsSync(path.join(packageDir, 'node_modules', peer)));
	if (duplicated.length > 0) {
		throw new Error(`installing ${packed.name} put its peer dependencies into its own node_modules: ${duplicated.join(', ')}`);
	}
	writeJson(path.join(target, STAGING_MARKER), { name: packed.name, version: packed.version, sha256: packed.sha256 });
}

function pruneStagedInstalls(keep: string): void {
	const root = stagingRoot();
	const entries = readdirSync(root)
		.map((name) => path.join(root, name))
		.filter((entry) => entry !== keep && existsSync(path.join(entry, STAGING_MARKER)))
		.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
	for (const stale of entries.slice(STAGED_KEPT - 1)) rmSync(stale, { recursive: true, force: true });
}

/**
 * The tarball installed once into the machine-wide cache, keyed by its hash; every n8n started
 * afterwards copies that folder instead of running npm again.
 */
async function stagedInstall(packed: PackedPackage): Promise<string> {
	const root = stagingRoot();
	mkdirSync(root, { recursive: true });
	const final = path.join(root, `${packed.name.replace(/[@/]/g, '_')}-${packed.version}-${packed.sha256.slice(0, 16)}`);
	if (!existsSync(path.join(final, STAGING_MARKER))) {
		const attempt = mkdtempSync(`${final}.partial-`);
		const startedAt = Date.now();
		try {
			await stageInstall(packed, attempt);
			process.stderr.write(`[n8n harness] installed ${packed.name}'s dependencies the way n8n does in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
			rmSync(final, { recursive: true, force: true });
			renameSync(attempt, final);
		} catch (error) {
			rmSync(attempt, { recursive: true, force: true });
			// A concurrent run may have finished the same install first; that one is as good.
			if (!existsSync(path.join(final, STAGING_MARKER))) throw error;
		}
	}
	pruneStagedInstalls(final);
	return path.join(final, 'package');
}

/**
 * Installs the packed package into `<userFolder>/.n8n/nodes`, where n8n keeps community
 * packages: the package under node_modules/<name> and its name and version in the folder's
 * package.json. A package already there is replaced, like an update from the editor.
 */
export async function installCommunityPackage(userFolder: string, packed: PackedPackage): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const nodesManifestPath = path.join(nodesDir, 'package.json');
	if (!existsSync(nodesManifestPath)) {
		writeJson(nodesManifestPath, { name: 'installed-nodes', private: true, dependencies: {} });
	}
	const staged = await stagedInstall(packed);
	const packageDir = path.join(nodesDir, 'node_modules', packed.name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(path.dirname(packageDir), { recursive: true });
	cpSync(staged, packageDir, { recursive: true, verbatimSymlinks: true });
	const nodesManifest = readJson<{ dependencies?: Record<string, string> }>(nodesManifestPath);
	nodesManifest.dependencies = { ...(nodesManifest.dependencies ?? {}), [packed.name]: packed.version };
	writeJson(nodesManifestPath, nodesManifest);
	return packageDir;
}
