/**
 * Peak resident memory of running processes, each with its child processes (n8n's task runners),
 * sampled from /proc while a benchmark runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

const SAMPLE_EVERY_MS = 500;

function parentOf(pid: number): number | null {
	try {
		// The command name in field 2 may hold spaces; the fields after its closing parenthesis do not.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return null;
	}
}

function residentBytes(pid: number): number {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** Resident bytes of `root` and every process below it. */
function treeResidentBytes(root: number, parents: Map<number, number | null>): number {
	let total = 0;
	for (const [pid] of parents) {
		for (let at: number | null = pid; at !== null && at > 1; at = parents.get(at) ?? parentOf(at)) {
			if (at === root) {
				total += residentBytes(pid);
				break;
			}
		}
	}
	return total;
}

export interface MemoryWatch {
	/** Peak megabytes per process label seen so far. */
	peaks(): Record<string, number>;
	stop(): Record<string, number>;
}

/** Samples the processes `pids()` names (label → pid) until stopped. */
export function watchPeakMemory(pids: () => Record<string, number | undefined>): MemoryWatch {
	const peak: Record<string, number> = {};
	const sample = () => {
		const parents = new Map<number, number | null>();
		for (const entry of readdirSync('/proc')) if (/^\d+$/.test(entry)) parents.set(Number(entry), parentOf(Number(entry)));
		for (const [label, pid] of Object.entries(pids())) {
			if (pid === undefined) continue;
			const megabytes = Math.round(treeResidentBytes(pid, parents) / 1024 / 1024);
			peak[label] = Math.max(peak[label] ?? 0, megabytes);
		}
	};
	sample();
	const timer = setInterval(sample, SAMPLE_EVERY_MS);
	const peaks = () => ({ ...peak });
	return {
		peaks,
		stop: () => {
			clearInterval(timer);
			return peaks();
		},
	};
}
