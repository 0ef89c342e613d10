import fc from 'fast-check';
import { DateTime } from 'luxon';
import { LeadItemError } from '../../../../nodes/core/schedule/errors';
import { AttemptPlanResult, planNextAttempt } from '../../../../nodes/core/schedule/planNextAttempt';
import { parseScheduleSettings, ScheduleSettingsText } from '../../../../nodes/core/schedule/scheduleSettings';
import { instantArb, weekArb, weekText, zoneArb } from './scheduleArbitraries';
import { callableAt, firstCallableMinuteByScan, MINUTE, OracleRules } from './wallClockOracle';

const NEW_YORK_LEAD = '+12125550123';
const LOS_ANGELES_LEAD = '+14155550123';

const newYorkShop: ScheduleSettingsText = {
	businessTimezone: 'America/New_York',
	openingHours: { weekdays: '09:00-18:00', weekends: 'closed' },
	attemptDelays: '0, 2, 30',
};

const plan = (settings: Partial<ScheduleSettingsText>, item: Omit<Parameters<typeof planNextAttempt>[0], 'settings'>) =>
	planNextAttempt({ settings: parseScheduleSettings({ ...newYorkShop, ...settings }), ...item });

function attempt(result: AttemptPlanResult) {
	if (result.kind !== 'attempt') throw new Error(`expected an attempt, got ${JSON.stringify(result)}`);
	return result;
}

// 2026-11-20 is a Friday, 2026-11-23 a Monday; New York is on EST (-05:00) then.
describe('planNextAttempt: seed behaviours', () => {
	it('calls a Friday 17:55 request with no delay at 17:55 that Friday', () => {
		const result = attempt(plan({}, { now: '2026-11-20T17:55:00-05:00', leadPhone: NEW_YORK_LEAD }));
		expect(result).toEqual({
			kind: 'attempt',
			attempt: 1,
			attemptAt: '2026-11-20T17:55:00-05:00',
			attemptAtLeadLocal: 'Fri 20 Nov, 5:55 PM EST',
			leadTimezone: { zone: 'America/New_York', source: 'area-code' },
			moved: false,
		});
	});

	it('moves a 2-minute retry after a missed Friday 17:59 attempt to Monday 09:00', () => {
		const result = attempt(plan({}, { now: '2026-11-20T17:59:00-05:00', attemptsMade: 1, leadPhone: NEW_YORK_LEAD }));
		expect(result.attempt).toBe(2);
		expect(result.attemptAt).toBe('2026-11-23T09:00:00-05:00');
		expect(result.attemptAtLeadLocal).toBe('Mon 23 Nov, 9:00 AM EST');
		expect(result.moved).toBe(false);
		expect(result.reminderAt).toBeUndefined();
	});

	it('calls a new request at once, to the second, while the business is open', () => {
		const result = attempt(plan({}, { now: '2026-11-20T10:00:20.500-05:00', leadPhone: NEW_YORK_LEAD }));
		expect(DateTime.fromISO(result.attemptAt).toMillis()).toBe(DateTime.fromISO('2026-11-20T10:00:20.500-05:00').toMillis());
	});

	it('calls a request at once in the last open minute before a closure longer than the search (the property test found it)', () => {
		// Sunday 23:59:59.999 in London, open all Sunday and Wednesday only; the lead in New York (18:59).
		const week = parseScheduleSettings({ businessTimezone: 'Europe/London', openingHours: weekText([[], [], [[0, 1440]], [], [], [], [[0, 1440]]]), attemptDelays: '0, 2, 30', giveUpAfterDays: 2 });
		const now = Date.UTC(2023, 11, 31, 23, 59, 59, 999);
		const result = planNextAttempt({ settings: week, now, attemptsMade: 0, leadTimezone: 'America/New_York' });
		expect(DateTime.fromISO(attempt(result).attemptAt).toMillis()).toBe(now);
	});

	it('rounds a retry up to the next whole minute', () => {
		const result = attempt(
			plan({}, { now: '2026-11-20T10:00:20.500-05:00', attemptsMade: 1, leadPhone: NEW_YORK_LEAD }),
		);
		expect(result.attemptAt).toBe('2026-11-20T10:03:00-05:00');
	});

	it('honours a weekend schedule that differs from the weekday one', () => {
		const saturdayHours = { openingHours: { weekdays: '09:00-18:00', overrides: { saturday: '10:00-14:00' } } };
		const friday = attempt(
			plan(saturdayHours, { now: '2026-11-20T17:59:00-05:00', attemptsMade: 1, leadPhone: NEW_YORK_LEAD }),
		);
		expect(friday.attemptAt).toBe('2026-11-21T10:00:00-05:00');
		const saturdayLate = attempt(
			plan(saturdayHours, { now: '2026-11-21T13:45:00-05:00', attemptsMade: 2, leadPhone: NEW_YORK_LEAD }),
		);
		expect(saturdayLate.attemptAt).toBe('2026-11-23T09:00:00-05:00');
		const saturdayIn = attempt(
			plan(saturdayHours, { now: '2026-11-21T13:00:00-05:00', attemptsMade: 2, leadPhone: NEW_YORK_LEAD }),
		);
		expect(saturdayIn.attemptAt).toBe('2026-11-21T13:30:00-05:00');
	});

	it('moves a 9:00 New York call to a Los Angeles lead to 11:00 New York (08:00 in Los Angeles)', () => {
		const result = attempt(plan({}, { now: '2026-11-23T09:00:00-05:00', leadPhone: LOS_ANGELES_LEAD }));
		expect(result.attemptAt).toBe('2026-11-23T11:00:00-05:00');
		expect(result.attemptAtLeadLocal).toBe('Mon 23 Nov, 8:00 AM PST');
		expect(result.leadTimezone).toEqual({ zone: 'America/Los_Angeles', source: 'area-code' });
	});

	it('skips a holiday', () => {
		const result = attempt(
			plan({ closures: '2026-11-26' }, { now: '2026-11-25T17:59:00-05:00', attemptsMade: 1, leadPhone: NEW_YORK_LEAD }),
		);
		expect(result.attemptAt).toBe('2026-11-27T09:00:00-05:00');
	});

	it('keeps a preferred time inside every window, with a reminder', () => {
		const result = attempt(
			plan(
				{},
				{ now: '2026-11-20T10:00:00-05:00', leadPhone: NEW_YORK_LEAD, preferredTime: '2026-11-20T15:00:00-05:00' },
			),
		);
		expect(result.attemptAt).toBe('2026-11-20T15:00:00-05:00');
		expect(result.moved).toBe(false);
		expect(result.movedReason).toBeUndefined();
		expect(result.reminderAt).toBe('2026-11-20T14:45:00-05:00');
	});

	it("reads a preferred time without an offset on the lead's clock", () => {
		const result = attempt(
			plan({}, { now: '2026-11-20T10:00:00-05:00', leadPhone: LOS_ANGELES_LEAD, preferredTime: '2026-11-20T12:00' }),
		);
		expect(result.attemptAt).toBe('2026-11-20T15:00:00-05:00');
		expect(result.attemptAtLeadLocal).toBe('Fri 20 Nov, 12:00 PM PST');
	});

	it.each([
		['2026-11-21T10:00:00-05:00', {}, '2026-11-23T09:00:00-05:00', 'outside opening hours'],
		['2026-11-20T19:00:00-05:00', {}, '2026-11-23T09:00:00-05:00', 'outside opening hours'],
		[
			'2026-11-23T09:30:00-05:00',
			{ callingWindow: { weekdays: '10:00-20:00' } },
			'2026-11-23T10:00:00-05:00',
			"outside the lead's calling hours",
		],
		['2026-12-25T10:00:00-05:00', { closures: '12-25' }, '2026-12-28T09:00:00-05:00', 'closed on 2026-12-25'],
		['2026-11-19T10:00:00-05:00', {}, '2026-11-20T10:00:00-05:00', 'in the past'],
	])('moves a preferred time %s and says why', (preferredTime, settings, attemptAt, movedReason) => {
		const result = attempt(
			plan(settings, { now: '2026-11-20T10:00:00-05:00', leadPhone: NEW_YORK_LEAD, preferredTime }),
		);
		expect(result.attemptAt).toBe(attemptAt);
		expect(result.moved).toBe(true);
		expect(result.movedReason).toBe(movedReason);
	});

	it('sends a reminder only for a scheduled callback at least 30 minutes ahead', () => {
		const at = (preferredTime: string, attemptsMade = 0) =>
			attempt(plan({}, { now: '2026-11-20T10:00:00-05:00', leadPhone: NEW_YORK_LEAD, preferredTime, attemptsMade }));
		expect(at('2026-11-20T10:30:00-05:00').reminderAt).toBe('2026-11-20T10:15:00-05:00');
		expect(at('2026-11-20T10:29:00-05:00').reminderAt).toBeUndefined();
		// A callback moved to Monday is reminded 15 minutes before Monday 09:00.
		expect(at('2026-11-20T23:00:00-05:00').reminderAt).toBe('2026-11-23T08:45:00-05:00');
		// A retry whose preferred time has passed is a plain retry: no reminder, not "moved".
		const retry = at('2026-11-20T09:00:00-05:00', 1);
		expect(retry.attemptAt).toBe('2026-11-20T10:02:00-05:00');
		expect(retry.moved).toBe(false);
		expect(retry.reminderAt).toBeUndefined();
		// A plain attempt far ahead gets no reminder either.
		const plain = attempt(plan({}, { now: '2026-11-20T17:59:00-05:00', attemptsMade: 1, leadPhone: NEW_YORK_LEAD }));
		expect(plain.reminderAt).toBeUndefined();
	});

	it('tells the lead timezone by area code and country code', () => {
		const zoneOf = (leadPhone: string) =>
			attempt(plan({}, { now: '2026-11-20T12:00:00-05:00', leadPhone })).leadTimezone.zone;
		expect(zoneOf('+12125550123')).toBe('America/New_York');
		expect(zoneOf('+14155550123')).toBe('America/Los_Angeles');
		expect(zoneOf('+16025550123')).toBe('America/Phoenix');
		expect(zoneOf('+442079460958')).toBe('Europe/London');
	});

	it('does not call a lead of unknown timezone when the user chose "do not call"', () => {
		const unknown = { now: '2026-11-20T12:00:00-05:00', leadPhone: '+61212345678' };
		expect(plan({ unknownLeadTimezone: 'doNotCall' }, unknown)).toEqual({
			kind: 'noValidTime',
			reason: 'lead timezone unknown',
		});
		expect(plan({}, { now: unknown.now })).toEqual({ kind: 'noValidTime', reason: 'lead timezone unknown' });
		const fallback = attempt(plan({ unknownLeadTimezone: 'businessTimezone' }, unknown));
		expect(fallback.leadTimezone).toEqual({ zone: 'America/New_York', source: 'business-fallback' });
	});

	it('says no attempts are left once the plan is used up', () => {
		expect(plan({}, { now: '2026-11-20T12:00:00-05:00', attemptsMade: 3, leadPhone: NEW_YORK_LEAD })).toEqual({
			kind: 'noAttemptsLeft',
			attemptsMade: 3,
			maxAttempts: 3,
		});
		const longer = attempt(
			plan({ maxAttempts: 5 }, { now: '2026-11-20T12:00:00-05:00', attemptsMade: 4, leadPhone: NEW_YORK_LEAD }),
		);
		expect(longer.attempt).toBe(5);
		expect(longer.attemptAt).toBe('2026-11-20T12:30:00-05:00');
	});

	it('gives up after the horizon with a reason', () => {
		const closedLong = plan(
			{ closures: '2026-11-21..2026-12-31', giveUpAfterDays: 14 },
			{ now: '2026-11-20T18:00:00-05:00', leadPhone: NEW_YORK_LEAD },
		);
		expect(closedLong).toEqual({
			kind: 'noValidTime',
			reason: 'the business is closed for the next 14 days (opening hours and closures)',
		});
		const nightShift = plan(
			{ openingHours: { weekdays: '00:00-07:00, 22:00-24:00', weekends: '00:00-07:00' } },
			{ now: '2026-11-20T12:00:00-05:00', leadPhone: NEW_YORK_LEAD },
		);
		expect(nightShift).toEqual({
			kind: 'noValidTime',
			reason: "opening hours never overlap the lead's calling hours (America/New_York) in the next 14 days",
		});
		const farEnough = attempt(
			plan(
				{ closures: '2026-11-21..2026-12-31', giveUpAfterDays: 60 },
				{ now: '2026-11-20T18:00:00-05:00', leadPhone: NEW_YORK_LEAD },
			),
		);
		expect(farEnough.attemptAt).toBe('2027-01-01T09:00:00-05:00');
	});

	it('rejects unreadable item values', () => {
		expect(() => plan({}, { now: '2026-11-20T12:00:00-05:00', leadPhone: NEW_YORK_LEAD, attemptsMade: 'x' })).toThrow(
			LeadItemError,
		);
		expect(() =>
			plan({}, { now: '2026-11-20T12:00:00-05:00', leadPhone: NEW_YORK_LEAD, preferredTime: 'tomorrow' }),
		).toThrow('callback.preferredTime "tomorrow" is not a date and time');
	});

	it('keeps a repeated hour on a fall-back night callable both times', () => {
		// 2026-11-01 New York: 01:59 EDT is followed by 01:00 EST. Open 01:00-02:00 on Sundays.
		const result = attempt(
			plan(
				{ openingHours: { weekdays: 'closed', weekends: '01:00-02:00' }, callingWindow: undefined },
				{ now: '2026-11-01T01:59:00-04:00', attemptsMade: 1, leadTimezone: 'Asia/Kolkata' },
			),
		);
		// 2 minutes after 01:59 EDT is 01:01 EST, still inside 01:00-02:00 (and 11:31 in Kolkata).
		expect(result.attemptAt).toBe('2026-11-01T01:01:00-05:00');
		expect(result.attemptAtLeadLocal).toBe('Sun 1 Nov, 11:31 AM GMT+5:30');
	});
});

describe('planNextAttempt: properties', () => {
	const oracleFor = (
		businessZone: string,
		week: number[][][],
		leadZone: string,
		leadWeek: number[][][],
	): OracleRules => ({
		businessZone,
		businessWeek: week as Array<Array<[number, number]>>,
		closedDates: new Set(),
		closedEveryYear: new Set(),
		leadZone,
		leadWeek: leadWeek as Array<Array<[number, number]>>,
	});
	const legalWeek = Array.from({ length: 7 }, () => [[8 * 60, 21 * 60]]);

	it('schedules attempt n at or after now + delay(n), callable, and earliest; or says no attempts are left', () => {
		let attempts = 0;
		let exhausted = 0;
		fc.assert(
			fc.property(
				zoneArb,
				zoneArb,
				weekArb,
				instantArb,
				fc.array(fc.integer({ min: 0, max: 240 }), { minLength: 1, maxLength: 4 }),
				fc.integer({ min: 1, max: 6 }),
				fc.integer({ min: 0, max: 7 }),
				(businessZone, leadZone, week, now, delays, maxAttempts, attemptsMade) => {
					const settings = parseScheduleSettings({
						businessTimezone: businessZone,
						openingHours: weekText(week),
						attemptDelays: delays.join(', '),
						maxAttempts,
						giveUpAfterDays: 2,
					});
					const result = planNextAttempt({ settings, now, attemptsMade, leadTimezone: leadZone });
					if (attemptsMade + 1 > maxAttempts) {
						exhausted++;
						expect(result).toEqual({ kind: 'noAttemptsLeft', attemptsMade, maxAttempts });
						return;
					}
					const delay = delays[Math.min(attemptsMade + 1, delays.length) - 1];
					const earliest = now + delay * MINUTE;
					const oracle = oracleFor(businessZone, week, leadZone, legalWeek);
					// A new request with no delay is called at once when its minute is callable (speed to lead).
					const callNow = attemptsMade === 0 && delay === 0 && callableAt(Math.floor(now / MINUTE) * MINUTE, oracle);
					const expected = callNow ? now : firstCallableMinuteByScan(earliest, earliest + 2 * 24 * 60 * MINUTE, oracle);
					if (expected === null) {
						expect(result.kind).toBe('noValidTime');
						return;
					}
					attempts++;
					const at = DateTime.fromISO(attempt(result).attemptAt, { setZone: true });
					expect(at.toMillis()).toBe(expected);
					expect(at.toMillis()).toBeGreaterThanOrEqual(earliest);
					expect(callableAt(at.toMillis(), oracle)).toBe(true);
					// The ISO text carries the business's own offset at that instant.
					expect(at.offset).toBe(DateTime.fromMillis(expected, { zone: businessZone }).offset);
					expect(attempt(result).attempt).toBe(attemptsMade + 1);
				},
			),
			{ numRuns: 300 },
		);
		expect(attempts).toBeGreaterThan(50);
		expect(exhausted).toBeGreaterThan(30);
	});

	it('calls a new request asked for as soon as possible at its own instant when that minute is callable, else at the first callable whole minute', () => {
		let atOnce = 0;
		let moved = 0;
		fc.assert(
			fc.property(zoneArb, zoneArb, weekArb, instantArb, (businessZone, leadZone, week, now) => {
				const settings = parseScheduleSettings({ businessTimezone: businessZone, openingHours: weekText(week), attemptDelays: '0, 2, 30', giveUpAfterDays: 2 });
				const result = planNextAttempt({ settings, now, attemptsMade: 0, leadTimezone: leadZone });
				const oracle = oracleFor(businessZone, week, leadZone, legalWeek);
				const expected = callableAt(Math.floor(now / MINUTE) * MINUTE, oracle) ? now : firstCallableMinuteByScan(now, now + 2 * 24 * 60 * MINUTE, oracle);
				if (expected === null) {
					expect(result.kind).toBe('noValidTime');
					return;
				}
				const at = DateTime.fromISO(attempt(result).attemptAt).toMillis();
				expect(at).toBe(expected);
				if (at === now) atOnce++;
				else moved++;
			}),
			{ numRuns: 300 },
		);
		expect(atOnce).toBeGreaterThan(20);
		expect(moved).toBeGreaterThan(20);
		// 300 cases, each checked against a minute-by-minute scan: seconds on a busy machine.
	}, 30_000);

	it('returns noValidTime for impossible schedules', () => {
		const impossible = fc.constantFrom<Partial<ScheduleSettingsText>>(
			{ openingHours: { weekdays: 'closed', weekends: 'closed' } },
			{ closures: '01-01..12-31' },
			// Open only when the lead, in the same zone, may not be called.
			{ openingHours: { weekdays: '00:00-08:00, 21:00-24:00', weekends: '21:00-24:00' } },
		);
		fc.assert(
			fc.property(zoneArb, instantArb, impossible, fc.integer({ min: 1, max: 30 }), (zone, now, settings, days) => {
				const result = planNextAttempt({
					settings: parseScheduleSettings({
						...newYorkShop,
						businessTimezone: zone,
						giveUpAfterDays: days,
						...settings,
					}),
					now,
					leadTimezone: zone,
				});
				expect(result.kind).toBe('noValidTime');
			}),
			{ numRuns: 200 },
		);
	});

	it('keeps a preferred time exactly when it is callable, else moves it to the next callable minute', () => {
		fc.assert(
			fc.property(
				zoneArb,
				zoneArb,
				weekArb,
				instantArb,
				fc.integer({ min: 0, max: 3 * 24 * 60 }),
				(businessZone, leadZone, week, now, ahead) => {
					const settings = parseScheduleSettings({
						businessTimezone: businessZone,
						openingHours: weekText(week),
						attemptDelays: '0',
						giveUpAfterDays: 2,
					});
					const nowMinute = Math.ceil(now / MINUTE) * MINUTE;
					const preferred = nowMinute + ahead * MINUTE;
					const result = planNextAttempt({
						settings,
						now,
						leadTimezone: leadZone,
						preferredTime: DateTime.fromMillis(preferred, { zone: 'utc' }).toISO() as string,
					});
					const oracle = oracleFor(businessZone, week, leadZone, legalWeek);
					const expected = firstCallableMinuteByScan(preferred, preferred + 2 * 24 * 60 * MINUTE, oracle);
					if (expected === null) {
						expect(result.kind).toBe('noValidTime');
						return;
					}
					const scheduled = attempt(result);
					expect(DateTime.fromISO(scheduled.attemptAt).toMillis()).toBe(expected);
					expect(scheduled.moved).toBe(expected !== preferred);
					expect(scheduled.movedReason === undefined).toBe(expected === preferred);
				},
			),
			{ numRuns: 200 },
		);
	});
});
