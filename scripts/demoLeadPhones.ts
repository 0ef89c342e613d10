/**
 * The demo's lead phones: numbers in a few places around the world, so that at any hour one of
 * them is inside its own legal calling hours (08:00-21:00 where the lead is). The demo tells a
 * lead's clock from the number, never from the browser, so a person trying the demo at 5 AM
 * can still watch a callback happen: with a number where it is daytime now.
 */
import { DateTime } from 'luxon';

import { LEGAL_CALLING_WINDOW } from '../nodes/core/schedule/callingWindow';

export interface DemoLeadPhone {
	/** Where the number is, as a person says it. */
	place: string;
	/** The number as a person types it; its last digit picks what the phone does. */
	number: string;
	zone: string;
	country: string;
}

/** Numbers from ranges set aside for fiction where a country has one (555-01xx, 020 7946 0xxx, 01 99 00 xx xx). */
export const DEMO_LEAD_PHONES: readonly DemoLeadPhone[] = [
	{ place: 'New York', number: '+1 212 555 0161', zone: 'America/New_York', country: 'US' },
	{ place: 'Los Angeles', number: '+1 213 555 0161', zone: 'America/Los_Angeles', country: 'US' },
	{ place: 'Honolulu', number: '+1 808 555 0161', zone: 'Pacific/Honolulu', country: 'US' },
	{ place: 'London', number: '+44 20 7946 0161', zone: 'Europe/London', country: 'GB' },
	{ place: 'Paris', number: '+33 1 99 00 01 61', zone: 'Europe/Paris', country: 'FR' },
	{ place: 'Tokyo', number: '+81 3 1234 0161', zone: 'Asia/Tokyo', country: 'JP' },
];

/** The countries the demo's nodes accept, so every demo lead phone can be used. */
export const DEMO_COUNTRIES: readonly string[] = ['US', 'CA', 'GB', 'FR', 'JP'];

/** Minutes into its own day at which a lead may no longer be called now. */
function minutesOfDay(time: DateTime): number {
	return time.hour * 60 + time.minute;
}

/** Whether a lead at this phone may be called at `now` (with a margin, so the call is still legal when it comes). */
export function callableNow(phone: DemoLeadPhone, now: Date, marginMinutes = 10): boolean {
	const local = minutesOfDay(DateTime.fromJSDate(now).setZone(phone.zone));
	return local >= LEGAL_CALLING_WINDOW.start && local + marginMinutes < LEGAL_CALLING_WINDOW.end;
}

/** The demo lead phones that may be called now, each with its local time. */
export function callableDemoPhones(now: Date): Array<DemoLeadPhone & { localTime: string }> {
	return DEMO_LEAD_PHONES.filter((phone) => callableNow(phone, now)).map((phone) => ({
		...phone,
		localTime: DateTime.fromJSDate(now).setZone(phone.zone).toFormat('h:mm a'),
	}));
}
