import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { callableDemoPhones, DEMO_COUNTRIES, DEMO_LEAD_PHONES } from '../../../scripts/demoLeadPhones';
import { leadTimezone } from '../../../nodes/core/schedule/leadTimezone';

describe("the demo's lead phones", () => {
	it('offers at least one number inside its legal calling hours at every minute of the year', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:00Z'), noInvalidDate: true }), (now) => {
				expect(callableDemoPhones(now).length).toBeGreaterThan(0);
			}),
			{ numRuns: 2000 },
		);
	});

	it('offers none of them outside 08:00-21:00 on its own clock', () => {
		// 04:58 on a Sunday in New York (18:58 in Tokyo): the American numbers are asleep.
		const places = callableDemoPhones(new Date('2026-11-29T09:58:00Z')).map((phone) => phone.place);
		expect(places).toEqual(['London', 'Paris', 'Tokyo']);
		// 20:55 in Tokyo is too close to 21:00 for a call to come in time.
		expect(callableDemoPhones(new Date('2026-11-29T11:55:00Z')).map((phone) => phone.place)).toEqual(['London', 'Paris']);
	});

	it.each(DEMO_LEAD_PHONES.map((phone) => [phone.place, phone] as const))('%s: a valid number in an accepted country whose clock the nodes tell from the number', (_place, phone) => {
		const parsed = parsePhoneNumberFromString(phone.number);
		expect(parsed?.isValid()).toBe(true);
		expect(DEMO_COUNTRIES).toContain(parsed?.country);
		expect(leadTimezone({ phoneE164: parsed?.number, fallback: 'doNotCall', businessTimezone: 'UTC' })).toMatchObject({ zone: phone.zone });
	});
});
