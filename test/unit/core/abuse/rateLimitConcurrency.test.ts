import fc from 'fast-check';

import { takeSlot, windowStartOf, type SlotDecision } from '../../../../nodes/core/abuse/rateLimit';
import { rateLimitKeys, type RateLimitCounter } from '../../../../nodes/core/abuse/rateLimitKeys';
import type { RateLimit } from '../../../../nodes/core/abuse/rateLimitLimits';
import { MemoryCounterStore, randomPause, scheduledPause } from './rateLimitMemoryStore';

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const T0 = Date.UTC(2025, 2, 3, 15, 0, 0);

/** What a counter holds for the window of `now`: a row from an older window counts nothing. */
function liveCount(store: MemoryCounterStore, counter: RateLimitCounter, now: number): number {
	const row = store.rows.get(counter.key);
	return row === undefined || row.windowStart < windowStartOf(now, counter.windowMs) ? 0 : row.count;
}

const single: RateLimitCounter = { name: 'ip', max: 1, windowMs: WINDOW, key: 'ip|10m|203.0.113.7|s' };

/** The row the counter holds before the flood: none, one from an older window, or part of this one. */
const priorRow = (max: number): fc.Arbitrary<{ windowStart: number; count: number } | null> =>
	fc.oneof(
		fc.constant(null),
		fc.record({ windowStart: fc.integer({ min: 1, max: 50 }).map((windows) => T0 - windows * WINDOW), count: fc.integer({ min: 0, max: 20 }) }),
		fc.record({ windowStart: fc.constant(T0), count: fc.integer({ min: 0, max }) }),
	);

const singleLimitCase = fc
	.integer({ min: 1, max: 8 })
	.chain((max) => fc.record({ max: fc.constant(max), requests: fc.integer({ min: 1, max: 15 }), prior: priorRow(max), offset: fc.integer({ min: 0, max: WINDOW - 1 }) }));

/** Runs the single-limit property; the report of its first counterexample, or null when it held. */
async function singleLimitFailure(blindWrites: boolean): Promise<string | null> {
	const details = await fc.check(
		fc.asyncProperty(fc.scheduler(), singleLimitCase, async (scheduler, { max, requests, prior, offset }) => {
			const store = new MemoryCounterStore(scheduledPause(scheduler), blindWrites);
			if (prior !== null) store.rows.set(single.key, { key: single.key, ...prior, version: 3 });
			const counter = { ...single, max };
			const now = T0 + offset;
			const before = liveCount(store, counter, now);
			const decisions = await scheduler.waitFor(Promise.all(Array.from({ length: requests }, async () => await takeSlot(store, [counter], now))));
			const admitted = decisions.filter((decision) => decision.admitted).length;
			expect(admitted).toBe(Math.min(requests, max - before));
			expect(liveCount(store, counter, now)).toBe(before + admitted);
			const retryAfterSeconds = Math.ceil((T0 + WINDOW - now) / 1000);
			for (const decision of decisions.filter((one) => !one.admitted)) expect(decision).toEqual({ admitted: false, limit: 'ip', reason: 'full', retryAfterSeconds });
		}),
		{ numRuns: 300 },
	);
	return details.failed ? (fc.defaultReportMessage(details) ?? 'failed') : null;
}

describe('takeSlot under every interleaving (properties)', () => {
	it('admits exactly min(N, room) of N concurrent requests against one limit', async () => {
		expect(await singleLimitFailure(false)).toBeNull();
	});

	it('would notice a store whose compare-and-set is a blind write', async () => {
		expect(await singleLimitFailure(true)).not.toBeNull();
	});

	it('never admits past any of several limits, and counts exactly the admitted requests', async () => {
		const visitor = fc.record({ ip: fc.constantFrom('203.0.113.7', '198.51.100.9', '2001:db8::1'), phoneE164: fc.constantFrom('+14155550100', '+14155550199', '+442079460000') });
		const limits = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 })).map(
			([ipShort, ipLong, prefix, global]): RateLimit[] => [
				{ name: 'ip', max: ipShort, windowMs: WINDOW },
				{ name: 'ip', max: ipLong, windowMs: 24 * 60 * MINUTE },
				{ name: 'prefix', max: prefix, windowMs: 60 * MINUTE },
				{ name: 'global', max: global, windowMs: 60 * MINUTE },
			],
		);
		await fc.assert(
			fc.asyncProperty(fc.scheduler(), fc.array(visitor, { minLength: 1, maxLength: 10 }), limits, async (scheduler, visitors, limitList) => {
				const store = new MemoryCounterStore(scheduledPause(scheduler));
				const counters = visitors.map((one) => rateLimitKeys({ ...one, scope: 's', limits: limitList }));
				const decisions: SlotDecision[] = await scheduler.waitFor(Promise.all(counters.map(async (mine) => await takeSlot(store, mine, T0))));
				// Each counter sees at most 2 writes per other request, fewer than the tries allowed.
				expect(decisions.filter((decision) => !decision.admitted && decision.reason === 'busy')).toEqual([]);
				const byKey = new Map<string, { counter: RateLimitCounter; touching: number; admitted: number }>();
				counters.forEach((mine, index) => {
					for (const counter of mine) {
						const entry = byKey.get(counter.key) ?? { counter, touching: 0, admitted: 0 };
						entry.touching += 1;
						if (decisions[index].admitted) entry.admitted += 1;
						byKey.set(counter.key, entry);
					}
				});
				for (const { counter, admitted } of byKey.values()) {
					expect(admitted).toBeLessThanOrEqual(counter.max);
					expect(liveCount(store, counter, T0)).toBe(admitted);
				}
				// Room for everybody everywhere: nobody is refused, not even for a moment.
				if ([...byKey.values()].every(({ counter, touching }) => touching <= counter.max)) expect(decisions.every((decision) => decision.admitted)).toBe(true);
			}),
			{ numRuns: 200 },
		);
	});

	it('leaves every counter as it was when it refuses a request (give-back)', async () => {
		const keys = rateLimitKeys({ ip: '203.0.113.7', phoneE164: '+14155552671', scope: 's', limits: [
			{ name: 'ip', max: 3, windowMs: 24 * 60 * MINUTE },
			{ name: 'ip', max: 2, windowMs: WINDOW },
			{ name: 'prefix', max: 2, windowMs: 60 * MINUTE },
			{ name: 'global', max: 3, windowMs: 60 * MINUTE },
		] });
		const row = fc.option(fc.record({ old: fc.boolean(), count: fc.integer({ min: 0, max: 4 }), version: fc.integer({ min: 1, max: 9 }) }), { nil: null });
		await fc.assert(
			fc.asyncProperty(fc.tuple(row, row, row, row), fc.integer({ min: 0, max: WINDOW - 1 }), async (rows, offset) => {
				const store = new MemoryCounterStore();
				const now = T0 + offset;
				keys.forEach((counter, index) => {
					const prior = rows[index];
					if (prior === null) return;
					const current = windowStartOf(now, counter.windowMs);
					store.rows.set(counter.key, { key: counter.key, windowStart: prior.old ? current - counter.windowMs : current, count: prior.count, version: prior.version });
				});
				const before = keys.map((counter) => liveCount(store, counter, now));
				const decision = await takeSlot(store, keys, now);
				const after = keys.map((counter) => liveCount(store, counter, now));
				const roomEverywhere = keys.every((counter, index) => before[index] < counter.max);
				expect(decision.admitted).toBe(roomEverywhere);
				expect(after).toEqual(decision.admitted ? before.map((count) => count + 1) : before);
				if (!decision.admitted) {
					const first = keys.find((counter, index) => before[index] >= counter.max);
					expect(decision).toEqual({ admitted: false, limit: first?.name, reason: 'full', retryAfterSeconds: Math.ceil((windowStartOf(now, first!.windowMs) + first!.windowMs - now) / 1000) });
				}
			}),
			{ numRuns: 500 },
		);
	});

	it('admits exactly the limit of 15 requests racing on real timers', async () => {
		const store = new MemoryCounterStore(randomPause);
		const counter = { ...single, max: 7 };
		const decisions = await Promise.all(Array.from({ length: 15 }, async () => await takeSlot(store, [counter], T0)));
		expect(decisions.filter((decision) => decision.admitted)).toHaveLength(7);
		expect(store.rows.get(counter.key)).toMatchObject({ count: 7 });
	});
});
