import { describeRefusedNumber, type RefusedNumberKind } from '../phone/numberPolicy';
import { parseLeadPhoneNumber, type PhoneNumberRules } from '../phone/parseLeadPhoneNumber';
import { InboundSettingError } from './errors';

/**
 * What Twilio puts in From when the caller withheld their number. Since November 2022 Twilio
 * passes the carrier's word as it came ("Anonymous", "Restricted" …); before, and still on some
 * routes, it sent the word spelled on a keypad: +266696687 ANONYMOUS, +7378742833 RESTRICTED,
 * +2562533 BLOCKED, +8656696 UNKNOWN, +86282452253 UNAVAILABLE (Twilio's help article "Why am I
 * getting calls from these strange numbers?"). An empty From is withheld too.
 */
export const WITHHELD_CALLER_IDS: readonly string[] = [
	'anonymous',
	'restricted',
	'unknown',
	'private',
	'blocked',
	'unavailable',
	'withheld',
	'+266696687',
	'+7378742833',
	'+2562533',
	'+8656696',
	'+86282452253',
];

const WITHHELD_WORDS: ReadonlySet<string> = new Set(WITHHELD_CALLER_IDS.filter((id) => !id.startsWith('+')));
const WITHHELD_DIGITS: ReadonlySet<string> = new Set(WITHHELD_CALLER_IDS.filter((id) => id.startsWith('+')).map((id) => id.slice(1)));

/** The caller gave no number to call back: From is empty, a withheld word, or its keypad spelling (with or without +). */
export function isWithheldCallerId(from: string): boolean {
	const id = from.trim().toLowerCase();
	if (id === '' || WITHHELD_WORDS.has(id)) return true;
	return /^\+?\d+$/.test(id) && WITHHELD_DIGITS.has(id.replace(/^\+/, ''));
}

/**
 * The block list as typed, one number per line or separated by commas or semicolons, in any
 * format the number policy reads ("(415) 555-0100" in the default country, "+1 415 555 0100"),
 * as E.164 numbers. An entry that is no phone number is a settings error naming it. Entries
 * that are refused anyway (a withheld caller ID, a premium-rate or other never-called kind) are
 * left out rather than refused: such callers are never called back in any case.
 */
export function readBlockList(text: string, defaultCountry: string, label = 'Blocked Numbers'): ReadonlySet<string> {
	const blocked = new Set<string>();
	for (const entry of text.split(/[,;\n]/).map((part) => part.trim())) {
		if (entry === '' || isWithheldCallerId(entry)) continue;
		const number = parseLeadPhoneNumber(entry, { defaultCountry, allowedCountries: [] });
		if (number.ok) blocked.add(number.e164);
		else if (number.problem !== 'refusedNumberKind') throw new InboundSettingError(describeRefusedNumber(label, entry, number, []));
	}
	return blocked;
}

export interface CallerScreeningRules {
	/** The number policy: the default country and the countries callbacks may go to. */
	phone: PhoneNumberRules;
	/** E.164 numbers never called back (readBlockList). */
	blocked: ReadonlySet<string>;
}

/** Why a caller is never called back: no number, a number the policy refuses, or one the user blocked. */
export type CallerRefusal = 'withheld' | 'invalid' | 'countryNotAllowed' | 'refusedNumberKind' | 'blocked';

export type CallerScreening =
	| { ok: true; e164: string; country: string }
	| { ok: false; refusal: CallerRefusal; reason: string; numberKind?: RefusedNumberKind; e164?: string };

/**
 * Whether a caller may be called back, on the one number policy, and why not when they may not.
 * The refusal is checked in the order withheld, policy, block list, so the reason given is the
 * most basic one.
 */
export function screenCaller(from: string, rules: CallerScreeningRules): CallerScreening {
	const id = from.trim();
	if (isWithheldCallerId(id)) return { ok: false, refusal: 'withheld', reason: 'The caller withheld their number, so there is no number to call back' };
	const number = parseLeadPhoneNumber(id, rules.phone);
	if (!number.ok) {
		if (number.problem === 'countryNotAllowed' || number.problem === 'refusedNumberKind') {
			return {
				ok: false,
				refusal: number.problem,
				reason: describeRefusedNumber('Caller', id, number, rules.phone.allowedCountries),
				...(number.numberKind === undefined ? {} : { numberKind: number.numberKind }),
			};
		}
		return { ok: false, refusal: 'invalid', reason: `Caller "${id}" is not a phone number that can be called back` };
	}
	if (rules.blocked.has(number.e164)) return { ok: false, refusal: 'blocked', reason: `Caller ${number.e164} is on the block list`, e164: number.e164 };
	return { ok: true, e164: number.e164, country: number.country };
}
