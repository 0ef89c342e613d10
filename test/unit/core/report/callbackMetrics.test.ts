import { computeCallbackMetrics } from '../../../../nodes/core/report/callbackMetrics';
import type { CallbackFigures } from '../../../../nodes/core/report/callbackMetrics';
import type { ReportCallback } from '../../../../nodes/core/report/reportCallback';
import { ReportPeriodError } from '../../../../nodes/core/report/reportPeriod';
import { tallyKey, type RefusalKind } from '../../../../nodes/core/abuse/refusalTally';
import type { CounterRow } from '../../../../nodes/core/abuse/rateLimit';
import { FIXTURE_CALLBACKS, FIXTURE_PERIOD } from './reportFixture';

/** Every number anywhere in the value, so a NaN or Infinity cannot hide in a nested breakdown. */
function allNumbers(value: unknown): number[] {
	if (typeof value === 'number') return [value];
	if (Array.isArray(value)) return value.flatMap(allNumbers);
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allNumbers);
	return [];
}

function asap(overrides: Partial<ReportCallback>): ReportCallback {
	return {
		callbackId: 'one',
		channel: 'form',
		requestedAt: '2026-10-30T14:00:00Z',
		requestedOutsideHours: false,
		bookedFor: null,
		status: 'complete',
		statusChangedAt: '2026-10-30T15:00:00Z',
		cancelledBy: null,
		optedOut: false,
		duplicatesSuppressed: 0,
		noShow: false,
		attempts: [],
		...overrides,
	};
}

describe('computeCallbackMetrics on the hand-counted fixture', () => {
	const metrics = computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD);

	it('gives every figure as counted by hand in reportFixture.ts', () => {
		const expected: CallbackFigures = {
			// 12 records, one a minute before the period and one at the first instant after it.
			requests: 10,
			duplicatesSuppressed: 2 + 1,
			// quick, third-attempt, late-saturday, second-attempt.
			reached: 4,
			// 4 complete + 2 failed + auto-cancelled (called once); cancelled-before-call and the 2 open ones are left out.
			finished: 7,
			reachRate: 4 / 7,
			reachedShareOfRequests: 4 / 10,
			reachedOnAttempt1: 2,
			reachedOnAttempt2: 1,
			reachedOnAttempt3Plus: 1,
			reachedAttemptUnknown: 0,
			failed: 2,
			cancelled: 2,
			cancelledByLead: 1,
			cancelledAutomatically: 1,
			cancelledBeforeFirstCall: 1,
			optedOut: 1,
			// 1 + 1 + 3 + 1 + 1 + 3 + 2 + 2.
			callsPlaced: 14,
			voicemailsLeft: 2,
			called: 8,
			// Waits 30, 45, 120, 180, 600, 1800, 34200, 34200: rank ⌈0.5 × 8⌉ = 4 and ⌈0.9 × 8⌉ = 8.
			medianSecondsToFirstCall: 180,
			p90SecondsToFirstCall: 34200,
			// 50, 1240, 14430, 34220: rank 2 and rank ⌈3.6⌉ = 4.
			medianSecondsToConnection: 1240,
			p90SecondsToConnection: 34220,
			// 60, 120, 200, 300: rank 2.
			medianTalkSeconds: 120,
			requestedOutsideHours: 2,
			outsideHoursShare: 2 / 10,
			booked: 1,
			noShows: 1,
			stillOpen: 2,
			// No rate-limit table given: not counted.
			blockedByRateLimit: null,
			blockedByHumanCheck: null,
			heldForReview: null,
		};
		expect(metrics.figures).toEqual(expected);
	});

	it('counts each request on its local day, the 25-hour changeover day included', () => {
		expect(metrics.perDay).toEqual([
			{ date: '2026-10-30', requests: 4, reached: 1, finished: 2, notReached: 1, openOrNotCalled: 2, reachRate: 0.5 },
			// late-saturday (23:30 EDT, already Sunday in UTC) stays on Saturday.
			{ date: '2026-10-31', requests: 2, reached: 2, finished: 2, notReached: 0, openOrNotCalled: 0, reachRate: 1 },
			// late-sunday (23:30 EST, Monday 00:30 at the old offset) stays on Sunday.
			{ date: '2026-11-01', requests: 2, reached: 0, finished: 1, notReached: 1, openOrNotCalled: 1, reachRate: 0 },
			{ date: '2026-11-02', requests: 2, reached: 1, finished: 2, notReached: 1, openOrNotCalled: 0, reachRate: 0.5 },
		]);
	});

	it('splits requests by channel, listing every channel', () => {
		expect(metrics.perChannel).toEqual([
			{ channel: 'form', requests: 7, reached: 3, finished: 5, notReached: 2, openOrNotCalled: 2, reachRate: 3 / 5 },
			{ channel: 'highlevel', requests: 0, reached: 0, finished: 0, notReached: 0, openOrNotCalled: 0, reachRate: null },
			{ channel: 'missedCall', requests: 0, reached: 0, finished: 0, notReached: 0, openOrNotCalled: 0, reachRate: null },
			{ channel: 'menu', requests: 0, reached: 0, finished: 0, notReached: 0, openOrNotCalled: 0, reachRate: null },
			{ channel: 'sms', requests: 3, reached: 1, finished: 2, notReached: 1, openOrNotCalled: 1, reachRate: 1 / 2 },
			{ channel: 'other', requests: 0, reached: 0, finished: 0, notReached: 0, openOrNotCalled: 0, reachRate: null },
		]);
	});

	it('gives the outcome of each attempt group', () => {
		expect(metrics.byAttempt).toEqual([
			{ attempt: '1', called: 8, reached: 2, notReached: 6 },
			// third-attempt, late-sunday, booked-no-show, second-attempt.
			{ attempt: '2', called: 4, reached: 1, notReached: 3 },
			// third-attempt, late-sunday.
			{ attempt: '3+', called: 2, reached: 1, notReached: 1 },
		]);
	});

	it('puts each wait for the first call in its range', () => {
		expect(metrics.timeToFirstCall.map((bucket) => [bucket.key, bucket.callbacks])).toEqual([
			['under1m', 2],
			['1to5m', 2],
			['5to15m', 1],
			['15to60m', 1],
			['1to4h', 0],
			['4to24h', 2],
			['over1d', 0],
		]);
	});

	it('keeps the period and says no channel filter was applied', () => {
		expect(metrics.period).toEqual(FIXTURE_PERIOD);
		expect(metrics.channel).toBeNull();
	});
});

describe('computeCallbackMetrics with a channel filter', () => {
	it('counts only that channel', () => {
		const metrics = computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD, { channel: 'sms' });
		expect(metrics.channel).toBe('sms');
		expect(metrics.figures).toMatchObject({
			requests: 3,
			reached: 1,
			finished: 2,
			reachRate: 0.5,
			duplicatesSuppressed: 3,
			cancelledByLead: 1,
			// Waits 180 and 34200.
			medianSecondsToFirstCall: 180,
			p90SecondsToFirstCall: 34200,
		});
		expect(metrics.perChannel.find((row) => row.channel === 'form')?.requests).toBe(0);
		expect(metrics.perDay.map((day) => day.requests)).toEqual([1, 0, 1, 1]);
	});
});

describe('time to first call and connection', () => {
	const period = { from: '2026-10-30', to: '2026-10-30', timezone: 'America/New_York' };

	it('measures a booked callback from its booked time, not from the request', () => {
		const booked = asap({
			requestedAt: '2026-10-30T14:00:00Z',
			bookedFor: '2026-10-30T18:00:00Z',
			attempts: [{ attempt: 1, placedAt: '2026-10-30T18:01:00Z', connectedAt: '2026-10-30T18:01:30Z', talkSeconds: 10, voicemailLeft: false }],
		});
		const { figures } = computeCallbackMetrics([booked], period);
		expect(figures.medianSecondsToFirstCall).toBe(60);
		expect(figures.medianSecondsToConnection).toBe(90);
	});

	it('counts a call placed before the booked time as no wait', () => {
		const early = asap({
			bookedFor: '2026-10-30T18:00:00Z',
			attempts: [{ attempt: 1, placedAt: '2026-10-30T17:58:00Z', connectedAt: null, talkSeconds: null, voicemailLeft: false }],
			status: 'pending',
		});
		expect(computeCallbackMetrics([early], period).figures.medianSecondsToFirstCall).toBe(0);
	});

	it('measures from the request when the booked time is earlier than the request', () => {
		const odd = asap({
			requestedAt: '2026-10-30T14:00:00Z',
			bookedFor: '2026-10-30T12:00:00Z',
			attempts: [{ attempt: 1, placedAt: '2026-10-30T14:05:00Z', connectedAt: null, talkSeconds: null, voicemailLeft: false }],
			status: 'pending',
		});
		expect(computeCallbackMetrics([odd], period).figures.medianSecondsToFirstCall).toBe(300);
	});

	it('takes the earliest call even when attempts are listed out of order', () => {
		const shuffled = asap({
			attempts: [
				{ attempt: 2, placedAt: '2026-10-30T15:00:00Z', connectedAt: '2026-10-30T15:00:10Z', talkSeconds: 5, voicemailLeft: false },
				{ attempt: 1, placedAt: '2026-10-30T14:10:00Z', connectedAt: null, talkSeconds: null, voicemailLeft: false },
			],
		});
		const { figures } = computeCallbackMetrics([shuffled], period);
		expect(figures.medianSecondsToFirstCall).toBe(600);
		expect(figures.reachedOnAttempt2).toBe(1);
	});
});

describe('the call that reached the lead', () => {
	const period = { from: '2026-10-30', to: '2026-10-30', timezone: 'America/New_York' };

	it('is the first connected call when a dropped call was followed by another that connected', () => {
		const droppedThenReached = asap({
			attempts: [
				{ attempt: 1, placedAt: '2026-10-30T14:01:00Z', connectedAt: '2026-10-30T14:01:20Z', talkSeconds: 3, voicemailLeft: false },
				{ attempt: 2, placedAt: '2026-10-30T14:30:00Z', connectedAt: '2026-10-30T14:30:30Z', talkSeconds: 200, voicemailLeft: false },
			],
		});
		const { figures, byAttempt } = computeCallbackMetrics([droppedThenReached], period);
		expect([figures.reachedOnAttempt1, figures.reachedOnAttempt2]).toEqual([1, 0]);
		expect(figures.medianSecondsToConnection).toBe(80);
		expect(byAttempt.map((row) => row.reached)).toEqual([1, 0, 0]);
		// Both connected calls count for talk time: 3 and 200, nearest-rank median 3.
		expect(figures.medianTalkSeconds).toBe(3);
	});
});

describe('edge cases', () => {
	const period = { from: '2026-10-30', to: '2026-10-30', timezone: 'America/New_York' };

	it('gives zeros and nulls, never NaN, for an empty period', () => {
		const metrics = computeCallbackMetrics([], period);
		expect(metrics.figures.requests).toBe(0);
		expect(metrics.figures.reachRate).toBeNull();
		expect(metrics.figures.reachedShareOfRequests).toBeNull();
		expect(metrics.figures.outsideHoursShare).toBeNull();
		expect(metrics.figures.medianSecondsToFirstCall).toBeNull();
		expect(metrics.figures.p90SecondsToConnection).toBeNull();
		expect(metrics.figures.medianTalkSeconds).toBeNull();
		expect(metrics.perDay).toEqual([{ date: '2026-10-30', requests: 0, reached: 0, finished: 0, notReached: 0, openOrNotCalled: 0, reachRate: null }]);
		const numbers = allNumbers(metrics);
		expect(numbers.length).toBeGreaterThan(0);
		expect(numbers.every(Number.isFinite)).toBe(true);
	});

	it('counts a complete callback with no connected call as reached on an unknown attempt', () => {
		const byHand = asap({ status: 'complete', attempts: [{ attempt: 1, placedAt: '2026-10-30T14:01:00Z', connectedAt: null, talkSeconds: null, voicemailLeft: true }] });
		const { figures, byAttempt } = computeCallbackMetrics([byHand], period);
		expect(figures.reached).toBe(1);
		expect(figures.reachedAttemptUnknown).toBe(1);
		expect(figures.reachedOnAttempt1 + figures.reachedOnAttempt2 + figures.reachedOnAttempt3Plus).toBe(0);
		expect(figures.medianSecondsToConnection).toBeNull();
		expect(byAttempt[0]).toEqual({ attempt: '1', called: 1, reached: 0, notReached: 1 });
	});

	it('does not count a connected call as reached unless the callback is Complete', () => {
		const connectedThenCancelled = asap({
			status: 'cancelled',
			cancelledBy: 'lead',
			attempts: [{ attempt: 1, placedAt: '2026-10-30T14:01:00Z', connectedAt: '2026-10-30T14:01:20Z', talkSeconds: 40, voicemailLeft: false }],
		});
		const { figures } = computeCallbackMetrics([connectedThenCancelled], period);
		expect(figures.reached).toBe(0);
		expect(figures.reachedOnAttempt1).toBe(0);
		expect(figures.finished).toBe(1);
		expect(figures.reachRate).toBe(0);
		expect(figures.medianTalkSeconds).toBe(40);
	});

	it('refuses a period that is not valid instead of reporting nothing', () => {
		expect(() => computeCallbackMetrics([], { from: '2026-11-02', to: '2026-10-30', timezone: 'America/New_York' })).toThrow(ReportPeriodError);
		expect(() => computeCallbackMetrics([], { from: '2026-10-30', to: '2026-11-02', timezone: 'Nowhere/Else' })).toThrow(ReportPeriodError);
	});

	it('leaves out a callback whose request time cannot be read', () => {
		const unreadable = asap({ requestedAt: 'yesterday' });
		const readable = asap({ callbackId: 'two' });
		expect(computeCallbackMetrics([unreadable, readable], period).figures.requests).toBe(1);
	});

	it('counts a no-show only for a booked callback', () => {
		const unbookedNoShow = asap({ status: 'failed', noShow: true });
		const bookedNoShow = asap({ callbackId: 'two', status: 'failed', noShow: true, bookedFor: '2026-10-30T18:00:00Z' });
		const { figures } = computeCallbackMetrics([unbookedNoShow, bookedNoShow], period);
		expect(figures.noShows).toBe(1);
		expect(figures.booked).toBe(1);
	});

	it('takes the even-count median as the lower middle value (nearest rank)', () => {
		const talk = (seconds: number, id: string): ReportCallback =>
			asap({
				callbackId: id,
				attempts: [{ attempt: 1, placedAt: '2026-10-30T14:01:00Z', connectedAt: '2026-10-30T14:01:10Z', talkSeconds: seconds, voicemailLeft: false }],
			});
		expect(computeCallbackMetrics([talk(10, 'a'), talk(40, 'b')], period).figures.medianTalkSeconds).toBe(10);
	});
});

describe('requests the form turned away', () => {
	/** A tally row as the trigger leaves it: `count` refusals in the quarter hour starting at `sliceStart`. */
	const tally = (kind: RefusalKind, sliceStart: string, count: number, shard: number | string = 0): CounterRow => {
		const start = Date.parse(sliceStart);
		return { key: tallyKey(kind, start, shard, 'wf:form'), windowStart: start, count, version: count };
	};
	// The fixture's period, 30 Oct to 2 Nov in New York, runs from 04:00 UTC on 30 Oct (EDT) to 05:00 UTC on 3 Nov (EST).
	const rows: CounterRow[] = [
		tally('rateLimit', '2026-10-30T03:45:00Z', 50), // the last quarter hour before the period
		tally('rateLimit', '2026-10-30T04:00:00Z', 7),
		tally('rateLimit', '2026-10-30T04:00:00Z', 5, 3),
		tally('rateLimit', '2026-11-03T04:45:00Z', 2), // the last quarter hour of the period, after the clocks went back
		tally('rateLimit', '2026-11-03T05:00:00Z', 40), // the first after it
		tally('humanCheck', '2026-11-01T05:30:00Z', 3, 'xa1b2'), // during the repeated hour
		tally('heldForReview', '2026-11-01T12:15:00Z', 1),
		{ key: 'ip|10m|#3|wf:form', windowStart: Date.parse('2026-10-31T12:00:00Z'), count: 9, version: 9 }, // a limit's own counter
	];

	it('counts the tallies of the period in its time zone, across the clock change, and nothing else', () => {
		const { figures } = computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD, { refusalTallies: rows });
		expect({ rateLimit: figures.blockedByRateLimit, humanCheck: figures.blockedByHumanCheck, held: figures.heldForReview }).toEqual({ rateLimit: 14, humanCheck: 3, held: 1 });
		// The callbacks' own figures do not change.
		expect(figures.requests).toBe(10);
	});

	it('gives zeros for a table with no tallies, and nothing when limited to a channel', () => {
		expect(computeCallbackMetrics([], FIXTURE_PERIOD, { refusalTallies: [] }).figures.blockedByRateLimit).toBe(0);
		expect(computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD, { refusalTallies: rows, channel: 'form' }).figures.blockedByRateLimit).toBeNull();
	});
});

