import { ScheduleSettingsError } from './errors';
import { parseTimeRanges, TimeRange } from './timeRanges';

/** ISO weekday as luxon numbers it: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
	1: 'Monday',
	2: 'Tuesday',
	3: 'Wednesday',
	4: 'Thursday',
	5: 'Friday',
	6: 'Saturday',
	7: 'Sunday',
};

/** Ranges for each weekday; index 0 is Monday, 6 is Sunday. */
export type WeeklyHours = readonly (readonly TimeRange[])[];

/** A per-day replacement, keyed by day name ("friday", "Fri"); empty text means no override. */
export type DayOverrides = Readonly<Record<string, string | null | undefined>>;

export interface WeeklyHoursText {
	/** Monday to Friday. */
	readonly weekdays: string;
	/** Saturday and Sunday. */
	readonly weekends: string;
	readonly overrides?: DayOverrides;
}

/**
 * Builds a week from a weekday text, a weekend text and per-day overrides. `what` names the
 * setting in errors: "Opening hours" gives "Opening hours for Friday: …".
 */
export function parseWeeklyHours(text: WeeklyHoursText, what: string): WeeklyHours {
	const weekdays = parseTimeRanges(text.weekdays, `${what} for weekdays`);
	const weekends = parseTimeRanges(text.weekends, `${what} for weekends`);
	const week: TimeRange[][] = [1, 2, 3, 4, 5, 6, 7].map((day) => (day <= 5 ? weekdays : weekends));

	for (const [key, value] of Object.entries(text.overrides ?? {})) {
		if (value === undefined || value === null || value.trim() === '') continue;
		const day = weekdayFromName(key);
		if (day === null) {
			throw new ScheduleSettingsError(`${what}: "${key}" is not a day of the week (use Monday, Tuesday, … Sunday)`);
		}
		week[day - 1] = parseTimeRanges(value, `${what} for ${WEEKDAY_NAMES[day]}`);
	}
	return week;
}

export function rangesOn(week: WeeklyHours, weekday: number): readonly TimeRange[] {
	return week[weekday - 1];
}

export function weekdayFromName(name: string): Weekday | null {
	const wanted = name.trim().toLowerCase();
	if (wanted.length < 3) return null;
	for (const [day, dayName] of Object.entries(WEEKDAY_NAMES)) {
		if (dayName.toLowerCase().startsWith(wanted)) return Number(day) as Weekday;
	}
	return null;
}
