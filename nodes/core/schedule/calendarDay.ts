import { DateTime } from 'luxon';

/**
 * A calendar date with the facts the search asks of it again and again. Dates are keyed by
 * their midnight as UTC epoch milliseconds; the facts come from luxon once and are then
 * remembered, because every lead scheduled in a run walks the same few days.
 */
export interface CalendarDay {
	/** Midnight of this date read as if UTC; also the date's wall-clock midnight in any zone. */
	readonly midnight: number;
	/** 1 = Monday … 7 = Sunday. */
	readonly weekday: number;
	/** "YYYY-MM-DD". */
	readonly isoDate: string;
	/** Midnight of the following date. */
	readonly nextMidnight: number;
}

const MAX_REMEMBERED_DAYS = 20_000;
const days = new Map<number, CalendarDay>();

export function calendarDay(midnight: number): CalendarDay {
	let day = days.get(midnight);
	if (!day) {
		const date = DateTime.fromMillis(midnight, { zone: 'utc' });
		day = {
			midnight,
			weekday: date.weekday,
			isoDate: date.toISODate() as string,
			nextMidnight: date.plus({ days: 1 }).toMillis(),
		};
		if (days.size >= MAX_REMEMBERED_DAYS) days.clear();
		days.set(midnight, day);
	}
	return day;
}

/** The calendar date that contains this instant when the instant is read as UTC. */
export function utcCalendarDay(instant: number): CalendarDay {
	return calendarDay(DateTime.fromMillis(instant, { zone: 'utc' }).startOf('day').toMillis());
}
