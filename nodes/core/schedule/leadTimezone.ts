import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { timezoneForAreaCode } from './areaCodeTimezones';
import { COUNTRY_TIMEZONES } from './countryTimezones';
import { canonicalZoneName } from './ianaZone';

export type LeadTimezoneSource = 'item' | 'phone-country' | 'area-code' | 'business-fallback';

/** What to do with a lead whose timezone cannot be told. */
export type UnknownLeadTimezone = 'businessTimezone' | 'doNotCall';

export type LeadTimezone =
	{ readonly zone: string; readonly source: LeadTimezoneSource } | { readonly zone: null; readonly reason: string };

export const LEAD_TIMEZONE_UNKNOWN = 'lead timezone unknown';

export interface LeadTimezoneInput {
	/** The IANA zone the form reported for the lead, if any. */
	readonly itemTimezone?: string | null;
	/** The lead's phone number in E.164 form ("+12125550123"). */
	readonly phoneE164?: string | null;
	readonly fallback: UnknownLeadTimezone;
	readonly businessTimezone: string;
}

/** Chatham Islands numbers (+64 3 305 …) keep their own clock, 45 minutes ahead of Auckland. */
const CHATHAM_NATIONAL_PREFIX = '3305';

/**
 * Where the lead is, clock-wise: the zone the form reported, else one told by the phone
 * number, else the user's fallback. Unknown never means "any time": with the "do not call"
 * fallback the answer has no zone and the lead must not be called.
 */
export function leadTimezone(input: LeadTimezoneInput): LeadTimezone {
	const fromItem = canonicalZoneName(input.itemTimezone);
	if (fromItem) return { zone: fromItem, source: 'item' };

	const fromPhone = timezoneFromPhone(input.phoneE164);
	if (fromPhone) return fromPhone;

	if (input.fallback === 'businessTimezone') {
		const business = canonicalZoneName(input.businessTimezone);
		if (business) return { zone: business, source: 'business-fallback' };
	}
	return { zone: null, reason: LEAD_TIMEZONE_UNKNOWN };
}

/** A North American number in E.164 form: "+1", then the 3-digit area code and 7 digits. */
const NANP_E164 = /^\+1(\d{3})\d{7}$/;

function timezoneFromPhone(phoneE164: string | null | undefined): { zone: string; source: LeadTimezoneSource } | null {
	if (typeof phoneE164 !== 'string' || phoneE164.trim() === '') return null;
	// Most leads: the area code of an E.164 North American number names the zone without a full
	// parse (the same digits the parse below would read).
	const nanp = NANP_E164.exec(phoneE164.trim());
	const areaCodeZone = nanp === null ? undefined : timezoneForAreaCode(nanp[1]);
	if (areaCodeZone) return { zone: areaCodeZone, source: 'area-code' };
	const phone = parsePhoneNumberFromString(phoneE164.trim());
	if (!phone) return null;

	if (phone.countryCallingCode === '1') {
		// The area code is read even when the library cannot name the country (new overlay
		// codes reach the table before they reach its metadata).
		const zone = timezoneForAreaCode(phone.nationalNumber.slice(0, 3));
		if (zone) return { zone, source: 'area-code' };
	}
	if (phone.country === 'NZ' && phone.nationalNumber.startsWith(CHATHAM_NATIONAL_PREFIX)) {
		return { zone: 'Pacific/Chatham', source: 'area-code' };
	}
	const zone = phone.country ? COUNTRY_TIMEZONES[phone.country] : undefined;
	return zone ? { zone, source: 'phone-country' } : null;
}
