import { DateTime } from 'luxon';
import { isClosedOn } from './closures';
import { isInsideLeadWindow } from './leadWindow';
import { SchedulingRules } from './nextValidInstant';
import { isWithinRanges } from './timeRanges';
import { rangesOn } from './weeklyHours';

/**
 * Why the lead may not be called at this instant, in words for the user ("outside opening
 * hours"), or null when the call is allowed. Read from the wall clocks directly, so it is an
 * independent statement of the same rules `nextValidInstant` searches.
 */
export function whyNotCallable(instant: number, rules: SchedulingRules): string | null {
	const business = DateTime.fromMillis(instant, { zone: rules.businessZone });
	const businessDate = business.toISODate() as string;
	if (isClosedOn(rules.closures, businessDate)) return `closed on ${businessDate}`;
	if (!isWithinRanges(rangesOn(rules.openingHours, business.weekday), business.hour * 60 + business.minute)) {
		return 'outside opening hours';
	}
	if (!isInsideLeadWindow(instant, rules.leadZone, rules.callingWindow)) return "outside the lead's calling hours";
	return null;
}
