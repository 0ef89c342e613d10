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

/** Why a reminder is not sent now. */
export type ReminderRefusal = 'no-reminder-due' | 'reminder-not-yet-due' | 'call-already-due';

export type ReminderCheck = { readonly send: true } | { readonly send: false; readonly reason: ReminderRefusal; readonly reasonText: string };

/** A reminder that arrives this much early (a wait released a little ahead) still goes. */
const EARLY_TOLERANCE_MS = 60_000;

/**
 * Whether the reminder of a scheduled callback goes out at `now`: only when the callback has one
 * (booked at least REMINDER_MIN_NOTICE_MINUTES ahead), only once it is due, and never once the
 * call itself is due (a reminder after the call would only confuse).
 */
export function checkReminder(reminderAt: number | null, callbackAt: number | null, now: number): ReminderCheck {
	if (reminderAt === null) {
		return {
			send: false,
			reason: 'no-reminder-due',
			reasonText: `No reminder is due: the callback is not scheduled, or was booked less than ${REMINDER_MIN_NOTICE_MINUTES} minutes ahead (the confirmation says the time).`,
		};
	}
	if (callbackAt !== null && now >= callbackAt) {
		return { send: false, reason: 'call-already-due', reasonText: 'Not reminded: the call itself is due now.' };
	}
	if (now < reminderAt - EARLY_TOLERANCE_MS) {
		return {
			send: false,
			reason: 'reminder-not-yet-due',
			reasonText: `The reminder is due at ${new Date(reminderAt).toISOString()}; put a Schedule Attempt set to "Wait Until the Reminder Time" before this node.`,
		};
	}
	return { send: true };
}
