/**
 * Next-attempt computations per second for a few realistic schedules. Each operation plans one
 * lead's next attempt (timezone from the phone number, search, output text) at a different
 * "now", drawn from a fixed pseudo-random sequence so runs are comparable.
 */
import { DateTime } from 'luxon';
import { nextValidInstant, SchedulingRules } from '../nodes/core/schedule/nextValidInstant';
import { planNextAttempt } from '../nodes/core/schedule/planNextAttempt';
import { parseScheduleSettings, ScheduleSettings, ScheduleSettingsText } from '../nodes/core/schedule/scheduleSettings';
import type { Benchmark } from './run';

const SAMPLES = 4096;

/** Deterministic instants spread uniformly over [from, to). */
function instantsBetween(fromIso: string, toIso: string, seed: number): number[] {
	const from = DateTime.fromISO(fromIso, { setZone: true }).toMillis();
	const span = DateTime.fromISO(toIso, { setZone: true }).toMillis() - from;
	let state = seed;
	return Array.from({ length: SAMPLES }, () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return from + Math.floor((state / 2_147_483_648) * span);
	});
}

interface Scenario {
	readonly name: string;
	readonly settings: ScheduleSettingsText;
	readonly leadPhone: string;
	readonly attemptsMade: number;
	readonly instants: readonly number[];
}

const scenarios: Scenario[] = [
	{
		name: 'plain weekday hours',
		settings: {
			businessTimezone: 'America/New_York',
			openingHours: { weekdays: '09:00-18:00' },
			attemptDelays: '0, 2, 30',
		},
		leadPhone: '+12125550123',
		attemptsMade: 1,
		instants: instantsBetween('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 7),
	},
	{
		name: 'lunch break + holidays + lead in another zone',
		settings: {
			businessTimezone: 'Europe/London',
			openingHours: { weekdays: '09:00-12:30, 13:30-17:30', weekends: 'closed', overrides: { friday: '09:00-15:00' } },
			closures: '01-01, 12-25, 12-26, 2026-04-03, 2026-04-06, 2026-05-04, 2026-05-25, 2026-08-31',
			attemptDelays: '0, 5, 60, 240',
			callingWindow: { weekdays: '09:00-20:00', weekends: '10:00-18:00' },
		},
		// A Los Angeles lead can only be called in London's late afternoon.
		leadPhone: '+14155550123',
		attemptsMade: 2,
		instants: instantsBetween('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 11),
	},
	{
		name: 'hard: summer closure, skips up to 98 closed days',
		settings: {
			businessTimezone: 'America/New_York',
			openingHours: { weekdays: '09:00-12:00, 13:00-17:00', weekends: '10:00-14:00' },
			closures: '2026-06-01..2026-09-07, 07-04, 12-25',
			attemptDelays: '0, 30',
			giveUpAfterDays: 120,
		},
		leadPhone: '+442079460958',
		attemptsMade: 1,
		instants: instantsBetween('2026-06-01T00:00:00-04:00', '2026-07-01T00:00:00-04:00', 13),
	},
	{
		name: 'plain weekday hours, a new day every time (cold caches)',
		settings: {
			businessTimezone: 'America/New_York',
			openingHours: { weekdays: '09:00-18:00' },
			attemptDelays: '0, 2, 30',
		},
		leadPhone: '+14155550123',
		attemptsMade: 1,
		instants: instantsBetween('1990-01-01T00:00:00Z', '2090-01-01T00:00:00Z', 17),
	},
];

function planBenchmark(scenario: Scenario): Benchmark {
	const settings: ScheduleSettings = parseScheduleSettings(scenario.settings);
	return {
		name: `planNextAttempt, ${scenario.name}`,
		run: (iteration) =>
			planNextAttempt({
				settings,
				now: scenario.instants[iteration % SAMPLES],
				attemptsMade: scenario.attemptsMade,
				leadPhone: scenario.leadPhone,
			}),
	};
}

/** The search alone, with the lead's zone already known. */
function searchBenchmark(scenario: Scenario, leadZone: string): Benchmark {
	const settings = parseScheduleSettings(scenario.settings);
	const rules: SchedulingRules = {
		businessZone: settings.businessZone,
		openingHours: settings.openingHours,
		closures: settings.closures,
		leadZone,
		callingWindow: settings.callingWindow,
	};
	const horizonMs = settings.giveUpAfterDays * 24 * 3_600_000;
	return {
		name: `nextValidInstant, ${scenario.name}`,
		run: (iteration) => {
			const from = scenario.instants[iteration % SAMPLES];
			return nextValidInstant(from, rules, from + horizonMs);
		},
	};
}

export const benchmarks: Benchmark[] = [
	...scenarios.map(planBenchmark),
	searchBenchmark(scenarios[0], 'America/New_York'),
	searchBenchmark(scenarios[1], 'America/Los_Angeles'),
	searchBenchmark(scenarios[2], 'Europe/London'),
	searchBenchmark(scenarios[3], 'America/Los_Angeles'),
];
