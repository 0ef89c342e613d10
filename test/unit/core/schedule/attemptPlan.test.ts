import fc from 'fast-check';
import {
	attemptsMadeFromItem,
	delayBeforeAttempt,
	parseAttemptPlan,
} from '../../../../nodes/core/schedule/attemptPlan';
import { LeadItemError, ScheduleSettingsError } from '../../../../nodes/core/schedule/errors';

describe('attempt plan', () => {
	it('reads delays and defaults the maximum to their count', () => {
		expect(parseAttemptPlan({ delays: '0, 2, 30' })).toEqual({ delaysMinutes: [0, 2, 30], maxAttempts: 3 });
		expect(parseAttemptPlan({ delays: [5], maxAttempts: '4' })).toEqual({ delaysMinutes: [5], maxAttempts: 4 });
		expect(parseAttemptPlan({ delays: '0 1440', maxAttempts: '' }).maxAttempts).toBe(2);
	});

	it('repeats the last delay once attempts run past the list', () => {
		const plan = parseAttemptPlan({ delays: '0, 2, 30', maxAttempts: 6 });
		expect([1, 2, 3, 4, 5, 6].map((attempt) => delayBeforeAttempt(plan, attempt))).toEqual([0, 2, 30, 30, 30, 30]);
	});

	it('gives every attempt the listed delay or the last one', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 1440 }), { minLength: 1, maxLength: 8 }),
				fc.integer({ min: 1, max: 30 }),
				(delays, attempt) => {
					const plan = parseAttemptPlan({ delays: delays.join(', '), maxAttempts: 30 });
					expect(delayBeforeAttempt(plan, attempt)).toBe(delays[Math.min(attempt, delays.length) - 1]);
				},
			),
			{ numRuns: 300 },
		);
	});

	it.each([
		['', 'Attempt delays are empty'],
		['0, 2, x', '"x" (attempt 3) is not a whole number of minutes from 0 to 1440'],
		['0, 1441', '"1441" (attempt 2)'],
		['-5', '"-5" (attempt 1)'],
		['2.5', '"2.5" (attempt 1)'],
	])('rejects delays %j', (delays, message) => {
		expect(() => parseAttemptPlan({ delays })).toThrow(ScheduleSettingsError);
		expect(() => parseAttemptPlan({ delays })).toThrow(message);
	});

	it('rejects a maximum that is not 1 to 100', () => {
		expect(() => parseAttemptPlan({ delays: '0', maxAttempts: 0 })).toThrow('Maximum attempts: "0"');
		expect(() => parseAttemptPlan({ delays: '0', maxAttempts: 'three' })).toThrow(ScheduleSettingsError);
	});

	it('reads callback.attempt from the item', () => {
		expect(attemptsMadeFromItem(undefined)).toBe(0);
		expect(attemptsMadeFromItem(null)).toBe(0);
		expect(attemptsMadeFromItem(0)).toBe(0);
		expect(attemptsMadeFromItem(2)).toBe(2);
		expect(attemptsMadeFromItem('3')).toBe(3);
		expect(() => attemptsMadeFromItem(-1)).toThrow(LeadItemError);
		expect(() => attemptsMadeFromItem(1.5)).toThrow(LeadItemError);
		expect(() => attemptsMadeFromItem('two')).toThrow('callback.attempt must be a whole number');
		expect(() => attemptsMadeFromItem({})).toThrow(LeadItemError);
	});
});
