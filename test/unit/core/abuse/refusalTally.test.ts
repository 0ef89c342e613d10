import fc from 'fast-check';

import { readTallyKey, REFUSAL_KINDS, sumRefusals, TALLY_SHARDS, TALLY_SLICE_MS, tallyCounter, tallyKey, tallyRefusal } from '../../../../nodes/core/abuse/refusalTally';
import { MemoryCounterStore, randomPause, scheduledPause } from './rateLimitMemoryStore';

const T0 = Date.UTC(2026, 10, 30, 14, 0, 0);
const SCOPE = 'wf1:trigger';

describe('refusal tallies', () => {
	it('names a row by kind, quarter hour and shard, and reads the name back', () => {
		const counter = tallyCounter('humanCheck', T0 + 14 * 60_000 + 59_999, 3, SCOPE);
		expect(counter.key).toBe(`tally|humanCheck|${T0}|3|${SCOPE}`);
		expect(readTallyKey(counter.key)).toEqual({ kind: 'humanCheck', sliceStart: T0 });
		expect(tallyCounter('humanCheck', T0 + 15 * 60_000, 3, SCOPE).key).toBe(`tally|humanCheck|${T0 + TALLY_SLICE_MS}|3|${SCOPE}`);
		// The limits' own rows and anything else are not tallies.
		expect(readTallyKey(`ip|10m|#3|${SCOPE}`)).toBeNull();
		expect(readTallyKey(`tally|spam|${T0}|0|${SCOPE}`)).toBeNull();
		expect(readTallyKey(`tally|rateLimit|soon|0|${SCOPE}`)).toBeNull();
		expect(() => tallyCounter('rateLimit', T0, TALLY_SHARDS, SCOPE)).toThrow(RangeError);
	});

	it('adds every refusal, across shards, slices and kinds, and sums only the slices of the period', async () => {
		const store = new MemoryCounterStore();
		const refusals: Array<{ kind: (typeof REFUSAL_KINDS)[number]; at: number; shard: number }> = [
			{ kind: 'rateLimit', at: T0 - 1, shard: 0 }, // the slice before the period
			{ kind: 'rateLimit', at: T0, shard: 0 },
			{ kind: 'rateLimit', at: T0 + 1000, shard: 0 },
			{ kind: 'rateLimit', at: T0 + 20 * 60_000, shard: 2 },
			{ kind: 'humanCheck', at: T0 + 59 * 60_000, shard: 1 },
			{ kind: 'heldForReview', at: T0 + 60 * 60_000, shard: 1 }, // the slice after the period
		];
		for (const [index, refusal] of refusals.entries()) await tallyRefusal(store, refusal.kind, refusal.at, refusal.shard, SCOPE, `r${index}`);
		expect(sumRefusals([...store.rows.values()], T0, T0 + 60 * 60_000)).toEqual({ rateLimit: 3, humanCheck: 1, heldForReview: 0 });
		expect(sumRefusals([...store.rows.values()], T0 - TALLY_SLICE_MS, T0 + 2 * 60 * 60_000)).toEqual({ rateLimit: 4, humanCheck: 1, heldForReview: 1 });
	});

	it('loses no refusal when many are counted at once on the same rows, in any interleaving', async () => {
		await fc.assert(
			fc.asyncProperty(fc.scheduler(), fc.array(fc.record({ kind: fc.constantFrom(...REFUSAL_KINDS), shard: fc.integer({ min: 0, max: TALLY_SHARDS - 1 }) }), { minLength: 1, maxLength: 12 }), async (scheduler, refusals) => {
				const store = new MemoryCounterStore(scheduledPause(scheduler));
				const counting = Promise.all(refusals.map(async ({ kind, shard }, index) => await tallyRefusal(store, kind, T0 + 5, shard, SCOPE, `r${index}`)));
				await scheduler.waitFor(counting);
				const expected = { rateLimit: 0, humanCheck: 0, heldForReview: 0 };
				for (const { kind } of refusals) expected[kind] += 1;
				expect(sumRefusals([...store.rows.values()], T0, T0 + TALLY_SLICE_MS)).toEqual(expected);
			}),
			{ numRuns: 150 },
		);
	});

	it('counts every one of 200 refusals sent 16 at a time, in few rows', async () => {
		const store = new MemoryCounterStore(randomPause);
		let sent = 0;
		await Promise.all(
			Array.from({ length: 16 }, async () => {
				while (sent < 200) {
					const index = sent++;
					await tallyRefusal(store, 'rateLimit', T0, index % TALLY_SHARDS, SCOPE, `r${index}`);
				}
			}),
		);
		expect(sumRefusals([...store.rows.values()], T0, T0 + TALLY_SLICE_MS).rateLimit).toBe(200);
		const spareRows = [...store.rows.keys()].filter((key) => key.split('|')[3].startsWith('x')).length;
		console.log(`200 refusals, 16 at a time: ${store.rows.size} rows, ${spareRows} of them spare`);
		expect(store.rows.size).toBeLessThanOrEqual(TALLY_SHARDS + 20);
	});

	it('gives a refusal that lost every race a row of its own, and refuses a spare id that could break the key', async () => {
		const store = new MemoryCounterStore();
		// Every row of the slice exists, and another process always wins: every compare-and-set fails.
		for (let shard = 0; shard < TALLY_SHARDS; shard++) {
			const key = tallyKey('heldForReview', T0, shard, SCOPE);
			store.rows.set(key, { key, windowStart: T0, count: 0, version: 1 });
		}
		store.compareAndSet = async () => false;
		await tallyRefusal(store, 'heldForReview', T0, 0, SCOPE, 'r1');
		await tallyRefusal(store, 'heldForReview', T0, 0, SCOPE, 'r2');
		expect([...store.rows.keys()].filter((key) => key.includes('|x'))).toEqual([tallyKey('heldForReview', T0, 'xr1', SCOPE), tallyKey('heldForReview', T0, 'xr2', SCOPE)]);
		expect(sumRefusals([...store.rows.values()], T0, T0 + TALLY_SLICE_MS).heldForReview).toBe(2);
		await expect(tallyRefusal(store, 'heldForReview', T0, 0, SCOPE, 'a|b')).rejects.toThrow(RangeError);
	});

	it('ignores a row whose window is not the slice its key names', () => {
		const key = tallyKey('rateLimit', T0, 0, SCOPE);
		expect(sumRefusals([{ key, windowStart: T0 + TALLY_SLICE_MS, count: 9, version: 2 }], T0, T0 + TALLY_SLICE_MS).rateLimit).toBe(0);
		expect(sumRefusals([{ key, windowStart: T0, count: 9, version: 2 }], T0, T0 + TALLY_SLICE_MS).rateLimit).toBe(9);
	});
});
