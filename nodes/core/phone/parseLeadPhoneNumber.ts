import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneNumberProblem = 'empty' | 'invalid' | 'countryNotAllowed' | 'premiumRate';

export type LeadPhoneNumber =
	| { ok: true; e164: string; country: string; nationalFormat: string }
	| { ok: false; problem: PhoneNumberProblem; message: string; country?: string };

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

/**
 * Turns what a lead typed into an E.164 number we are allowed to call.
 * Premium-rate numbers are refused outright: calling them is how toll fraud makes money.
 */
export function parseLeadPhoneNumber(input: string, rules: PhoneNumberRules): LeadPhoneNumber {
	const typed = input.trim();
	if (typed === '') return { ok: false, problem: 'empty', message: 'Enter a phone number we can call you on.' };

	const example = rules.example ? `, for example ${rules.example}` : '';
	const parsed = parsePhoneNumberFromString(typed, {
		defaultCountry: rules.defaultCountry.toUpperCase() as CountryCode,
	});
	if (!parsed || !parsed.isValid()) {
		return {
			ok: false,
			problem: 'invalid',
			message: `Enter a valid phone number${example}. Numbers outside ${countryList([rules.defaultCountry])} start with + and the country code.`,
		};
	}

	const country = parsed.country ?? '';
	const allowed = rules.allowedCountries.map((code) => code.toUpperCase());
	if (allowed.length > 0 && !allowed.includes(country)) {
		return {
			ok: false,
			problem: 'countryNotAllowed',
			country,
			message: `We can only call numbers in ${countryList(allowed, 'or')}.`,
		};
	}
	if (parsed.getType() === 'PREMIUM_RATE') {
		return { ok: false, problem: 'premiumRate', country, message: 'Premium-rate numbers cannot be called back.' };
	}
	return { ok: true, e164: parsed.number, country, nationalFormat: parsed.formatNational() };
}
