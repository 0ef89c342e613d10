import { parseLeadPhoneNumber, type PhoneNumberRules } from '../phone/parseLeadPhoneNumber';

/** A number keyed in on the phone: the E.164 to call back, or what the caller is told before entering it again. */
export type KeyedNumber = { ok: true; e164: string } | { ok: false; spoken: string };

export const NO_NUMBER_KEYED = 'We did not get a number.';
export const NUMBER_NOT_CALLABLE = 'Sorry, that is not a number we can call.';

/**
 * Reads the digits a caller keyed in (<Gather> Digits) with the number policy. A keypad has no
 * +, so the digits are read as a number of the default country first (national digits, or with
 * the exit code: 011 44 … from the US, 00 44 … from Europe), then as country code and number
 * (44 7400 123456); the first reading the policy recognises counts. Refusals are said in the
 * policy's own words ("Premium-rate numbers cannot be called back.").
 */
export function readKeyedNumber(digits: string, rules: PhoneNumberRules): KeyedNumber {
	const keyed = digits.trim();
	if (keyed === '') return { ok: false, spoken: NO_NUMBER_KEYED };
	if (!/^\d+$/.test(keyed)) return { ok: false, spoken: NUMBER_NOT_CALLABLE };
	let number = parseLeadPhoneNumber(keyed, rules);
	if (!number.ok && number.problem === 'invalid') number = parseLeadPhoneNumber(`+${keyed}`, rules);
	if (number.ok) return { ok: true, e164: number.e164 };
	if (number.problem === 'countryNotAllowed' || number.problem === 'refusedNumberKind') return { ok: false, spoken: number.message };
	return { ok: false, spoken: NUMBER_NOT_CALLABLE };
}
