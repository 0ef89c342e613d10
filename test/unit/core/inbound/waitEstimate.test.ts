import fc from 'fast-check';

import {
	callbackOfferRules,
	estimatedWaitMinutes,
	expectedCallbackTimeSpoken,
	InboundSettingError,
	minutesText,
	offersCallbackOnArrival,
	offersSecondChance,
	waitAnnouncementText,
	type WaitEstimateSettings,
} from '../../../../nodes/core/inbound';

const fromQueue = (averageHandleMinutes: number, agents: number): WaitEstimateSettings => ({ kind: 'fromQueue', averageHandleMinutes, agents });

describe('estimatedWaitMinutes', () => {
	it('is the fixed figure, whatever the queue', () => {
		expect(estimatedWaitMinutes({ kind: 'fixed', minutes: 12 }, 40)).toBe(12);
		expect(estimatedWaitMinutes({ kind: 'fixed', minutes: 0 }, 0)).toBe(0);
	});

	it('shares the open callbacks among the agents at the average handle time', () => {
		expect(estimatedWaitMinutes(fromQueue(6, 3), 7)).toBe(14);
		expect(estimatedWaitMinutes(fromQueue(4, 1), 5)).toBe(20);
		expect(estimatedWaitMinutes(fromQueue(4.5, 2), 3)).toBe(6.75);
		expect(estimatedWaitMinutes(fromQueue(8, 4), 0)).toBe(0);
	});

	it('refuses 0 agents, a fraction of an agent and negative minutes, naming the setting', () => {
		expect(() => estimatedWaitMinutes(fromQueue(6, 0), 7)).toThrow(new InboundSettingError('Agents must be a whole number of at least 1, got 0'));
		expect(() => estimatedWaitMinutes(fromQueue(6, 1.5), 7)).toThrow(/^Agents must be a whole number/);
		expect(() => estimatedWaitMinutes(fromQueue(-1, 2), 7)).toThrow(/^Average Handle Time must be a number of minutes of 0 or more, got -1/);
		expect(() => estimatedWaitMinutes({ kind: 'fixed', minutes: Number.NaN }, 0)).toThrow(/^Estimated Wait must be/);
		expect(() => estimatedWaitMinutes(fromQueue(6, 2), -1)).toThrow(RangeError);
	});

	it('grows with the queue and the handle time, and shrinks with more agents (property)', () => {
		const minutes = fc.double({ min: 0, max: 120, noNaN: true });
		fc.assert(
			fc.property(fc.nat({ max: 500 }), fc.nat({ max: 500 }), minutes, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (open, more, handle, agents, extra) => {
				const wait = estimatedWaitMinutes(fromQueue(handle, agents), open);
				expect(wait).toBeGreaterThanOrEqual(0);
				expect(estimatedWaitMinutes(fromQueue(handle, agents), open + more)).toBeGreaterThanOrEqual(wait);
				expect(estimatedWaitMinutes(fromQueue(handle, agents + extra), open)).toBeLessThanOrEqual(wait);
				// One agent alone works through the whole queue.
				expect(estimatedWaitMinutes(fromQueue(handle, 1), open)).toBeCloseTo(open * handle, 6);
			}),
		);
	});
});

describe('whether to offer a callback', () => {
	const rules = callbackOfferRules(10, 15);

	it('offers on arrival only when the wait is longer than the threshold', () => {
		expect(offersCallbackOnArrival(10, rules)).toBe(false);
		expect(offersCallbackOnArrival(10.01, rules)).toBe(true);
		expect(offersCallbackOnArrival(3, rules)).toBe(false);
		expect(offersCallbackOnArrival(0.5, callbackOfferRules(0, null))).toBe(true);
		expect(offersCallbackOnArrival(0, callbackOfferRules(0, null))).toBe(false);
	});

	it('offers a second chance once, after the caller waited longer than the second threshold', () => {
		expect(offersSecondChance(15, rules, false)).toBe(false);
		expect(offersSecondChance(15.5, rules, false)).toBe(true);
		expect(offersSecondChance(40, rules, true)).toBe(false);
		expect(offersSecondChance(40, callbackOfferRules(10, null), false)).toBe(false);
	});

	it('refuses thresholds that cannot be met', () => {
		expect(() => callbackOfferRules(-1, 15)).toThrow(new InboundSettingError('Offer a Callback Above must be a number of minutes of 0 or more, got -1'));
		expect(() => callbackOfferRules(10, 0)).toThrow(/^Offer Again After Holding must be a number of minutes above 0, got 0/);
		expect(() => callbackOfferRules(Number.POSITIVE_INFINITY, null)).toThrow(InboundSettingError);
	});
});

describe('waitAnnouncementText', () => {
	it.each([
		[0, 30, 'Your expected wait is less than a minute.'],
		[0.4, 30, 'Your expected wait is about 1 minute.'],
		[1, 30, 'Your expected wait is about 1 minute.'],
		[1.01, 30, 'Your expected wait is about 2 minutes.'],
		[7, 30, 'Your expected wait is about 7 minutes.'],
		[10, 30, 'Your expected wait is about 10 minutes.'],
		[10.2, 30, 'Your expected wait is about 15 minutes.'],
		[14, 30, 'Your expected wait is about 15 minutes.'],
		[15, 30, 'Your expected wait is about 15 minutes.'],
		[16, 30, 'Your expected wait is about 20 minutes.'],
		[29, 30, 'Your expected wait is about 30 minutes.'],
		[30, 30, 'Your expected wait is about 30 minutes.'],
		[30.01, 30, 'Your expected wait is more than 30 minutes.'],
		[95, 30, 'Your expected wait is more than 30 minutes.'],
		[26, 28, 'Your expected wait is about 28 minutes.'],
		[1, 1, 'Your expected wait is about 1 minute.'],
		[1.5, 1, 'Your expected wait is more than 1 minute.'],
	])('%p minutes, said up to %p: %p', (estimate, max, text) => {
		expect(waitAnnouncementText(estimate, max)).toBe(text);
	});

	it('refuses a cap that is no whole number of minutes, and a negative wait', () => {
		expect(() => waitAnnouncementText(5, 0)).toThrow(new InboundSettingError('Longest Wait Announced must be a whole number of minutes of at least 1, got 0'));
		expect(() => waitAnnouncementText(5, 2.5)).toThrow(InboundSettingError);
		expect(() => waitAnnouncementText(-1, 30)).toThrow(RangeError);
	});

	it('never says less than the estimate, nor more than the cap, nor more than a minute over up to 10 minutes and 5 above; singular only for 1 (property)', () => {
		const said = (text: string): number => {
			if (text.includes('less than a minute')) return 0;
			const match = /^Your expected wait is (about|more than) (\d+) (minute|minutes)\.$/.exec(text);
			if (match === null) throw new Error(`not an announcement: ${text}`);
			expect(match[3] === 'minute').toBe(match[2] === '1');
			return match[1] === 'more than' ? Number.POSITIVE_INFINITY : Number(match[2]);
		};
		fc.assert(
			fc.property(fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), fc.integer({ min: 1, max: 120 }), (first, second, max) => {
				const [shorter, longer] = first <= second ? [first, second] : [second, first];
				const figure = said(waitAnnouncementText(shorter, max));
				if (shorter > max) {
					expect(waitAnnouncementText(shorter, max)).toBe(`Your expected wait is more than ${minutesText(max)}.`);
				} else {
					expect(figure).toBeGreaterThanOrEqual(shorter);
					expect(figure).toBeLessThanOrEqual(max);
					expect(figure - shorter).toBeLessThanOrEqual(shorter <= 10 ? 1 : 5);
				}
				expect(said(waitAnnouncementText(longer, max))).toBeGreaterThanOrEqual(figure);
			}),
		);
	});
});

describe('expectedCallbackTimeSpoken', () => {
	const NEW_YORK = 'America/New_York';
	// Tuesday 10 March 2026, 3:31:10 PM in New York (EDT, UTC-4).
	const afternoon = Date.UTC(2026, 2, 10, 19, 31, 10);

	it('is now plus the wait, up to the next 5 minutes, on the business clock', () => {
		expect(expectedCallbackTimeSpoken(afternoon, 12, NEW_YORK)).toBe('around 3:45 PM');
		expect(expectedCallbackTimeSpoken(afternoon, 0, NEW_YORK)).toBe('around 3:35 PM');
		expect(expectedCallbackTimeSpoken(afternoon, 13.8, NEW_YORK)).toBe('around 3:45 PM');
		expect(expectedCallbackTimeSpoken(afternoon, 13.9, NEW_YORK)).toBe('around 3:50 PM');
		expect(expectedCallbackTimeSpoken(afternoon, 12, 'Europe/London')).toBe('around 7:45 PM');
		expect(expectedCallbackTimeSpoken(afternoon, 12, 'america/new_york')).toBe('around 3:45 PM');
	});

	it('keeps a time already on the 5 minutes', () => {
		expect(expectedCallbackTimeSpoken(Date.UTC(2026, 2, 10, 19, 30, 0), 15, NEW_YORK)).toBe('around 3:45 PM');
	});

	it('says the day when it is not today', () => {
		expect(expectedCallbackTimeSpoken(Date.UTC(2026, 2, 11, 3, 50), 20, NEW_YORK)).toBe('tomorrow around 12:10 AM');
		expect(expectedCallbackTimeSpoken(afternoon, 2 * 24 * 60, NEW_YORK)).toBe('on Thursday, March 12 around 3:35 PM');
	});

	it('follows the clock change: 20 minutes after 1:50 AM on the night clocks spring forward is 3:10 AM', () => {
		expect(expectedCallbackTimeSpoken(Date.UTC(2026, 2, 8, 6, 50), 20, NEW_YORK)).toBe('around 3:10 AM');
	});

	it('refuses a zone that is not one', () => {
		expect(() => expectedCallbackTimeSpoken(afternoon, 5, 'Mars/Olympus')).toThrow(new InboundSettingError('Business Timezone "Mars/Olympus" is not an IANA timezone, e.g. America/New_York'));
	});
});
