import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A watchdog for servers the tests start that cannot watch their parent themselves (PostgreSQL,
 * Redis: native programs, unlike n8n, which gets parentWatchdog.ts preloaded). Once the process
 * that started them is gone (a test run that crashed or was killed), the guard stops them: it
 * signals `pids`, runs `stopCommand` (PostgreSQL's pg_ctl, since a signal to runuser does not
 * reach the server), and removes `removeFolder`. A run that stops its servers itself ends the
 * guard first (`stop()`).
 */
export interface OrphanGuardOptions {
	/** The process whose end means the servers are orphaned; this process by default. */
	parentPid?: number;
	/** Processes sent SIGTERM. */
	pids: readonly number[];
	/** A command run after the signals, e.g. ['pg_ctl', 'stop', …]. */
	stopCommand?: readonly string[];
	/** A folder removed last (the servers' throwaway data). */
	removeFolder?: string;
}

export interface OrphanGuard {
	readonly process: ChildProcess;
	stop(): void;
}

// Arguments: parent pid, folder ('' for none), count of pids, the pids, then the stop command.
const GUARD_SCRIPT = [
	'parent=$1; folder=$2; count=$3; shift 3',
	'pids=""; while [ "$count" -gt 0 ]; do pids="$pids $1"; shift; count=$((count - 1)); done',
	'while kill -0 "$parent" 2>/dev/null; do sleep 1; done',
	'for pid in $pids; do kill -TERM "$pid" 2>/dev/null; done',
	'if [ "$#" -gt 0 ]; then "$@" >/dev/null 2>&1; fi',
	'if [ -n "$folder" ]; then rm -rf "$folder"; fi',
].join('\n');

export function startOrphanGuard(options: OrphanGuardOptions): OrphanGuard {
	const args = [String(options.parentPid ?? process.pid), options.removeFolder ?? '', String(options.pids.length), ...options.pids.map(String), ...(options.stopCommand ?? [])];
	// Detached, in a process group of its own, so that stopping the test run's group does not stop it first.
	const guard = spawn('sh', ['-c', GUARD_SCRIPT, 'orphan-guard', ...args], { detached: true, stdio: 'ignore' });
	guard.unref();
	return {
		process: guard,
		stop() {
			if (guard.exitCode === null && guard.signalCode === null) guard.kill('SIGKILL');
		},
	};
}
