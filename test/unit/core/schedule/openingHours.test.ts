import { ScheduleSettingsError } from '../../../../nodes/core/schedule/errors';
import { parseOpeningHours } from '../../../../nodes/core/schedule/openingHours';
import { parseTimeRanges } from '../../../../nodes/core/schedule/timeRanges';

const settingsError = (run: () => unknown): string => {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(ScheduleSettingsError);
		return (error as Error).message;
	}
	throw new Error('expected a settings error');
};

describe('parseTimeRanges', () => {
	it('reads one or more ranges in minutes after midnight, sorted', () => {
		expect(parseTimeRanges('13:00-18:00, 09:00-12:00', 'x')).toEqual([
			{ start: 540, end: 720 },
			{ start: 780, end: 1080 },
		]);
		expect(parseTimeRanges(' 9:05 – 17:30 ', 'x')).toEqual([{ start: 545, end: 1050 }]);
	});

	it('treats "closed" as no ranges and 00:00-24:00 as the whole day', () => {
		expect(parseTimeRanges('Closed', 'x')).toEqual([]);
		expect(parseTimeRanges('00:00-24:00', 'x')).toEqual([{ start: 0, end: 1440 }]);
		expect(parseTimeRanges('18:00-24:00', 'x')).toEqual([{ start: 1080, end: 1440 }]);
	});

	it('joins ranges that touch', () => {
		expect(parseTimeRanges('09:00-12:00; 12:00-13:00', 'x')).toEqual([{ start: 540, end: 780 }]);
	});

	it.each([
		['9:00-7:00', 'Opening hours for Saturday: "9:00-7:00" ends before it starts'],
		['22:00-02:00', 'split it into "22:00-24:00" and "00:00-02:00" on the next day'],
		['09:00-09:00', '"09:00-09:00" is empty'],
		['9-5', '"9-5" is not a time range like "09:00-18:00"'],
		['09:00-25:00', '"25:00", which is not a time of day'],
		['09:60-10:00', '"09:60", which is not a time of day'],
		['24:00-24:00', 'starts at 24:00'],
		['09:00-12:00, 11:00-13:00', '"09:00-12:00" overlaps "11:00-13:00"'],
		['  ', 'Opening hours for Saturday is empty'],
	])('rejects %j with a message that says what to fix', (text, message) => {
		expect(settingsError(() => parseTimeRanges(text, 'Opening hours for Saturday'))).toContain(message);
	});
});

describe('parseOpeningHours', () => {
	it('uses the weekday text Monday to Friday and closes weekends by default', () => {
		const week = parseOpeningHours({ weekdays: '09:00-18:00' });
		for (let day = 0; day < 5; day++) expect(week[day]).toEqual([{ start: 540, end: 1080 }]);
		expect(week[5]).toEqual([]);
		expect(week[6]).toEqual([]);
	});

	it('applies a weekend schedule and per-day overrides', () => {
		const week = parseOpeningHours({
			weekdays: '09:00-12:00, 13:00-18:00',
			weekends: '10:00-14:00',
			overrides: { Friday: '09:00-15:00', sun: 'closed', monday: '' },
		});
		expect(week[0]).toEqual([
			{ start: 540, end: 720 },
			{ start: 780, end: 1080 },
		]);
		expect(week[4]).toEqual([{ start: 540, end: 900 }]);
		expect(week[5]).toEqual([{ start: 600, end: 840 }]);
		expect(week[6]).toEqual([]);
	});

	it('names the day in errors from overrides and rejects unknown days', () => {
		expect(
			settingsError(() => parseOpeningHours({ weekdays: '09:00-18:00', overrides: { saturday: '9:00-7:00' } })),
		).toMatch(/^Opening hours for Saturday: "9:00-7:00" ends before it starts/);
		expect(
			settingsError(() => parseOpeningHours({ weekdays: '09:00-18:00', overrides: { fryday: '09:00-15:00' } })),
		).toContain('"fryday" is not a day of the week');
		expect(settingsError(() => parseOpeningHours({ weekdays: '9am-5pm' }))).toMatch(
			/^Opening hours for weekdays: "9am-5pm"/,
		);
	});
});
