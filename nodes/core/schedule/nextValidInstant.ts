import { IANAZone } from 'luxon';
import { calendarDay, CalendarDay, utcCalendarDay } from './calendarDay';
import { Closures, isClosedOn } from './closures';
import { TimeRange } from './timeRanges';
import { DAY_MS, MINUTE_MS, MOST_AHEAD_MS, MOST_BEHIND_MS, openInstantsOn } from './wallClockRanges';
import { rangesOn, WeeklyHours } from './weeklyHours';

/** Everything that decides whether a lead may be called at a given instant. */
export interface SchedulingRules {
	readonly businessZone: string;
	/** Business-local wall time. */
	readonly openingHours: WeeklyHours;
	/** Business-local dates. */
	readonly closures: Closures;
	readonly leadZone: string;
	/** Lead-local wall time. */
	readonly callingWindow: WeeklyHours;
}

export function ceilToMinute(instant: number): number {
	return Math.ceil(instant / MINUTE_MS) * MINUTE_MS;
}

/**
 * The earliest whole minute t with from <= t < until at which the business is open (its
 * opening hours, not on a closure date) and the lead's calling window is open, or null when
 * there is none.
 *
 * It walks business days in order and, inside each opening range, the lead's calling-window
 * ranges, jumping from boundary to boundary instead of testing minutes. Walking days in order
 * finds the earliest instant because a zone's wall-clock date never goes backwards (checked
 * against the tz data for every zone since 2011).
 */
export function nextValidInstant(from: number, rules: SchedulingRules, until: number): number | null {
	const start = ceilToMinute(from);
	if (start >= until) return null;

	const businessZone = IANAZone.create(rules.businessZone);
	const leadZone = IANAZone.create(rules.leadZone);
	for (const day of daysThatMayCover(start, until)) {
		const hours = openingRangesOn(rules, day);
		for (const open of openInstantsOn(businessZone, day, hours)) {
			const openFrom = Math.max(open.start, start);
			const openTo = Math.min(open.end, until);
			if (openFrom >= openTo) continue;
			const hit = firstCallableMinute(leadZone, rules.callingWindow, openFrom, openTo);
			if (hit !== null) return hit;
		}
	}
	return null;
}

export function openingRangesOn(rules: SchedulingRules, day: CalendarDay): readonly TimeRange[] {
	const hours = rangesOn(rules.openingHours, day.weekday);
	if (hours.length === 0) return hours;
	return isClosedOn(rules.closures, day.isoDate) ? [] : hours;
}

/** First instant in [from, to) inside the lead's calling window; both ends whole minutes. */
function firstCallableMinute(zone: IANAZone, window: WeeklyHours, from: number, to: number): number | null {
	for (const day of daysThatMayCover(from, to)) {
		for (const range of openInstantsOn(zone, day, rangesOn(window, day.weekday))) {
			if (range.end > from && range.start < to) return Math.max(range.start, from);
		}
	}
	return null;
}

/**
 * In order, every calendar date whose wall-clock day in some zone can overlap [from, to). A
 * date's wall-clock day lies between its midnight minus the largest offset and the next
 * midnight minus the smallest, so this needs no offset look-up; the few extra dates at the
 * edges give ranges outside [from, to) that callers skip.
 */
export function* daysThatMayCover(from: number, to: number): Generator<CalendarDay> {
	for (
		let day = utcCalendarDay(from - DAY_MS + MOST_BEHIND_MS);
		day.midnight - MOST_AHEAD_MS < to;
		day = calendarDay(day.nextMidnight)
	) {
		yield day;
	}
}
