import { DateTime } from 'luxon';

import { canonicalZoneName } from '../schedule/ianaZone';

/**
 * The stretch of calendar days a report covers, read in the business's time zone: every callback
 * whose `requestedAt` falls between the start of `from` and the end of `to` (inclusive) there.
 */
export interface ReportPeriod {
	/** First day, 'YYYY-MM-DD'. */
	readonly from: string;
	/** Last day, 'YYYY-MM-DD', included. */
	readonly to: string;
	/** IANA zone whose calendar days the period counts. */
	readonly timezone: string;
}

/** One calendar day of a period with the instants it starts and ends at (23 or 25 hours on a DST change). */
export interface PeriodDay {
	/** 'YYYY-MM-DD'. */
	readonly date: string;
	/** Epoch milliseconds of the day's first instant in the zone. */
	readonly startsAt: number;
	/** Epoch milliseconds of the next day's first instant (excluded). */
	readonly endsAt: number;
}

/** The period fields as typed in a form, a query string or a node parameter. */
export interface ReportPeriodText {
	from?: unknown;
	to?: unknown;
	timezone?: unknown;
}

/** Longest period a report covers: a leap year, so any whole year fits. */
export const MAX_PERIOD_DAYS = 366;

/** A period typed by a person cannot be used; the message says what to change. */
export class ReportPeriodError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReportPeriodError';
	}
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
}

function readDate(fieldLabel: string, value: unknown): string {
	const date = text(value);
	if (date === '') throw new ReportPeriodError(`${fieldLabel} is empty; enter a date as YYYY-MM-DD, e.g. 2026-03-02.`);
	if (!ISO_DATE.test(date)) {
		throw new ReportPeriodError(`${fieldLabel} "${date}" is not a date as YYYY-MM-DD; write it like 2026-03-02.`);
	}
	if (!DateTime.fromISO(date, { zone: 'utc' }).isValid) {
		throw new ReportPeriodError(`${fieldLabel} "${date}" is not a real calendar date; check the month and the day.`);
	}
	return date;
}

function readZone(value: unknown): string {
	const name = text(value);
	if (name === '') throw new ReportPeriodError('Time Zone is empty; enter an IANA time zone such as America/New_York.');
	const zone = canonicalZoneName(name);
	if (zone === null) {
		throw new ReportPeriodError(`Time Zone "${name}" is not an IANA time zone; use a name such as America/New_York or Europe/London.`);
	}
	return zone;
}

/** Calendar days from `from` to `to`, both included (dates compared as plain dates, no zone). */
function inclusiveDayCount(from: string, to: string): number {
	const start = DateTime.fromISO(from, { zone: 'utc' });
	const end = DateTime.fromISO(to, { zone: 'utc' });
	return Math.round(end.diff(start, 'days').days) + 1;
}

/** The period from typed fields, or a ReportPeriodError naming the field to fix. */
export function parseReportPeriod(fields: ReportPeriodText): ReportPeriod {
	const timezone = readZone(fields.timezone);
	const from = readDate('From date', fields.from);
	const to = readDate('To date', fields.to);
	if (from > to) {
		throw new ReportPeriodError(`From date ${from} is after To date ${to}; swap them or pick an earlier From date.`);
	}
	const days = inclusiveDayCount(from, to);
	if (days > MAX_PERIOD_DAYS) {
		throw new ReportPeriodError(
			`The period from ${from} to ${to} is ${days} days long; pick at most ${MAX_PERIOD_DAYS} days.`,
		);
	}
	return { from, to, timezone };
}

function toMillis(now: number | Date): number {
	return typeof now === 'number' ? now : now.getTime();
}

/** Monday to Sunday of the ISO week before the one holding `now`, in the zone. */
export function lastWeek(now: number | Date, timezone: string): ReportPeriod {
	const zone = readZone(timezone);
	const monday = DateTime.fromMillis(toMillis(now), { zone }).startOf('week').minus({ weeks: 1 });
	return {
		from: monday.toISODate() as string,
		to: monday.plus({ days: 6 }).toISODate() as string,
		timezone: zone,
	};
}

/**
 * The period typed in the fields, or last week when both dates are left empty (the report's
 * default view). Anything half filled or wrong is a ReportPeriodError.
 */
export function reportPeriodOrLastWeek(fields: ReportPeriodText, now: number | Date): ReportPeriod {
	if (text(fields.from) === '' && text(fields.to) === '') return lastWeek(now, text(fields.timezone));
	return parseReportPeriod(fields);
}

/** The first instant of a calendar date in the zone (01:00 where clocks skip midnight). */
function startOfDate(date: string, timezone: string): DateTime {
	return DateTime.fromISO(date, { zone: timezone }).startOf('day');
}

/** Each calendar day of the period in its zone, oldest first, with its true length across DST changes. */
export function periodDays(period: ReportPeriod): PeriodDay[] {
	const days: PeriodDay[] = [];
	let start = startOfDate(period.from, period.timezone);
	let date = start.toISODate() as string;
	while (date <= period.to) {
		const next = start.plus({ days: 1 }).startOf('day');
		days.push({ date, startsAt: start.toMillis(), endsAt: next.toMillis() });
		start = next;
		date = next.toISODate() as string;
	}
	return days;
}

/** Epoch milliseconds of the period's first instant and of the instant just after it. */
export function periodBounds(period: ReportPeriod): { startsAt: number; endsAt: number } {
	const startsAt = startOfDate(period.from, period.timezone).toMillis();
	const endsAt = startOfDate(period.to, period.timezone).plus({ days: 1 }).startOf('day').toMillis();
	return { startsAt, endsAt };
}

/**
 * Epoch milliseconds of an ISO 8601 instant, or null when it cannot be read. A time written
 * without an offset is read as UTC, which is what the status store writes.
 */
export function instantMillis(iso: string | null | undefined): number | null {
	if (typeof iso !== 'string') return null;
	const text = iso.trim();
	if (text === '') return null;
	// The store's own spelling (with Z or an offset) is read by the runtime, which is much faster
	// than luxon; a report reads several instants for each of thousands of callbacks.
	if (INSTANT_WITH_OFFSET.test(text)) {
		const millis = Date.parse(text);
		if (!Number.isNaN(millis)) return millis;
	}
	const instant = DateTime.fromISO(text, { zone: 'utc' });
	return instant.isValid ? instant.toMillis() : null;
}

/** The calendar date ('YYYY-MM-DD') an instant falls on in the zone; null when it cannot be read. */
export function localDate(iso: string, timezone: string): string | null {
	const millis = instantMillis(iso);
	return millis === null ? null : (DateTime.fromMillis(millis, { zone: timezone }).toISODate() as string);
}

/** The instant falls inside the period (from the start of `from` to the end of `to`, in the zone). */
export function inPeriod(iso: string, period: ReportPeriod): boolean {
	const millis = instantMillis(iso);
	if (millis === null) return false;
	const { startsAt, endsAt } = periodBounds(period);
	return millis >= startsAt && millis < endsAt;
}
