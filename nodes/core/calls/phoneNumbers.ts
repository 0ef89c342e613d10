import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { describeRefusedNumber, refusedNumberKind } from '../phone/numberPolicy';

export class PhoneNumberSettingError extends Error {}

/**
 * A number of the business in E.164 form; `label` names the setting in the error. Any country
 * will do (the numbers are the user's own), but never a premium-rate, satellite or other
 * costly kind of number that toll fraud could have slipped into the settings.
 */
export function businessNumber(value: string, label: string): string {
	const text = value.trim();
	const phone = text === '' ? undefined : parsePhoneNumberFromString(text);
	if (phone === undefined || !phone.isValid()) {
		throw new PhoneNumberSettingError(`${label} "${text}" is not a valid phone number; use E.164 form with + and the country code, e.g. +14155550100`);
	}
	const numberKind = refusedNumberKind(phone);
	if (numberKind !== null) {
		throw new PhoneNumberSettingError(describeRefusedNumber(label, text, { problem: 'refusedNumberKind', numberKind }, []));
	}
	return phone.number;
}

/** Numbers typed one per line or separated by commas, in order, each once. */
export function businessNumbers(value: string, label: string): string[] {
	const numbers = value
		.split(/[,;\n]/)
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.map((part) => businessNumber(part, label));
	if (numbers.length === 0) throw new PhoneNumberSettingError(`${label} is empty; give at least one number in E.164 form, e.g. +14155550100`);
	return [...new Set(numbers)];
}
