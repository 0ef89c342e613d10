import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { harnessCacheRoot } from './n8nInstall';

/** Names of the variables the watchdog reads inside the n8n process. */
export const WATCHDOG_ENV = {
	/** Folder to delete when n8n shuts down because its parent is gone (a throwaway user folder). */
	removeOnOrphan: 'CALLBACK_HARNESS_REMOVE_ON_ORPHAN',
} as const;

/**
 * Preloaded into n8n with `node --require`. Once the process that started n8n is gone (a test
 * run that crashed, was killed, or forgot stop()), n8n gets re-parented; the watchdog notices and
 * shuts it down the normal way. Exit hooks in the test process cannot do this: jest gives each
 * test file a copy of `process` whose 'exit' listeners never fire, and SIGKILL runs no hooks.
 */
const WATCHDOG_SOURCE = `'use strict';
const { rmSync } = require('node:fs');
const parentAtStart = process.ppid;
const removeOnOrphan = process.env.${WATCHDOG_ENV.removeOnOrphan};
let orphaned = false;
setInterval(() => {
	if (orphaned || process.ppid === parentAtStart) return;
	orphaned = true;
	process.kill(process.pid, 'SIGTERM');
	setTimeout(() => process.exit(1), 30000).unref();
}, 1000).unref();
process.on('exit', () => {
	// Checked again here: the signal may have come from elsewhere (npx stopping its tree) first.
	const parentGone = orphaned || process.ppid !== parentAtStart;
	if (parentGone && removeOnOrphan) rmSync(removeOnOrphan, { recursive: true, force: true });
});
`;

/** Writes the watchdog next to the n8n install (atomically, several runs may do it at once) and returns its path. */
export function parentWatchdogScript(): string {
	const target = path.join(harnessCacheRoot(), 'parent-watchdog.cjs');
	mkdirSync(path.dirname(target), { recursive: true });
	const temporary = `${target}.${process.pid}.tmp`;
	writeFileSync(temporary, WATCHDOG_SOURCE);
	renameSync(temporary, target);
	return target;
}
