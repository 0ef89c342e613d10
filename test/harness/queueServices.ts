/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian's packages, on loopback ports of their
 * own, with their data in a temporary folder: what a queue-mode n8n needs beside it. Installed
 * with apt-get when missing (the machine's root user, or sudo).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './freePort';
import { startOrphanGuard } from './orphanGuard';

export interface QueueServices {
	postgres: { host: string; port: number; database: string; user: string; password: string };
	redis: { host: string; port: number };
	/** The environment an n8n process of the group needs to reach both. */
	n8nEnvironment: Record<string, string>;
	stop(): Promise<void>;
}

const DEBIAN_PACKAGES = ['postgresql', 'redis-server'];
const DATABASE = 'n8n';
const USER = 'n8n';
const PASSWORD = 'n8n-queue-mode';

function say(message: string): void {
	process.stderr.write(`[queue services] ${message}\n`);
}

function postgresBinaries(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

function redisServer(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((candidate) => existsSync(candidate));
}

function run(command: string, args: string[], what: string): void {
	const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (result.status !== 0) throw new Error(`${what} failed (${command} ${args.join(' ')}): ${result.stderr || result.stdout}`);
}

/** Installs PostgreSQL and Redis from Debian's packages unless both are there. */
export function ensureQueueServicesInstalled(): void {
	if (postgresBinaries() !== undefined && redisServer() !== undefined) return;
	const isRoot = process.getuid?.() === 0;
	const prefix = isRoot ? [] : ['sudo', '-n'];
	say(`installing ${DEBIAN_PACKAGES.join(', ')} from Debian's packages`);
	const [command, ...rest] = [...prefix, 'apt-get'];
	run(command, [...rest, 'update', '-qq'], 'apt-get update');
	run(command, [...rest, 'install', '-y', '-qq', '--no-install-recommends', ...DEBIAN_PACKAGES], `installing ${DEBIAN_PACKAGES.join(', ')}`);
	if (postgresBinaries() === undefined || redisServer() === undefined) throw new Error(`${DEBIAN_PACKAGES.join(' and ')} were installed, but their programs were not found`);
}

/** PostgreSQL refuses to run as root: as root, its programs run as the "postgres" user Debian's package made. */
function asDatabaseUser(program: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

async function waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

/** Starts PostgreSQL and Redis on free loopback ports, with a database and user for n8n. */
export async function startQueueServices(): Promise<QueueServices> {
	ensureQueueServicesInstalled();
	const bin = postgresBinaries()!;
	const folder = mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-services-'));
	const dataDir = path.join(folder, 'postgres');
	mkdirSync(dataDir);
	if (process.getuid?.() === 0) {
		const postgresUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const postgresGroup = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		chownSync(folder, Number(postgresUser.stdout), Number(postgresGroup.stdout));
		chownSync(dataDir, Number(postgresUser.stdout), Number(postgresGroup.stdout));
	}
	const postgresPort = await freePort();
	const redisPort = await freePort();

	const [initdb, initArgs] = asDatabaseUser(path.join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
	run(initdb, initArgs, 'initdb');
	const log = openSync(path.join(folder, 'postgres.log'), 'a');
	const [postgres, postgresArgs] = asDatabaseUser(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(postgresPort), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200']);
	const postgresProcess = spawn(postgres, postgresArgs, { stdio: ['ignore', log, log] });
	await waitUntil('PostgreSQL', () => spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(postgresPort)]).status === 0, 60_000);
	const psql = (sql: string) => run(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(postgresPort), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql], `psql ${sql}`);
	psql(`CREATE USER ${USER} WITH PASSWORD '${PASSWORD}'`);
	psql(`CREATE DATABASE ${DATABASE} OWNER ${USER}`);

	const redisLog = openSync(path.join(folder, 'redis.log'), 'a');
	const redisProcess = spawn(redisServer()!, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder], { stdio: ['ignore', redisLog, redisLog] });
	await waitUntil('Redis', () => spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG', 30_000);
	say(`PostgreSQL on 127.0.0.1:${postgresPort}, Redis on 127.0.0.1:${redisPort} (data in ${folder})`);
	const [pgCtl, pgCtlArgs] = asDatabaseUser(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w']);
	// Should this process end without stop() (a crashed or killed run), the servers do not outlive it.
	const guard = startOrphanGuard({ pids: [redisProcess.pid!], stopCommand: [pgCtl, ...pgCtlArgs], removeFolder: folder });

	return {
		postgres: { host: '127.0.0.1', port: postgresPort, database: DATABASE, user: USER, password: PASSWORD },
		redis: { host: '127.0.0.1', port: redisPort },
		n8nEnvironment: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgresPort),
			DB_POSTGRESDB_DATABASE: DATABASE,
			DB_POSTGRESDB_USER: USER,
			DB_POSTGRESDB_PASSWORD: PASSWORD,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
		},
		async stop() {
			guard.stop();
			await stopChild(redisProcess, 'SIGTERM');
			// Through pg_ctl: a signal to runuser does not reach the server it started.
			spawnSync(pgCtl, pgCtlArgs, { stdio: 'ignore' });
			await stopChild(postgresProcess, 'SIGINT');
			rmSync(folder, { recursive: true, force: true });
		},
	};
}
