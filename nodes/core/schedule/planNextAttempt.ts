import { DateTime, Duration } from 'luxon';
import { attemptsMadeFromItem, delayBeforeAttempt } from './attemptPlan';
import { whyNotCallable } from './callability';
import { LeadItemError } from './errors';
import { leadLocalTimeText } from './leadLocalTime';
import { leadTimezone, LeadTimezoneSource } from './leadTimezone';
import { ceilToMinute, nextValidInstant, SchedulingRules } from './nextValidInstant';
import { reminderAt } from './reminder';
import { ScheduleSettings } from './scheduleSettings';
import { MINUTE_MS } from './wallClockRanges';
import { parseWeeklyHours } from './weeklyHours';

export type AttemptPlanResult =
	| {
			readonly kind: 'attempt';
			/** 1-based number of the attempt being scheduled. */
			readonly attempt: number;
			/** ISO 8601 with the business's UTC offset. */
			readonly attemptAt: string;
			/** "Mon 23 Nov, 9:00 AM EST", on the lead's clock. */
			readonly attemptAtLeadLocal: string;
			readonly leadTimezone: { readonly zone: string; readonly source: LeadTimezoneSource };
			/** True when a scheduled callback could not keep the lead's preferred time. */
			readonly moved: boolean;
			readonly movedReason?: string;
			/** ISO 8601 with the business's offset; only for scheduled callbacks far enough ahead. */
			readonly reminderAt?: string;
	  }
	| { readonly kind: 'noAttemptsLeft'; readonly attemptsMade: number; readonly maxAttempts: number }
	| { readonly kind: 'noValidTime'; readonly reason: string };

/** One lead item's view of the scheduling problem. */
export interface NextAttemptRequest {
	readonly settings: ScheduleSettings;
	readonly now: DateTime | Date | number | string;
	/** `callback.attempt`: the number of the attempt just made; 0 or absent when none yet. */
	readonly attemptsMade?: unknown;
	/** The lead's IANA zone as the form reported it. */
	readonly leadTimezone?: string | null;
	/** The lead's phone number in E.164 form. */
	readonly leadPhone?: string | null;
	/**
	 * The time the lead asked to be called, ISO 8601. Without an offset it is read on the
	 * lead's clock, since that is the clock the lead picked it on.
	 */
	readonly preferredTime?: string | null;
}

const ALL_DAY = parseWeeklyHours({ weekdays: '00:00-24:00', weekends: '00:00-24:00' }, 'All day');

/**
 * Decides when the next call attempt for a lead happens: the attempt number and its delay from
 * the plan, the lead's timezone, and the earliest instant inside opening hours, off closure
 * dates and inside the lead's calling window, within the give-up horizon.
 *
 * A preferred time counts while it is still ahead, and on the first attempt even when it has
 * passed (then the call is moved, "in the past"); a retry after a passed preferred time is a
 * plain retry.
 */
export function planNextAttempt(request: NextAttemptRequest): AttemptPlanResult {
	const { settings } = request;
	const attemptsMade = attemptsMadeFromItem(request.attemptsMade);
	const attempt = attemptsMade + 1;
	const { maxAttempts } = settings.attemptPlan;
	if (attempt > maxAttempts) return { kind: 'noAttemptsLeft', attemptsMade, maxAttempts };

	const lead = leadTimezone({
		itemTimezone: request.leadTimezone,
		phoneE164: request.leadPhone,
		fallback: settings.unknownLeadTimezone,
		businessTimezone: settings.businessZone,
	});
	if (lead.zone === null) return { kind: 'noValidTime', reason: lead.reason };

	const rules: SchedulingRules = {
		businessZone: settings.businessZone,
		openingHours: settings.openingHours,
		closures: settings.closures,
		leadZone: lead.zone,
		callingWindow: settings.callingWindow,
	};
	const now = instantFrom(request.now, 'now', lead.zone);
	const earliest = now + delayBeforeAttempt(settings.attemptPlan, attempt) * MINUTE_MS;

	const preferred = preferredInstant(request.preferredTime, lead.zone);
	const scheduled = preferred !== null && (preferred >= now || attemptsMade === 0);
	let searchFrom = earliest;
	let movedReason: string | null = null;
	if (scheduled) {
		if (preferred < now) {
			movedReason = 'in the past';
		} else {
			searchFrom = ceilToMinute(preferred);
			movedReason = whyNotCallable(searchFrom, rules);
		}
	}

	const until = searchFrom + Duration.fromObject({ days: settings.giveUpAfterDays }).toMillis();
	// Called at once when its own minute is callable, even when no later minute is (the last
	// open minute before a long closure).
	const callNow = !scheduled && attemptsMade === 0 && searchFrom === now && isCallableMinute(now, rules);
	const found = callNow ? now : nextValidInstant(searchFrom, rules, until);
	if (found === null) return { kind: 'noValidTime', reason: noValidTimeReason(searchFrom, rules, until, settings) };
	const at = found;

	const reminder = scheduled ? reminderAt(at, now) : null;
	return {
		kind: 'attempt',
		attempt,
		attemptAt: businessIso(at, rules.businessZone),
		attemptAtLeadLocal: leadLocalTimeText(at, lead.zone),
		leadTimezone: { zone: lead.zone, source: lead.source },
		moved: movedReason !== null,
		...(movedReason !== null ? { movedReason } : {}),
		...(reminder !== null ? { reminderAt: businessIso(reminder, rules.businessZone) } : {}),
	};
}

/**
 * Whether the minute holding `instant` is a time to call. Windows start and end on whole minutes,
 * so a new request asked for as soon as possible (no delay before the first attempt) is called
 * at once when its minute is callable, not held to the next whole minute: that wait would come
 * straight off the speed to lead. Later attempts and delayed first ones keep whole minutes.
 */
function isCallableMinute(instant: number, rules: SchedulingRules): boolean {
	const minute = Math.floor(instant / MINUTE_MS) * MINUTE_MS;
	return nextValidInstant(minute, rules, minute + MINUTE_MS) === minute;
}

function noValidTimeReason(from: number, rules: SchedulingRules, until: number, settings: ScheduleSettings): string {
	const days = `${settings.giveUpAfterDays} day${settings.giveUpAfterDays === 1 ? '' : 's'}`;
	const businessOpens = nextValidInstant(from, { ...rules, callingWindow: ALL_DAY }, until) !== null;
	if (!businessOpens) return `the business is closed for the next ${days} (opening hours and closures)`;
	return `opening hours never overlap the lead's calling hours (${rules.leadZone}) in the next ${days}`;
}

function businessIso(instant: number, businessZone: string): string {
	return DateTime.fromMillis(instant, { zone: businessZone }).toISO({ suppressMilliseconds: true }) as string;
}

function preferredInstant(value: string | null | undefined, leadZone: string): number | null {
	if (value === undefined || value === null || String(value).trim() === '') return null;
	return instantFrom(String(value), 'callback.preferredTime', leadZone);
}

function instantFrom(value: DateTime | Date | number | string, what: string, zoneWithoutOffset: string): number {
	let instant: number;
	if (DateTime.isDateTime(value)) instant = value.toMillis();
	else if (value instanceof Date) instant = value.getTime();
	else if (typeof value === 'number') instant = value;
	else instant = DateTime.fromISO(value.trim(), { zone: zoneWithoutOffset }).toMillis();
	if (!Number.isFinite(instant)) {
		throw new LeadItemError(
			`${what} ${JSON.stringify(String(value))} is not a date and time; use ISO 8601, e.g. "2026-11-23T15:00:00-05:00"`,
		);
	}
	return instant;
}
