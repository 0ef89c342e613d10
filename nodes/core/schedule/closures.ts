import { DateTime } from 'luxon';
import { ScheduleSettingsError } from './errors';

/**
 * Days the business is closed, in business-local dates. One-off dates ("2026-12-24") and
 * yearly dates ("12-25") may each be a range ("2026-12-24..2027-01-02", "12-24..01-02"); a
 * yearly range may run across New Year.
 */
export interface Closures {
	readonly dates: ReadonlySet<string>;
	readonly yearly: ReadonlySet<string>;
	readonly dateRanges: readonly DateSpan[];
	readonly yearlyRanges: readonly DateSpan[];
}

/** Inclusive span of "YYYY-MM-DD" or "MM-DD" keys; such keys sort as the calendar does. */
interface DateSpan {
	readonly from: string;
	readonly to: string;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^\d{2}-\d{2}$/;
const FORMAT_HINT = 'use YYYY-MM-DD for one date, MM-DD for every year, and "from..to" for a range';

export const NO_CLOSURES: Closures = parseClosures(undefined);

/** Accepts a list, or one text with entries separated by commas, semicolons or new lines. */
export function parseClosures(input: string | readonly string[] | undefined | null): Closures {
	const entries = (typeof input === 'string' ? input.split(/[,;\n]/) : (input ?? []))
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');

	const dates = new Set<string>();
	const yearly = new Set<string>();
	const dateRanges: DateSpan[] = [];
	const yearlyRanges: DateSpan[] = [];

	for (const entry of entries) {
		const [from, to, extra] = entry.split('..').map((part) => part.trim());
		if (extra !== undefined)
			throw new ScheduleSettingsError(`Closure "${entry}" is not a date or range: ${FORMAT_HINT}`);
		const fromKind = dateKind(from, entry);
		if (to === undefined) {
			(fromKind === 'date' ? dates : yearly).add(from);
			continue;
		}
		const toKind = dateKind(to, entry);
		if (fromKind !== toKind) {
			throw new ScheduleSettingsError(
				`Closure "${entry}" mixes a full date and a yearly date; write both ends as YYYY-MM-DD or both as MM-DD`,
			);
		}
		if (fromKind === 'date') {
			if (to < from) throw new ScheduleSettingsError(`Closure "${entry}" ends before it starts`);
			dateRanges.push({ from, to });
		} else {
			// A yearly range whose end is before its start runs across New Year (12-24..01-02).
			yearlyRanges.push({ from, to });
		}
	}
	return { dates, yearly, dateRanges, yearlyRanges };
}

function dateKind(text: string, entry: string): 'date' | 'yearly' {
	if (FULL_DATE.test(text)) {
		if (!DateTime.fromISO(text, { zone: 'utc' }).isValid) {
			throw new ScheduleSettingsError(`Closure "${entry}": ${text} is not a real date (${FORMAT_HINT})`);
		}
		return 'date';
	}
	if (MONTH_DAY.test(text)) {
		// Checked against a leap year so that a yearly "02-29" is allowed (it applies in leap years).
		if (!DateTime.fromISO(`2000-${text}`, { zone: 'utc' }).isValid) {
			throw new ScheduleSettingsError(`Closure "${entry}": ${text} is not a real month and day (${FORMAT_HINT})`);
		}
		return 'yearly';
	}
	throw new ScheduleSettingsError(`Closure "${entry}" is not a date: ${FORMAT_HINT}`);
}

/** Whether the business is closed all of the given business-local date ("YYYY-MM-DD"). */
export function isClosedOn(closures: Closures, isoDate: string): boolean {
	if (closures.dates.has(isoDate)) return true;
	const monthDay = isoDate.slice(5);
	if (closures.yearly.has(monthDay)) return true;
	for (const span of closures.dateRanges) {
		if (isoDate >= span.from && isoDate <= span.to) return true;
	}
	for (const span of closures.yearlyRanges) {
		const inside =
			span.from <= span.to
				? monthDay >= span.from && monthDay <= span.to
				: monthDay >= span.from || monthDay <= span.to;
		if (inside) return true;
	}
	return false;
}
