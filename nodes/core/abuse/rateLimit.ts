import type { RateLimitName } from './rateLimitLimits';

/** One counted limit: at most `max` in each fixed window of `windowMs`, under `key`. */
export interface Counter<Name extends string = RateLimitName> {
	readonly key: string;
	readonly name: Name;
	readonly max: number;
	readonly windowMs: number;
}

/**
 * Counters shared by every n8n worker and kept across restarts (a Data Table reached over n8n's
 * API), so a flood cannot escape the limits by landing on another worker or after a restart.
 */
export interface CounterRow {
	key: string;
	/** Epoch ms where the counted window starts. */
	windowStart: number;
	count: number;
	version: number;
}

export interface CounterStore {
	read(key: string): Promise<CounterRow | null>;
	/** Inserts when no row has this key; false when one already exists (another request won). */
	insertIfAbsent(row: CounterRow): Promise<boolean>;
	/** Replaces the row only if its version is still `expectedVersion`; false otherwise. */
	compareAndSet(key: string, expectedVersion: number, next: CounterRow): Promise<boolean>;
	/**
	 * Optional: reads these rows at once, so the next `read` of each can answer without a round
	 * trip. A row read ahead may be stale by the time it is used; compare-and-set catches that.
	 */
	prefetch?(keys: readonly string[]): Promise<void>;
}

export type SlotDecision<Name extends string = RateLimitName> =
	| {
			admitted: true;
			/** Each counter's count with this request in it, by limit name (the highest when a limit has several windows). */
			counts: Partial<Record<Name, number>>;
	  }
	| {
			admitted: false;
			limit: Name;
			/** 'busy': the counter kept changing under us; refused rather than risk admitting too many. */
			reason: 'full' | 'busy';
			/** Until the full window ends (at least 1); 1 when busy. */
			retryAfterSeconds: number;
	  };

/** Tries per counter before giving up as busy: each failed try means another request got in. */
export const MAX_COUNTER_TRIES = 20;

export interface TakeSlotOptions {
	maxTries?: number;
}

type Take = { kind: 'taken'; windowStart: number; count: number } | { kind: 'full'; windowEnd: number } | { kind: 'busy' };

/** Start of the fixed window holding `now`; windows are aligned to the epoch (days to UTC midnight). */
export function windowStartOf(now: number, windowMs: number): number {
	return Math.floor(now / windowMs) * windowMs;
}

function secondsUntil(end: number, now: number): number {
	return Math.max(1, Math.ceil((end - now) / 1000));
}

async function takeOne(store: CounterStore, counter: Counter<string>, now: number, maxTries: number): Promise<Take> {
	const current = windowStartOf(now, counter.windowMs);
	for (let attempt = 0; attempt < maxTries; attempt++) {
		const row = await store.read(counter.key);
		if (row === null) {
			const fresh = { key: counter.key, windowStart: current, count: 1, version: 1 };
			if (await store.insertIfAbsent(fresh)) return { kind: 'taken', windowStart: current, count: 1 };
			continue;
		}
		// A row from an older window starts this one afresh. A row from a newer window (another
		// worker's clock runs ahead) is counted as it is: windows never move back.
		const windowStart = Math.max(row.windowStart, current);
		const count = row.windowStart < current ? 0 : row.count;
		if (count >= counter.max) return { kind: 'full', windowEnd: windowStart + counter.windowMs };
		const next = { key: counter.key, windowStart, count: count + 1, version: row.version + 1 };
		if (await store.compareAndSet(counter.key, row.version, next)) return { kind: 'taken', windowStart, count: next.count };
	}
	return { kind: 'busy' };
}

/**
 * Hands back a slot taken in `windowStart`. Once that window is over the slot is gone with it. If
 * the counter stays busy the slot stays counted: that refuses a little early, never admits more.
 */
async function giveBack(store: CounterStore, counter: Counter<string>, windowStart: number, maxTries: number): Promise<void> {
	for (let attempt = 0; attempt < maxTries; attempt++) {
		const row = await store.read(counter.key);
		if (row === null || row.windowStart !== windowStart || row.count <= 0) return;
		const next = { key: counter.key, windowStart, count: row.count - 1, version: row.version + 1 };
		if (await store.compareAndSet(counter.key, row.version, next)) return;
	}
}

/**
 * Takes one slot in every counter, or none. Counters are taken one by one in the given order
 * (rateLimitKeys puts the most specific first); when one is full or busy, the slots already taken
 * are given back. Each slot is taken only while its counter is below the limit, so admitted
 * requests never exceed any limit, whatever the interleaving; a request refused later can only
 * hold a slot for a moment, which may refuse a concurrent request early but never admits one too
 * many. If the store fails, the slots taken are given back (best effort) and the error is thrown.
 */
export async function takeSlot<Name extends string = RateLimitName>(
	store: CounterStore,
	counters: ReadonlyArray<Counter<Name>>,
	now: number,
	options: TakeSlotOptions = {},
): Promise<SlotDecision<Name>> {
	const maxTries = options.maxTries ?? MAX_COUNTER_TRIES;
	const taken: Array<{ counter: Counter<Name>; windowStart: number }> = [];
	const counts: Partial<Record<Name, number>> = {};
	try {
		await store.prefetch?.(counters.map((counter) => counter.key));
		for (const counter of counters) {
			const take = await takeOne(store, counter, now, maxTries);
			if (take.kind === 'full') return { admitted: false, limit: counter.name, reason: 'full', retryAfterSeconds: secondsUntil(take.windowEnd, now) };
			if (take.kind === 'busy') return { admitted: false, limit: counter.name, reason: 'busy', retryAfterSeconds: 1 };
			taken.push({ counter, windowStart: take.windowStart });
			counts[counter.name] = Math.max(counts[counter.name] ?? 0, take.count);
		}
		return { admitted: true, counts };
	} finally {
		// Refused, or the store failed (its error goes on to the caller): hand the slots back.
		if (taken.length < counters.length) {
			for (const slot of taken.reverse()) await giveBack(store, slot.counter, slot.windowStart, maxTries).catch(() => undefined);
		}
	}
}
