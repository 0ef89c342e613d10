import { DateTime } from 'luxon';

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The attempt time as the lead would read it on their own clock, for SMS and agent screens:
 * "Mon 23 Nov, 9:00 AM EST". Zones without a common abbreviation show the offset ("GMT+5:30").
 */
export function leadLocalTimeText(instant: number, leadZone: string): string {
	const local = DateTime.fromMillis(instant, { zone: leadZone, locale: 'en-US' });
	return `${local.toFormat('ccc d LLL, h:mm a')} ${zoneAbbreviation(instant, leadZone)}`;
}

/**
 * Same text as luxon's "ZZZZ" token, but with the runtime formatter kept per zone: luxon builds
 * a new one on every call, which costs more than the whole attempt search.
 */
export function zoneAbbreviation(instant: number, zone: string): string {
	let format = zoneNameFormats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
		zoneNameFormats.set(zone, format);
	}
	return format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? zone;
}
