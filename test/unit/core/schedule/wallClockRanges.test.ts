import { IANAZone } from 'luxon';
import { calendarDay } from '../../../../nodes/core/schedule/calendarDay';
import { wallClockRangesToInstants } from '../../../../nodes/core/schedule/wallClockRanges';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const day = (year: number, month: number, date: number) => calendarDay(Date.UTC(year, month - 1, date));
const iso = (ranges: Array<{ start: number; end: number }>) =>
	ranges.map(({ start, end }) => [new Date(start).toISOString(), new Date(end).toISOString()]);

describe('wallClockRangesToInstants', () => {
	const newYork = IANAZone.create('America/New_York');

	it('maps an ordinary day by its offset', () => {
		expect(iso(wallClockRangesToInstants(newYork, day(2026, 11, 23), [{ start: 540, end: 1080 }]))).toEqual([
			['2026-11-23T14:00:00.000Z', '2026-11-23T23:00:00.000Z'],
		]);
	});

	it('drops wall times skipped by a spring-forward', () => {
		// 2026-03-08: New York clocks jump from 02:00 to 03:00.
		expect(wallClockRangesToInstants(newYork, day(2026, 3, 8), [{ start: 120, end: 180 }])).toEqual([]);
		const night = wallClockRangesToInstants(newYork, day(2026, 3, 8), [{ start: 60, end: 240 }]);
		expect(iso(night)).toEqual([['2026-03-08T06:00:00.000Z', '2026-03-08T08:00:00.000Z']]);
	});

	it('counts wall times repeated by a fall-back twice', () => {
		// 2026-11-01: New York clocks go from 02:00 EDT back to 01:00 EST.
		const repeated = wallClockRangesToInstants(newYork, day(2026, 11, 1), [{ start: 60, end: 120 }]);
		expect(repeated.reduce((sum, range) => sum + range.end - range.start, 0)).toBe(2 * HOUR);
		expect(iso(repeated)).toEqual([['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z']]);
		const split = wallClockRangesToInstants(newYork, day(2026, 11, 1), [{ start: 90, end: 100 }]);
		expect(iso(split)).toEqual([
			['2026-11-01T05:30:00.000Z', '2026-11-01T05:40:00.000Z'],
			['2026-11-01T06:30:00.000Z', '2026-11-01T06:40:00.000Z'],
		]);
	});

	it('handles half-hour and 45-minute daylight saving shifts', () => {
		// Lord Howe moves 30 minutes: 2026-10-04 02:00 → 02:30.
		const lordHowe = IANAZone.create('Australia/Lord_Howe');
		expect(wallClockRangesToInstants(lordHowe, day(2026, 10, 4), [{ start: 120, end: 150 }])).toEqual([]);
		// Chatham (+12:45 → +13:45) jumps 2026-09-27 from 02:45 to 03:45.
		const chatham = IANAZone.create('Pacific/Chatham');
		const whole = wallClockRangesToInstants(chatham, day(2026, 9, 27), [{ start: 0, end: 1440 }]);
		expect(whole.reduce((sum, range) => sum + range.end - range.start, 0)).toBe(23 * HOUR);
	});

	it('gives a whole day of 00:00-24:00 its real length across a year end and a leap day', () => {
		const berlin = IANAZone.create('Europe/Berlin');
		for (const [date, hours] of [
			[day(2026, 12, 31), 24],
			[day(2028, 2, 29), 24],
			[day(2026, 3, 29), 23],
			[day(2026, 10, 25), 25],
		] as const) {
			const ranges = wallClockRangesToInstants(berlin, date, [{ start: 0, end: 1440 }]);
			expect(ranges).toHaveLength(1);
			expect(ranges[0].end - ranges[0].start).toBe(hours * HOUR);
		}
	});
});
