import { MAX_COUNTER_TRIES, takeSlot, windowStartOf, type CounterRow, type CounterStore } from '../../../../nodes/core/abuse/rateLimit';
import type { RateLimitCounter } from '../../../../nodes/core/abuse/rateLimitKeys';
import { rateLimitKeys } from '../../../../nodes/core/abuse/rateLimitKeys';
import { parseRateLimitSettings } from '../../../../nodes/core/abuse/rateLimitLimits';
import { MemoryCounterStore } from './rateLimitMemoryStore';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 2025-03-03T15:00:00Z, on a 10-minute and hour boundary. */
const T0 = Date.UTC(2025, 2, 3, 15, 0, 0);

const perIp = (max: number, windowMs = 10 * MINUTE, key = 'ip|1'): RateLimitCounter => ({ name: 'ip', max, windowMs, key });
const perPrefix = (max: number, windowMs = HOUR, key = 'prefix|1'): RateLimitCounter => ({ name: 'prefix', max, windowMs, key });
const overall = (max: number, windowMs = HOUR, key = 'global|1'): RateLimitCounter => ({ name: 'global', max, windowMs, key });

describe('windowStartOf', () => {
	it('aligns fixed windows to the epoch', () => {
		expect(windowStartOf(T0 + 7 * MINUTE + 59_999, 10 * MINUTE)).toBe(T0);
		expect(windowStartOf(T0 + 10 * MINUTE, 10 * MINUTE)).toBe(T0 + 10 * MINUTE);
		expect(windowStartOf(T0 + 5 * HOUR, 24 * HOUR)).toBe(Date.UTC(2025, 2, 3));
	});
});

describe('takeSlot with one limit', () => {
	it('opens the window with the first request', async () => {
		const store = new MemoryCounterStore();
		expect(await takeSlot(store, [perIp(3)], T0 + 4 * MINUTE)).toMatchObject({ admitted: true });
		expect(store.rows.get('ip|1')).toEqual({ key: 'ip|1', windowStart: T0, count: 1, version: 1 });
	});

	it('admits up to the limit, then refuses until the window ends', async () => {
		const store = new MemoryCounterStore();
		for (let request = 0; request < 3; request++) expect(await takeSlot(store, [perIp(3)], T0 + request * 1000)).toMatchObject({ admitted: true });
		expect(await takeSlot(store, [perIp(3)], T0 + 4 * MINUTE)).toEqual({ admitted: false, limit: 'ip', reason: 'full', retryAfterSeconds: 360 });
		expect(store.rows.get('ip|1')).toMatchObject({ count: 3, version: 3 });
	});

	it.each([
		[10 * MINUTE - 1500, 2],
		[10 * MINUTE - 1000, 1],
		[10 * MINUTE - 1, 1],
		[1, 600],
	])('retries after the time left in the window, rounded up, at least 1s (%p ms in → %p s)', async (offset, seconds) => {
		const store = new MemoryCounterStore();
		store.rows.set('ip|1', { key: 'ip|1', windowStart: T0, count: 1, version: 1 });
		expect(await takeSlot(store, [perIp(1)], T0 + offset)).toEqual({ admitted: false, limit: 'ip', reason: 'full', retryAfterSeconds: seconds });
	});

	it('starts a new window when the old one ends', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('ip|1', { key: 'ip|1', windowStart: T0, count: 3, version: 7 });
		expect(await takeSlot(store, [perIp(3)], T0 + 10 * MINUTE - 1)).toMatchObject({ admitted: false });
		expect(await takeSlot(store, [perIp(3)], T0 + 10 * MINUTE)).toMatchObject({ admitted: true });
		expect(store.rows.get('ip|1')).toEqual({ key: 'ip|1', windowStart: T0 + 10 * MINUTE, count: 1, version: 8 });
	});

	it('replaces a row many windows old', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('ip|1', { key: 'ip|1', windowStart: T0 - 30 * 24 * HOUR, count: 99, version: 4 });
		expect(await takeSlot(store, [perIp(3)], T0 + 1)).toMatchObject({ admitted: true });
		expect(store.rows.get('ip|1')).toEqual({ key: 'ip|1', windowStart: T0, count: 1, version: 5 });
	});

	it('counts into a newer window written by a worker whose clock runs ahead, never moving it back', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('ip|1', { key: 'ip|1', windowStart: T0 + 10 * MINUTE, count: 1, version: 2 });
		expect(await takeSlot(store, [perIp(2)], T0 + 10 * MINUTE - 2000)).toMatchObject({ admitted: true });
		expect(store.rows.get('ip|1')).toEqual({ key: 'ip|1', windowStart: T0 + 10 * MINUTE, count: 2, version: 3 });
		expect(await takeSlot(store, [perIp(2)], T0 + 10 * MINUTE - 2000)).toEqual({ admitted: false, limit: 'ip', reason: 'full', retryAfterSeconds: 602 });
	});

	it('refuses while a row counts above a limit that was lowered', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('ip|1', { key: 'ip|1', windowStart: T0, count: 9, version: 9 });
		expect(await takeSlot(store, [perIp(5)], T0)).toMatchObject({ admitted: false, limit: 'ip', reason: 'full' });
	});

	it('reads again when another request inserts the row first', async () => {
		const store = new MemoryCounterStore();
		const racing: CounterStore = {
			read: async (key) => await store.read(key),
			insertIfAbsent: async (row) => {
				await store.insertIfAbsent({ ...row });
				return await store.insertIfAbsent(row);
			},
			compareAndSet: async (key, version, next) => await store.compareAndSet(key, version, next),
		};
		expect(await takeSlot(racing, [perIp(3)], T0)).toMatchObject({ admitted: true });
		expect(store.rows.get('ip|1')).toMatchObject({ count: 2, version: 2 });
	});

	it('refuses as busy after the bounded tries when every write conflicts, and writes nothing', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('ip|1', { key: 'ip|1', windowStart: T0, count: 0, version: 1 });
		const conflicting: CounterStore = { ...bound(store), compareAndSet: async () => false };
		expect(await takeSlot(conflicting, [perIp(3)], T0)).toEqual({ admitted: false, limit: 'ip', reason: 'busy', retryAfterSeconds: 1 });
		expect(store.calls.read).toBe(MAX_COUNTER_TRIES);
		expect(await takeSlot(conflicting, [perIp(3)], T0, { maxTries: 3 })).toMatchObject({ reason: 'busy' });
		expect(store.calls.read).toBe(MAX_COUNTER_TRIES + 3);
		expect(store.rows.get('ip|1')).toMatchObject({ count: 0, version: 1 });
	});

	it('admits everything when no limit applies', async () => {
		expect(await takeSlot(new MemoryCounterStore(), [], T0)).toMatchObject({ admitted: true });
	});
});

function bound(store: MemoryCounterStore): CounterStore {
	return {
		read: async (key) => await store.read(key),
		insertIfAbsent: async (row) => await store.insertIfAbsent(row),
		compareAndSet: async (key, version, next) => await store.compareAndSet(key, version, next),
	};
}

describe('takeSlot with several limits', () => {
	const counters = [perIp(5), perPrefix(3), overall(4)];

	it('takes a slot in every counter when all have room', async () => {
		const store = new MemoryCounterStore();
		expect(await takeSlot(store, counters, T0)).toMatchObject({ admitted: true });
		expect(Object.values(store.counts()).map((row) => row.count)).toEqual([1, 1, 1]);
	});

	it('names the full limit and gives back the slots taken before it', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('prefix|1', { key: 'prefix|1', windowStart: T0, count: 3, version: 3 });
		store.rows.set('ip|1', { key: 'ip|1', windowStart: T0, count: 2, version: 2 });
		const before = store.counts();
		expect(await takeSlot(store, counters, T0 + 5 * MINUTE)).toEqual({ admitted: false, limit: 'prefix', reason: 'full', retryAfterSeconds: 55 * 60 });
		expect(store.counts()).toEqual(before);
		expect(store.rows.has('global|1')).toBe(false);
	});

	it('gives back in every earlier counter when the last is full', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('global|1', { key: 'global|1', windowStart: T0, count: 4, version: 4 });
		expect(await takeSlot(store, counters, T0)).toMatchObject({ admitted: false, limit: 'global' });
		expect(store.counts()).toEqual({
			'global|1': { windowStart: T0, count: 4 },
			'ip|1': { windowStart: T0, count: 0 },
			'prefix|1': { windowStart: T0, count: 0 },
		});
	});

	it('gives back nothing in a counter whose window has moved on meanwhile', async () => {
		const store = new MemoryCounterStore();
		store.rows.set('global|1', { key: 'global|1', windowStart: T0, count: 4, version: 4 });
		const moving: CounterStore = {
			...bound(store),
			read: async (key) => {
				const row = await store.read(key);
				// Another worker opens the next IP window as soon as the global counter is read.
				if (key === 'global|1') store.rows.set('ip|1', { key: 'ip|1', windowStart: T0 + 10 * MINUTE, count: 1, version: 9 });
				return row;
			},
		};
		expect(await takeSlot(moving, [perIp(5), overall(4)], T0)).toMatchObject({ admitted: false, limit: 'global' });
		expect(store.rows.get('ip|1')).toEqual({ key: 'ip|1', windowStart: T0 + 10 * MINUTE, count: 1, version: 9 });
	});

	it('gives back the slots taken when the store fails, and passes the failure on', async () => {
		const store = new MemoryCounterStore();
		const failing: CounterStore = {
			...bound(store),
			read: async (key) => {
				if (key === 'global|1') throw new Error('Data table unreachable');
				return await store.read(key);
			},
		};
		await expect(takeSlot(failing, counters, T0)).rejects.toThrow('Data table unreachable');
		expect(Object.values(store.counts()).map((row) => row.count)).toEqual([0, 0]);
	});

	it('stops refusing once the full window is over', async () => {
		const store = new MemoryCounterStore();
		const keys = rateLimitKeys({ ip: '203.0.113.7', phoneE164: '+14155552671', scope: 's' });
		for (let request = 0; request < 5; request++) expect(await takeSlot(store, keys, T0 + request * MINUTE)).toMatchObject({ admitted: true });
		expect(await takeSlot(store, keys, T0 + 9 * MINUTE)).toEqual({ admitted: false, limit: 'ip', reason: 'full', retryAfterSeconds: 60 });
		expect(await takeSlot(store, keys, T0 + 10 * MINUTE)).toMatchObject({ admitted: true });
		expect(store.rows.get('ip|1d|203.0.113.7|s')).toMatchObject({ count: 6 });
		expect(store.rows.get('ip|10m|203.0.113.7|s')).toMatchObject({ count: 1, windowStart: T0 + 10 * MINUTE });
	});

	it('reports a full day before a full ten minutes with the default limits', async () => {
		const store = new MemoryCounterStore();
		const keys = rateLimitKeys({ ip: '203.0.113.7', phoneE164: null, scope: 's' });
		for (let hour = 0; hour < 4; hour++) {
			for (let request = 0; request < 5; request++) expect((await takeSlot(store, keys, T0 - 15 * HOUR + hour * HOUR + request)).admitted).toBe(true);
		}
		// 2025-03-03T15:00Z: 20 requests today, the day ends in 9 hours.
		expect(await takeSlot(store, keys, T0)).toEqual({ admitted: false, limit: 'ip', reason: 'full', retryAfterSeconds: 9 * 3600 });
	});
});

describe('the memory store', () => {
	it('is atomic per call: a stale version never writes', async () => {
		const store = new MemoryCounterStore();
		const row: CounterRow = { key: 'k', windowStart: 0, count: 1, version: 1 };
		expect(await store.insertIfAbsent(row)).toBe(true);
		expect(await store.insertIfAbsent(row)).toBe(false);
		expect(await store.compareAndSet('k', 1, { ...row, count: 2, version: 2 })).toBe(true);
		expect(await store.compareAndSet('k', 1, { ...row, count: 9, version: 2 })).toBe(false);
		expect(await store.compareAndSet('missing', 0, row)).toBe(false);
		expect(await store.read('k')).toEqual({ ...row, count: 2, version: 2 });
	});
});

describe('takeSlot counts', () => {
	it('tells each limit its count with this request in it, the highest of its windows', async () => {
		const store = new MemoryCounterStore();
		const limits = parseRateLimitSettings({ ip: '5/10m, 20/1d', prefix: '10/1h', global: '60/1h' });
		const at = Date.UTC(2026, 0, 5, 10, 0, 0);
		const counters = (ip: string, phone: string) => rateLimitKeys({ ip, phoneE164: phone, scope: 's', limits });
		await takeSlot(store, counters('203.0.113.7', '+14155550001'), at);
		await takeSlot(store, counters('198.51.100.1', '+14155550002'), at);
		expect(await takeSlot(store, counters('203.0.113.7', '+14155550003'), at)).toEqual({ admitted: true, counts: { ip: 2, prefix: 3, global: 3 } });
	});
});
