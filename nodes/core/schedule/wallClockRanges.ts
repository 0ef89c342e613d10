import { IANAZone } from 'luxon';
import { CalendarDay } from './calendarDay';
import { TimeRange } from './timeRanges';

/** A stretch of real time, as epoch milliseconds, end exclusive. */
export interface InstantRange {
	readonly start: number;
	readonly end: number;
}

export const MINUTE_MS = 60_000;

// Every UTC offset in the tz database lies within these (Etc/GMT+12 … Pacific/Kiritimati).
export const MOST_BEHIND_MS = -12 * 60 * MINUTE_MS;
export const MOST_AHEAD_MS = 14 * 60 * MINUTE_MS;
export const DAY_MS = 24 * 60 * MINUTE_MS;

const MAX_REMEMBERED_PER_SCHEDULE = 5_000;
// Results per day schedule (the ranges array), then per zone and date. Looking up offsets is
// the costly part of the search, and the leads of a run share the same few days.
const remembered = new WeakMap<readonly TimeRange[], Map<string, readonly InstantRange[]>>();

/** `wallClockRangesToInstants`, remembered per zone, date and day schedule. */
export function openInstantsOn(
	zone: IANAZone,
	day: CalendarDay,
	ranges: readonly TimeRange[],
): readonly InstantRange[] {
	if (ranges.length === 0) return [];
	let byDay = remembered.get(ranges);
	if (!byDay) {
		byDay = new Map();
		remembered.set(ranges, byDay);
	}
	const key = `${zone.name}|${day.midnight}`;
	let instants = byDay.get(key);
	if (!instants) {
		instants = wallClockRangesToInstants(zone, day, ranges);
		if (byDay.size >= MAX_REMEMBERED_PER_SCHEDULE) byDay.clear();
		byDay.set(key, instants);
	}
	return instants;
}

/**
 * The instants at which the zone's wall clock shows `day` and a time inside one of `ranges`.
 *
 * This is the exact preimage of the wall-clock ranges, so daylight saving needs no special
 * case: wall times skipped by a spring-forward have no instant and drop out; wall times
 * repeated by a fall-back occur twice and both count. The result is sorted, and pieces that
 * touch in real time are joined (e.g. 01:00-03:00 on a fall-back night is one 3-hour stretch).
 */
export function wallClockRangesToInstants(
	zone: IANAZone,
	day: CalendarDay,
	ranges: readonly TimeRange[],
): InstantRange[] {
	if (ranges.length === 0) return [];
	const wallMidnight = day.midnight;
	const firstWall = wallMidnight + ranges[0].start * MINUTE_MS;
	const lastWall = wallMidnight + ranges[ranges.length - 1].end * MINUTE_MS;
	// An instant t shows wall time t + offset(t); bounding the offset bounds the instants.
	const segments = constantOffsetSegments(zone, firstWall - MOST_AHEAD_MS, lastWall - MOST_BEHIND_MS);

	const pieces: InstantRange[] = [];
	for (const range of ranges) {
		const wallStart = wallMidnight + range.start * MINUTE_MS;
		const wallEnd = wallMidnight + range.end * MINUTE_MS;
		for (const segment of segments) {
			const start = Math.max(wallStart - segment.offsetMs, segment.start);
			const end = Math.min(wallEnd - segment.offsetMs, segment.end);
			if (start < end) pieces.push({ start, end });
		}
	}
	pieces.sort((a, b) => a.start - b.start);

	const joined: InstantRange[] = [];
	for (const piece of pieces) {
		const last = joined[joined.length - 1];
		if (last && piece.start <= last.end) {
			joined[joined.length - 1] = { start: last.start, end: Math.max(last.end, piece.end) };
		} else {
			joined.push(piece);
		}
	}
	return joined;
}

interface OffsetSegment extends InstantRange {
	readonly offsetMs: number;
}

/**
 * Splits [from, to) into stretches of constant UTC offset. Transitions are found by bisection
 * on whole minutes, which is where the tz database puts every transition of recent decades.
 * It assumes the offset does not change and change back within the stretch (about two days),
 * which no zone does.
 */
function constantOffsetSegments(zone: IANAZone, from: number, to: number): OffsetSegment[] {
	const segments: OffsetSegment[] = [];
	const lastMinute = to - MINUTE_MS;
	const lastOffset = zone.offset(lastMinute);
	let start = from;
	let offset = zone.offset(from);
	while (offset !== lastOffset) {
		// offset(low) is `offset`, offset(high) is not: narrow down to the first changed minute.
		let low = start;
		let high = lastMinute;
		while (high - low > MINUTE_MS) {
			const middle = low + Math.floor((high - low) / MINUTE_MS / 2) * MINUTE_MS;
			if (zone.offset(middle) === offset) low = middle;
			else high = middle;
		}
		segments.push({ start, end: high, offsetMs: offset * MINUTE_MS });
		start = high;
		offset = zone.offset(high);
	}
	segments.push({ start, end: to, offsetMs: offset * MINUTE_MS });
	return segments;
}
