import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { IANAZone } from 'luxon';
import { knownAreaCodes, timezoneForAreaCode } from '../../../../nodes/core/schedule/areaCodeTimezones';
import { COUNTRY_TIMEZONES } from '../../../../nodes/core/schedule/countryTimezones';
import { leadTimezone } from '../../../../nodes/core/schedule/leadTimezone';

const lookUp = (
	phoneE164: string | null,
	itemTimezone?: string | null,
	fallback: 'doNotCall' | 'businessTimezone' = 'doNotCall',
) => leadTimezone({ itemTimezone, phoneE164, fallback, businessTimezone: 'America/New_York' });

describe('leadTimezone', () => {
	it.each([
		['+12125550123', 'America/New_York'],
		['+14155550123', 'America/Los_Angeles'],
		['+16025550123', 'America/Phoenix'],
		['+13125550123', 'America/Chicago'],
		['+19155550123', 'America/Denver'],
		['+18085550123', 'Pacific/Honolulu'],
		['+19075550123', 'America/Anchorage'],
		['+14165550123', 'America/Toronto'],
		['+16045550123', 'America/Vancouver'],
		['+13065550123', 'America/Regina'],
		['+17095550123', 'America/St_Johns'],
		['+19025550123', 'America/Halifax'],
		['+17875550123', 'America/Puerto_Rico'],
	])('tells %s by its area code: %s', (phone, zone) => {
		expect(lookUp(phone)).toEqual({ zone, source: 'area-code' });
	});

	it.each([
		['+442079460958', 'Europe/London'],
		['+4930901820', 'Europe/Berlin'],
		['+919876543210', 'Asia/Kolkata'],
		['+81312345678', 'Asia/Tokyo'],
		['+18765550123', 'America/Jamaica'],
		['+6493001234', 'Pacific/Auckland'],
	])('tells %s by its single-zone country: %s', (phone, zone) => {
		expect(lookUp(phone)).toEqual({ zone, source: 'phone-country' });
	});

	it('picks out Chatham Islands numbers inside New Zealand', () => {
		expect(lookUp('+6433051234')).toEqual({ zone: 'Pacific/Chatham', source: 'area-code' });
	});

	it('prefers the zone the form reported, spelled canonically', () => {
		expect(lookUp('+12125550123', 'America/Los_Angeles')).toEqual({ zone: 'America/Los_Angeles', source: 'item' });
		expect(lookUp(null, 'europe/berlin')).toEqual({ zone: 'Europe/Berlin', source: 'item' });
	});

	it('ignores a zone from the form that is not an IANA zone', () => {
		expect(lookUp('+14155550123', 'Pacific Standard Time')).toEqual({
			zone: 'America/Los_Angeles',
			source: 'area-code',
		});
	});

	it('never guesses for multi-zone countries, non-geographic codes or missing numbers', () => {
		for (const phone of ['+61212345678', '+5511987654321', '+18005550123', '+15005550123', 'not a phone', '', null]) {
			expect(lookUp(phone)).toEqual({ zone: null, reason: 'lead timezone unknown' });
		}
	});

	it('uses the business timezone only when the user chose that fallback', () => {
		expect(lookUp('+61212345678', null, 'businessTimezone')).toEqual({
			zone: 'America/New_York',
			source: 'business-fallback',
		});
	});
});

describe('timezone tables', () => {
	it('name only zones the runtime knows', () => {
		const zones = new Set([
			...knownAreaCodes().map((code) => timezoneForAreaCode(code)),
			...Object.values(COUNTRY_TIMEZONES),
		]);
		for (const zone of zones) expect(IANAZone.isValidZone(zone as string)).toBe(true);
	});

	it('cover the US and Canadian geographic area codes', () => {
		const codes = knownAreaCodes();
		expect(codes.length).toBeGreaterThan(400);
		for (const code of codes) expect(code).toMatch(/^[2-9][0-8][0-9]$/);
		for (const tollFree of ['800', '833', '844', '855', '866', '877', '888', '900', '500']) {
			expect(timezoneForAreaCode(tollFree)).toBeNull();
		}
	});

	it('put split area codes in the majority zone', () => {
		expect(timezoneForAreaCode('850')).toBe('America/Chicago');
		expect(timezoneForAreaCode('812')).toBe('America/Indiana/Indianapolis');
		expect(timezoneForAreaCode('208')).toBe('America/Boise');
		expect(timezoneForAreaCode('915')).toBe('America/Denver');
	});

	it('leave out countries whose clocks differ inside them', () => {
		for (const country of ['US', 'CA', 'MX', 'BR', 'RU', 'AU', 'ID', 'ES', 'PT', 'CL']) {
			expect(COUNTRY_TIMEZONES[country]).toBeUndefined();
		}
	});
});

describe("a North American number's zone without a full parse", () => {
	it('is the zone the full parse of the number gives, for every area code in the table and any 7 digits', () => {
		fc.assert(
			fc.property(fc.constantFrom(...knownAreaCodes()), fc.stringMatching(/^\d{7}$/), (areaCode, rest) => {
				const e164 = `+1${areaCode}${rest}`;
				const phone = parsePhoneNumberFromString(e164);
				expect(phone?.countryCallingCode).toBe('1');
				const parsed = timezoneForAreaCode(phone!.nationalNumber.slice(0, 3));
				expect(lookUp(e164)).toEqual({ zone: parsed, source: 'area-code' });
			}),
			{ numRuns: 3_000 },
		);
	});
});
