import { DateTime } from 'luxon';

import type { ReportPeriod } from './reportPeriod';

function readable(date: string, format: string): string {
	return DateTime.fromISO(date, { zone: 'utc', locale: 'en-GB' }).toFormat(format);
}

/** A calendar date as a person reads it: "2026-11-01" → "Sun 1 Nov 2026", or "Sun 1 Nov" without the year. */
export function dayLabel(date: string, withYear = true): string {
	return readable(date, withYear ? 'ccc d LLL yyyy' : 'ccc d LLL');
}

/** A calendar date for a narrow chart axis, as two short lines: ["1", "Nov"], or ["Sun", "1"] when `withWeekday`. */
export function axisDayLabel(date: string, withWeekday = false): [string, string] {
	return withWeekday ? [readable(date, 'ccc'), readable(date, 'd')] : [readable(date, 'd'), readable(date, 'LLL')];
}

/** The period in words: "Mon 26 Oct 2026 to Sun 1 Nov 2026", or one day when from and to match. */
export function periodLabel(period: ReportPeriod): string {
	return period.from === period.to ? dayLabel(period.from) : `${dayLabel(period.from)} to ${dayLabel(period.to)}`;
}
