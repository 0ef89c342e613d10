import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parseAttemptPlan } from '../../../../nodes/core/schedule/attemptPlan';
import { AttemptPlanResult, planNextAttempt } from '../../../../nodes/core/schedule/planNextAttempt';
import { parseScheduleSettings, ScheduleSettings, ScheduleSettingsText } from '../../../../nodes/core/schedule/scheduleSettings';
import { weekArb, weekText, zoneArb } from './scheduleArbitraries';
import { callableAt, firstCallableMinuteByScan, MINUTE, OracleRules, OracleWeek } from './wallClockOracle';

/**
 * "Automatic callback rules" for missed calls, as Schedule Attempt is used for them: the first
 * interval counts from the missed call, each next one from the end of the previous unsuccessful
 * attempt (the node runs again then, with attemptsMade = n), each interval 1–60 minutes. The
 * planner works in whole minutes: an attempt is due at the first whole minute at or after
 * (start + interval), so a start with seconds is rounded up, never down.
 */

const DAY = 24 * 60 * MINUTE;
const NEW_YORK_LEAD = '+12125550123';

const wholeMinuteAtOrAfter = (instant: number): number => Math.ceil(instant / MINUTE) * MINUTE;

const ALL_WEEK: OracleWeek = Array.from({ length: 7 }, () => [[0, 24 * 60]] as const);
const OFFICE_WEEK: OracleWeek = Array.from({ length: 7 }, (_, day) => (day < 5 ? [[9 * 60, 18 * 60]] as const : []));
/** The default calling window: 08:00-21:00 on the lead's clock, every day. */
const LEGAL_WEEK: OracleWeek = Array.from({ length: 7 }, () => [[8 * 60, 21 * 60]] as const);

const officeInNewYork: ScheduleSettingsText = {
	businessTimezone: 'America/New_York',
	openingHours: { weekdays: '09:00-18:00', weekends: 'closed' },
	attemptDelays: '1, 5, 60',
};

function attemptAt(result: AttemptPlanResult): number {
	if (result.kind !== 'attempt') throw new Error(`expected an attempt, got ${JSON.stringify(result)}`);
	return DateTime.fromISO(result.attemptAt).toMillis();
}

const at = (iso: string): number => DateTime.fromISO(iso).toMillis();

function plan(settings: ScheduleSettings, now: number, attemptsMade: number, leadTimezone: string) {
	return planNextAttempt({ settings, now, attemptsMade, leadTimezone });
}

describe('dialing intervals "1, 5, 60": a missed call followed through', () => {
	const settings = parseScheduleSettings(officeInNewYork);
	const next = (now: string, attemptsMade: number) =>
		planNextAttempt({ settings, now, attemptsMade, leadPhone: NEW_YORK_LEAD });

	it('calls 1 minute after the missed call, 5 after attempt 1 ends, 60 after attempt 2 ends, then stops', () => {
		// Monday 2026-11-23, New York (EST, -05:00); each attempt rings for a whole minute.
		const first = next('2026-11-23T10:00:00-05:00', 0);
		expect(first).toMatchObject({ kind: 'attempt', attempt: 1, attemptAt: '2026-11-23T10:01:00-05:00', moved: false });
		const second = next('2026-11-23T10:02:00-05:00', 1);
		expect(second).toMatchObject({ kind: 'attempt', attempt: 2, attemptAt: '2026-11-23T10:07:00-05:00', moved: false });
		const third = next('2026-11-23T10:08:00-05:00', 2);
		expect(third).toMatchObject({ kind: 'attempt', attempt: 3, attemptAt: '2026-11-23T11:08:00-05:00', moved: false });
		expect(next('2026-11-23T11:09:00-05:00', 3)).toEqual({ kind: 'noAttemptsLeft', attemptsMade: 3, maxAttempts: 3 });
	});

	it('counts each interval from the end of the attempt, rounding seconds up to the next whole minute', () => {
		// The missed call ends at 10:00:20, attempt 1 ends at 10:01:45, attempt 2 at 10:07:30.
		expect(attemptAt(next('2026-11-23T10:00:20-05:00', 0))).toBe(at('2026-11-23T10:02:00-05:00'));
		expect(attemptAt(next('2026-11-23T10:01:45-05:00', 1))).toBe(at('2026-11-23T10:07:00-05:00'));
		expect(attemptAt(next('2026-11-23T10:07:30-05:00', 2))).toBe(at('2026-11-23T11:08:00-05:00'));
	});

	it('moves an interval that ends after closing to the next opening, never earlier', () => {
		// Attempt 2 ends at 17:30 on Friday: 60 minutes later the office is closed until Monday 09:00.
		expect(attemptAt(next('2026-11-20T17:30:00-05:00', 2))).toBe(at('2026-11-23T09:00:00-05:00'));
		// A missed call at 08:58 is called at opening, a minute after its 1-minute interval ends.
		expect(attemptAt(next('2026-11-23T08:58:00-05:00', 0))).toBe(at('2026-11-23T09:00:00-05:00'));
		// One at 08:59:30 is called at 09:01: its interval ends at 09:00:30, after opening.
		expect(attemptAt(next('2026-11-23T08:59:30-05:00', 0))).toBe(at('2026-11-23T09:01:00-05:00'));
	});

	it('waits 60 elapsed minutes across a clock change, not 60 minutes of wall clock', () => {
		// London springs forward at 01:00 UTC on Sunday 2026-03-29; the lead is in Los Angeles (18:xx PDT).
		const london = parseScheduleSettings({
			businessTimezone: 'Europe/London',
			openingHours: { weekdays: '00:00-24:00', weekends: '00:00-24:00' },
			attemptDelays: '1, 5, 60',
		});
		const result = plan(london, at('2026-03-29T00:30:00Z'), 2, 'America/Los_Angeles');
		expect(result).toMatchObject({ kind: 'attempt', attempt: 3, attemptAt: '2026-03-29T02:30:00+01:00' });
	});

	it('takes every interval from 1 to 60 minutes, and 0 for "at once"', () => {
		for (let minutes = 0; minutes <= 60; minutes++) {
			expect(parseAttemptPlan({ delays: `${minutes}` }).delaysMinutes).toEqual([minutes]);
		}
		const atOnce = parseScheduleSettings({ ...officeInNewYork, attemptDelays: '0, 5' });
		expect(attemptAt(plan(atOnce, at('2026-11-23T10:00:00-05:00'), 0, 'America/New_York'))).toBe(at('2026-11-23T10:00:00-05:00'));
	});
});

describe('dialing intervals: properties', () => {
	const oracleFor = (businessZone: string, businessWeek: OracleWeek, leadZone: string): OracleRules => ({
		businessZone,
		businessWeek,
		closedDates: new Set(),
		closedEveryYear: new Set(),
		leadZone,
		leadWeek: LEGAL_WEEK,
	});

	const intervalsArb = fc.oneof(
		fc.constant([1, 5, 60]),
		fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }),
	);

	/** A missed call in the lead's daytime (08:00-19:59 on their clock), to the millisecond, 2024-2028. */
	const missedCallArb = (leadZone: string) =>
		fc
			.record({
				day: fc.integer({ min: 0, max: 5 * 365 }),
				minuteOfDay: fc.integer({ min: 8 * 60, max: 20 * 60 - 1 }),
				ms: fc.integer({ min: 0, max: MINUTE - 1 }),
			})
			.map(({ day, minuteOfDay, ms }) => {
				const date = DateTime.fromMillis(Date.UTC(2024, 0, 1) + day * DAY, { zone: 'utc' });
				const local = DateTime.fromObject(
					{ year: date.year, month: date.month, day: date.day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
					{ zone: leadZone },
				);
				return local.toMillis() + ms;
			});

	/** How long each unsuccessful attempt rings before it ends, to the millisecond. */
	const ringArb = fc.integer({ min: 0, max: 3 * MINUTE });

	const leadAndMissedCallArb = zoneArb.chain((leadZone) => missedCallArb(leadZone).map((missedCall) => ({ leadZone, missedCall })));

	it('plans attempt k at the first whole minute at or after (previous end + interval k) when that minute is callable, and none after the last', () => {
		let exact = 0;
		let moved = 0;
		fc.assert(
			fc.property(
				zoneArb,
				leadAndMissedCallArb,
				fc.oneof(fc.constant(ALL_WEEK), fc.constant(OFFICE_WEEK), weekArb),
				intervalsArb,
				fc.array(ringArb, { minLength: 5, maxLength: 5 }),
				(businessZone, { leadZone, missedCall }, businessWeek, intervals, rings) => {
					const settings = parseScheduleSettings({
						businessTimezone: businessZone,
						openingHours: weekText(businessWeek),
						attemptDelays: intervals.join(', '),
						giveUpAfterDays: 2,
					});
					const oracle = oracleFor(businessZone, businessWeek, leadZone);
					let since = missedCall;
					for (let made = 0; made < intervals.length; made++) {
						const result = plan(settings, since, made, leadZone);
						const earliest = since + intervals[made] * MINUTE;
						const due = wholeMinuteAtOrAfter(earliest);
						if (callableAt(due, oracle)) {
							exact++;
							expect(attemptAt(result)).toBe(due);
						} else {
							const expected = firstCallableMinuteByScan(earliest, earliest + 2 * DAY, oracle);
							if (expected === null) {
								expect(result.kind).toBe('noValidTime');
								return;
							}
							moved++;
							expect(attemptAt(result)).toBe(expected);
							expect(expected).toBeGreaterThan(due);
						}
						expect(result).toMatchObject({ kind: 'attempt', attempt: made + 1 });
						// The attempt is made at its time and ends, unanswered, some seconds later.
						since = attemptAt(result) + rings[made];
					}
					for (const made of [intervals.length, intervals.length + 1]) {
						expect(plan(settings, since, made, leadZone)).toEqual({
							kind: 'noAttemptsLeft',
							attemptsMade: made,
							maxAttempts: intervals.length,
						});
					}
				},
			),
			{ numRuns: 200 },
		);
		expect(exact).toBeGreaterThan(200);
		expect(moved).toBeGreaterThan(10);
	});

	it('never plans an attempt earlier than its interval, however it is moved into hours', () => {
		fc.assert(
			fc.property(
				zoneArb,
				zoneArb,
				weekArb,
				fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 0, 1) }),
				intervalsArb,
				fc.nat(),
				(businessZone, leadZone, businessWeek, now, intervals, pick) => {
					const made = pick % intervals.length;
					const settings = parseScheduleSettings({
						businessTimezone: businessZone,
						openingHours: weekText(businessWeek),
						attemptDelays: intervals.join(', '),
						giveUpAfterDays: 2,
					});
					const result = plan(settings, now, made, leadZone);
					if (result.kind === 'noValidTime') return;
					const earliest = now + intervals[made] * MINUTE;
					const planned = attemptAt(result);
					expect(planned).toBeGreaterThanOrEqual(earliest);
					expect(planned % MINUTE).toBe(0);
					expect(callableAt(planned, oracleFor(businessZone, businessWeek, leadZone))).toBe(true);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('plans no attempt once maxAttempts are made, whatever the intervals', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
				fc.integer({ min: 1, max: 100 }),
				fc.integer({ min: 0, max: 130 }),
				fc.boolean(),
				(intervals, maxAttempts, attemptsMade, asText) => {
					const settings = parseScheduleSettings({ ...officeInNewYork, attemptDelays: intervals.join(', '), maxAttempts });
					const result = planNextAttempt({
						settings,
						now: at('2026-11-23T10:00:00-05:00'),
						attemptsMade: asText ? String(attemptsMade) : attemptsMade,
						leadPhone: NEW_YORK_LEAD,
					});
					if (attemptsMade >= maxAttempts) {
						expect(result).toEqual({ kind: 'noAttemptsLeft', attemptsMade, maxAttempts });
					} else {
						expect(result).toMatchObject({ kind: 'attempt', attempt: attemptsMade + 1 });
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});
