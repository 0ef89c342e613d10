import { createHash } from 'node:crypto';

/**
 * Which phone numbers asked for a callback lately, so a lead who presses "submit" twice (or a
 * form tool that retries) starts one callback, not two. Numbers are kept as hashes: this log is
 * stored with the workflow and should not be a list of leads' numbers.
 */
export interface RecentRequestLog {
	[phoneHash: string]: { at: number; callbackId: string };
}

export function phoneHash(e164: string): string {
	return createHash('sha256').update(`callback-request:${e164}`).digest('hex').slice(0, 24);
}

export function findRecentRequest(
	log: RecentRequestLog,
	e164: string,
	nowMs: number,
	windowMs: number,
): { at: number; callbackId: string } | undefined {
	const entry = log[phoneHash(e164)];
	return entry && nowMs - entry.at < windowMs && entry.at <= nowMs ? entry : undefined;
}

/** Adds a request and forgets the ones that left the window; keeps at most maxEntries (newest). */
export function recordRequest(
	log: RecentRequestLog,
	e164: string,
	callbackId: string,
	nowMs: number,
	windowMs: number,
	maxEntries: number,
): RecentRequestLog {
	const live = Object.entries(log).filter(([, entry]) => nowMs - entry.at < windowMs);
	// The new request goes first so that, among requests with the same time, it is the one kept.
	live.unshift([phoneHash(e164), { at: nowMs, callbackId }]);
	live.sort((a, b) => b[1].at - a[1].at);
	const kept: RecentRequestLog = {};
	for (const [hash, entry] of live) {
		if (Object.keys(kept).length >= maxEntries) break;
		if (!kept[hash]) kept[hash] = entry;
	}
	return kept;
}
