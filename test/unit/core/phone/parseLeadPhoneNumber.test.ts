import { countryList, MAX_EXTENSION_DIGITS, parseLeadPhoneNumber, readExtension } from '../../../../nodes/core/phone/parseLeadPhoneNumber';

const usAndCanada = { defaultCountry: 'US', allowedCountries: ['US', 'CA'], example: '(415) 555-2671' };

describe('parseLeadPhoneNumber', () => {
	it.each([
		['(415) 555-2671', '+14155552671', 'US'],
		['415.555.2671', '+14155552671', 'US'],
		['+1 415 555 2671', '+14155552671', 'US'],
		['1-415-555-2671', '+14155552671', 'US'],
		['  +1 (613) 555-0123 ', '+16135550123', 'CA'],
	])('reads %p as %p', (typed, e164, country) => {
		expect(parseLeadPhoneNumber(typed, usAndCanada)).toEqual(expect.objectContaining({ ok: true, e164, country }));
	});

	it('reads national numbers in the default country', () => {
		const result = parseLeadPhoneNumber('020 7946 0958', { defaultCountry: 'GB', allowedCountries: [] });
		expect(result).toEqual(expect.objectContaining({ ok: true, e164: '+442079460958', country: 'GB' }));
	});

	it('refuses numbers that cannot exist, with the example in the message', () => {
		const result = parseLeadPhoneNumber('12345', usAndCanada);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem).toBe('invalid');
			expect(result.message).toContain('(415) 555-2671');
		}
	});

	it('refuses an empty number', () => {
		expect(parseLeadPhoneNumber('   ', usAndCanada)).toEqual(expect.objectContaining({ ok: false, problem: 'empty' }));
	});

	it('refuses countries outside the allowed list and names the allowed ones', () => {
		const result = parseLeadPhoneNumber('+44 20 7946 0958', usAndCanada);
		expect(result).toEqual(expect.objectContaining({ ok: false, problem: 'countryNotAllowed', country: 'GB' }));
		if (!result.ok) expect(result.message).toBe('We can only call numbers in the United States or Canada.');
	});

	it('accepts every country when the allowed list is empty', () => {
		const result = parseLeadPhoneNumber('+52 55 1234 5678', { defaultCountry: 'US', allowedCountries: [] });
		expect(result).toEqual(expect.objectContaining({ ok: true, country: 'MX' }));
	});

	it('refuses premium-rate numbers (toll fraud)', () => {
		expect(parseLeadPhoneNumber('+1 900 555 0123', { defaultCountry: 'US', allowedCountries: [] })).toEqual({
			ok: false,
			problem: 'refusedNumberKind',
			numberKind: 'premium-rate',
			country: 'US',
			message: 'Premium-rate numbers cannot be called back.',
		});
	});

	it.each([
		['+870 301 234 567', 'satellite', 'Satellite phone numbers cannot be called back.'],
		['+881 612 345 678', 'satellite', 'Satellite phone numbers cannot be called back.'],
		['+882 342 1234', 'international-network', 'Numbers on international networks cannot be called back.'],
		['+883 510 012 345', 'international-network', 'Numbers on international networks cannot be called back.'],
		['+800 1234 5678', 'international-freephone', 'International freephone numbers cannot be called back.'],
		['+808 1234 5678', 'shared-cost', 'Shared-cost numbers cannot be called back.'],
		['+979 123 456 789', 'premium-rate', 'Premium-rate numbers cannot be called back.'],
	])('refuses %p, which is in no country, for what it is even when every country is allowed', (typed, numberKind, message) => {
		const refusal = { ok: false, problem: 'refusedNumberKind', numberKind, message };
		expect(parseLeadPhoneNumber(typed, { defaultCountry: 'US', allowedCountries: [] })).toEqual(refusal);
		expect(parseLeadPhoneNumber(typed, usAndCanada)).toEqual(refusal);
	});

	it.each([
		['07012 345678', 'personal-number', 'Personal forwarding numbers, such as 070 numbers, cannot be called back.'],
		['0909 876 5432', 'premium-rate', 'Premium-rate numbers cannot be called back.'],
		['0843 123 4567', 'premium-rate', 'Premium-rate numbers cannot be called back.'],
		['0871 234 5678', 'premium-rate', 'Premium-rate numbers cannot be called back.'],
		['055 1234 5678', 'uan', 'Universal access numbers cannot be called back.'],
	])('refuses the UK number %p as %s', (typed, numberKind, message) => {
		expect(parseLeadPhoneNumber(typed, { defaultCountry: 'GB', allowedCountries: ['GB'] })).toEqual({ ok: false, problem: 'refusedNumberKind', numberKind, country: 'GB', message });
	});

	it('refuses shared-cost numbers', () => {
		expect(parseLeadPhoneNumber('+33 810 12 34 56', { defaultCountry: 'US', allowedCountries: [] })).toEqual({
			ok: false,
			problem: 'refusedNumberKind',
			numberKind: 'shared-cost',
			country: 'FR',
			message: 'Shared-cost numbers cannot be called back.',
		});
	});

	it('names the allowed countries before the kind of a number outside them', () => {
		expect(parseLeadPhoneNumber('+44 909 876 5432', usAndCanada)).toEqual(expect.objectContaining({ ok: false, problem: 'countryNotAllowed', country: 'GB' }));
	});

	it.each([
		['+1 415 555 2671', 'US'],
		['+1 201 555 0123', 'US'],
		['+1 800 555 0123', 'US'],
		['+1 506 234 5678', 'CA'],
		['+44 7400 123456', 'GB'],
		['+44 20 7946 0958', 'GB'],
	])('accepts the ordinary number %p', (typed, country) => {
		expect(parseLeadPhoneNumber(typed, { defaultCountry: 'US', allowedCountries: ['US', 'CA', 'GB'] })).toEqual(expect.objectContaining({ ok: true, country }));
	});

	it.each([
		['+1 415 555 0123 x123', '123'],
		['(415) 555-0123 ext. 45', '45'],
		['415.555.0123#9', '9'],
		['415-555-0123 extension 77', '77'],
		['+14155550123;ext=12', '12'],
		['(415) 555-0123 x 0012', '0012'],
		['415 555 0123 x12345678', '12345678'],
	])('keeps the extension of %p apart: %p', (typed, extension) => {
		expect(parseLeadPhoneNumber(typed, usAndCanada)).toEqual({
			ok: true,
			e164: '+14155550123',
			country: 'US',
			nationalFormat: expect.any(String),
			extension,
		});
	});

	it('has no extension when none is typed', () => {
		expect(parseLeadPhoneNumber('(415) 555-0123', usAndCanada)).toEqual(expect.objectContaining({ ok: true, extension: null }));
		expect(parseLeadPhoneNumber('(415) 555-0123 x', usAndCanada)).toEqual(expect.objectContaining({ ok: true, extension: null }));
	});

	it('refuses an extension longer than 8 digits with a clear message, never a shortened one', () => {
		expect(MAX_EXTENSION_DIGITS).toBe(8);
		expect(parseLeadPhoneNumber('+1 415 555 0123 x123456789', usAndCanada)).toEqual({
			ok: false,
			problem: 'extensionTooLong',
			country: 'US',
			message: 'The extension can have at most 8 digits, for example x123.',
		});
	});

	it('reads an extension given on its own: digits only, at most 8', () => {
		expect(readExtension(' 123 ')).toBe('123');
		expect(readExtension('')).toBeNull();
		expect(readExtension('12345678')).toBe('12345678');
		for (const bad of ['123456789', '12a', 'w123', '1 2', '#9', '-1']) expect(readExtension(bad)).toBeUndefined();
	});

	it('lists countries in plain English', () => {
		expect(countryList(['DE', 'AT', 'CH'], 'or')).toBe('Germany, Austria or Switzerland');
		expect(countryList(['US'])).toBe('the United States');
	});
});
