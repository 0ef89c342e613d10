import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { DEFAULT_RISK_THRESHOLDS, riskSignals } from '../../../../nodes/core/abuse/riskSignals';

const thresholds = { samePrefix: 3, sameIp: 5 };

/** Example numbers from libphonenumber's metadata, by the type it gives them. */
const numbers = {
	gbVoip: '+445612345678',
	gbPager: '+447640123456',
	gbTollFree: '+448001234567',
	gbMobile: '+447400123456',
	usTollFree: '+18002345678',
	usGeographic: '+14155552671',
	caGeographic: '+16135550123',
	frVoip: '+33912345678',
	nlVoip: '+31851234567',
	deMobile: '+4915123456789',
	mxGeographic: '+525512345678',
};

describe('the example numbers are of the type the tests rely on', () => {
	it.each([
		['gbVoip', 'GB', 'VOIP'],
		['gbPager', 'GB', 'PAGER'],
		['gbTollFree', 'GB', 'TOLL_FREE'],
		['gbMobile', 'GB', 'MOBILE'],
		['usTollFree', 'US', 'TOLL_FREE'],
		['usGeographic', 'US', 'FIXED_LINE_OR_MOBILE'],
		['caGeographic', 'CA', 'FIXED_LINE_OR_MOBILE'],
		['frVoip', 'FR', 'VOIP'],
		['nlVoip', 'NL', 'VOIP'],
		['deMobile', 'DE', 'MOBILE'],
		['mxGeographic', 'MX', 'FIXED_LINE_OR_MOBILE'],
	] as const)('%s is a valid %s %s number', (name, country, type) => {
		const parsed = parsePhoneNumberFromString(numbers[name]);
		expect(parsed?.isValid()).toBe(true);
		expect(parsed?.country).toBe(country);
		expect(parsed?.getType()).toBe(type);
	});
});

const codes = (result: ReturnType<typeof riskSignals>) => result.reasons.map((reason) => reason.code);

describe('riskSignals: the line type', () => {
	it.each([
		[numbers.gbVoip, 'voip-line'],
		[numbers.frVoip, 'voip-line'],
		[numbers.nlVoip, 'voip-line'],
		[numbers.gbTollFree, 'toll-free-line'],
		[numbers.usTollFree, 'toll-free-line'],
		[numbers.gbPager, 'pager-line'],
	])('%s asks for a review as %s', (phone, code) => {
		const result = riskSignals({ phone, thresholds });
		expect(result.level).toBe('review');
		expect(codes(result)).toEqual([code]);
	});

	it('reads a parsed PhoneNumber as well as E.164 text', () => {
		const parsed = parsePhoneNumberFromString(numbers.gbVoip)!;
		expect(riskSignals({ phone: parsed, thresholds })).toEqual(riskSignals({ phone: numbers.gbVoip, thresholds }));
	});

	it('says nothing about ordinary mobiles', () => {
		expect(riskSignals({ phone: numbers.gbMobile, thresholds })).toEqual({ level: 'low', reasons: [] });
		expect(riskSignals({ phone: numbers.deMobile, thresholds })).toEqual({ level: 'low', reasons: [] });
	});

	it('does not flag US and Canadian numbers just because mobiles and landlines share ranges there', () => {
		expect(riskSignals({ phone: numbers.usGeographic, thresholds })).toEqual({ level: 'low', reasons: [] });
		expect(riskSignals({ phone: numbers.caGeographic, thresholds })).toEqual({ level: 'low', reasons: [] });
	});

	it('notes an unknown line type where the metadata cannot tell, without asking for a review', () => {
		const result = riskSignals({ phone: numbers.mxGeographic, thresholds });
		expect(result.level).toBe('low');
		expect(codes(result)).toEqual(['unknown-line-type']);
	});

	it('notes an unreadable number as an unknown line type instead of throwing', () => {
		const result = riskSignals({ phone: 'not a number', thresholds });
		expect(codes(result)).toEqual(['unknown-line-type']);
		expect(result.reasons[0].text).toMatch(/could not be read/);
	});

	it('explains each reason in plain words, without codes or jargon', () => {
		for (const phone of [numbers.gbVoip, numbers.usTollFree, numbers.gbPager, numbers.mxGeographic]) {
			const [reason] = riskSignals({ phone, thresholds }).reasons;
			expect(reason.text).toMatch(/^[A-Z].*\.$/);
			expect(reason.text).not.toMatch(/VOIP|TOLL_FREE|PAGER|FIXED_LINE|undefined|libphonenumber/);
		}
	});
});

describe('riskSignals: bursts', () => {
	it('flags a burst of numbers with the same prefix at the threshold, not below', () => {
		expect(codes(riskSignals({ phone: numbers.usGeographic, recentSamePrefix: 2, thresholds }))).toEqual([]);
		const result = riskSignals({ phone: numbers.usGeographic, recentSamePrefix: 3, thresholds });
		expect(result.level).toBe('review');
		expect(result.reasons).toEqual([{ code: 'prefix-burst', text: expect.stringContaining('3 other requests') }]);
	});

	it('flags a burst from one internet address at the threshold, not below', () => {
		expect(codes(riskSignals({ phone: numbers.usGeographic, recentSameIp: 4, thresholds }))).toEqual([]);
		const result = riskSignals({ phone: numbers.usGeographic, recentSameIp: 5, thresholds });
		expect(result.level).toBe('review');
		expect(result.reasons).toEqual([{ code: 'ip-burst', text: expect.stringContaining('5 other requests') }]);
	});

	it('says "1 other request" for a threshold of one', () => {
		const result = riskSignals({ phone: numbers.usGeographic, recentSameIp: 1, thresholds: { samePrefix: 1, sameIp: 1 } });
		expect(result.reasons[0].text).toContain('1 other request ');
	});

	it('lists every reason found, line type first', () => {
		const result = riskSignals({ phone: numbers.gbVoip, recentSamePrefix: 9, recentSameIp: 9, thresholds });
		expect(codes(result)).toEqual(['voip-line', 'prefix-burst', 'ip-burst']);
	});

	it('an unknown line type plus a burst asks for a review', () => {
		const result = riskSignals({ phone: numbers.mxGeographic, recentSameIp: 5, thresholds });
		expect(result.level).toBe('review');
		expect(codes(result)).toEqual(['unknown-line-type', 'ip-burst']);
	});

	it('ignores counts that are not numbers', () => {
		expect(riskSignals({ phone: numbers.usGeographic, recentSamePrefix: Number.NaN, recentSameIp: Infinity, thresholds }).level).toBe('low');
	});

	it('refuses thresholds that would flag every request or none', () => {
		expect(() => riskSignals({ phone: numbers.usGeographic, thresholds: { samePrefix: 0, sameIp: 5 } })).toThrow(RangeError);
		expect(() => riskSignals({ phone: numbers.usGeographic, thresholds: { samePrefix: 3, sameIp: 2.5 } })).toThrow(RangeError);
		expect(() => riskSignals({ phone: numbers.usGeographic, thresholds: { samePrefix: Number.NaN, sameIp: 5 } })).toThrow(RangeError);
	});

	it('has sensible default thresholds', () => {
		expect(riskSignals({ phone: numbers.usGeographic, recentSamePrefix: 2, recentSameIp: 4, thresholds: DEFAULT_RISK_THRESHOLDS }).level).toBe('low');
	});
});
