import { DayOverrides, parseWeeklyHours, WeeklyHours } from './weeklyHours';

/** The business's opening hours as the user enters them, in business-local wall time. */
export interface OpeningHoursText {
	/** Monday to Friday, e.g. "09:00-12:00, 13:00-18:00", or "closed". */
	readonly weekdays: string;
	/** Saturday and Sunday; closed when left out. */
	readonly weekends?: string;
	/** Days that differ, e.g. { friday: "09:00-15:00", saturday: "10:00-14:00" }. */
	readonly overrides?: DayOverrides;
}

export function parseOpeningHours(text: OpeningHoursText): WeeklyHours {
	return parseWeeklyHours(
		{ weekdays: text.weekdays, weekends: text.weekends ?? 'closed', overrides: text.overrides },
		'Opening hours',
	);
}
