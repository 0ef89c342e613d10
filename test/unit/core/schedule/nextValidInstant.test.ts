import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parseClosures } from '../../../../nodes/core/schedule/closures';
import { nextValidInstant, SchedulingRules } from '../../../../nodes/core/schedule/nextValidInstant';
import { parseWeeklyHours } from '../../../../nodes/core/schedule/weeklyHours';
import { instantArb, TRANSITIONS, weekArb, weekText, zoneArb } from './scheduleArbitraries';
import { callableAt, firstCallableMinuteByScan, MINUTE, OracleRules } from './wallClockOracle';

const DAY = 24 * 60 * MINUTE;

interface Case {
	oracle: OracleRules;
	rules: SchedulingRules;
	from: number;
	until: number;
}

/** Random rules, written as settings text for the product and kept as numbers for the oracle. */
const caseArb: fc.Arbitrary<Case> = fc
	.record({
		businessZone: zoneArb,
		leadZone: zoneArb,
		businessWeek: weekArb,
		leadWeek: weekArb,
		from: instantArb,
		seconds: fc.integer({ min: 0, max: 59_999 }),
		closedDayOffsets: fc.uniqueArray(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }),
		closeLeapDayEveryYear: fc.boolean(),
		horizonDays: fc.integer({ min: 1, max: 3 }),
	})
	.map((c) => {
		const from = c.from - (c.from % MINUTE) + c.seconds;
		const startDate = DateTime.fromMillis(from, { zone: c.businessZone }).startOf('day');
		const closedDates = c.closedDayOffsets.map((days) => startDate.plus({ days }).toISODate() as string);
		const closedEveryYear = c.closeLeapDayEveryYear ? ['02-29', '12-31'] : [];
		const oracle: OracleRules = {
			businessZone: c.businessZone,
			businessWeek: c.businessWeek,
			closedDates: new Set(closedDates),
			closedEveryYear: new Set(closedEveryYear),
			leadZone: c.leadZone,
			leadWeek: c.leadWeek,
		};
		const rules: SchedulingRules = {
			businessZone: c.businessZone,
			openingHours: parseWeeklyHours(weekText(c.businessWeek), 'Opening hours'),
			closures: parseClosures([...closedDates, ...closedEveryYear]),
			leadZone: c.leadZone,
			callingWindow: parseWeeklyHours(weekText(c.leadWeek), 'Calling window'),
		};
		return { oracle, rules, from, until: from + c.horizonDays * DAY };
	});

describe('nextValidInstant against a minute-by-minute wall-clock scan', () => {
	it('finds DST transitions to start from', () => {
		// Eight of the zones keep DST (all but Phoenix and Kolkata): two changes a year, 2024-2028.
		expect(TRANSITIONS.length).toBe(8 * 2 * 5);
	});

	it('returns a callable whole minute, not before `from`, with no callable minute before it', () => {
		let found = 0;
		let none = 0;
		fc.assert(
			fc.property(caseArb, ({ oracle, rules, from, until }) => {
				const result = nextValidInstant(from, rules, until);
				const expected = firstCallableMinuteByScan(from, until, oracle);
				if (result === null) none++;
				else found++;
				if (result !== null) {
					expect(result % MINUTE).toBe(0);
					expect(result).toBeGreaterThanOrEqual(from);
					expect(result).toBeLessThan(until);
					expect(callableAt(result, oracle)).toBe(true);
				}
				expect(result).toBe(expected);
			}),
			{ numRuns: 800 },
		);
		// Both outcomes must be exercised for the property to mean something.
		expect(found).toBeGreaterThan(250);
		expect(none).toBeGreaterThan(25);
	});

	it('starts at `from` itself when that minute is callable', () => {
		fc.assert(
			fc.property(caseArb, ({ oracle, rules, from, until }) => {
				const minute = Math.ceil(from / MINUTE) * MINUTE;
				fc.pre(callableAt(minute, oracle));
				expect(nextValidInstant(from, rules, until)).toBe(minute);
			}),
			{ numRuns: 150 },
		);
	});
});
