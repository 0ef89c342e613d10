import type { PhoneNumber, PhoneNumberType } from 'libphonenumber-js/max';

// parseLeadPhoneNumber.ts imports this module too: use what it exports only inside functions.
import { countryList, MAX_EXTENSION_DIGITS, type PhoneNumberProblem } from './parseLeadPhoneNumber';

/**
 * Kinds of number the package never calls or texts, whoever typed them. Toll fraud through
 * public callback forms makes money by getting a business to call numbers like these.
 */
export type RefusedNumberKind = 'premium-rate' | 'shared-cost' | 'personal-number' | 'uan' | 'satellite' | 'international-freephone' | 'international-network';

/** Countries a lead may be called in until the user chooses others. */
export const DEFAULT_ALLOWED_COUNTRIES: readonly string[] = ['US', 'CA'];

/** Number types, as libphonenumber tells them inside a country, that are never called. */
const REFUSED_TYPES: Partial<Record<PhoneNumberType, RefusedNumberKind>> = {
	PREMIUM_RATE: 'premium-rate',
	SHARED_COST: 'shared-cost',
	PERSONAL_NUMBER: 'personal-number',
	UAN: 'uan',
};

/** Calling codes that belong to no country, by what they are. */
const NON_GEOGRAPHIC_KINDS: Record<string, RefusedNumberKind> = {
	'800': 'international-freephone',
	'808': 'shared-cost',
	'870': 'satellite',
	'878': 'international-network',
	'881': 'satellite',
	'882': 'international-network',
	'883': 'international-network',
	'888': 'uan',
	'979': 'premium-rate',
};

const REFUSED_TEXTS: Record<RefusedNumberKind, string> = {
	'premium-rate': 'a premium-rate number',
	'shared-cost': 'a shared-cost number',
	'personal-number': 'a UK-style personal number (070)',
	uan: 'a universal access number (UAN)',
	satellite: 'a satellite phone number',
	'international-freephone': 'an international freephone number (+800)',
	'international-network': 'an international network number (+878, +882 or +883)',
};

/**
 * Why a valid number must never be called or texted, or null when it may be. Every number
 * without a country (+800, +881, +979 …) is refused, even when every country is allowed.
 */
export function refusedNumberKind(phone: PhoneNumber): RefusedNumberKind | null {
	const type = phone.getType();
	const byType = type === undefined ? undefined : REFUSED_TYPES[type];
	if (phone.country === undefined) return NON_GEOGRAPHIC_KINDS[phone.countryCallingCode] ?? byType ?? 'international-network';
	return byType ?? null;
}

/** The kind in words for a user: "a satellite phone number". */
export function refusedNumberText(kind: RefusedNumberKind): string {
	return REFUSED_TEXTS[kind];
}

/**
 * What a node says when it will not call or text the number typed in a setting (`label`),
 * so the user knows what to fix: the number, the reason, and where to change the rule.
 */
export function describeRefusedNumber(
	label: string,
	typed: string,
	refusal: { problem: PhoneNumberProblem; country?: string; numberKind?: RefusedNumberKind },
	allowedCountries: string[],
): string {
	const number = `${label} "${typed}"`;
	switch (refusal.problem) {
		case 'empty':
			return `${label} is empty; give a phone number in E.164 form with + and the country code, e.g. +14155552671`;
		case 'countryNotAllowed': {
			const allowed = allowedCountries.map((code) => code.toUpperCase());
			const where = refusal.country ? `is in ${countryList([refusal.country.toUpperCase()])}, which is` : 'is';
			const list = allowed.length > 0 ? ` (${countryList(allowed)})` : '';
			return `${number} ${where} not among the allowed countries${list}; add it under Allowed Countries if you call there`;
		}
		case 'refusedNumberKind': {
			const kind = refusal.numberKind ? refusedNumberText(refusal.numberKind) : 'a kind of number';
			return `${number} is ${kind}, which is never called or texted: such numbers cost far more than a normal call and are how toll fraud makes money`;
		}
		case 'extensionTooLong':
			return `${number} has an extension of more than ${MAX_EXTENSION_DIGITS} digits; give at most ${MAX_EXTENSION_DIGITS}, e.g. +14155552671 x123`;
		case 'invalid':
			return `${number} is not a valid phone number; use E.164 form with + and the country code, e.g. +14155552671`;
	}
}
