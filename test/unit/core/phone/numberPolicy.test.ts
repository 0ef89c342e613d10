import fc from 'fast-check';
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import examples from 'libphonenumber-js/mobile/examples';

import { businessNumber, businessNumbers, PhoneNumberSettingError } from '../../../../nodes/core/calls';
import { DEFAULT_ALLOWED_COUNTRIES, describeRefusedNumber, refusedNumberKind, refusedNumberText, type RefusedNumberKind } from '../../../../nodes/core/phone/numberPolicy';
import { parseLeadPhoneNumber } from '../../../../nodes/core/phone/parseLeadPhoneNumber';

function phone(e164: string): PhoneNumber {
	const parsed = parsePhoneNumberFromString(e164);
	if (!parsed?.isValid()) throw new Error(`${e164} is not a valid example number`);
	return parsed;
}

function example(country: CountryCode): string {
	const number = getExampleNumber(country, examples);
	if (!number) throw new Error(`libphonenumber-js has no example number for ${country}`);
	return number.number;
}

// Each number is checked against libphonenumber's own type first, so an example that changes
// meaning with new metadata fails here rather than testing something else.
const refused: Array<[string, string, string, RefusedNumberKind]> = [
	['Inmarsat (+870)', '+870301234567', 'MOBILE', 'satellite'],
	['Iridium and other satellite services (+881)', '+881612345678', 'MOBILE', 'satellite'],
	['an international network (+882)', '+8823421234', 'MOBILE', 'international-network'],
	['an international network (+883)', '+883510012345', 'VOIP', 'international-network'],
	['universal personal telecommunication (+878)', '+878101234567890', 'VOIP', 'international-network'],
	['international freephone (+800)', '+80012345678', 'TOLL_FREE', 'international-freephone'],
	['international shared cost (+808)', '+80812345678', 'SHARED_COST', 'shared-cost'],
	['international premium rate (+979)', '+979123456789', 'PREMIUM_RATE', 'premium-rate'],
	['the UN disaster relief code (+888)', '+88812345678901', 'UAN', 'uan'],
	['a UK 070 personal number', '+447012345678', 'PERSONAL_NUMBER', 'personal-number'],
	['a German 0700 personal number', '+4970012345678', 'PERSONAL_NUMBER', 'personal-number'],
	['a UK 09 premium-rate number', '+449098765432', 'PREMIUM_RATE', 'premium-rate'],
	// libphonenumber counts the UK's 084 and 087 ranges as premium rate, not shared cost.
	['a UK 0843 number', '+448431234567', 'PREMIUM_RATE', 'premium-rate'],
	['a UK 0871 number', '+448712345678', 'PREMIUM_RATE', 'premium-rate'],
	['a French 081 shared-cost number', '+33810123456', 'SHARED_COST', 'shared-cost'],
	['a Swiss 0840 shared-cost number', '+41840123456', 'SHARED_COST', 'shared-cost'],
	['a UK 055 universal access number', '+445512345678', 'UAN', 'uan'],
	['a UK 0300 universal access number', '+443001234567', 'UAN', 'uan'],
	['a US 900 premium-rate number', '+19005550123', 'PREMIUM_RATE', 'premium-rate'],
];

describe('refusedNumberKind', () => {
	it.each(refused)('refuses %s: %s (%s) as %s', (_name, e164, type, kind) => {
		const number = phone(e164);
		expect(number.getType()).toBe(type);
		expect(refusedNumberKind(number)).toBe(kind);
	});

	it.each([
		['a US number', '+14155552671'],
		['a Canadian number', '+16135550123'],
		['the US example mobile', example('US')],
		['the Canadian example mobile', example('CA')],
		['the UK example mobile', example('GB')],
		['a London landline', '+442079460958'],
		['a US toll-free number', '+18005550123'],
	])('accepts %s: %s', (_name, e164) => {
		expect(refusedNumberKind(phone(e164))).toBeNull();
	});

	it('uses the real example numbers it claims to', () => {
		expect([example('US'), example('CA'), example('GB')]).toEqual(['+12015550123', '+15062345678', '+447400123456']);
	});
});

describe('refusedNumberText', () => {
	it.each<[RefusedNumberKind, string]>([
		['premium-rate', 'a premium-rate number'],
		['shared-cost', 'a shared-cost number'],
		['personal-number', 'a UK-style personal number (070)'],
		['uan', 'a universal access number (UAN)'],
		['satellite', 'a satellite phone number'],
		['international-freephone', 'an international freephone number (+800)'],
		['international-network', 'an international network number (+878, +882 or +883)'],
	])('names %s as %p', (kind, text) => {
		expect(refusedNumberText(kind)).toBe(text);
	});
});

describe('DEFAULT_ALLOWED_COUNTRIES', () => {
	it('is the United States and Canada', () => {
		expect(DEFAULT_ALLOWED_COUNTRIES).toEqual(['US', 'CA']);
	});
});

describe('describeRefusedNumber', () => {
	const allowed = [...DEFAULT_ALLOWED_COUNTRIES];

	it('names a refused kind and why', () => {
		expect(describeRefusedNumber('Lead Phone', '+881612345678', { problem: 'refusedNumberKind', numberKind: 'satellite' }, allowed)).toBe(
			'Lead Phone "+881612345678" is a satellite phone number, which is never called or texted: such numbers cost far more than a normal call and are how toll fraud makes money',
		);
		expect(describeRefusedNumber('Call From', '+1 900 555 0123', { problem: 'refusedNumberKind', country: 'US', numberKind: 'premium-rate' }, [])).toBe(
			'Call From "+1 900 555 0123" is a premium-rate number, which is never called or texted: such numbers cost far more than a normal call and are how toll fraud makes money',
		);
	});

	it('names the country and the allowed ones', () => {
		expect(describeRefusedNumber('Lead Phone', '+447700900123', { problem: 'countryNotAllowed', country: 'GB' }, allowed)).toBe(
			'Lead Phone "+447700900123" is in the United Kingdom, which is not among the allowed countries (the United States and Canada); add it under Allowed Countries if you call there',
		);
		expect(describeRefusedNumber('Lead Phone', '+4915112345678', { problem: 'countryNotAllowed', country: 'de' }, ['at', 'ch'])).toBe(
			'Lead Phone "+4915112345678" is in Germany, which is not among the allowed countries (Austria and Switzerland); add it under Allowed Countries if you call there',
		);
	});

	it('explains an invalid, empty or over-long number', () => {
		expect(describeRefusedNumber('Lead Phone', '555-0100', { problem: 'invalid' }, allowed)).toBe(
			'Lead Phone "555-0100" is not a valid phone number; use E.164 form with + and the country code, e.g. +14155552671',
		);
		expect(describeRefusedNumber('Lead Phone', '', { problem: 'empty' }, allowed)).toBe('Lead Phone is empty; give a phone number in E.164 form with + and the country code, e.g. +14155552671');
		expect(describeRefusedNumber('Lead Phone', '+14155552671 x123456789', { problem: 'extensionTooLong', country: 'US' }, allowed)).toBe(
			'Lead Phone "+14155552671 x123456789" has an extension of more than 8 digits; give at most 8, e.g. +14155552671 x123',
		);
	});

	it('describes what parseLeadPhoneNumber refused', () => {
		const typed = '+870301234567';
		const result = parseLeadPhoneNumber(typed, { defaultCountry: 'US', allowedCountries: allowed });
		if (result.ok) throw new Error('a satellite number was accepted');
		expect(describeRefusedNumber('Lead Phone', typed, result, allowed)).toBe(
			'Lead Phone "+870301234567" is a satellite phone number, which is never called or texted: such numbers cost far more than a normal call and are how toll fraud makes money',
		);
	});
});

describe('business numbers', () => {
	it('refuses a costly kind of number, naming the setting and the kind', () => {
		expect(() => businessNumber('+881612345678', 'Business Number')).toThrow(
			new PhoneNumberSettingError(
				'Business Number "+881612345678" is a satellite phone number, which is never called or texted: such numbers cost far more than a normal call and are how toll fraud makes money',
			),
		);
		expect(() => businessNumbers('+14155550123, +1 900 555 0123', 'Business Numbers')).toThrow(/^Business Numbers "\+1 900 555 0123" is a premium-rate number, which is never called/);
		expect(() => businessNumber('+80012345678', 'Call From')).toThrow(/^Call From "\+80012345678" is an international freephone number \(\+800\)/);
	});

	it('accepts ordinary numbers in any country: they are the business’s own', () => {
		expect(businessNumber('+44 20 7946 0958', 'Call From')).toBe('+442079460958');
		expect(businessNumber('+52 55 1234 5678', 'Call From')).toBe('+525512345678');
		expect(businessNumber(' +1 415 555 2671 ', 'Call From')).toBe('+14155552671');
	});
});

/** libphonenumber's number types in the order its metadata lists their patterns. */
const METADATA_TYPES = ['FIXED_LINE', 'MOBILE', 'TOLL_FREE', 'PREMIUM_RATE', 'PERSONAL_NUMBER', 'VOICEMAIL', 'UAN', 'PAGER', 'VOIP', 'SHARED_COST'];
/** The spec's refused types, written out here rather than taken from the code under test. */
const REFUSED_TYPES = new Set(['PREMIUM_RATE', 'SHARED_COST', 'PERSONAL_NUMBER', 'UAN']);

interface NumberPlan {
	callingCode: string;
	type: string;
	pattern: RegExp;
}

const plans = metadata as unknown as { countries: Record<string, unknown[]>; nonGeographic: Record<string, unknown[]> };
const nonGeographicCodes = new Set(Object.keys(plans.nonGeographic));

function numberPlans(): NumberPlan[] {
	const found: NumberPlan[] = [];
	for (const entry of [...Object.values(plans.countries), ...Object.values(plans.nonGeographic)]) {
		const types = (entry[11] ?? []) as Array<0 | [string, number[]?]>;
		types.forEach((type, index) => {
			if (type && type[0] !== '') found.push({ callingCode: String(entry[0]), type: METADATA_TYPES[index], pattern: new RegExp(`^(?:${type[0]})$`) });
		});
	}
	return found;
}

/**
 * Checks what the policy says of a number against libphonenumber's verdict and the spec alone.
 * Gives the number's type, or null when it is not a valid number, so a test can tell it checked
 * more than refusals of invalid numbers.
 */
function expectPolicyHolds(e164: string): string | null {
	const result = parseLeadPhoneNumber(e164, { defaultCountry: 'US', allowedCountries: [] });
	const parsed = parsePhoneNumberFromString(e164);
	if (!parsed?.isValid()) {
		expect(result).toEqual(expect.objectContaining({ ok: false, problem: 'invalid' }));
		return null;
	}
	const type = parsed.getType() ?? '';
	const geographic = !nonGeographicCodes.has(parsed.countryCallingCode);
	const allowed = !REFUSED_TYPES.has(type) && geographic;
	expect({ e164, type, geographic, ok: result.ok }).toEqual({ e164, type, geographic, ok: allowed });
	if (!result.ok) expect(result.problem).toBe('refusedNumberKind');
	return geographic ? type : 'NON_GEOGRAPHIC';
}

describe('one policy for every kind of number libphonenumber-js knows', () => {
	it('reads every example number it ships (mobiles, one per country)', () => {
		const countries = Object.keys(examples) as CountryCode[];
		expect(countries.length).toBeGreaterThan(200);
		for (const country of countries) expect(expectPolicyHolds(example(country))).not.toBeNull();
	});

	it('holds for numbers drawn from the pattern of every type in every country and non-geographic code', () => {
		const all = numberPlans();
		expect(all.length).toBeGreaterThan(1000);
		expect(new Set(all.map((plan) => plan.type))).toEqual(new Set(METADATA_TYPES));
		const seen: Array<string | null> = [];
		for (const plan of all) {
			fc.assert(
				fc.property(fc.stringMatching(plan.pattern), (national) => {
					seen.push(expectPolicyHolds(`+${plan.callingCode}${national}`));
				}),
				{ numRuns: 4 },
			);
		}
		// Nearly every drawn number is valid, and each refused type and non-geographic numbers came up.
		expect(seen.filter((type) => type !== null).length).toBeGreaterThan(seen.length * 0.9);
		for (const type of [...REFUSED_TYPES, 'NON_GEOGRAPHIC', 'FIXED_LINE', 'MOBILE', 'TOLL_FREE']) expect(seen).toContain(type);
	});
});
