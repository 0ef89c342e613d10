import { createHash } from 'node:crypto';

/**
 * Which phone numbers asked for a callback lately, so a lead who presses "submit" twice (or a
 * form tool that retries) starts one callback, not two. Numbers are kept as hashes: this log is
 * stored with the workflow and should not be a list of leads' numbers.
 *
 * The log is a fast first filter, not the rule: it lives in the workflow's static data, which
 * n8n saves whole, so requests arriving together can overwrite each other's entries. A lost
 * entry only lets a repeat through to the status store's claim (phoneClaim.ts), which decides;
 * an entry is never trusted beyond its window, so the filter never refuses a request it should
 * take. The log is kept short (MAX_RECENT_REQUESTS) so the blob n8n saves per request stays small.
 *
 * Entries are kept in the order they were recorded (oldest first), so forgetting the ones that
 * left the window, or the oldest beyond the limit, only looks at the front of the log: recording
 * a request costs the same whatever the log's size. Each entry is one string, "<ms>|<callbackId>":
 * n8n wraps every object it loads from a workflow's static data in a proxy, a string it does not.
 */
/** How many recent numbers a trigger's filter keeps: about 17 KB of static data at most. */
export const MAX_RECENT_REQUESTS = 250;

export interface RecentRequestLog {
	[phoneHash: string]: string | RecentRequest;
}

export interface RecentRequest {
	at: number;
	callbackId: string;
}

export function phoneHash(e164: string): string {
	return createHash('sha256').update(`callback-request:${e164}`).digest('hex').slice(0, 24);
}

/** An entry as stored now ("<ms>|<callbackId>") or as logs stored it before (an object). */
function readEntry(entry: string | RecentRequest | undefined): RecentRequest | undefined {
	if (entry === undefined || entry === null) return undefined;
	if (typeof entry === 'object') return typeof entry.at === 'number' ? entry : undefined;
	const bar = entry.indexOf('|');
	const at = Number(entry.slice(0, bar));
	return bar > 0 && Number.isFinite(at) ? { at, callbackId: entry.slice(bar + 1) } : undefined;
}

export function findRecentRequest(log: RecentRequestLog, e164: string, nowMs: number, windowMs: number): RecentRequest | undefined {
	const entry = readEntry(log[phoneHash(e164)]);
	return entry && nowMs - entry.at < windowMs && entry.at <= nowMs ? entry : undefined;
}

/**
 * Adds a request to the log (changing it, and returning it), then forgets from the front the
 * requests that left the window and the oldest beyond maxEntries.
 */
export function recordRequest(log: RecentRequestLog, e164: string, callbackId: string, nowMs: number, windowMs: number, maxEntries: number): RecentRequestLog {
	const hash = phoneHash(e164);
	// Deleted first, so the number moves to the end: the log stays in the order of recording.
	delete log[hash];
	log[hash] = `${nowMs}|${callbackId}`;
	let size = Object.keys(log).length;
	for (const key in log) {
		if (key === hash) break;
		const entry = readEntry(log[key]);
		if (size <= maxEntries && entry !== undefined && nowMs - entry.at < windowMs) break;
		delete log[key];
		size -= 1;
	}
	return log;
}
