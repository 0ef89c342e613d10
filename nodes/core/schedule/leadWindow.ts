import { DateTime } from 'luxon';

import { NO_CLOSURES } from './closures';
import { leadLocalTimeText } from './leadLocalTime';
import { leadTimezone, type LeadTimezoneSource, type UnknownLeadTimezone } from './leadTimezone';
import { nextValidInstant } from './nextValidInstant';
import { isWithinRanges } from './timeRanges';
import { parseWeeklyHours, rangesOn, type WeeklyHours } from './weeklyHours';

/**
 * The one check of the lead's own clock: every node that calls or texts a lead, and Schedule
 * Attempt when it picks a time, asks it. The window is a calling window (see
 * `parseCallingWindow`: 08:00-21:00 lead-local unless the user narrowed it), checked to the
 * minute: 20:59:59 is inside, 21:00:00 is not.
 */
export function isInsideLeadWindow(instant: number, leadZone: string, window: WeeklyHours): boolean {
	const local = DateTime.fromMillis(instant, { zone: leadZone });
	return isWithinRanges(rangesOn(window, local.weekday), local.hour * 60 + local.minute);
}

/** The business hours do not matter to the lead's window: the search treats the business as always open. */
const ALWAYS_OPEN = parseWeeklyHours({ weekdays: '00:00-24:00', weekends: '00:00-24:00' }, 'Always open');

/** How far ahead to look for the window to open; any window that opens at all opens within a week. */
const SEARCH_DAYS = 8;
const DAY_MS = 24 * 60 * 60_000;

/** What the node is about to do, for the words of the reason. */
export type LeadContact = 'calling' | 'texting';

export type LeadWindowCheck =
	| { readonly allowed: true }
	| {
			readonly allowed: false;
			/** When the window next opens (epoch ms), or null when it never does (closed every day). */
			readonly opensAt: number | null;
			/** In words for the user, e.g. "21:40 Tue for the lead (America/New_York) is outside the calling window; it opens …". */
			readonly reason: string;
	  };

/** Whether the lead may be called or texted at `now` on their clock in `leadZone`, and if not, when. */
export function checkLeadWindow(now: number, leadZone: string, window: WeeklyHours, contact: LeadContact = 'calling'): LeadWindowCheck {
	if (isInsideLeadWindow(now, leadZone, window)) return { allowed: true };
	const opensAt = nextValidInstant(now, { businessZone: leadZone, openingHours: ALWAYS_OPEN, closures: NO_CLOSURES, leadZone, callingWindow: window }, now + SEARCH_DAYS * DAY_MS);
	const clock = `${DateTime.fromMillis(now, { zone: leadZone }).toFormat('HH:mm ccc')} for the lead (${leadZone})`;
	return {
		allowed: false,
		opensAt,
		reason:
			opensAt === null
				? `${clock} is outside the ${contact} window, which never opens`
				: `${clock} is outside the ${contact} window; it opens ${leadLocalTimeText(opensAt, leadZone)}`,
	};
}

/** The user's rules for the lead's window, as Schedule Attempt and every calling or texting node take them. */
export interface LeadWindowRules {
	readonly window: WeeklyHours;
	readonly unknownLeadTimezone: UnknownLeadTimezone;
	/** IANA zone used as the lead's when theirs cannot be told and the rule above says so. */
	readonly businessTimezone: string;
}

export interface LeadWindowRequest {
	readonly now: number;
	/** The zone the item gives for the lead, if any. */
	readonly itemTimezone?: string | null;
	/** The number about to be called or texted (E.164): it tells the zone when the item does not. */
	readonly phoneE164?: string | null;
	readonly rules: LeadWindowRules;
	readonly contact?: LeadContact;
}

/** Why a lead was not called or texted now. */
export type LeadWindowRefusal = 'outside-calling-window' | 'timezone-unknown';

export type LeadWindowDecision =
	| { readonly allowed: true; readonly leadZone: string; readonly zoneSource: LeadTimezoneSource }
	| { readonly allowed: false; readonly reason: 'outside-calling-window'; readonly leadZone: string; readonly opensAt: number | null; readonly reasonText: string }
	| { readonly allowed: false; readonly reason: 'timezone-unknown'; readonly leadZone: null; readonly opensAt: null; readonly reasonText: string };

/**
 * Whether the lead may be called (or texted) now: their zone from the item, else from the
 * number, else the user's fallback; an unknown zone never means "any time".
 */
export function decideLeadWindow(request: LeadWindowRequest): LeadWindowDecision {
	const contact = request.contact ?? 'calling';
	const zone = leadTimezone({
		itemTimezone: request.itemTimezone ?? null,
		phoneE164: request.phoneE164 ?? null,
		fallback: request.rules.unknownLeadTimezone,
		businessTimezone: request.rules.businessTimezone,
	});
	if (zone.zone === null) {
		const verb = contact === 'calling' ? 'call' : 'text';
		return {
			allowed: false,
			reason: 'timezone-unknown',
			leadZone: null,
			opensAt: null,
			reasonText: `The lead's timezone cannot be told (no timezone on the item, and the phone number does not tell it), so it is unknown whether it is legal to ${verb} now.`,
		};
	}
	const check = checkLeadWindow(request.now, zone.zone, request.rules.window, contact);
	if (check.allowed) return { allowed: true, leadZone: zone.zone, zoneSource: zone.source };
	return { allowed: false, reason: 'outside-calling-window', leadZone: zone.zone, opensAt: check.opensAt, reasonText: check.reason };
}
