import fc from 'fast-check';

import { noShowStanding, type CallbackEnding } from '../../../../nodes/core/callbackStore/noShow';

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse('2026-12-10T12:00:00Z');

function ending(scheduled: boolean, reached: boolean, daysAgo: number): CallbackEnding {
	return { scheduled, reached, endedAt: new Date(NOW - daysAgo * DAY).toISOString() };
}

describe('no-shows', () => {
	it('the third scheduled callback missed in a row makes a no-show, paused from the last miss', () => {
		const history = [ending(true, false, 5), ending(true, false, 3), ending(true, false, 1)];
		expect(noShowStanding(history.slice(0, 2), 3, 30, NOW)).toEqual({ missedInARow: 2, noShow: false, pausedUntil: null });
		expect(noShowStanding(history, 3, 30, NOW)).toEqual({ missedInARow: 3, noShow: true, pausedUntil: new Date(NOW + 29 * DAY).toISOString() });
	});

	it('a reached callback starts the count again; ASAP callbacks neither count nor break the run', () => {
		expect(noShowStanding([ending(true, false, 9), ending(true, false, 8), ending(true, true, 7), ending(true, false, 6)], 3, 30, NOW).missedInARow).toBe(1);
		expect(noShowStanding([ending(true, false, 9), ending(false, false, 8), ending(true, false, 7), ending(true, false, 6)], 3, 30, NOW)).toMatchObject({ missedInARow: 3, noShow: true });
	});

	it('the pause ends: a no-show whose last miss is older than the pause may be booked again', () => {
		const old = [ending(true, false, 40), ending(true, false, 35), ending(true, false, 31)];
		expect(noShowStanding(old, 3, 30, NOW)).toEqual({ missedInARow: 3, noShow: true, pausedUntil: null });
	});

	it('counts exactly the scheduled misses since the last reached callback', () => {
		fc.assert(
			fc.property(fc.array(fc.record({ scheduled: fc.boolean(), reached: fc.boolean(), daysAgo: fc.integer({ min: 0, max: 60 }) })), fc.integer({ min: 1, max: 5 }), (entries, limit) => {
				const history = entries.map((entry) => ending(entry.scheduled, entry.reached, entry.daysAgo));
				const lastReached = history.map((entry) => entry.reached).lastIndexOf(true);
				const expected = history.slice(lastReached + 1).filter((entry) => entry.scheduled).length;
				const standing = noShowStanding(history, limit, 30, NOW);
				return standing.missedInARow === expected && standing.noShow === expected >= limit && (standing.pausedUntil === null || standing.noShow);
			}),
		);
	});
});
