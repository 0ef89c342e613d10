import { DateTime } from 'luxon';

import { NO_CLOSURES } from '../schedule/closures';
import { leadLocalTimeText } from '../schedule/leadLocalTime';
import { nextValidInstant } from '../schedule/nextValidInstant';
import { isWithinRanges } from '../schedule/timeRanges';
import { parseWeeklyHours, rangesOn, type WeeklyHours } from '../schedule/weeklyHours';

/**
 * Texts follow the same rule as calls: only inside the lead's calling window, on the lead's own
 * clock (08:00-21:00 unless the user narrowed it, see `parseCallingWindow`). The business's
 * opening hours do not matter for a text, so the search treats the business as always open.
 */
const ALWAYS_OPEN = parseWeeklyHours({ weekdays: '00:00-24:00', weekends: '00:00-24:00' }, 'Always open');

/** How far ahead to look for the window to open; any calling window opens within a week. */
const SEARCH_DAYS = 8;
const DAY_MS = 24 * 60 * 60_000;

export type SmsWindowCheck =
	| { readonly allowed: true }
	| {
			readonly allowed: false;
			/** When the window next opens (epoch ms), or null when it never does (a window closed every day). */
			readonly opensAt: number | null;
			/** In words for the user, e.g. "21:40 Tue for the lead (America/New_York) is outside 08:00-21:00". */
			readonly reason: string;
	  };

/** Whether a text may go to the lead now, and if not, when it may. */
export function checkSmsWindow(now: number, leadZone: string, window: WeeklyHours): SmsWindowCheck {
	const local = DateTime.fromMillis(now, { zone: leadZone });
	if (isWithinRanges(rangesOn(window, local.weekday), local.hour * 60 + local.minute)) return { allowed: true };
	const opensAt = nextValidInstant(now, { businessZone: leadZone, openingHours: ALWAYS_OPEN, closures: NO_CLOSURES, leadZone, callingWindow: window }, now + SEARCH_DAYS * DAY_MS);
	const clock = `${local.toFormat('HH:mm ccc')} for the lead (${leadZone})`;
	return {
		allowed: false,
		opensAt,
		reason:
			opensAt === null
				? `${clock} is outside the texting window, which never opens`
				: `${clock} is outside the texting window; it opens ${leadLocalTimeText(opensAt, leadZone)}`,
	};
}
