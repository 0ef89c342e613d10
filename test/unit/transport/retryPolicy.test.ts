import { isRetryableStatus, MAX_RETRIES, MAX_TOTAL_WAIT_MS, parseRetryAfter, retryDelayMs } from '../../../nodes/transport/retryPolicy';

describe('retryPolicy', () => {
	it('retries 429 and 5xx only', () => {
		expect([429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true]);
		expect([400, 401, 404, 409].map(isRetryableStatus)).toEqual([false, false, false, false]);
	});

	it('doubles the wait from 1 s without Retry-After', () => {
		expect([0, 1, 2].map((retriesMade) => retryDelayMs({ retriesMade, waitedMs: 0 }, undefined))).toEqual([1000, 2000, 4000]);
	});

	it('honours Retry-After in seconds or as an HTTP date', () => {
		expect(retryDelayMs({ retriesMade: 0, waitedMs: 0 }, '3')).toBe(3000);
		const now = Date.parse('2026-10-21T07:28:00Z');
		expect(retryDelayMs({ retriesMade: 0, waitedMs: 0 }, 'Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon')).toBeUndefined();
	});

	it(`gives up after ${MAX_RETRIES} retries`, () => {
		expect(retryDelayMs({ retriesMade: MAX_RETRIES, waitedMs: 0 }, '1')).toBeNull();
	});

	it(`gives up rather than wait past ${MAX_TOTAL_WAIT_MS / 1000} s in all`, () => {
		expect(retryDelayMs({ retriesMade: 0, waitedMs: 0 }, '31')).toBeNull();
		expect(retryDelayMs({ retriesMade: 1, waitedMs: 25_000 }, '5')).toBe(5000);
		expect(retryDelayMs({ retriesMade: 1, waitedMs: 25_000 }, '6')).toBeNull();
	});
});
