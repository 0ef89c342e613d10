import fc from 'fast-check';
import { offsetTransitions, OracleWeek } from './wallClockOracle';

/** The zones the scheduling properties run in: DST in both hemispheres, half- and 45-minute offsets, no DST. */
export const PROPERTY_ZONES = [
	'America/New_York',
	'America/Los_Angeles',
	'America/Phoenix',
	'America/St_Johns',
	'Europe/London',
	'Europe/Berlin',
	'Australia/Lord_Howe',
	'Asia/Kolkata',
	'Pacific/Chatham',
	'America/Santiago',
] as const;

export const zoneArb = fc.constantFrom(...PROPERTY_ZONES);

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Minutes of the day where clocks change somewhere, so ranges start and end right at DST edges. */
const EDGE_MINUTES = [0, 60, 90, 120, 150, 165, 180, 225, 240, 1380, 1440];

const boundaryArb = fc.oneof(
	{ weight: 2, arbitrary: fc.constantFrom(...EDGE_MINUTES) },
	{ weight: 3, arbitrary: fc.integer({ min: 0, max: 96 }).map((quarter) => quarter * 15) },
	{ weight: 1, arbitrary: fc.integer({ min: 0, max: 1440 }) },
);

/** 0 to 3 non-overlapping ranges for one day. */
export const dayRangesArb: fc.Arbitrary<Array<[number, number]>> = fc
	.uniqueArray(boundaryArb, { minLength: 0, maxLength: 6 })
	.map((points) => {
		const sorted = [...points].sort((a, b) => a - b);
		const ranges: Array<[number, number]> = [];
		for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push([sorted[i], sorted[i + 1]]);
		return ranges;
	});

/** A week whose days are often wide open, so that searches usually succeed within a few days. */
export const weekArb: fc.Arbitrary<Array<Array<[number, number]>>> = fc.array(
	fc.oneof(
		{ weight: 3, arbitrary: dayRangesArb },
		{ weight: 1, arbitrary: fc.constant<Array<[number, number]>>([[0, 1440]]) },
	),
	{ minLength: 7, maxLength: 7 },
);

export function rangesText(ranges: ReadonlyArray<readonly [number, number]>): string {
	if (ranges.length === 0) return 'closed';
	const clock = (minute: number) =>
		`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
	return ranges.map(([start, end]) => `${clock(start)}-${clock(end)}`).join(', ');
}

/** The week as a user would type it: weekday and weekend text plus an override for every day. */
export function weekText(week: OracleWeek) {
	const overrides: Record<string, string> = {};
	week.forEach((ranges, index) => (overrides[DAY_NAMES[index]] = rangesText(ranges)));
	return { weekdays: rangesText(week[0]), weekends: rangesText(week[5]), overrides };
}

const YEAR_2024 = Date.UTC(2024, 0, 1);
const YEAR_2029 = Date.UTC(2029, 0, 1);

/** Every DST transition of the property zones in 2024-2028, found with the oracle's clock reading. */
export const TRANSITIONS: readonly number[] = PROPERTY_ZONES.flatMap((zone) =>
	offsetTransitions(zone, YEAR_2024, YEAR_2029),
);

/** Leap days and year ends, as UTC noon; the ±36 h jitter puts them in every zone's day. */
const CALENDAR_EDGES = [
	Date.UTC(2024, 1, 29, 12),
	Date.UTC(2028, 1, 29, 12),
	Date.UTC(2026, 1, 28, 12),
	Date.UTC(2024, 11, 31, 12),
	Date.UTC(2026, 11, 31, 12),
	Date.UTC(2027, 0, 1, 12),
	Date.UTC(2028, 11, 31, 12),
];

const HOUR = 3_600_000;

/** A start instant, often a little before or after a DST transition, leap day or New Year. */
export const instantArb: fc.Arbitrary<number> = fc
	.tuple(
		fc.oneof(
			{ weight: 3, arbitrary: fc.constantFrom(...TRANSITIONS) },
			{ weight: 2, arbitrary: fc.constantFrom(...CALENDAR_EDGES) },
			{ weight: 2, arbitrary: fc.integer({ min: YEAR_2024, max: YEAR_2029 }) },
		),
		fc.oneof(
			{ weight: 2, arbitrary: fc.integer({ min: -3 * HOUR, max: 3 * HOUR }) },
			{ weight: 1, arbitrary: fc.integer({ min: -36 * HOUR, max: 36 * HOUR }) },
		),
	)
	.map(([anchor, jitter]) => anchor + jitter);
