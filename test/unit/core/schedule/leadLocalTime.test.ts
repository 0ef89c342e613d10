import fc from 'fast-check';
import { DateTime } from 'luxon';

import { leadLocalTimeText, zoneAbbreviation } from '../../../../nodes/core/schedule/leadLocalTime';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London', 'Europe/Paris', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'UTC', 'Etc/GMT+5'];

describe('the lead\'s local time text', () => {
	it('reads as luxon\'s "ccc d LLL, h:mm a ZZZZ" on the lead\'s clock, at any instant and in any zone', () => {
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), fc.constantFrom(...ZONES), (instant, zone) => {
				const luxon = DateTime.fromMillis(instant, { zone, locale: 'en-US' });
				expect(leadLocalTimeText(instant, zone)).toBe(`${luxon.toFormat('ccc d LLL, h:mm a')} ${luxon.toFormat('ZZZZ')}`);
			}),
			{ numRuns: 2_000 },
		);
	});

	it('shows noon and midnight as 12, and the zone by its abbreviation or its offset', () => {
		expect(leadLocalTimeText(Date.UTC(2026, 10, 23, 5, 0), 'America/New_York')).toBe('Mon 23 Nov, 12:00 AM EST');
		expect(leadLocalTimeText(Date.UTC(2026, 6, 4, 16, 5), 'America/New_York')).toBe('Sat 4 Jul, 12:05 PM EDT');
		expect(leadLocalTimeText(Date.UTC(2026, 10, 1, 6, 1), 'Asia/Kolkata')).toBe('Sun 1 Nov, 11:31 AM GMT+5:30');
		expect(zoneAbbreviation(Date.UTC(2026, 0, 1), 'Europe/London')).toBe('GMT');
	});
});
