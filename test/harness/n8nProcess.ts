import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import axios from 'axios';

import { installCommunityPackage } from './communityPackageInstall';
import { freePort } from './freePort';
import { DEFAULT_OWNER, N8nApi, type OwnerAccount } from './n8nApi';
import { ensureN8nInstalled, type N8nInstall } from './n8nInstall';
import { runtimeEnvironment } from './nodeRuntime';
import { packPackage, type PackedPackage } from './packageTarball';
import { parentWatchdogScript, WATCHDOG_ENV } from './parentWatchdog';

export interface StartN8nOptions {
	/** Keep n8n's data here (the demo does); default: a new temporary folder, removed by stop(). */
	userFolder?: string;
	/** Default: a free loopback port. */
	port?: number;
	/** Default: the key already in the user folder's config, else a new random one. */
	encryptionKey?: string;
	/** Extra environment for n8n, applied last so it can override the harness defaults. */
	env?: Record<string, string>;
	/** Build, pack and install this package into n8n (default true). */
	installPackage?: boolean;
	/** `debug` (default) also logs each package n8n loads, which startup checks for ours. */
	logLevel?: 'info' | 'debug';
	owner?: OwnerAccount;
	/** How long startup may take before it counts as failed (default 120 s). */
	readyTimeoutMs?: number;
	/** The n8n release to run (default: N8N_VERSION from the environment, else the harness default). */
	n8nVersion?: string;
	/** Keep a temporary user folder after stop(), e.g. to read its log (also: N8N_HARNESS_KEEP=1). */
	keepUserFolder?: boolean;
	/**
	 * Which n8n process (queue mode): the main instance (`start`, the default), a `worker` that
	 * runs executions, or a `webhook` processor that takes production webhooks. Only the main one
	 * serves the editor and the REST API the handle's `api` signs in to.
	 */
	command?: N8nCommand;
}

export type N8nCommand = 'start' | 'worker' | 'webhook';

/** The line each kind of n8n process logs once it takes work. */
const READY_LINES: Record<N8nCommand, string> = {
	start: 'Editor is now accessible via',
	worker: 'n8n worker is now ready',
	webhook: 'Webhook listener waiting for requests.',
};

export interface N8nHandle {
	/** The n8n release running. */
	version: string;
	baseUrl: string;
	port: number;
	userFolder: string;
	encryptionKey: string;
	/** Signed-in REST client; stays valid across restart(). */
	api: N8nApi;
	/** The packed package installed into this n8n, if any. */
	packed?: PackedPackage;
	/** Seconds the last start or restart took, from spawning n8n to signed in. */
	startupSeconds: number;
	logPath: string;
	/** The n8n process's id while it runs (its task runners are its child processes). */
	readonly pid: number | undefined;
	/** The last `lines` lines of n8n's output (colours removed). */
	logs(lines?: number): string;
	stop(): Promise<void>;
	restart(): Promise<void>;
}

const PACKAGE_PREFIX = 'n8n-nodes-callback.';
const PACKAGE_NAME = 'n8n-nodes-callback';
const STOP_GRACE_MS = 20_000;
const LOG_LINES_IN_ERRORS = 60;

/**
 * Environment variables that would otherwise leak from the caller into n8n's config. NODE_ENV
 * matters most: jest sets it to "test", which makes n8n refuse to load nodes and exit silently.
 */
const INHERITED_PREFIXES_DROPPED = ['N8N_', 'DB_', 'EXECUTIONS_', 'QUEUE_', 'WEBHOOK_URL', 'NODE_ENV', 'JEST_WORKER_ID'];

/**
 * Settings for a quiet local n8n that never reaches out to the internet: no telemetry, version
 * checks, templates, banners, license renewal or verified-package lookups. Executions are all
 * saved so tests can read them back.
 */
function harnessEnvironment(port: number, userFolder: string, encryptionKey: string, logLevel: string): Record<string, string> {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		N8N_ENCRYPTION_KEY: encryptionKey,
		DB_TYPE: 'sqlite',
		// A read pool puts SQLite in WAL mode, so reading executions does not block running ones.
		DB_SQLITE_POOL_SIZE: '2',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Today's defaults, stated so n8n does not print deprecation warnings about them.
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
	};
}

function inheritedEnvironment(): NodeJS.ProcessEnv {
	const inherited: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!INHERITED_PREFIXES_DROPPED.some((prefix) => name.startsWith(prefix))) inherited[name] = value;
	}
	return inherited;
}

/** n8n refuses to start when the key differs from the one the user folder was created with. */
function existingEncryptionKey(userFolder: string): string | undefined {
	try {
		const config = JSON.parse(readFileSync(path.join(userFolder, '.n8n', 'config'), 'utf8')) as { encryptionKey?: string };
		return config.encryptionKey;
	} catch {
		return undefined;
	}
}

function stripColours(text: string): string {
	return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function fileSize(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

/** The log written since byte `fromByte`, colours removed; cheap even when the log is long. */
function logSince(file: string, fromByte: number): string {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch {
		return '';
	}
	try {
		const length = Math.max(0, fstatSync(fd).size - fromByte);
		const buffer = Buffer.alloc(length);
		const read = readSync(fd, buffer, 0, length, fromByte);
		return stripColours(buffer.subarray(0, read).toString('utf8'));
	} finally {
		closeSync(fd);
	}
}

function tailOfFile(file: string, lines: number, fromByte = 0): string {
	const text = logSince(file, Math.max(fromByte, fileSize(file) - 1_000_000));
	return text === '' ? '(no log yet)' : text.trimEnd().split('\n').slice(-lines).join('\n');
}

function say(message: string): void {
	process.stderr.write(`[n8n harness] ${message}\n`);
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

async function answers200(url: string): Promise<boolean> {
	try {
		const response = await axios.get(url, { timeout: 2_000, validateStatus: () => true });
		return response.status === 200;
	} catch {
		return false;
	}
}

class N8nInstance implements N8nHandle {
	readonly baseUrl: string;
	readonly version: string;
	readonly api: N8nApi;
	readonly logPath: string;
	startupSeconds = 0;
	private child: ChildProcess | undefined;
	private exited: Promise<void> = Promise.resolve();

	constructor(
		private readonly install: N8nInstall,
		readonly port: number,
		readonly userFolder: string,
		readonly encryptionKey: string,
		private readonly options: StartN8nOptions,
		private readonly ownsUserFolder: boolean,
		readonly packed: PackedPackage | undefined,
	) {
		this.baseUrl = `http://localhost:${port}`;
		this.version = install.version;
		this.api = new N8nApi(this.baseUrl);
		this.logPath = path.join(userFolder, 'n8n.log');
	}

	get pid(): number | undefined {
		return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
	}

	logs(lines = LOG_LINES_IN_ERRORS): string {
		return tailOfFile(this.logPath, lines);
	}

	/** Spawns n8n and resolves once it serves requests, has activated its workflows and we are signed in. */
	async start(): Promise<void> {
		const startedAt = Date.now();
		const logStart = fileSize(this.logPath);
		const logFd = openSync(this.logPath, 'a');
		writeSync(logFd, `\n===== [n8n harness] starting n8n ${this.install.version} on port ${this.port} at ${new Date().toISOString()} =====\n`);
		const env: NodeJS.ProcessEnv = {
			...inheritedEnvironment(),
			...harnessEnvironment(this.port, this.userFolder, this.encryptionKey, this.options.logLevel ?? 'debug'),
			...(this.options.env ?? {}),
		};
		if (this.ownsUserFolder && !this.keepsUserFolder()) env[WATCHDOG_ENV.removeOnOrphan] = this.userFolder;
		// The watchdog stops n8n when this process goes away without calling stop().
		const command = this.options.command ?? 'start';
		const args = ['--require', parentWatchdogScript(), this.install.binPath, command];
		const child = spawn(this.install.runtime.binPath, args, { cwd: this.userFolder, env: runtimeEnvironment(this.install.runtime, env), stdio: ['ignore', logFd, logFd] });
		closeSync(logFd);
		child.unref();
		this.child = child;
		let exitReason: string | undefined;
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				exitReason = `exited with ${signal ?? `code ${code}`}`;
				resolve();
			});
			child.once('error', (error) => {
				exitReason = `could not be started: ${error.message}`;
				resolve();
			});
		});

		const timeoutMs = this.options.readyTimeoutMs ?? 120_000;
		const deadline = startedAt + timeoutMs;
		const fail = async (why: string): Promise<never> => {
			if (exitReason === undefined) await this.stopProcess();
			throw new Error(`n8n on port ${this.port} ${why}. Last ${LOG_LINES_IN_ERRORS} lines of ${this.logPath}:\n${tailOfFile(this.logPath, LOG_LINES_IN_ERRORS, logStart)}`);
		};
		const waitFor = async (what: string, check: () => Promise<boolean> | boolean): Promise<void> => {
			while (!(await check())) {
				if (exitReason !== undefined) await fail(`${exitReason} while waiting for ${what}`);
				if (Date.now() > deadline) await fail(`was not ready after ${Math.round(timeoutMs / 1000)} s (waiting for ${what})`);
				await sleep(100);
			}
		};
		const readyLine = READY_LINES[command];
		if (command !== 'start') {
			// A worker serves no HTTP; a webhook processor has no editor or REST API to sign in to.
			await waitFor(`the log line "${readyLine}"`, () => logSince(this.logPath, logStart).includes(readyLine));
			if (this.packed !== undefined && (this.options.logLevel ?? 'debug') === 'debug') await this.checkPackageLogged(logStart, fail);
			this.startupSeconds = (Date.now() - startedAt) / 1000;
			return;
		}
		await waitFor('/healthz', async () => answers200(`${this.baseUrl}/healthz`));
		await waitFor('/healthz/readiness (database migrated)', async () => answers200(`${this.baseUrl}/healthz/readiness`));
		// Readiness only covers the database; the REST API and the webhooks of active workflows
		// are in place once n8n prints where the editor is.
		await waitFor(`the log line "${readyLine}"`, () => logSince(this.logPath, logStart).includes(readyLine));
		try {
			await this.api.signIn(this.options.owner ?? DEFAULT_OWNER);
		} catch (error) {
			await fail(`started, but signing in failed: ${(error as Error).message}`);
		}
		if (this.packed !== undefined) await this.checkPackageLoaded(logStart, fail);
		this.startupSeconds = (Date.now() - startedAt) / 1000;
	}

	private async checkPackageLoaded(logStart: number, fail: (why: string) => Promise<never>): Promise<void> {
		const names = await this.api.nodeTypeNames();
		if (!names.some((name) => name.startsWith(PACKAGE_PREFIX))) {
			await fail(`started, but none of its ${names.length} node types starts with "${PACKAGE_PREFIX}": the installed package was not loaded`);
		}
		if ((this.options.logLevel ?? 'debug') === 'debug') await this.checkPackageLogged(logStart, fail);
	}

	private async checkPackageLogged(logStart: number, fail: (why: string) => Promise<never>): Promise<void> {
		const log = logSince(this.logPath, logStart);
		const loaded = [`Loaded all credentials and nodes from ${PACKAGE_NAME}`, `Lazy-loading nodes and credentials from ${PACKAGE_NAME}`];
		if (!loaded.some((line) => log.includes(line))) await fail(`started, but its log does not say it loaded ${PACKAGE_NAME}`);
	}

	/** SIGTERM, then SIGKILL if n8n has not shut down within 20 s. */
	private async stopProcess(): Promise<void> {
		const child = this.child;
		if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		let graceTimer: NodeJS.Timeout | undefined;
		const graceOver = new Promise<boolean>((resolve) => {
			graceTimer = setTimeout(() => resolve(false), STOP_GRACE_MS);
		});
		const stopped = await Promise.race([this.exited.then(() => true), graceOver]);
		clearTimeout(graceTimer);
		if (!stopped) {
			say(`n8n on port ${this.port} did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; killing it`);
			child.kill('SIGKILL');
			await this.exited;
		}
	}

	async stop(): Promise<void> {
		await this.stopProcess();
		this.child = undefined;
		if (this.ownsUserFolder && !this.keepsUserFolder()) rmSync(this.userFolder, { recursive: true, force: true });
	}

	private keepsUserFolder(): boolean {
		return this.options.keepUserFolder === true || process.env.N8N_HARNESS_KEEP === '1';
	}

	async restart(): Promise<void> {
		await this.stopProcess();
		await this.start();
		say(`n8n restarted on ${this.baseUrl} in ${this.startupSeconds.toFixed(1)} s`);
	}
}

/**
 * Starts a real n8n (the pinned release from the machine-wide cache) with this package installed
 * as a community package, signed in as its owner. Call stop() when done; a forgotten instance
 * shuts itself down once the process that started it has exited.
 */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nHandle> {
	const install = await ensureN8nInstalled(options.n8nVersion);
	const packed = options.installPackage === false ? undefined : await packPackage();
	const ownsUserFolder = options.userFolder === undefined;
	const userFolder = options.userFolder ?? mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	mkdirSync(userFolder, { recursive: true });
	const fresh = !existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	const port = options.port ?? (await freePort());
	const encryptionKey = options.encryptionKey ?? existingEncryptionKey(userFolder) ?? randomBytes(24).toString('hex');
	if (packed !== undefined) await installCommunityPackage(userFolder, packed);
	// The task runners' broker listens on a port of its own (5679 unless told): one per n8n, so
	// that two n8n (a test beside the demo, several workers) can run at once.
	const withBroker = { ...options, env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...options.env } };
	const instance = new N8nInstance(install, port, userFolder, encryptionKey, withBroker, ownsUserFolder, packed);
	// When startup fails the user folder stays, so its n8n.log and database can be looked at.
	await instance.start();
	say(`n8n ${install.version} ready on ${instance.baseUrl} in ${instance.startupSeconds.toFixed(1)} s (${fresh ? 'new' : 'existing'} user folder ${userFolder})`);
	return instance;
}
