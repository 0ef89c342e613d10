import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Twilio's v2010 API writes dates as RFC 2822 in UTC: `Thu, 24 Aug 2023 05:01:45 +0000`. */
export function rfc2822(date: Date): string {
	return date.toUTCString().replace(/GMT$/, '+0000');
}

export const RFC2822_PATTERN = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * A number Twilio would route: E.164 syntax and a valid number for its country. Twilio answers
 * 21211 for numbers that are well formed but cannot exist (e.g. the 555 area code), so the
 * sandbox checks validity too, with the same metadata the package uses for leads.
 */
export function isRoutablePhoneNumber(value: string): boolean {
	return E164.test(value) && isValidPhoneNumber(value);
}

/** `(415) 867-5309` for North American numbers, as in `to_formatted`; E.164 otherwise. */
export function formattedPhoneNumber(value: string): string {
	const parsed = parsePhoneNumberFromString(value);
	if (parsed === undefined) return value;
	return parsed.countryCallingCode === '1' ? parsed.formatNational() : parsed.number;
}

/** ISO country of a number, or '' when unknown (Twilio sends empty geo fields then). */
export function phoneCountry(value: string): string {
	return parsePhoneNumberFromString(value)?.country ?? '';
}

/**
 * The geographic fields Twilio adds to voice and messaging webhooks for one party (`From`,
 * `To`, `Caller`, `Called`). Only the country is known offline; city, state and zip stay empty
 * as Twilio leaves them when its lookup has nothing.
 */
export function geoParameters(prefix: string, number: string): Record<string, string> {
	return {
		[`${prefix}City`]: '',
		[`${prefix}State`]: '',
		[`${prefix}Zip`]: '',
		[`${prefix}Country`]: phoneCountry(number),
	};
}
