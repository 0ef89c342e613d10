import fc from 'fast-check';

import { newCallbackId } from '../../../../nodes/core/callbackRequest/newCallbackId';
import { findRecentRequest, MAX_RECENT_REQUESTS, phoneHash, recordRequest } from '../../../../nodes/core/callbackRequest/recentRequests';

const minute = 60_000;

describe('recent requests (duplicate window)', () => {
	it('finds a request inside the window and forgets it after', () => {
		const log = recordRequest({}, '+14155552671', 'cb_1', 0, 30 * minute, 100);
		expect(findRecentRequest(log, '+14155552671', 29 * minute, 30 * minute)?.callbackId).toBe('cb_1');
		expect(findRecentRequest(log, '+14155552671', 30 * minute, 30 * minute)).toBeUndefined();
		expect(findRecentRequest(log, '+14155550000', minute, 30 * minute)).toBeUndefined();
	});

	it('stores hashes, never the phone numbers', () => {
		const log = recordRequest({}, '+14155552671', 'cb_1', 0, minute, 100);
		expect(JSON.stringify(log)).not.toContain('4155552671');
		expect(Object.keys(log)).toEqual([phoneHash('+14155552671')]);
	});

	it('keeps the newest request when two arrive in the same millisecond and only one fits', () => {
		let log = recordRequest({}, '+14155550000', 'cb_a', 0, minute, 1);
		log = recordRequest(log, '+14155550001', 'cb_b', 0, minute, 1);
		expect(findRecentRequest(log, '+14155550001', 0, minute)?.callbackId).toBe('cb_b');
	});

	it('keeps only live entries, newest first, up to the limit', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10 * minute })), { maxLength: 60 }),
				fc.integer({ min: 1, max: 20 }),
				(requests, limit) => {
					let log = {};
					let now = 0;
					for (const [phone, gap] of requests) {
						now += gap;
						log = recordRequest(log, `+1415555${String(phone).padStart(4, '0')}`, `cb_${now}`, now, 15 * minute, limit);
						const entries = Object.values(log) as Array<{ at: number }>;
						if (entries.length > limit) return false;
						if (entries.some((entry) => now - entry.at >= 15 * minute)) return false;
						if (findRecentRequest(log, `+1415555${String(phone).padStart(4, '0')}`, now, 15 * minute)?.at !== now) return false;
					}
					return true;
				},
			),
		);
	});

	it('reads entries stored in the earlier form (an object per number)', () => {
		const log = { [phoneHash('+14155552671')]: { at: 1_000, callbackId: 'cb_old' } };
		expect(findRecentRequest(log, '+14155552671', 2_000, minute)?.callbackId).toBe('cb_old');
		const updated = recordRequest(log, '+14155550000', 'cb_new', 2 * minute, minute, 100);
		// The old entry left the window and is forgotten; the new one is kept in the compact form.
		expect(Object.keys(updated)).toEqual([phoneHash('+14155550000')]);
		expect(findRecentRequest(updated, '+14155550000', 2 * minute, minute)?.callbackId).toBe('cb_new');
	});

	it('looks at the front of the log only: recording in a log of 5,000 live numbers reads one other entry', () => {
		// As recordRequest leaves it after 5,000 requests, one per millisecond.
		const log: Record<string, string> = {};
		for (let index = 0; index < 5_000; index++) log[phoneHash(`+1415555${String(index).padStart(4, '0')}`)] = `${index}|cb_${index}`;
		let reads = 0;
		const counted = new Proxy(log as Record<string, unknown>, {
			get(target, key, receiver) {
				reads += 1;
				return Reflect.get(target, key, receiver);
			},
		});
		recordRequest(counted as never, '+14155559999', 'cb_new', 5_000, 30 * minute, 10_000);
		expect(reads).toBeLessThanOrEqual(1);
		expect(Object.keys(log)).toHaveLength(5_001);
		// Over the limit, only the oldest goes.
		recordRequest(log, '+14155558888', 'cb_over', 5_001, 30 * minute, 5_001);
		expect(Object.keys(log)).toHaveLength(5_001);
		expect(findRecentRequest(log, '+14155550000', 5_001, 30 * minute)).toBeUndefined();
		expect(findRecentRequest(log, '+14155550001', 5_001, 30 * minute)?.callbackId).toBe('cb_1');
	});

	it('keeps the newest numbers up to its limit, so the static data n8n saves per request stays small', () => {
		let log = {};
		const numbers = Array.from({ length: 1_000 }, (_, index) => `+1415555${String(index).padStart(4, '0')}`);
		// 1,000 requests within one window, a second apart: only the limit keeps the log short.
		numbers.forEach((number, index) => {
			log = recordRequest(log, number, newCallbackId(), 1_796_000_000_000 + index * 1000, 30 * minute, MAX_RECENT_REQUESTS);
		});
		const now = 1_796_000_000_000 + 1_000 * 1000;
		expect(Object.keys(log)).toHaveLength(MAX_RECENT_REQUESTS);
		expect(numbers.filter((number) => findRecentRequest(log, number, now, 30 * minute) !== undefined)).toEqual(numbers.slice(-MAX_RECENT_REQUESTS));
		expect(Buffer.byteLength(JSON.stringify(log))).toBeLessThanOrEqual(17 * 1024);
	});
});
