import { parseCallingWindow } from '../../../../nodes/core/schedule/callingWindow';
import { ScheduleSettingsError } from '../../../../nodes/core/schedule/errors';

describe('parseCallingWindow', () => {
	it('defaults to 08:00-21:00 every day', () => {
		const week = parseCallingWindow();
		expect(week).toHaveLength(7);
		for (const day of week) expect(day).toEqual([{ start: 480, end: 1260 }]);
		expect(parseCallingWindow({ weekdays: ' ', weekends: '' })[6]).toEqual([{ start: 480, end: 1260 }]);
	});

	it('accepts stricter windows per weekday, weekend and day', () => {
		const week = parseCallingWindow({
			weekdays: '09:00-20:00',
			weekends: '10:00-18:00',
			overrides: { sunday: 'closed' },
		});
		expect(week[0]).toEqual([{ start: 540, end: 1200 }]);
		expect(week[5]).toEqual([{ start: 600, end: 1080 }]);
		expect(week[6]).toEqual([]);
	});

	it('refuses a window that reaches outside 08:00-21:00 lead-local time', () => {
		expect(() => parseCallingWindow({ weekdays: '07:30-20:00' })).toThrow(ScheduleSettingsError);
		expect(() => parseCallingWindow({ overrides: { saturday: '09:00-21:30' } })).toThrow(
			/calling window for Saturday: "09:00-21:30" is outside 08:00-21:00/,
		);
	});
});
