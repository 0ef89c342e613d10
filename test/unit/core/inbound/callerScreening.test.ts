import fc from 'fast-check';

import { InboundSettingError, isWithheldCallerId, readBlockList, screenCaller, WITHHELD_CALLER_IDS, type CallerScreeningRules } from '../../../../nodes/core/inbound';

const usAndCanada = { defaultCountry: 'US', allowedCountries: ['US', 'CA'] };
const rules = (blocked = '', phone = usAndCanada): CallerScreeningRules => ({ phone, blocked: readBlockList(blocked, phone.defaultCountry) });

describe('withheld caller IDs', () => {
	it.each(['', '  ', 'anonymous', 'Anonymous', 'ANONYMOUS', 'restricted', 'Restricted', 'unknown', 'private', 'Blocked', 'Unavailable', '+266696687', '266696687', '+7378742833', '+2562533', '+8656696', '+86282452253', '86282452253'])(
		'%p is withheld',
		(from) => {
			expect(isWithheldCallerId(from)).toBe(true);
			expect(screenCaller(from, rules())).toEqual({ ok: false, refusal: 'withheld', reason: 'The caller withheld their number, so there is no number to call back' });
		},
	);

	it('are the words and their keypad spellings that Twilio documents', () => {
		// Each keypad spelling, worked out here from the letters on a phone's keys.
		const keypad = (word: string): string => `+${[...word].map((letter) => ' 2223334445556667777888999'[letter.charCodeAt(0) - 64]).join('')}`;
		const spelled = ['ANONYMOUS', 'RESTRICTED', 'BLOCKED', 'UNKNOWN', 'UNAVAILABLE'].map(keypad);
		expect(spelled).toEqual(['+266696687', '+7378742833', '+2562533', '+8656696', '+86282452253']);
		for (const id of spelled) expect(WITHHELD_CALLER_IDS).toContain(id);
	});

	it.each(['+14155550123', '+266696688', '+12666966870', 'anonymous caller', 'client:alice'])('%p is not withheld', (from) => {
		expect(isWithheldCallerId(from)).toBe(false);
	});
});

describe('screenCaller', () => {
	it('lets an ordinary caller in an allowed country through, as E.164', () => {
		expect(screenCaller('+14155550123', rules())).toEqual({ ok: true, e164: '+14155550123', country: 'US' });
		expect(screenCaller('+16135550123', rules())).toEqual({ ok: true, e164: '+16135550123', country: 'CA' });
	});

	it('refuses a premium-rate caller, saying why', () => {
		expect(screenCaller('+19005550123', rules())).toEqual({
			ok: false,
			refusal: 'refusedNumberKind',
			numberKind: 'premium-rate',
			reason: 'Caller "+19005550123" is a premium-rate number, which is never called or texted: such numbers cost far more than a normal call and are how toll fraud makes money',
		});
		expect(screenCaller('+881612345678', rules('', { defaultCountry: 'US', allowedCountries: [] }))).toEqual(expect.objectContaining({ ok: false, refusal: 'refusedNumberKind', numberKind: 'satellite' }));
	});

	it('refuses a caller outside the allowed countries, and lets them through when all are allowed', () => {
		expect(screenCaller('+447400123456', rules())).toEqual({
			ok: false,
			refusal: 'countryNotAllowed',
			reason: 'Caller "+447400123456" is in the United Kingdom, which is not among the allowed countries (the United States and Canada); add it under Allowed Countries if you call there',
		});
		expect(screenCaller('+447400123456', rules('', { defaultCountry: 'US', allowedCountries: [] }))).toEqual({ ok: true, e164: '+447400123456', country: 'GB' });
	});

	it('refuses a caller ID that is no phone number', () => {
		expect(screenCaller('client:alice', rules())).toEqual({ ok: false, refusal: 'invalid', reason: 'Caller "client:alice" is not a phone number that can be called back' });
		expect(screenCaller('+1415555', rules())).toEqual(expect.objectContaining({ ok: false, refusal: 'invalid' }));
	});

	it('refuses a blocked caller however the block list wrote the number', () => {
		const blocked = rules('(415) 555-0100\n+1 415 555 0101; 415.555.0102, +44 20 7946 0958');
		for (const from of ['+14155550100', '+14155550101', '+14155550102']) {
			expect(screenCaller(from, blocked)).toEqual({ ok: false, refusal: 'blocked', reason: `Caller ${from} is on the block list`, e164: from });
		}
		expect(screenCaller('+14155550103', blocked)).toEqual({ ok: true, e164: '+14155550103', country: 'US' });
		// The block list holds a UK number even though UK numbers are not called back here at all.
		expect(screenCaller('+442079460958', { ...blocked, phone: { defaultCountry: 'US', allowedCountries: [] } })).toEqual(expect.objectContaining({ ok: false, refusal: 'blocked' }));
	});
});

describe('readBlockList', () => {
	it('reads numbers in any format as E.164, each once', () => {
		expect([...readBlockList('(415) 555-0100, +1 415 555 0100\n+44 20 7946 0958;;  ', 'US')]).toEqual(['+14155550100', '+442079460958']);
		expect([...readBlockList('020 7946 0958', 'GB')]).toEqual(['+442079460958']);
		expect(readBlockList('', 'US').size).toBe(0);
	});

	it('leaves out entries that are never called back anyway', () => {
		expect([...readBlockList('+19005550123, anonymous, +266696687, +14155550100', 'US')]).toEqual(['+14155550100']);
	});

	it('names the entry that is no phone number', () => {
		expect(() => readBlockList('+14155550100, 555-01', 'US')).toThrow(
			new InboundSettingError('Blocked Numbers "555-01" is not a valid phone number; use E.164 form with + and the country code, e.g. +14155552671'),
		);
		expect(() => readBlockList('nobody', 'US', 'Never Call Back')).toThrow(/^Never Call Back "nobody" is not a valid phone number/);
	});

	it('blocks a number whatever separators and spaces it was typed with (property)', () => {
		const separator = fc.constantFrom('', ' ', '-', '.', ' - ');
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 99 }), separator, separator, fc.boolean(), (line, first, second, international) => {
				const twoDigits = String(line).padStart(2, '0');
				const typed = international ? `+1${first}415${second}555${first}01${twoDigits}` : `(415)${first}555${second}01${twoDigits}`;
				const e164 = `+141555501${twoDigits}`;
				expect([...readBlockList(typed, 'US')]).toEqual([e164]);
				expect(screenCaller(e164, rules(typed))).toEqual(expect.objectContaining({ ok: false, refusal: 'blocked' }));
			}),
		);
	});
});
