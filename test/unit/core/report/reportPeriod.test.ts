import fc from 'fast-check';

import {
	MAX_PERIOD_DAYS,
	ReportPeriodError,
	inPeriod,
	lastWeek,
	localDate,
	parseReportPeriod,
	periodBounds,
	periodDays,
	reportPeriodOrLastWeek,
} from '../../../../nodes/core/report/reportPeriod';

const HOUR = 3_600_000;

describe('parseReportPeriod', () => {
	it('accepts a valid period, trimming and spelling the zone properly', () => {
		expect(parseReportPeriod({ from: ' 2026-10-30 ', to: '2026-11-02', timezone: 'america/new_york' })).toEqual({
			from: '2026-10-30',
			to: '2026-11-02',
			timezone: 'America/New_York',
		});
	});

	it('accepts a single day and exactly the longest period', () => {
		expect(parseReportPeriod({ from: '2026-03-02', to: '2026-03-02', timezone: 'UTC' }).to).toBe('2026-03-02');
		// 2024 is a leap year: 2024-01-01 to 2024-12-31 is 366 days.
		expect(parseReportPeriod({ from: '2024-01-01', to: '2024-12-31', timezone: 'UTC' }).to).toBe('2024-12-31');
		// 2025 has 365 days, so this runs to 366 with the first day of 2026.
		expect(parseReportPeriod({ from: '2025-01-01', to: '2026-01-01', timezone: 'UTC' }).to).toBe('2026-01-01');
	});

	it.each([
		[{ from: '2026-02-30', to: '2026-03-02', timezone: 'UTC' }, /From date "2026-02-30" is not a real calendar date/],
		[{ from: '2026-03-02', to: '2026-13-01', timezone: 'UTC' }, /To date "2026-13-01" is not a real calendar date/],
		[{ from: '02/03/2026', to: '2026-03-02', timezone: 'UTC' }, /From date "02\/03\/2026" is not a date as YYYY-MM-DD/],
		[{ from: '2026-3-2', to: '2026-03-02', timezone: 'UTC' }, /YYYY-MM-DD/],
		[{ from: '', to: '2026-03-02', timezone: 'UTC' }, /From date is empty/],
		[{ from: '2026-03-02', to: undefined, timezone: 'UTC' }, /To date is empty/],
		[{ from: '2026-03-09', to: '2026-03-02', timezone: 'UTC' }, /From date 2026-03-09 is after To date 2026-03-02/],
		[{ from: '2026-03-02', to: '2026-03-08', timezone: 'Mars/Olympus_Mons' }, /Time Zone "Mars\/Olympus_Mons" is not an IANA time zone/],
		[{ from: '2026-03-02', to: '2026-03-08', timezone: '' }, /Time Zone is empty/],
		[{ from: '2024-01-01', to: '2025-01-01', timezone: 'UTC' }, /is 367 days long; pick at most 366 days/],
	])('refuses %p with a message saying what to fix', (fields, message) => {
		let thrown: unknown;
		try {
			parseReportPeriod(fields);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(ReportPeriodError);
		expect((thrown as Error).message).toMatch(message);
	});

	it('refuses every period longer than the maximum, and accepts every one up to it', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 800 }), (startOffset, days) => {
				const start = new Date(Date.UTC(2020, 0, 1) + startOffset * 24 * HOUR);
				const end = new Date(start.getTime() + (days - 1) * 24 * HOUR);
				const fields = { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10), timezone: 'UTC' };
				if (days <= MAX_PERIOD_DAYS) expect(parseReportPeriod(fields).from).toBe(fields.from);
				else expect(() => parseReportPeriod(fields)).toThrow(ReportPeriodError);
			}),
		);
	});
});

describe('lastWeek', () => {
	it('is Monday to Sunday of the previous ISO week', () => {
		// Wednesday 4 Nov 2026, 10:00 UTC.
		expect(lastWeek(Date.UTC(2026, 10, 4, 10), 'America/New_York')).toEqual({ from: '2026-10-26', to: '2026-11-01', timezone: 'America/New_York' });
	});

	it('reads "now" in the zone: Monday 01:00 in Auckland is still Sunday in UTC', () => {
		// 2026-11-01T12:30Z is Monday 2 Nov 01:30 in Auckland (UTC+13) but Sunday 1 Nov in UTC.
		const now = new Date('2026-11-01T12:30:00Z');
		expect(lastWeek(now, 'Pacific/Auckland')).toEqual({ from: '2026-10-26', to: '2026-11-01', timezone: 'Pacific/Auckland' });
		expect(lastWeek(now, 'UTC')).toEqual({ from: '2026-10-19', to: '2026-10-25', timezone: 'UTC' });
	});

	it('crosses a year boundary', () => {
		expect(lastWeek(Date.UTC(2027, 0, 6, 12), 'Europe/London')).toEqual({ from: '2026-12-28', to: '2027-01-03', timezone: 'Europe/London' });
	});

	it('always gives a Monday seven days before the Monday of the week holding now', () => {
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'), (now, zone) => {
				const period = lastWeek(now, zone);
				const from = new Date(`${period.from}T00:00:00Z`);
				const to = new Date(`${period.to}T00:00:00Z`);
				expect(from.getUTCDay()).toBe(1);
				expect(to.getTime() - from.getTime()).toBe(6 * 24 * HOUR);
				const today = localDate(new Date(now).toISOString(), zone) as string;
				const daysSinceFrom = (new Date(`${today}T00:00:00Z`).getTime() - from.getTime()) / (24 * HOUR);
				expect(daysSinceFrom).toBeGreaterThanOrEqual(7);
				expect(daysSinceFrom).toBeLessThanOrEqual(13);
			}),
		);
	});
});

describe('reportPeriodOrLastWeek', () => {
	it('falls back to last week when both dates are empty', () => {
		expect(reportPeriodOrLastWeek({ from: '', to: undefined, timezone: 'UTC' }, Date.UTC(2026, 10, 4))).toEqual({ from: '2026-10-26', to: '2026-11-01', timezone: 'UTC' });
	});

	it('still refuses a half-filled period', () => {
		expect(() => reportPeriodOrLastWeek({ from: '2026-10-26', to: '', timezone: 'UTC' }, Date.UTC(2026, 10, 4))).toThrow(/To date is empty/);
	});
});

describe('periodDays', () => {
	it('gives the 25-hour day when New York leaves daylight saving time', () => {
		const days = periodDays({ from: '2026-10-31', to: '2026-11-02', timezone: 'America/New_York' });
		expect(days.map((day) => day.date)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
		expect(days.map((day) => (day.endsAt - day.startsAt) / HOUR)).toEqual([24, 25, 24]);
		expect(new Date(days[1].startsAt).toISOString()).toBe('2026-11-01T04:00:00.000Z');
		expect(new Date(days[1].endsAt).toISOString()).toBe('2026-11-02T05:00:00.000Z');
	});

	it('gives the 23-hour day when New York starts daylight saving time', () => {
		const days = periodDays({ from: '2026-03-08', to: '2026-03-08', timezone: 'America/New_York' });
		expect(days).toHaveLength(1);
		expect((days[0].endsAt - days[0].startsAt) / HOUR).toBe(23);
	});

	it('handles a zone whose clocks change at midnight (Santiago skips 00:00 on 6 Sep 2026)', () => {
		const days = periodDays({ from: '2026-09-05', to: '2026-09-07', timezone: 'America/Santiago' });
		expect(days.map((day) => (day.endsAt - day.startsAt) / HOUR)).toEqual([24, 23, 24]);
	});

	it('gives contiguous days of 22 to 26 hours, as many as the period has dates', () => {
		const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'Asia/Kolkata'];
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 60 }), fc.constantFrom(...zones), (offset, length, zone) => {
				const start = Date.UTC(2020, 0, 1) + offset * 24 * HOUR;
				const from = new Date(start).toISOString().slice(0, 10);
				const to = new Date(start + (length - 1) * 24 * HOUR).toISOString().slice(0, 10);
				const period = { from, to, timezone: zone };
				const days = periodDays(period);
				expect(days).toHaveLength(length);
				expect(days[0].date).toBe(from);
				expect(days[days.length - 1].date).toBe(to);
				const bounds = periodBounds(period);
				expect(days[0].startsAt).toBe(bounds.startsAt);
				expect(days[days.length - 1].endsAt).toBe(bounds.endsAt);
				days.forEach((day, index) => {
					const hours = (day.endsAt - day.startsAt) / HOUR;
					expect(hours).toBeGreaterThanOrEqual(22);
					expect(hours).toBeLessThanOrEqual(26);
					if (index > 0) expect(day.startsAt).toBe(days[index - 1].endsAt);
					expect(localDate(new Date(day.startsAt).toISOString(), zone)).toBe(day.date);
					expect(localDate(new Date(day.endsAt - 1).toISOString(), zone)).toBe(day.date);
				});
			}),
		);
	});
});

describe('inPeriod', () => {
	const period = { from: '2026-10-26', to: '2026-11-01', timezone: 'America/New_York' };

	it.each([
		['2026-10-26T03:59:59Z', false], // Sunday 25 Oct 23:59:59 EDT
		['2026-10-26T04:00:00Z', true], // Monday 26 Oct 00:00 EDT
		['2026-11-02T04:30:00Z', true], // Sunday 1 Nov 23:30 EST: in, although 00:30 at the old EDT offset
		['2026-11-02T04:59:59Z', true],
		['2026-11-02T05:00:00Z', false], // Monday 2 Nov 00:00 EST
		['2026-10-30T12:00:00+02:00', true],
		['not a time', false],
		['', false],
	])('%s → %p', (iso, expected) => {
		expect(inPeriod(iso, period)).toBe(expected);
	});
});
