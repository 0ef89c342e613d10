import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DirectoryLockOptions {
	/** Give up waiting for another holder after this long. */
	timeoutMs: number;
	/** A lock this old is considered abandoned even if its owner still seems alive. */
	staleAfterMs: number;
	/** Called once when the lock is found taken, e.g. to tell the user why nothing happens. */
	onWait?: (owner: string) => void;
}

interface LockOwner {
	pid: number;
	hostname: string;
	since: string;
}

const heldLocks = new Set<string>();
let exitHookInstalled = false;

function releaseHeldLocksOnExit(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => {
		for (const lockPath of heldLocks) rmSync(lockPath, { recursive: true, force: true });
	});
}

function readOwner(lockPath: string): LockOwner | undefined {
	try {
		return JSON.parse(readFileSync(path.join(lockPath, 'owner.json'), 'utf8')) as LockOwner;
	} catch {
		return undefined;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function isAbandoned(lockPath: string, staleAfterMs: number): boolean {
	const owner = readOwner(lockPath);
	let ageMs: number;
	try {
		ageMs = Date.now() - statSync(lockPath).mtimeMs;
	} catch {
		return false;
	}
	if (ageMs > staleAfterMs) return true;
	// A lock without an owner file is being created right now, unless it has been like that a while.
	if (owner === undefined) return ageMs > 10_000;
	return owner.hostname === os.hostname() && !isAlive(owner.pid);
}

function describeOwner(lockPath: string): string {
	const owner = readOwner(lockPath);
	return owner === undefined ? 'unknown process' : `pid ${owner.pid} on ${owner.hostname} since ${owner.since}`;
}

/**
 * Runs `work` while holding a lock made of a directory: `mkdir` either creates it or fails, on
 * every file system, so two processes (two jest runs, a test and the demo) cannot both get it.
 * A lock left behind by a process that died is taken over.
 */
export async function withDirectoryLock<T>(lockPath: string, options: DirectoryLockOptions, work: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let told = false;
	mkdirSync(path.dirname(lockPath), { recursive: true });
	for (;;) {
		try {
			mkdirSync(lockPath);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		if (isAbandoned(lockPath, options.staleAfterMs)) {
			// Renaming first means only one waiter removes the abandoned lock.
			const doomed = `${lockPath}.abandoned-${process.pid}-${Date.now()}`;
			try {
				renameSync(lockPath, doomed);
				rmSync(doomed, { recursive: true, force: true });
			} catch {
				// Someone else took it over first; try again.
			}
			continue;
		}
		if (Date.now() > deadline) {
			throw new Error(`gave up waiting for the lock ${lockPath}, held by ${describeOwner(lockPath)}`);
		}
		if (!told) {
			told = true;
			options.onWait?.(describeOwner(lockPath));
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	const owner: LockOwner = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString() };
	writeFileSync(path.join(lockPath, 'owner.json'), JSON.stringify(owner));
	heldLocks.add(lockPath);
	releaseHeldLocksOnExit();
	try {
		return await work();
	} finally {
		heldLocks.delete(lockPath);
		rmSync(lockPath, { recursive: true, force: true });
	}
}
