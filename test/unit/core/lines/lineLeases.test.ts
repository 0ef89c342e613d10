import fc from 'fast-check';

import { lineKey, MAX_LINE_TRIES, PRIORITY_PLACE_MS, releaseLine, renewLine, takeLine, type LinePriority, type TakeLineResult } from '../../../../nodes/core/lines/lineLeases';
import type { LineRow, LineStore } from '../../../../nodes/core/lines/lineStore';

const MINUTE = 60_000;
const LEASE = 5 * MINUTE;
const T0 = Date.UTC(2026, 10, 23, 15, 0, 0);
const SHOP = 'acme';

/** What happens while a call travels to the store and its answer travels back. */
type Pause = () => Promise<void>;

const noPause: Pause = async () => {};

/** Every call waits for the fast-check scheduler on its way there and back, in any order it picks. */
function scheduledPause(scheduler: fc.Scheduler): Pause {
	return async () => {
		await scheduler.schedule(Promise.resolve());
	};
}

/** Every call takes a random moment on its way there and back, so concurrent calls interleave. */
const randomPause: Pause = async () => {
	await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
};

/**
 * A line store in memory, atomic per call as the real table must be: each call does its work in
 * one synchronous step between its two pauses, and `afterStep` sees the rows after each step.
 * `blindWrites` makes compareAndSet ignore the version, the bug the race property must catch.
 */
class MemoryLineStore implements LineStore {
	readonly rows = new Map<string, LineRow>();
	readonly calls = { readByPrefix: 0, insertIfAbsent: 0, compareAndSet: 0 };

	constructor(
		private readonly pause: Pause = noPause,
		private readonly options: { blindWrites?: boolean; afterStep?: () => void } = {},
	) {}

	private async step<T>(work: () => T): Promise<T> {
		await this.pause();
		const result = work();
		this.options.afterStep?.();
		await this.pause();
		return result;
	}

	async readByPrefix(keyPrefix: string): Promise<LineRow[]> {
		this.calls.readByPrefix += 1;
		return await this.step(() => [...this.rows.values()].filter((row) => row.key.startsWith(keyPrefix)).map((row) => ({ ...row })));
	}

	async insertIfAbsent(row: LineRow): Promise<boolean> {
		this.calls.insertIfAbsent += 1;
		return await this.step(() => {
			if (this.rows.has(row.key)) return false;
			this.rows.set(row.key, { ...row });
			return true;
		});
	}

	async compareAndSet(key: string, expectedVersion: number, next: LineRow): Promise<boolean> {
		this.calls.compareAndSet += 1;
		return await this.step(() => {
			const row = this.rows.get(key);
			if (row === undefined || (!this.options.blindWrites && row.version !== expectedVersion)) return false;
			this.rows.set(key, { ...next });
			return true;
		});
	}

	/** Holder and lease of every row, versions left out. */
	snapshot(): Record<string, { holder: string | null; until: number }> {
		return Object.fromEntries([...this.rows].map(([key, row]) => [key, { holder: row.holder, until: row.until }]));
	}
}

const take = async (store: LineStore, holder: string, now: number, maxLines: number, leaseMs = LEASE, priority?: LinePriority) =>
	await takeLine(store, { business: SHOP, maxLines, holder, now, leaseMs, ...(priority ? { priority } : {}) });
const renew = async (store: LineStore, holder: string, now: number, leaseMs = LEASE) =>
	await renewLine(store, { business: SHOP, holder, now, leaseMs });
const release = async (store: LineStore, holder: string, now: number) => await releaseLine(store, { business: SHOP, holder, now });

function lineOf(result: TakeLineResult): number {
	if (result.kind !== 'taken') throw new Error(`expected a line, got ${JSON.stringify(result)}`);
	return result.line;
}

describe('line leases', () => {
	it('hands out lines 1..maxLines once each, then says full until the soonest lease runs out', async () => {
		const store = new MemoryLineStore();
		const lines = [];
		for (const [index, holder] of ['call-a', 'call-b', 'call-c'].entries()) {
			const result = await take(store, holder, T0 + index * MINUTE, 3);
			expect(result).toEqual({ kind: 'taken', line: expect.any(Number), until: T0 + index * MINUTE + LEASE });
			lines.push(lineOf(result));
		}
		expect([...lines].sort()).toEqual([1, 2, 3]);
		expect(await take(store, 'call-d', T0 + 3 * MINUTE, 3)).toEqual({ kind: 'full', freesAt: T0 + LEASE, priorityWaiting: 0 });
		expect(store.rows.get(lineKey(SHOP, lines[0]))).toEqual({ key: `line:acme:${lines[0]}`, holder: 'call-a', until: T0 + LEASE, version: 1 });
	});

	it('frees the line of a worker that died mid-call once its lease runs out', async () => {
		const store = new MemoryLineStore();
		await take(store, 'call-dead', T0, 1);
		expect(await take(store, 'call-b', T0 + LEASE - 1, 1)).toEqual({ kind: 'full', freesAt: T0 + LEASE, priorityWaiting: 0 });
		expect(await take(store, 'call-b', T0 + LEASE, 1)).toEqual({ kind: 'taken', line: 1, until: T0 + 2 * LEASE });
		// The dead worker's lease is gone: it can neither renew nor release call-b's line.
		expect(await renew(store, 'call-dead', T0 + LEASE + 1)).toEqual({ kind: 'notHeld' });
		expect(await release(store, 'call-dead', T0 + LEASE + 1)).toEqual({ kind: 'notHeld' });
		expect(store.rows.get(lineKey(SHOP, 1))).toMatchObject({ holder: 'call-b', until: T0 + 2 * LEASE });
	});

	it('refuses a release by anyone but the holder', async () => {
		const store = new MemoryLineStore();
		const line = lineOf(await take(store, 'call-a', T0, 2));
		const before = store.snapshot();
		expect(await release(store, 'call-b', T0 + MINUTE)).toEqual({ kind: 'notHeld' });
		expect(store.snapshot()).toEqual(before);
		expect(await renew(store, 'call-a', T0 + MINUTE)).toEqual({ kind: 'renewed', line, until: T0 + MINUTE + LEASE });
	});

	it('releases once; releasing again changes nothing', async () => {
		const store = new MemoryLineStore();
		const line = lineOf(await take(store, 'call-a', T0, 1));
		expect(await release(store, 'call-a', T0 + MINUTE)).toEqual({ kind: 'released', lines: [line] });
		expect(store.rows.get(lineKey(SHOP, line))).toMatchObject({ holder: null, until: T0 + MINUTE });
		const released = store.snapshot();
		expect(await release(store, 'call-a', T0 + 2 * MINUTE)).toEqual({ kind: 'notHeld' });
		expect(store.snapshot()).toEqual(released);
		expect(await renew(store, 'call-a', T0 + 2 * MINUTE)).toEqual({ kind: 'notHeld' });
		expect(await take(store, 'call-b', T0 + 2 * MINUTE, 1)).toEqual({ kind: 'taken', line, until: T0 + 2 * MINUTE + LEASE });
	});

	it('extends a lease while the call lasts, never shortening it', async () => {
		const store = new MemoryLineStore();
		await take(store, 'call-a', T0, 1);
		expect(await renew(store, 'call-a', T0 + 4 * MINUTE)).toEqual({ kind: 'renewed', line: 1, until: T0 + 4 * MINUTE + LEASE });
		expect(await renew(store, 'call-a', T0 + 5 * MINUTE, MINUTE)).toEqual({ kind: 'renewed', line: 1, until: T0 + 4 * MINUTE + LEASE });
		// Past the first lease, the line is still held until the renewed one ends.
		expect(await take(store, 'call-b', T0 + LEASE + MINUTE, 1)).toEqual({ kind: 'full', freesAt: T0 + 4 * MINUTE + LEASE, priorityWaiting: 0 });
	});

	it('renews a lease that ran out when nobody took the line meanwhile', async () => {
		const store = new MemoryLineStore();
		await take(store, 'call-a', T0, 1);
		expect(await renew(store, 'call-a', T0 + LEASE + MINUTE)).toEqual({ kind: 'renewed', line: 1, until: T0 + 2 * LEASE + MINUTE });
		expect(await take(store, 'call-b', T0 + LEASE + MINUTE, 1)).toEqual({ kind: 'full', freesAt: T0 + 2 * LEASE + MINUTE, priorityWaiting: 0 });
	});

	it('gives a holder that takes again the line it has, with its lease extended', async () => {
		const store = new MemoryLineStore();
		const line = lineOf(await take(store, 'call-a', T0, 3));
		expect(await take(store, 'call-a', T0 + MINUTE, 3)).toEqual({ kind: 'taken', line, until: T0 + MINUTE + LEASE });
		expect([...store.rows.values()].filter((row) => row.holder === 'call-a')).toHaveLength(1);
	});

	it('keeps lines taken before maxLines was lowered until released, and hands out only lines up to the new maximum', async () => {
		const store = new MemoryLineStore();
		const holders = ['call-a', 'call-b', 'call-c'];
		const lineByHolder = new Map<string, number>();
		for (const holder of holders) lineByHolder.set(holder, lineOf(await take(store, holder, T0, 3)));
		const onLine = (line: number) => holders.find((holder) => lineByHolder.get(holder) === line) as string;

		expect(await take(store, 'call-d', T0 + MINUTE, 2)).toEqual({ kind: 'full', freesAt: T0 + LEASE, priorityWaiting: 0 });
		// The call on line 3 goes on, renews and releases as before.
		expect(await take(store, onLine(3), T0 + MINUTE, 2)).toEqual({ kind: 'taken', line: 3, until: T0 + MINUTE + LEASE });
		expect(await renew(store, onLine(3), T0 + 2 * MINUTE)).toEqual({ kind: 'renewed', line: 3, until: T0 + 2 * MINUTE + LEASE });
		expect(await release(store, onLine(3), T0 + 3 * MINUTE)).toEqual({ kind: 'released', lines: [3] });
		// Line 3 is free but above the new maximum.
		expect(await take(store, 'call-d', T0 + 3 * MINUTE, 2)).toEqual({ kind: 'full', freesAt: T0 + LEASE, priorityWaiting: 0 });
		await release(store, onLine(1), T0 + 4 * MINUTE);
		expect(await take(store, 'call-d', T0 + 4 * MINUTE, 2)).toEqual({ kind: 'taken', line: 1, until: T0 + 4 * MINUTE + LEASE });
	});

	it("ignores other businesses' rows and keys that are not lines", async () => {
		const store = new MemoryLineStore();
		const held = { holder: 'elsewhere', until: T0 + 10 * LEASE, version: 1 };
		for (const key of ['line:acme:1:1', 'line:acme:x', 'line:acme:01', 'line:acme2:1', 'line:acme:0']) store.rows.set(key, { key, ...held });
		expect(await take(store, 'call-a', T0, 1)).toEqual({ kind: 'taken', line: 1, until: T0 + LEASE });
		expect(await take(store, 'call-b', T0, 1)).toEqual({ kind: 'full', freesAt: T0 + LEASE, priorityWaiting: 0 });
		expect(await release(store, 'elsewhere', T0)).toEqual({ kind: 'notHeld' });
	});

	it('gives up as busy after maxTries lost compare-and-sets, holding nothing', async () => {
		const rows: LineRow[] = [{ key: 'line:acme:1', holder: null, until: 0, version: 1 }, { key: 'line:acme:2', holder: 'call-a', until: T0 - 1, version: 7 }];
		let writes = 0;
		const alwaysLosing: LineStore = {
			readByPrefix: async () => rows.map((row) => ({ ...row })),
			insertIfAbsent: async () => (writes++, false),
			compareAndSet: async () => (writes++, false),
		};
		expect(await takeLine(alwaysLosing, { business: SHOP, maxLines: 3, holder: 'call-b', now: T0, leaseMs: LEASE, maxTries: 4 })).toEqual({ kind: 'busy' });
		expect(writes).toBe(4);
		writes = 0;
		expect(await takeLine(alwaysLosing, { business: SHOP, maxLines: 3, holder: 'call-b', now: T0, leaseMs: LEASE })).toEqual({ kind: 'busy' });
		expect(writes).toBe(MAX_LINE_TRIES);
		expect(await renew(alwaysLosing, 'call-a', T0)).toEqual({ kind: 'busy' });
		expect(await release(alwaysLosing, 'call-a', T0)).toEqual({ kind: 'busy' });
	});

	it.each([
		['no line', { maxLines: 0 }, 'maxLines must be a whole number from 1'],
		['part of a line', { maxLines: 1.5 }, 'maxLines must be a whole number from 1'],
		['an empty lease', { leaseMs: 0 }, 'leaseMs must be a positive number'],
		['a lease that is not a number', { leaseMs: Number.NaN }, 'leaseMs must be a positive number'],
		['no holder', { holder: '' }, 'A line needs a holder'],
		['no business', { business: '' }, 'A line needs the business'],
		['a time that is not a number', { now: Number.NaN }, 'now must be epoch milliseconds'],
		['no tries', { maxTries: 0 }, 'maxTries must be a whole number from 1'],
	])('rejects a request with %s', async (_label, bad, message) => {
		const store = new MemoryLineStore();
		await expect(takeLine(store, { business: SHOP, maxLines: 2, holder: 'call-a', now: T0, leaseMs: LEASE, ...bad })).rejects.toThrow(message);
		expect(store.calls).toEqual({ readByPrefix: 0, insertIfAbsent: 0, compareAndSet: 0 });
	});
});

/** The state of one line before the race. */
type PriorLine = 'none' | 'released' | 'ranOut' | 'held';

interface RaceCase {
	maxLines: number;
	prior: PriorLine[];
	/** Per caller: how often it renews, and how its call ends. */
	callers: Array<{ renews: number; end: 'release' | 'releaseTwice' | 'die' }>;
	/** Callers naming a holder that holds nothing, trying to release. */
	strangers: number;
	/** How far the clock moves at each tick; ticks interleave with everything else. */
	ticks: number[];
}

const raceCaseArb: fc.Arbitrary<RaceCase> = fc.integer({ min: 1, max: 5 }).chain((maxLines) =>
	fc.record({
		maxLines: fc.constant(maxLines),
		prior: fc.array(fc.constantFrom<PriorLine>('none', 'released', 'ranOut', 'held'), { minLength: maxLines, maxLength: maxLines }),
		callers: fc.array(fc.record({ renews: fc.integer({ min: 0, max: 2 }), end: fc.constantFrom<'release' | 'releaseTwice' | 'die'>('release', 'releaseTwice', 'die') }), { minLength: 1, maxLength: 12 }),
		strangers: fc.integer({ min: 0, max: 2 }),
		ticks: fc.array(fc.integer({ min: 0, max: 2 * LEASE }), { maxLength: 6 }),
	}),
);

/**
 * Races callers that take a line, renew it, and release it or die, with strangers releasing and
 * the clock moving, in the order the scheduler picks. Every caller tracks the line it believes it
 * holds; after every store step no two live beliefs share a line, there are at most maxLines of
 * them, and each is backed by its row. The report of the first counterexample, or null.
 */
async function raceFailure(blindWrites: boolean): Promise<string | null> {
	const details = await fc.check(
		fc.asyncProperty(fc.scheduler(), raceCaseArb, async (scheduler, race) => {
			const clock = { now: T0 };
			const beliefs = new Map<string, { line: number; until: number }>();
			const violations: string[] = [];
			const results: TakeLineResult[] = [];
			const store = new MemoryLineStore(scheduledPause(scheduler), { blindWrites, afterStep: () => check() });
			const check = () => {
				const live = [...beliefs].filter(([, belief]) => belief.until > clock.now);
				const lines = live.map(([, belief]) => belief.line);
				if (new Set(lines).size !== lines.length) violations.push(`two holders on one line at +${clock.now - T0}ms: ${JSON.stringify(live)}`);
				if (live.length > race.maxLines) violations.push(`${live.length} lines held, at most ${race.maxLines} allowed`);
				for (const [holder, belief] of live) {
					if (belief.line > race.maxLines) violations.push(`${holder} holds line ${belief.line}, above ${race.maxLines}`);
					if (store.rows.get(lineKey(SHOP, belief.line))?.holder !== holder) violations.push(`${holder} believes it holds line ${belief.line}, the row says otherwise`);
				}
			};

			let heldBefore = 0;
			race.prior.forEach((state, index) => {
				const line = index + 1;
				const key = lineKey(SHOP, line);
				if (state === 'released') store.rows.set(key, { key, holder: null, until: T0 - MINUTE, version: 3 });
				if (state === 'ranOut') store.rows.set(key, { key, holder: `earlier-${line}`, until: T0 - 1, version: 5 });
				if (state === 'held') {
					heldBefore += 1;
					store.rows.set(key, { key, holder: `earlier-${line}`, until: T0 + line * MINUTE, version: 2 });
					beliefs.set(`earlier-${line}`, { line, until: T0 + line * MINUTE });
				}
			});
			// Another business, and one whose name starts like this one's, hold lines of their own.
			for (const key of ['line:acme:1:1', 'line:acme2:1']) store.rows.set(key, { key, holder: 'elsewhere', until: T0 + 100 * LEASE, version: 1 });

			const caller = async (index: number, script: RaceCase['callers'][number]) => {
				const holder = `call-${index}`;
				const taken = await takeLine(store, { business: SHOP, maxLines: race.maxLines, holder, now: clock.now, leaseMs: LEASE });
				results.push(taken);
				if (taken.kind === 'full' && !(taken.freesAt > T0)) violations.push(`full, freeing at +${taken.freesAt - T0}ms, in the past`);
				if (taken.kind !== 'taken') return;
				beliefs.set(holder, { line: taken.line, until: taken.until });
				check();
				for (let renewal = 0; renewal < script.renews; renewal++) {
					const now = clock.now;
					const belief = beliefs.get(holder) as { line: number; until: number };
					const renewed = await renewLine(store, { business: SHOP, holder, now, leaseMs: LEASE });
					if (renewed.kind === 'renewed') {
						if (renewed.line !== belief.line) violations.push(`${holder} renewed line ${renewed.line}, it held ${belief.line}`);
						beliefs.set(holder, { line: renewed.line, until: renewed.until });
					} else if (renewed.kind === 'notHeld') {
						if (belief.until > now) violations.push(`${holder} lost line ${belief.line} before its lease ran out`);
						beliefs.delete(holder);
						return;
					}
				}
				if (script.end === 'die') return;
				const belief = beliefs.get(holder) as { line: number; until: number };
				const now = clock.now;
				// The call is over: the caller stops using the line before it says so.
				beliefs.delete(holder);
				const released = await releaseLine(store, { business: SHOP, holder, now });
				if (released.kind === 'notHeld' && belief.until > now) violations.push(`${holder} could not release line ${belief.line} it held`);
				if (released.kind === 'released' && released.lines.join() !== String(belief.line)) violations.push(`${holder} released ${released.lines.join()}, it held ${belief.line}`);
				if (script.end === 'releaseTwice') {
					const again = await releaseLine(store, { business: SHOP, holder, now: clock.now });
					if (again.kind !== 'notHeld') violations.push(`${holder} released twice: ${JSON.stringify(again)}`);
				}
			};
			const stranger = async (index: number) => {
				const released = await releaseLine(store, { business: SHOP, holder: `stranger-${index}`, now: clock.now });
				if (released.kind !== 'notHeld') violations.push(`stranger-${index} released ${JSON.stringify(released)}`);
			};
			const ticker = async () => {
				for (const tick of race.ticks) {
					await scheduler.schedule(Promise.resolve());
					clock.now += tick;
					check();
				}
			};

			await scheduler.waitFor(Promise.all([...race.callers.map(async (script, index) => await caller(index, script)), ...Array.from({ length: race.strangers }, async (_, index) => await stranger(index)), ticker()]));
			check();
			expect(violations).toEqual([]);
			// Room for every caller: nobody is told the lines are full.
			if (heldBefore + race.callers.length <= race.maxLines) expect(results.filter((result) => result.kind === 'full')).toEqual([]);
			expect(store.rows.get('line:acme:1:1')).toMatchObject({ holder: 'elsewhere', version: 1 });
		}),
		{ numRuns: 300 },
	);
	return details.failed ? (fc.defaultReportMessage(details) ?? 'failed') : null;
}

describe('priority callers waiting for a free line', () => {
	it('a VIP who found every line held gets the next free line before ordinary callers who waited longer', async () => {
		const store = new MemoryLineStore();
		lineOf(await take(store, 'call-a', T0, 1));
		// An ordinary caller waits first, then a priority caller.
		expect(await take(store, 'call-ordinary', T0 + MINUTE, 1)).toEqual({ kind: 'full', freesAt: T0 + LEASE, priorityWaiting: 0 });
		expect(await take(store, 'call-vip', T0 + 2 * MINUTE, 1, LEASE, 'high')).toEqual({ kind: 'full', freesAt: T0 + LEASE, priorityWaiting: 0 });
		await release(store, 'call-a', T0 + 3 * MINUTE);
		// The line is free, but kept for the priority caller until it comes back (or its place runs out).
		expect(await take(store, 'call-ordinary', T0 + 3 * MINUTE, 1)).toEqual({ kind: 'full', freesAt: T0 + 2 * MINUTE + PRIORITY_PLACE_MS, priorityWaiting: 1 });
		expect(lineOf(await take(store, 'call-vip', T0 + 4 * MINUTE, 1, LEASE, 'high'))).toBe(1);
		// Its place is given up with the line: once it is done, the ordinary caller is next.
		await release(store, 'call-vip', T0 + 5 * MINUTE);
		expect(lineOf(await take(store, 'call-ordinary', T0 + 5 * MINUTE, 1))).toBe(1);
	});

	it("holds nobody back once a priority caller's place runs out (it never came back)", async () => {
		const store = new MemoryLineStore();
		lineOf(await take(store, 'call-a', T0, 1));
		await take(store, 'call-vip', T0, 1, LEASE, 'high');
		await release(store, 'call-a', T0 + MINUTE);
		expect((await take(store, 'call-ordinary', T0 + MINUTE, 1)).kind).toBe('full');
		expect(lineOf(await take(store, 'call-ordinary', T0 + PRIORITY_PLACE_MS + 1, 1))).toBe(1);
	});

	it('reuses its places in front: however many priority callers wait over time, the business has at most maxLines place rows', async () => {
		const store = new MemoryLineStore();
		const lines = 2;
		for (let line = 0; line < lines; line++) lineOf(await take(store, `busy-${line}`, T0, lines, 100 * PRIORITY_PLACE_MS));
		for (let round = 0; round < 10; round++) {
			const at = T0 + round * (PRIORITY_PLACE_MS + 1);
			for (const vip of ['a', 'b', 'c']) await take(store, `vip-${round}-${vip}`, at, lines, LEASE, 'high');
		}
		const placeRows = [...store.rows.keys()].filter((key) => key.includes('priority'));
		expect(placeRows.sort()).toEqual(['line:acme:priority-1', 'line:acme:priority-2']);
	});

	it('keeps one free line per waiting priority caller; the rest go to anyone', async () => {
		const store = new MemoryLineStore();
		for (const holder of ['call-a', 'call-b', 'call-c']) lineOf(await take(store, holder, T0, 3));
		await take(store, 'call-vip', T0, 3, LEASE, 'high');
		await release(store, 'call-a', T0 + MINUTE);
		await release(store, 'call-b', T0 + MINUTE);
		lineOf(await take(store, 'call-ordinary-1', T0 + MINUTE, 3));
		expect(await take(store, 'call-ordinary-2', T0 + MINUTE, 3)).toMatchObject({ kind: 'full', priorityWaiting: 1 });
		lineOf(await take(store, 'call-vip', T0 + MINUTE, 3, LEASE, 'high'));
	});

	it('never lets ordinary callers take a line a waiting priority caller is owed, whatever the order (property)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(fc.constantFrom<LinePriority>('high', 'normal'), { minLength: 1, maxLength: 8 }), async (maxLines, callers) => {
				const store = new MemoryLineStore();
				for (let line = 0; line < maxLines; line++) lineOf(await take(store, `busy-${line}`, T0, maxLines));
				// Everyone finds the lines held; then they all free up.
				for (const [index, priority] of callers.entries()) await take(store, `caller-${index}`, T0 + MINUTE, maxLines, LEASE, priority);
				for (let line = 0; line < maxLines; line++) await release(store, `busy-${line}`, T0 + 2 * MINUTE);
				// Ordinary callers come back first: they get only the lines left over.
				const vips = callers.filter((priority) => priority === 'high').length;
				let ordinaryTaken = 0;
				for (const [index, priority] of callers.entries()) if (priority === 'normal' && (await take(store, `caller-${index}`, T0 + 2 * MINUTE, maxLines)).kind === 'taken') ordinaryTaken++;
				expect(ordinaryTaken).toBe(Math.max(0, Math.min(callers.length - vips, maxLines - vips)));
				let vipTaken = 0;
				for (const [index, priority] of callers.entries()) if (priority === 'high' && (await take(store, `caller-${index}`, T0 + 3 * MINUTE, maxLines, LEASE, 'high')).kind === 'taken') vipTaken++;
				expect(vipTaken).toBe(Math.min(vips, maxLines));
			}),
			{ numRuns: 200 },
		);
	});
});

describe('line leases under every interleaving (properties)', () => {
	it('never lets more than maxLines callers, or two on one line, hold a line at once', async () => {
		expect(await raceFailure(false)).toBeNull();
	});

	it('would notice a store whose compare-and-set is a blind write', async () => {
		expect(await raceFailure(true)).not.toBeNull();
	});

	it('gives exactly maxLines of 30 callers racing on real timers a line each', async () => {
		const store = new MemoryLineStore(randomPause);
		const results = await Promise.all(Array.from({ length: 30 }, async (_, index) => await take(store, `call-${index}`, T0, 7)));
		const taken = results.filter((result) => result.kind === 'taken');
		expect(taken).toHaveLength(7);
		expect(new Set(taken.map(lineOf))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
		expect(results.filter((result) => result.kind === 'full')).toHaveLength(23);
		expect([...store.rows.values()].filter((row) => row.holder !== null)).toHaveLength(7);
	});
});
