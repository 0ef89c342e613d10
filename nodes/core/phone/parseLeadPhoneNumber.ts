import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

import { refusedNumberKind, type RefusedNumberKind } from './numberPolicy';

export type PhoneNumberProblem = 'empty' | 'invalid' | 'countryNotAllowed' | 'refusedNumberKind' | 'extensionTooLong';

export type LeadPhoneNumber =
	| {
			ok: true;
			e164: string;
			country: string;
			nationalFormat: string;
			/** Digits of the extension typed after the number (`x123`, `ext. 45`, `#9`); null without one. */
			extension: string | null;
	  }
	| {
			ok: false;
			problem: PhoneNumberProblem;
			message: string;
			country?: string;
			/** Why the number is never called, with problem 'refusedNumberKind'. */
			numberKind?: RefusedNumberKind;
	  };

/** Longest extension we dial: switchboards use 2 to 6 digits; more is a typo or another number. */
export const MAX_EXTENSION_DIGITS = 8;

/** Said when no number was typed; the hosted form shows the same words before it posts. */
export const PHONE_MISSING_MESSAGE = 'Enter a phone number we can call you on.';

export const EXTENSION_TOO_LONG_MESSAGE = `The extension can have at most ${MAX_EXTENSION_DIGITS} digits, for example x123.`;

/** What a lead is told when their number is of a kind we never call. */
const REFUSED_NUMBER_MESSAGES: Record<RefusedNumberKind, string> = {
	'premium-rate': 'Premium-rate numbers cannot be called back.',
	'shared-cost': 'Shared-cost numbers cannot be called back.',
	'personal-number': 'Personal forwarding numbers, such as 070 numbers, cannot be called back.',
	uan: 'Universal access numbers cannot be called back.',
	satellite: 'Satellite phone numbers cannot be called back.',
	'international-freephone': 'International freephone numbers cannot be called back.',
	'international-network': 'Numbers on international networks cannot be called back.',
};

export interface PhoneNumberRules {
	/** ISO 3166 alpha-2 country used when the number is typed without a +country code. */
	defaultCountry: string;
	/** ISO 3166 alpha-2 countries we may call; empty means every country. */
	allowedCountries: string[];
	/** An example in the default country's format, shown in the error message. */
	example?: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string): string {
	try {
		return regionNames.of(code.toUpperCase()) ?? code;
	} catch {
		return code;
	}
}

/** "the United States and Canada", "Germany, Austria or Switzerland" */
export function countryList(codes: string[], conjunction = 'and'): string {
	const names = codes.map((code) => {
		const name = countryName(code);
		return /^(United|Netherlands|Philippines|Czech|Dominican|Bahamas|Gambia)/.test(name) ? `the ${name}` : name;
	});
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

export function isCountryCode(value: string): boolean {
	return /^[A-Z]{2}$/.test(value) && countryName(value) !== value;
}

/** What a lead is told when the number cannot be a real phone number. */
export function invalidPhoneMessage(rules: PhoneNumberRules): string {
	const example = rules.example ? `, for example ${rules.example}` : '';
	return `Enter a valid phone number${example}. Numbers outside ${countryList([rules.defaultCountry])} start with + and the country code.`;
}

/**
 * An extension as Twilio can dial it: digits only, at most MAX_EXTENSION_DIGITS. Empty gives
 * null; anything else is refused (undefined), never trimmed into a different extension.
 */
export function readExtension(value: string): string | null | undefined {
	const digits = value.trim();
	if (digits === '') return null;
	return /^\d+$/.test(digits) && digits.length <= MAX_EXTENSION_DIGITS ? digits : undefined;
}

/**
 * Turns what a lead typed into an E.164 number we are allowed to call, and the extension they
 * typed after it, which is kept apart: Twilio dials it as keys once the line answers.
 * Premium-rate, shared-cost, satellite and other costly numbers (see numberPolicy) are refused
 * outright: calling them is how toll fraud makes money.
 */
export function parseLeadPhoneNumber(input: string, rules: PhoneNumberRules): LeadPhoneNumber {
	const typed = input.trim();
	if (typed === '') return { ok: false, problem: 'empty', message: PHONE_MISSING_MESSAGE };

	const parsed = parsePhoneNumberFromString(typed, {
		defaultCountry: rules.defaultCountry.toUpperCase() as CountryCode,
	});
	if (!parsed || !parsed.isValid()) {
		return { ok: false, problem: 'invalid', message: invalidPhoneMessage(rules) };
	}

	const numberKind = refusedNumberKind(parsed);
	const refused = (kind: RefusedNumberKind, country?: string): LeadPhoneNumber => ({
		ok: false,
		problem: 'refusedNumberKind',
		numberKind: kind,
		...(country === undefined ? {} : { country }),
		message: REFUSED_NUMBER_MESSAGES[kind],
	});
	// A number in no country (+800, +881 …) is refused for what it is, whatever the allowed countries.
	const country = parsed.country;
	if (country === undefined) return refused(numberKind ?? 'international-network');

	const allowed = rules.allowedCountries.map((code) => code.toUpperCase());
	if (allowed.length > 0 && !allowed.includes(country)) {
		return {
			ok: false,
			problem: 'countryNotAllowed',
			country,
			message: `We can only call numbers in ${countryList(allowed, 'or')}.`,
		};
	}
	if (numberKind !== null) return refused(numberKind, country);
	const extension = parsed.ext === undefined ? null : readExtension(parsed.ext);
	if (extension === undefined) {
		return { ok: false, problem: 'extensionTooLong', country, message: EXTENSION_TOO_LONG_MESSAGE };
	}
	return { ok: true, e164: parsed.number, country, nationalFormat: parsed.formatNational(), extension };
}
