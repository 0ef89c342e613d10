import { DateTime } from 'luxon';

import { leadLocalTimeText } from '../schedule/leadLocalTime';
import { SmsTextError } from './errors';

const MINUTE_MS = 60_000;

/**
 * The callback time from the item (ISO 8601), or null when the item has none (an ASAP request
 * not yet scheduled). A time without an offset is read on the lead's clock, as the lead picked it.
 */
export function parseCallbackTime(value: string | null | undefined, leadZone: string): number | null {
	if (value === undefined || value === null || value.trim() === '') return null;
	const instant = DateTime.fromISO(value.trim(), { zone: leadZone }).toMillis();
	if (!Number.isFinite(instant)) {
		throw new SmsTextError(`The callback time "${value}" is not a date and time; use ISO 8601, e.g. "2026-11-23T15:00:00-05:00"`);
	}
	return instant;
}

/** `{{scheduled-time}}`: "Mon 23 Nov, 9:00 AM EST", on the lead's clock. */
export function scheduledTimeText(instant: number | null, leadZone: string): string {
	if (instant === null) {
		throw new SmsTextError(
			'{{scheduled-time}} needs the callback time, but the item has none (no callback.attemptAt or preferredTime). Schedule the attempt first, or use {{ecbt}}, which says "shortly" when no time is set.',
		);
	}
	return leadLocalTimeText(instant, leadZone);
}

/**
 * `{{ecbt}}`, the expected callback time, as one would say it to the lead: "in a few minutes",
 * "in about 20 minutes", "today at 3:30 PM EDT", "tomorrow at 9:00 AM EST", "on Mon 23 Nov at
 * 9:00 AM EST"; "shortly" when no time is set yet. A time the lead booked is always said on
 * the clock, as booked ("today at 3:15 PM EST", never "in about 45 minutes"). It reads after
 * "We will call you".
 */
export function expectedCallbackTimeText(instant: number | null, now: number, leadZone: string, booked = false): string {
	if (instant === null) return 'shortly';
	const minutes = Math.ceil((instant - now) / MINUTE_MS);
	if (!booked && minutes <= 5) return 'in a few minutes';
	if (!booked && minutes <= 60) return `in about ${Math.ceil(minutes / 5) * 5} minutes`;
	const at = DateTime.fromMillis(instant, { zone: leadZone, locale: 'en-US' });
	const today = DateTime.fromMillis(now, { zone: leadZone }).startOf('day');
	const time = at.toFormat('h:mm a ZZZZ');
	const days = Math.round(at.startOf('day').diff(today, 'days').days);
	if (days === 0) return `today at ${time}`;
	if (days === 1) return `tomorrow at ${time}`;
	return `on ${at.toFormat('ccc d LLL')} at ${time}`;
}
