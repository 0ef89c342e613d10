import { ScheduleSettingsError } from './errors';

export const MINUTES_PER_DAY = 24 * 60;

/**
 * Part of one local day, in minutes after local midnight, end exclusive: 09:00-18:00 is
 * { start: 540, end: 1080 } and includes 17:59 but not 18:00. End may be 1440 ("24:00").
 */
export interface TimeRange {
	readonly start: number;
	readonly end: number;
}

const RANGE_PATTERN = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/;

/**
 * Reads a day's ranges as users type them: "09:00-12:00, 13:00-18:00", or "closed".
 * `label` starts every error ("Opening hours for Saturday") so the user knows which field to fix.
 * Ranges are returned sorted, touching ranges joined.
 */
export function parseTimeRanges(text: string, label: string): TimeRange[] {
	const trimmed = text.trim();
	if (trimmed === '') {
		throw new ScheduleSettingsError(`${label} is empty: enter ranges like "09:00-18:00", or "closed"`);
	}
	if (/^closed$/i.test(trimmed)) return [];

	const parsed: Array<TimeRange & { text: string }> = [];
	for (const part of trimmed.split(/[,;\n]/).map((p) => p.trim())) {
		if (part === '') continue;
		parsed.push({ ...parseOneRange(part, label), text: part });
	}
	parsed.sort((a, b) => a.start - b.start);

	const ranges: TimeRange[] = [];
	for (let i = 0; i < parsed.length; i++) {
		const current = parsed[i];
		if (i > 0 && current.start < parsed[i - 1].end) {
			throw new ScheduleSettingsError(
				`${label}: "${parsed[i - 1].text}" overlaps "${current.text}"; list each time only once`,
			);
		}
		const last = ranges[ranges.length - 1];
		if (last && last.end === current.start) {
			ranges[ranges.length - 1] = { start: last.start, end: current.end };
		} else {
			ranges.push({ start: current.start, end: current.end });
		}
	}
	return ranges;
}

function parseOneRange(part: string, label: string): TimeRange {
	const match = RANGE_PATTERN.exec(part);
	if (!match) {
		throw new ScheduleSettingsError(
			`${label}: "${part}" is not a time range like "09:00-18:00" (24-hour clock, hours:minutes)`,
		);
	}
	const start = minuteOfDay(Number(match[1]), Number(match[2]));
	const end = minuteOfDay(Number(match[3]), Number(match[4]));
	if (start === null || end === null) {
		const bad = start === null ? `${match[1]}:${match[2]}` : `${match[3]}:${match[4]}`;
		throw new ScheduleSettingsError(
			`${label}: "${part}" has "${bad}", which is not a time of day (use 00:00 to 23:59, or 24:00 for the end of the day)`,
		);
	}
	if (start === MINUTES_PER_DAY) {
		throw new ScheduleSettingsError(`${label}: "${part}" starts at 24:00; a range must start between 00:00 and 23:59`);
	}
	if (end < start) {
		const startText = `${match[1]}:${match[2]}`;
		const endText = `${match[3]}:${match[4]}`;
		throw new ScheduleSettingsError(
			`${label}: "${part}" ends before it starts. Use the 24-hour clock (e.g. "09:00-19:00"); ` +
				`a range cannot run past midnight, so split it into "${startText}-24:00" and "00:00-${endText}" on the next day`,
		);
	}
	if (end === start) {
		throw new ScheduleSettingsError(`${label}: "${part}" is empty (it starts and ends at the same time)`);
	}
	return { start, end };
}

function minuteOfDay(hour: number, minute: number): number | null {
	if (minute > 59) return null;
	if (hour === 24 && minute === 0) return MINUTES_PER_DAY;
	if (hour > 23) return null;
	return hour * 60 + minute;
}

/** "09:00-18:00" form, for messages. */
export function formatTimeRange(range: TimeRange): string {
	return `${formatMinute(range.start)}-${formatMinute(range.end)}`;
}

function formatMinute(minute: number): string {
	const hh = String(Math.floor(minute / 60)).padStart(2, '0');
	const mm = String(minute % 60).padStart(2, '0');
	return `${hh}:${mm}`;
}

export function isWithinRanges(ranges: readonly TimeRange[], minute: number): boolean {
	return ranges.some((range) => minute >= range.start && minute < range.end);
}
