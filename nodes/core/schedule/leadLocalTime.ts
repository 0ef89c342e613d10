import { partsOf, zoneFormatter } from './zoneFormatters';

/**
 * The attempt time as the lead would read it on their own clock, for SMS and agent screens:
 * "Mon 23 Nov, 9:00 AM EST". Zones without a common abbreviation show the offset ("GMT+5:30").
 * The same text as luxon's "ccc d LLL, h:mm a ZZZZ" in en-US, from one formatter call.
 */
export function leadLocalTimeText(instant: number, leadZone: string): string {
	const format = zoneFormatter('local time', leadZone, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12: true, timeZoneName: 'short' });
	const part = partsOf(format, instant);
	return `${part.weekday} ${part.day} ${part.month}, ${part.hour}:${part.minute} ${part.dayPeriod} ${part.timeZoneName ?? leadZone}`;
}

/** Same text as luxon's "ZZZZ" token: "EST", or "GMT+5:30" where the zone has no common abbreviation. */
export function zoneAbbreviation(instant: number, zone: string): string {
	return partsOf(zoneFormatter('zone name', zone, { timeZoneName: 'short' }), instant).timeZoneName ?? zone;
}
