import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
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

/** What the build reads: a tarball made from the same inputs is the same package. */
const BUILD_INPUTS = ['nodes', 'credentials', 'index.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js'];

function hashInputs(root: string, relative: string, hash: ReturnType<typeof createHash>): void {
	const full = path.join(root, relative);
	if (!existsSync(full)) return;
	if (statSync(full).isDirectory()) {
		for (const name of readdirSync(full).sort()) hashInputs(root, path.join(relative, name), hash);
		return;
	}
	hash.update(`${relative}\0`).update(readFileSync(full)).update('\0');
}

/** A hash of everything the build reads, so that an unchanged source is not built again. */
export function sourceHash(root: string): string {
	const hash = createHash('sha256');
	for (const input of BUILD_INPUTS) hashInputs(root, input, hash);
	return hash.digest('hex').slice(0, 16);
}

/**
 * The package packed from the current source: the tarball made earlier from the same source
 * (each test file runs in a fresh module registry, so this saves a build per file), else a new
 * build. The tarball is renamed into place whole, so a reader never sees half of one.
 */
async function packedFromSource(root: string): Promise<PackedPackage> {
	const manifest = readManifest(root);
	const cached = path.join(packsFolder(), `source-${sourceHash(root)}.tgz`);
	if (!existsSync(cached)) {
		const built = await buildAndPack(root);
		const partial = `${cached}.${process.pid}.partial`;
		copyFileSync(built.tarballPath, partial);
		renameSync(partial, cached);
		return built;
	}
	const sha256 = createHash('sha256').update(readFileSync(cached)).digest('hex');
	process.stderr.write(`[n8n harness] ${manifest.name}@${manifest.version} from the same source as before: ${cached}\n`);
	return { name: manifest.name, version: manifest.version, tarballPath: cached, sha256 };
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
		packed = packedFromSource(root);
		packedByRoot.set(root, packed);
		packed.catch(() => packedByRoot.delete(root));
	}
	return packed;
}
