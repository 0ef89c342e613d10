import fc from 'fast-check';

import { nearestRankMedian, nearestRankPercentile, rate } from '../../../../nodes/core/report/percentile';
import { FIRST_CALL_BUCKETS, firstCallBucketIndex } from '../../../../nodes/core/report/firstCallBuckets';

describe('nearestRankPercentile', () => {
	it('picks the value at rank ⌈p × n⌉ of the sorted values', () => {
		expect(nearestRankPercentile([15, 20, 35, 40, 50], 0.3)).toBe(20);
		expect(nearestRankPercentile([15, 20, 35, 40, 50], 0.4)).toBe(20);
		expect(nearestRankPercentile([15, 20, 35, 40, 50], 0.5)).toBe(35);
		expect(nearestRankPercentile([50, 15, 40, 20, 35], 1)).toBe(50);
		expect(nearestRankPercentile([3, 1, 2, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
	});

	it('is not pushed up a rank by float noise (0.55 × 100)', () => {
		const values = Array.from({ length: 100 }, (_, index) => index + 1);
		expect(nearestRankPercentile(values, 0.55)).toBe(55);
	});

	it('gives null, not NaN, for no values, and ignores values that are not numbers', () => {
		expect(nearestRankPercentile([], 0.9)).toBeNull();
		expect(nearestRankMedian([])).toBeNull();
		expect(nearestRankMedian([Number.NaN, 4])).toBe(4);
	});

	it('takes the lower middle value as the median of an even count', () => {
		expect(nearestRankMedian([1, 2, 3, 4])).toBe(2);
	});

	it('refuses a fraction outside (0, 1]', () => {
		expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
		expect(() => nearestRankPercentile([1], 1.5)).toThrow(RangeError);
	});

	it('returns one of the values, and is monotone in the fraction', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (values, a, b) => {
				const [low, high] = a <= b ? [a, b] : [b, a];
				const lowValue = nearestRankPercentile(values, low) as number;
				const highValue = nearestRankPercentile(values, high) as number;
				expect(values).toContain(lowValue);
				expect(lowValue).toBeLessThanOrEqual(highValue);
				// At least the fraction of values lie at or below it.
				expect(values.filter((value) => value <= highValue).length).toBeGreaterThanOrEqual(Math.ceil(high * values.length - 1e-9));
			}),
		);
	});
});

describe('rate', () => {
	it('divides, or gives null for a zero denominator', () => {
		expect(rate(1, 4)).toBe(0.25);
		expect(rate(0, 0)).toBeNull();
	});
});

describe('firstCallBucketIndex', () => {
	it.each([
		[0, 'under1m'],
		[59.9, 'under1m'],
		[60, '1to5m'],
		[299, '1to5m'],
		[300, '5to15m'],
		[899, '5to15m'],
		[900, '15to60m'],
		[3599, '15to60m'],
		[3600, '1to4h'],
		[14_399, '1to4h'],
		[14_400, '4to24h'],
		[86_399, '4to24h'],
		[86_400, 'over1d'],
		[10_000_000, 'over1d'],
	])('%p s falls in %p', (seconds, key) => {
		expect(FIRST_CALL_BUCKETS[firstCallBucketIndex(seconds)].key).toBe(key);
	});

	it('has contiguous ranges from 0 with an open last one', () => {
		FIRST_CALL_BUCKETS.forEach((bucket, index) => {
			expect(bucket.fromSeconds).toBe(index === 0 ? 0 : FIRST_CALL_BUCKETS[index - 1].toSeconds);
		});
		expect(FIRST_CALL_BUCKETS[FIRST_CALL_BUCKETS.length - 1].toSeconds).toBeNull();
	});
});
