import { MAX_COUNTER_TRIES, takeSlot, windowStartOf, type Counter, type CounterRow, type CounterStore } from './rateLimit';

/**
 * How many requests the form turned away, for the report: counted in the rate-limit table, next
 * to the limits' own counters, so the counts hold across restarts and workers.
 *
 * A refused request starts no execution, so nothing else would remember it. Each refusal adds
 * one to a tally row by compare-and-set (rateLimit.ts), never by overwriting. The rows are per
 * quarter hour, so a report period in any time zone (every offset is a multiple of 15 minutes)
 * takes whole rows; and each quarter hour has a few rows (shards), so a flood of refusals does not
 * queue on one row.
 */
export type RefusalKind = 'rateLimit' | 'humanCheck' | 'heldForReview';

export const REFUSAL_KINDS: readonly RefusalKind[] = ['rateLimit', 'humanCheck', 'heldForReview'];

export type RefusalCounts = Record<RefusalKind, number>;

/** The tally rows' time slice: 15 minutes. */
export const TALLY_SLICE_MS = 15 * 60_000;
/** Rows per kind and slice; a refusal starts at one picked at random. */
export const TALLY_SHARDS = 8;
/**
 * Tries before a tally gives up (the count is then one low); each failed try means another
 * refusal was counted on the same row. Requests in flight at once, spread over the shards, stay
 * well under this.
 */
const TALLY_TRIES = MAX_COUNTER_TRIES;

const KEY_START = 'tally';

/**
 * How long tallies are kept: a year's report and a month more. Older ones are removed when the
 * workflow is published, so a table that counted a long flood does not keep its rows for ever.
 */
export const TALLY_RETENTION_MS = 400 * 24 * 60 * 60_000;

/** The `like` pattern of every tally row of one form (`scope`). */
export function tallyKeyPattern(scope: string): string {
	return `${KEY_START}|%|${scope}`;
}

/** The row key of one tally: `tally|<kind>|<slice start ms>|<shard, or x and a spare row's id>|<scope>`. */
export function tallyKey(kind: RefusalKind, sliceStart: number, shard: number | string, scope: string): string {
	return `${KEY_START}|${kind}|${sliceStart}|${shard}|${scope}`;
}

/** What a row key says, when it is a tally: its kind and the start of its slice. */
export function readTallyKey(key: string): { kind: RefusalKind; sliceStart: number } | null {
	const [start, kind, slice, shard] = key.split('|');
	if (start !== KEY_START || !REFUSAL_KINDS.includes(kind as RefusalKind)) return null;
	const sliceStart = Number(slice);
	if (!Number.isSafeInteger(sliceStart) || !/^(\d+|x[A-Za-z0-9]+)$/.test(shard ?? '')) return null;
	return { kind: kind as RefusalKind, sliceStart };
}

/** The counter one refusal adds to: the slice holding `now`, the given shard. */
export function tallyCounter(kind: RefusalKind, now: number, shard: number, scope: string): Counter<RefusalKind> {
	if (!Number.isInteger(shard) || shard < 0 || shard >= TALLY_SHARDS) throw new RangeError(`A tally shard is 0 to ${TALLY_SHARDS - 1}, not ${shard}`);
	return { key: tallyKey(kind, windowStartOf(now, TALLY_SLICE_MS), shard, scope), name: kind, max: Number.MAX_SAFE_INTEGER, windowMs: TALLY_SLICE_MS };
}

/**
 * Adds one refusal of `kind`, starting at row `shard`; a try that lost a race moves on to the next
 * row, so refusals arriving together spread over the rows instead of queueing on one. When every
 * try lost, the refusal gets a row of its own, named by `spareId` (unique per refusal): rare, so
 * the table stays small, and no refusal goes uncounted.
 */
export async function tallyRefusal(store: CounterStore, kind: RefusalKind, now: number, shard: number, scope: string, spareId: string): Promise<void> {
	for (let attempt = 0; attempt < TALLY_TRIES; attempt++) {
		const counter = tallyCounter(kind, now, (shard + attempt) % TALLY_SHARDS, scope);
		if ((await takeSlot(store, [counter], now, { maxTries: 1 })).admitted) return;
	}
	if (!/^[A-Za-z0-9]+$/.test(spareId)) throw new RangeError(`A spare tally row is named by letters and digits, not "${spareId}"`);
	const sliceStart = windowStartOf(now, TALLY_SLICE_MS);
	await store.insertIfAbsent({ key: tallyKey(kind, sliceStart, `x${spareId}`, scope), windowStart: sliceStart, count: 1, version: 1 });
}

export function noRefusals(): RefusalCounts {
	return { rateLimit: 0, humanCheck: 0, heldForReview: 0 };
}

/** The refusals counted in slices starting in [from, to), by kind, from every row of the table (other rows are ignored). */
export function sumRefusals(rows: readonly CounterRow[], from: number, to: number): RefusalCounts {
	const counts = noRefusals();
	for (const row of rows) {
		const tally = readTallyKey(row.key);
		if (tally === null || tally.sliceStart < from || tally.sliceStart >= to) continue;
		// A row is counted in the slice its key names; a row left from another slice counts nothing.
		if (row.windowStart !== tally.sliceStart) continue;
		counts[tally.kind] += Math.max(0, Math.floor(row.count) || 0);
	}
	return counts;
}
