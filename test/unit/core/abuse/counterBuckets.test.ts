import fc from 'fast-check';

import { allBucketKeys, counterBucket, DEFAULT_COUNTER_BUCKETS, rateLimitKeys } from '../../../../nodes/core/abuse/rateLimitKeys';
import { parseRateLimitSettings } from '../../../../nodes/core/abuse/rateLimitLimits';

const SCOPE = 'wf_7:node_3';

describe('counterBucket', () => {
	it('names one of the rows made in advance, the same one every time', () => {
		fc.assert(
			fc.property(fc.string(), fc.integer({ min: 1, max: 4096 }), (who, buckets) => {
				const bucket = counterBucket(who, buckets);
				expect(bucket).toMatch(/^#\d+$/);
				expect(Number(bucket.slice(1))).toBeLessThan(buckets);
				expect(counterBucket(who, buckets)).toBe(bucket);
			}),
		);
	});

	it('spreads addresses over the rows: 256 rows hold 1,000 addresses with no row above 12', () => {
		const perRow = new Map<string, number>();
		for (let index = 0; index < 1000; index++) {
			const bucket = counterBucket(`203.0.${index >> 8}.${index & 255}`, DEFAULT_COUNTER_BUCKETS);
			perRow.set(bucket, (perRow.get(bucket) ?? 0) + 1);
		}
		expect(perRow.size).toBeGreaterThan(200);
		expect(Math.max(...perRow.values())).toBeLessThanOrEqual(12);
	});

	it('refuses a row count it cannot keep', () => {
		expect(() => counterBucket('x', 0)).toThrow(/1 to 4096/);
		expect(() => counterBucket('x', 1.5)).toThrow(/1 to 4096/);
	});
});

describe('rateLimitKeys with buckets', () => {
	it('counts addresses and prefixes in their bucket rows, the total in its one row', () => {
		const counters = rateLimitKeys({ ip: '203.0.113.7', phoneE164: '+14155552671', scope: SCOPE, buckets: 16 });
		expect(counters.map((counter) => counter.key)).toEqual([
			`ip|1d|${counterBucket('203.0.113.7', 16)}|${SCOPE}`,
			`ip|10m|${counterBucket('203.0.113.7', 16)}|${SCOPE}`,
			`prefix|1h|${counterBucket('+1415555', 16)}|${SCOPE}`,
			`global|1h|*|${SCOPE}`,
		]);
	});

	it('only ever names rows that allBucketKeys makes in advance', () => {
		const limits = parseRateLimitSettings({ ip: '3/1m, 9/1h', prefix: '4/30m' });
		const made = new Set(allBucketKeys(SCOPE, 8, limits));
		expect(made.size).toBe(8 * 3 + 1);
		fc.assert(
			fc.property(fc.ipV4(), fc.stringMatching(/^\+[1-9]\d{9,13}$/), (ip, phone) => {
				for (const counter of rateLimitKeys({ ip, phoneE164: phone, scope: SCOPE, limits, buckets: 8 })) expect(made.has(counter.key)).toBe(true);
			}),
		);
	});
});
