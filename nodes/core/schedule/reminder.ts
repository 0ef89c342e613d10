import { MINUTE_MS } from './wallClockRanges';

/** How long before a scheduled callback the reminder goes out. */
export const REMINDER_BEFORE_MINUTES = 15;
/** A callback closer than this gets no reminder: the booking confirmation is reminder enough. */
export const REMINDER_MIN_NOTICE_MINUTES = 30;

/** When to remind the lead of a scheduled callback, or null when it is too soon for one. */
export function reminderAt(callbackAt: number, now: number): number | null {
	if (callbackAt - now < REMINDER_MIN_NOTICE_MINUTES * MINUTE_MS) return null;
	return callbackAt - REMINDER_BEFORE_MINUTES * MINUTE_MS;
}
