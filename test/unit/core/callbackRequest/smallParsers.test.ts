import { DateTime } from 'luxon';

import { parseConsent } from '../../../../nodes/core/callbackRequest/parseConsent';
import { parsePreferredTime } from '../../../../nodes/core/callbackRequest/parsePreferredTime';
import { splitFullName } from '../../../../nodes/core/callbackRequest/splitFullName';

describe('splitFullName', () => {
	it.each([
		['Jane Doe', 'Jane', 'Doe'],
		['  Jane   Doe ', 'Jane', 'Doe'],
		['Doe, Jane', 'Jane', 'Doe'],
		['Jane', 'Jane', ''],
		['Mrs. Jane van der Berg', 'Jane', 'van der Berg'],
		['Dr', 'Dr', ''],
	])('%p → %p / %p', (full, first, last) => {
		expect(splitFullName(full)).toEqual({ firstName: first, lastName: last });
	});
});

describe('parseConsent', () => {
	it.each([true, 'yes', 'on', 'true', '1', 'I agree', ['yes'], 1])('%p is consent', (value) => {
		expect(parseConsent(value)).toBe(true);
	});
	it.each([false, 'no', 'off', '', undefined, 0])('%p is no consent', (value) => {
		expect(parseConsent(value)).toBe(false);
	});
	it.each(['maybe', { a: 1 }, 2])('%p is unreadable', (value) => {
		expect(parseConsent(value)).toBeUndefined();
	});
});

describe('parsePreferredTime', () => {
	const now = DateTime.fromISO('2026-11-20T15:00:00Z');
	it('keeps an exact time and shows it in the lead zone', () => {
		const result = parsePreferredTime('2026-11-23T15:30:00Z', { zone: 'America/New_York', now, maxDaysAhead: 60 });
		expect(result.ok && result.time.toISO()).toBe('2026-11-23T10:30:00.000-05:00');
	});
	it('reads a local time in the lead zone, across the DST change', () => {
		const result = parsePreferredTime('2027-03-15 09:00', { zone: 'America/New_York', now, maxDaysAhead: 365 });
		expect(result.ok && result.time.toISO()).toBe('2027-03-15T09:00:00.000-04:00');
	});
	it('accepts epoch seconds and milliseconds', () => {
		const seconds = parsePreferredTime(1795500000, { zone: null, now, maxDaysAhead: 60 });
		const millis = parsePreferredTime(1795500000000, { zone: null, now, maxDaysAhead: 60 });
		expect(seconds.ok && millis.ok && seconds.time.toMillis() === millis.time.toMillis()).toBe(true);
	});
	it('refuses text that is not a time', () => {
		expect(parsePreferredTime('tomorrow morning', { zone: 'UTC', now, maxDaysAhead: 60 }).ok).toBe(false);
	});
});
