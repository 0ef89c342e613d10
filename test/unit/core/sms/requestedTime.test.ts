import fc from 'fast-check';
import { DateTime } from 'luxon';

import { readRequestedTime } from '../../../../nodes/core/sms/requestedTime';

// Wednesday 10 June 2026, 11:20 in New York.
const ZONE = 'America/New_York';
const NOW = DateTime.fromISO('2026-06-10T11:20:00', { zone: ZONE });

const CASES: Array<[string, string | 'empty' | 'unreadable' | 'past']> = [
	['tomorrow 3pm', '2026-06-11T15:00'],
	['tomorrow at 10am', '2026-06-11T10:00'],
	['Tomorrow 10:30', '2026-06-11T10:30'],
	['tmrw 2 pm', '2026-06-11T14:00'],
	['monday 10:30', '2026-06-15T10:30'],
	['Monday morning', '2026-06-15T09:00'],
	['next tuesday afternoon', '2026-06-16T14:00'],
	['friday 2 pm', '2026-06-12T14:00'],
	['thurs at 4', '2026-06-11T16:00'],
	['wednesday 9am', '2026-06-17T09:00'],
	['today 5pm', '2026-06-10T17:00'],
	['this evening', '2026-06-10T18:00'],
	['tonight', '2026-06-10T19:00'],
	['3pm', '2026-06-10T15:00'],
	['10am', '2026-06-11T10:00'],
	['15:00', '2026-06-10T15:00'],
	['at noon', '2026-06-10T12:00'],
	['in 2 hours', '2026-06-10T13:20'],
	['in 30 minutes', '2026-06-10T11:50'],
	['in an hour', '2026-06-10T12:20'],
	['tomorrow', '2026-06-11T09:00'],
	['today 9am', 'past'],
	['', 'empty'],
	['whenever', 'unreadable'],
	['25:00', 'unreadable'],
	['13pm', 'unreadable'],
];

describe('readRequestedTime', () => {
	it.each(CASES)('"%s" on a Wednesday at 11:20 in New York → %s', (words, expected) => {
		const read = readRequestedTime(words, NOW, ZONE);
		if (read.ok) expect(read.at.setZone(ZONE).toFormat("yyyy-LL-dd'T'HH:mm")).toBe(expected);
		else expect(read.problem).toBe(expected);
	});

	it('reads the time on the lead\'s clock, whatever zone "now" is given in', () => {
		const read = readRequestedTime('tomorrow 3pm', NOW.setZone('Asia/Tokyo'), ZONE);
		expect(read.ok && read.at.setZone(ZONE).toFormat('HH:mm')).toBe('15:00');
	});

	it('never gives a time in the past', () => {
		const words = fc.constantFrom('tomorrow 3pm', 'monday 10:30', '3pm', '10am', 'today 5pm', 'in 2 hours', 'friday morning', 'tonight', 'at 9');
		fc.assert(
			fc.property(words, fc.integer({ min: 0, max: 60 * 24 * 14 }), (text, minutes) => {
				const now = NOW.plus({ minutes });
				const read = readRequestedTime(text, now, ZONE);
				return !read.ok || read.at > now;
			}),
		);
	});
});
