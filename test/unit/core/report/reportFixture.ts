import type { ReportAttempt, ReportCallback } from '../../../../nodes/core/report/reportCallback';
import type { ReportPeriod } from '../../../../nodes/core/report/reportPeriod';

/**
 * A small set of callbacks whose figures were worked out by hand (see the comments), for a
 * period in America/New_York that crosses the end of daylight saving time: on Sunday 2026-11-01
 * clocks go back from 02:00 EDT (UTC−4) to 01:00 EST (UTC−5), so that day lasts 25 hours.
 *
 * Local days in UTC:
 *   Fri 30 Oct  2026-10-30T04:00Z – 2026-10-31T04:00Z
 *   Sat 31 Oct  2026-10-31T04:00Z – 2026-11-01T04:00Z
 *   Sun  1 Nov  2026-11-01T04:00Z – 2026-11-02T05:00Z (25 hours)
 *   Mon  2 Nov  2026-11-02T05:00Z – 2026-11-03T05:00Z
 */
export const FIXTURE_PERIOD: ReportPeriod = { from: '2026-10-30', to: '2026-11-02', timezone: 'America/New_York' };

function attempt(number: number, placedAt: string, connectedAt: string | null = null, talkSeconds: number | null = null, voicemailLeft = false): ReportAttempt {
	return { attempt: number, placedAt, connectedAt, talkSeconds, voicemailLeft };
}

function callback(overrides: Partial<ReportCallback> & Pick<ReportCallback, 'callbackId' | 'requestedAt' | 'status'>): ReportCallback {
	return {
		channel: 'form',
		requestedOutsideHours: false,
		bookedFor: null,
		statusChangedAt: overrides.requestedAt,
		cancelledBy: null,
		optedOut: false,
		duplicatesSuppressed: 0,
		noShow: false,
		attempts: [],
		...overrides,
	};
}

export const FIXTURE_CALLBACKS: ReportCallback[] = [
	// Fri 30 Oct 10:00 EDT. Still pending, never called.
	callback({ callbackId: 'pending', requestedAt: '2026-10-30T14:00:00Z', status: 'pending' }),
	// Fri 30 Oct 11:00 EDT, by text. The lead cancelled before the first call: not finished.
	callback({ callbackId: 'cancelled-before-call', channel: 'sms', requestedAt: '2026-10-30T15:00:00Z', status: 'cancelled', cancelledBy: 'lead' }),
	// Fri 30 Oct 12:00 EDT. Reached on the first call: first call after 30 s, connected after 50 s, 200 s of talk.
	callback({
		callbackId: 'quick',
		requestedAt: '2026-10-30T16:00:00Z',
		status: 'complete',
		attempts: [attempt(1, '2026-10-30T16:00:30Z', '2026-10-30T16:00:50Z', 200)],
	}),
	// Fri 30 Oct 16:00 EDT. Called once after 600 s, then cancelled automatically: finished, not reached. Opted out.
	callback({
		callbackId: 'auto-cancelled',
		requestedAt: '2026-10-30T20:00:00Z',
		status: 'cancelled',
		cancelledBy: 'auto',
		optedOut: true,
		attempts: [attempt(1, '2026-10-30T20:10:00Z')],
	}),
	// Sat 31 Oct 09:00 EDT. Reached on the third call: first call after 120 s (voicemail left),
	// connected 4 h 0 min 30 s after the request, 300 s of talk.
	callback({
		callbackId: 'third-attempt',
		requestedAt: '2026-10-31T13:00:00Z',
		status: 'complete',
		attempts: [
			attempt(1, '2026-10-31T13:02:00Z', null, null, true),
			attempt(2, '2026-10-31T15:00:00Z'),
			attempt(3, '2026-10-31T17:00:00Z', '2026-10-31T17:00:30Z', 300),
		],
	}),
	// Sat 31 Oct 23:30 EDT (Sunday in UTC). Outside hours; reached on the first call the next
	// morning: first call after 9 h 30 min = 34200 s, connected after 34220 s, 120 s of talk.
	callback({
		callbackId: 'late-saturday',
		requestedAt: '2026-11-01T03:30:00Z',
		requestedOutsideHours: true,
		status: 'complete',
		attempts: [attempt(1, '2026-11-01T13:00:00Z', '2026-11-01T13:00:20Z', 120)],
	}),
	// Sun 1 Nov 11:00 EST. Called once after 1800 s, not reached yet: still open.
	callback({
		callbackId: 'incomplete',
		requestedAt: '2026-11-01T16:00:00Z',
		status: 'incomplete',
		attempts: [attempt(1, '2026-11-01T16:30:00Z')],
	}),
	// Sun 1 Nov 23:30 EST (Monday in UTC, and Monday 00:30 if read at the old EDT offset). By
	// text, outside hours, asked twice more (2 duplicates). Three missed calls, the first after
	// 34200 s with a voicemail: failed.
	callback({
		callbackId: 'late-sunday',
		channel: 'sms',
		requestedAt: '2026-11-02T04:30:00Z',
		requestedOutsideHours: true,
		duplicatesSuppressed: 2,
		status: 'failed',
		attempts: [
			attempt(1, '2026-11-02T14:00:00Z', null, null, true),
			attempt(2, '2026-11-02T18:00:00Z'),
			attempt(3, '2026-11-03T14:00:00Z'),
		],
	}),
	// Mon 2 Nov 10:00 EST, booked for 15:00 EST. First call 45 s after the booked time (5 h 0 min 45 s
	// after the request); two missed calls: failed, a no-show.
	callback({
		callbackId: 'booked-no-show',
		requestedAt: '2026-11-02T15:00:00Z',
		bookedFor: '2026-11-02T20:00:00Z',
		status: 'failed',
		noShow: true,
		attempts: [attempt(1, '2026-11-02T20:00:45Z'), attempt(2, '2026-11-02T20:30:00Z')],
	}),
	// Mon 2 Nov 11:00 EST, by text, asked once more (1 duplicate). Reached on the second call:
	// first call after 180 s, connected after 1240 s, 60 s of talk.
	callback({
		callbackId: 'second-attempt',
		channel: 'sms',
		requestedAt: '2026-11-02T16:00:00Z',
		duplicatesSuppressed: 1,
		status: 'complete',
		attempts: [attempt(1, '2026-11-02T16:03:00Z'), attempt(2, '2026-11-02T16:20:00Z', '2026-11-02T16:20:40Z', 60)],
	}),
	// Thu 29 Oct 23:59 EDT: one minute before the period. Not counted.
	callback({
		callbackId: 'before-period',
		requestedAt: '2026-10-30T03:59:00Z',
		status: 'complete',
		attempts: [attempt(1, '2026-10-30T13:00:00Z', '2026-10-30T13:00:10Z', 30)],
	}),
	// Tue 3 Nov 00:00 EST: the first instant after the period. Not counted.
	callback({ callbackId: 'after-period', channel: 'sms', requestedAt: '2026-11-03T05:00:00Z', status: 'pending' }),
];
