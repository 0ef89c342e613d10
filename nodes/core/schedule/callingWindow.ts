import { ScheduleSettingsError } from './errors';
import { formatTimeRange, TimeRange } from './timeRanges';
import { DayOverrides, parseWeeklyHours, WEEKDAY_NAMES, Weekday, WeeklyHours } from './weeklyHours';

/**
 * The widest window in which a lead may be called, in the lead's local time. It follows the
 * common US rule (no calls before 8 am or after 9 pm where the lead is); users can only
 * narrow it, never widen it.
 */
export const LEGAL_CALLING_WINDOW: TimeRange = { start: 8 * 60, end: 21 * 60 };
const LEGAL_TEXT = formatTimeRange(LEGAL_CALLING_WINDOW);

/** The hours at which leads may be called, in the lead's local time. */
export interface CallingWindowText {
	/** Monday to Friday; 08:00-21:00 when left out. */
	readonly weekdays?: string;
	/** Saturday and Sunday; 08:00-21:00 when left out. */
	readonly weekends?: string;
	/** Days that differ, e.g. { sunday: "closed" } where Sunday calls are not allowed. */
	readonly overrides?: DayOverrides;
}

export function parseCallingWindow(text: CallingWindowText = {}): WeeklyHours {
	const week = parseWeeklyHours(
		{
			weekdays: blankToDefault(text.weekdays),
			weekends: blankToDefault(text.weekends),
			overrides: text.overrides,
		},
		"The lead's calling window",
	);
	week.forEach((ranges, index) => {
		for (const range of ranges) {
			if (range.start < LEGAL_CALLING_WINDOW.start || range.end > LEGAL_CALLING_WINDOW.end) {
				const day = WEEKDAY_NAMES[(index + 1) as Weekday];
				throw new ScheduleSettingsError(
					`The lead's calling window for ${day}: "${formatTimeRange(range)}" is outside ${LEGAL_TEXT}; ` +
						`leads may only be called between ${LEGAL_TEXT} their local time, so choose a range inside it`,
				);
			}
		}
	});
	return week;
}

function blankToDefault(text: string | undefined): string {
	return text === undefined || text.trim() === '' ? LEGAL_TEXT : text;
}
