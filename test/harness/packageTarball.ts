import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

import { harnessCacheRoot } from './n8nInstall';
import { runCommand } from './runCommand';

/** The root of this repository, where package.json and dist/ live. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

export interface PackedPackage {
	name: string;
	version: string;
	/** The .tgz `npm pack` wrote, the same file a user would install from the registry. */
	tarballPath: string;
	/** sha256 of the tarball; npm packs reproducibly, so equal contents give equal hashes. */
	sha256: string;
}

interface PackageManifest {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function readManifest(root: string): PackageManifest {
	return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageManifest;
}

/** Every node and credential file package.json announces to n8n must exist after the build. */
function missingBuildOutputs(root: string, manifest: PackageManifest): string[] {
	const announced = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	return announced.filter((file) => !existsSync(path.join(root, file)));
}

/** Packs older than this are removed; a test run needs its tarball for a few minutes at most. */
const PACK_MAX_AGE_MS = 24 * 60 * 60_000;

/**
 * Where tarballs go: the harness cache, pruned here rather than on exit, since exit hooks do not
 * run inside jest's test sandbox.
 */
function packsFolder(): string {
	const folder = path.join(harnessCacheRoot(), 'packs');
	mkdirSync(folder, { recursive: true });
	for (const name of readdirSync(folder)) {
		const entry = path.join(folder, name);
		if (Date.now() - statSync(entry).mtimeMs > PACK_MAX_AGE_MS) rmSync(entry, { recursive: true, force: true });
	}
	return folder;
}

async function buildAndPack(root: string): Promise<PackedPackage> {
	const manifest = readManifest(root);
	const startedAt = Date.now();
	try {
		await runCommand('npm', ['run', 'build'], { cwd: root, timeoutMs: 5 * 60_000 });
	} catch (error) {
		throw new Error(`cannot pack ${manifest.name}: the build failed, so there is no dist/ to install into n8n.\n${(error as Error).message}`);
	}
	const missing = missingBuildOutputs(root, manifest);
	if (missing.length > 0) {
		throw new Error(`cannot pack ${manifest.name}: "npm run build" succeeded but package.json announces files it did not produce: ${missing.join(', ')}`);
	}
	const destination = mkdtempSync(path.join(packsFolder(), 'pack-'));
	// The build just ran; --ignore-scripts keeps "prepack" from building a second time.
	const { stdout } = await runCommand('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
		cwd: root,
		timeoutMs: 2 * 60_000,
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
	const tarballPath = path.join(destination, packed.filename);
	const sha256 = createHash('sha256').update(readFileSync(tarballPath)).digest('hex');
	process.stderr.write(`[n8n harness] built and packed ${manifest.name}@${manifest.version} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${tarballPath}\n`);
	return { name: manifest.name, version: manifest.version, tarballPath, sha256 };
}

const packedByRoot = new Map<string, Promise<PackedPackage>>();

/**
 * Builds this package and packs it like `npm publish` would. Done once per process: every n8n a
 * test run starts gets the same tarball. A failed build is not remembered, so a later call
 * retries it.
 */
export async function packPackage(root = REPOSITORY_ROOT): Promise<PackedPackage> {
	let packed = packedByRoot.get(root);
	if (packed === undefined) {
		packed = buildAndPack(root);
		packedByRoot.set(root, packed);
		packed.catch(() => packedByRoot.delete(root));
	}
	return packed;
}
