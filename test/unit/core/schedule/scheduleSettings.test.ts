import { ScheduleSettingsError } from '../../../../nodes/core/schedule/errors';
import { parseScheduleSettings, ScheduleSettingsText } from '../../../../nodes/core/schedule/scheduleSettings';

const minimal: ScheduleSettingsText = {
	businessTimezone: 'america/new_york',
	openingHours: { weekdays: '09:00-18:00' },
	attemptDelays: '0, 2, 30',
};

describe('parseScheduleSettings', () => {
	it('fills in the defaults a user leaves out', () => {
		const settings = parseScheduleSettings(minimal);
		expect(settings.businessZone).toBe('America/New_York');
		expect(settings.unknownLeadTimezone).toBe('doNotCall');
		expect(settings.giveUpAfterDays).toBe(14);
		expect(settings.attemptPlan).toEqual({ delaysMinutes: [0, 2, 30], maxAttempts: 3 });
		expect(settings.callingWindow[0]).toEqual([{ start: 480, end: 1260 }]);
		expect(settings.openingHours[6]).toEqual([]);
	});

	it.each<[Partial<ScheduleSettingsText>, string]>([
		[{ businessTimezone: 'Eastern' }, 'Business timezone "Eastern" is not an IANA timezone'],
		[
			{ openingHours: { weekdays: '09:00-18:00', overrides: { saturday: '9:00-7:00' } } },
			'Opening hours for Saturday: "9:00-7:00" ends before it starts',
		],
		[{ attemptDelays: '0, 2, soon' }, 'Attempt delays: "soon"'],
		[{ maxAttempts: 0 }, 'Maximum attempts: "0"'],
		[{ closures: '2026-13-01' }, 'Closure "2026-13-01"'],
		[{ callingWindow: { weekends: '07:00-12:00' } }, 'calling window for Saturday'],
		[{ giveUpAfterDays: 0 }, 'Give up after: "0"'],
		[{ unknownLeadTimezone: 'guess' as never }, '"guess" is not an option'],
	])('rejects %j with a message naming the setting', (change, message) => {
		expect(() => parseScheduleSettings({ ...minimal, ...change })).toThrow(ScheduleSettingsError);
		expect(() => parseScheduleSettings({ ...minimal, ...change })).toThrow(message);
	});
});
