import { expectedCallbackTimeText, parseCallbackTime, scheduledTimeText } from '../../../../nodes/core/sms/callbackTimeText';

const NY = 'America/New_York';
/** Wednesday 18 Nov 2026, 10:00 in New York (EST). */
const NOW = Date.parse('2026-11-18T15:00:00Z');
const MINUTE = 60_000;

describe('expectedCallbackTimeText ({{ecbt}})', () => {
	it.each([
		[null, 'shortly'],
		[NOW + 3 * MINUTE, 'in a few minutes'],
		[NOW + 17 * MINUTE, 'in about 20 minutes'],
		[NOW + 60 * MINUTE, 'in about 60 minutes'],
		[Date.parse('2026-11-18T17:00:00Z'), 'today at 12:00 PM EST'],
		[Date.parse('2026-11-19T14:00:00Z'), 'tomorrow at 9:00 AM EST'],
		[Date.parse('2026-11-23T14:00:00Z'), 'on Mon 23 Nov at 9:00 AM EST'],
	])('%#: %s → %j', (instant, text) => {
		expect(expectedCallbackTimeText(instant, NOW, NY)).toBe(text);
	});

	it('says a booked time on the clock, however near it is', () => {
		expect(expectedCallbackTimeText(NOW + 45 * MINUTE, NOW, NY, true)).toBe('today at 10:45 AM EST');
		expect(expectedCallbackTimeText(NOW + 3 * MINUTE, NOW, NY, true)).toBe('today at 10:03 AM EST');
		expect(expectedCallbackTimeText(Date.parse('2026-11-19T20:15:00Z'), NOW, NY, true)).toBe('tomorrow at 3:15 PM EST');
		expect(expectedCallbackTimeText(NOW + 45 * MINUTE, NOW, NY, false)).toBe('in about 45 minutes');
	});

	it("uses the lead's own clock and abbreviation", () => {
		const summer = Date.parse('2026-07-15T16:00:00Z');
		expect(expectedCallbackTimeText(summer + 3 * 60 * MINUTE, summer, 'America/Los_Angeles')).toBe('today at 12:00 PM PDT');
		// 23:30 in New York is already tomorrow in London.
		const lateNight = Date.parse('2026-11-19T04:30:00Z');
		expect(expectedCallbackTimeText(Date.parse('2026-11-19T09:00:00Z'), lateNight, 'Europe/London')).toBe('today at 9:00 AM GMT');
	});
});

describe('scheduledTimeText ({{scheduled-time}})', () => {
	it('gives day, date and time with the zone abbreviation', () => {
		expect(scheduledTimeText(Date.parse('2026-11-23T14:00:00Z'), NY)).toBe('Mon 23 Nov, 9:00 AM EST');
	});

	it('is an error when the callback has no time yet', () => {
		expect(() => scheduledTimeText(null, NY)).toThrow(/needs the callback time/);
	});
});

describe('parseCallbackTime', () => {
	it("reads ISO 8601, a time without offset on the lead's clock, and empty as none", () => {
		expect(parseCallbackTime('2026-11-23T09:00:00-05:00', NY)).toBe(Date.parse('2026-11-23T14:00:00Z'));
		expect(parseCallbackTime('2026-11-23T09:00', NY)).toBe(Date.parse('2026-11-23T14:00:00Z'));
		expect(parseCallbackTime('', NY)).toBeNull();
		expect(parseCallbackTime(null, NY)).toBeNull();
		expect(() => parseCallbackTime('next Tuesday', NY)).toThrow('is not a date and time');
	});
});
