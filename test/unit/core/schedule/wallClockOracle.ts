/**
 * An independent statement of the scheduling rules for tests: it reads each minute's wall clock
 * straight from the runtime's Intl formatter and checks it against plain numbers, with none of
 * the product's range arithmetic, offset search or caching. Slow on purpose; scan short gaps only.
 */

export const MINUTE = 60_000;

/** [startMinute, endMinute) pairs per weekday, index 0 = Monday … 6 = Sunday. */
export type OracleWeek = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

export interface OracleRules {
	readonly businessZone: string;
	readonly businessWeek: OracleWeek;
	/** Business-local "YYYY-MM-DD" dates. */
	readonly closedDates: ReadonlySet<string>;
	/** Business-local "MM-DD", every year. */
	readonly closedEveryYear: ReadonlySet<string>;
	readonly leadZone: string;
	readonly leadWeek: OracleWeek;
}

export interface WallClock {
	readonly isoDate: string;
	/** 0 = Monday … 6 = Sunday. */
	readonly weekdayIndex: number;
	readonly minuteOfDay: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();

export function wallClock(instant: number, zone: string): WallClock {
	let format = formats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			weekday: 'short',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
		});
		formats.set(zone, format);
	}
	const parts: Record<string, string> = {};
	for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
	return {
		isoDate: `${parts.year}-${parts.month}-${parts.day}`,
		weekdayIndex: WEEKDAYS.indexOf(parts.weekday),
		minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
	};
}

function inWeek(week: OracleWeek, clock: WallClock): boolean {
	return week[clock.weekdayIndex].some(([start, end]) => clock.minuteOfDay >= start && clock.minuteOfDay < end);
}

export function businessOpenAt(instant: number, rules: OracleRules): boolean {
	const clock = wallClock(instant, rules.businessZone);
	if (rules.closedDates.has(clock.isoDate) || rules.closedEveryYear.has(clock.isoDate.slice(5))) return false;
	return inWeek(rules.businessWeek, clock);
}

export function leadCallableAt(instant: number, rules: OracleRules): boolean {
	return inWeek(rules.leadWeek, wallClock(instant, rules.leadZone));
}

export function callableAt(instant: number, rules: OracleRules): boolean {
	return businessOpenAt(instant, rules) && leadCallableAt(instant, rules);
}

/** The first callable whole minute in [from, until), found by testing every minute. */
export function firstCallableMinuteByScan(from: number, until: number, rules: OracleRules): number | null {
	for (let minute = Math.ceil(from / MINUTE) * MINUTE; minute < until; minute += MINUTE) {
		if (callableAt(minute, rules)) return minute;
	}
	return null;
}

/** UTC offset in minutes at the instant, from the same formatter, for finding DST transitions. */
export function utcOffsetMinutes(instant: number, zone: string): number {
	const clock = wallClock(instant, zone);
	const [year, month, day] = clock.isoDate.split('-').map(Number);
	const wallAsUtc = Date.UTC(year, month - 1, day) + clock.minuteOfDay * MINUTE;
	return Math.round((wallAsUtc - Math.floor(instant / MINUTE) * MINUTE) / MINUTE);
}

/** Instants (whole minutes) at which the zone's offset changes in [from, to), by scanning and bisection. */
export function offsetTransitions(zone: string, from: number, to: number): number[] {
	const step = 6 * 60 * MINUTE;
	const found: number[] = [];
	let before = utcOffsetMinutes(from, zone);
	for (let t = from + step; t < to; t += step) {
		const now = utcOffsetMinutes(t, zone);
		if (now !== before) {
			let low = t - step;
			let high = t;
			while (high - low > MINUTE) {
				const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
				if (utcOffsetMinutes(middle, zone) === before) low = middle;
				else high = middle;
			}
			found.push(high);
			before = now;
		}
	}
	return found;
}
