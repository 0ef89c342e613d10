import { DateTime } from 'luxon';

import { lastWeek, parseReportPeriod, type ReportPeriod } from './reportPeriod';

/** The periods a node offers by name; `custom` takes typed dates. */
export type PeriodChoice = 'lastWeek' | 'thisWeek' | 'last30Days' | 'custom';

/** The period a choice means at `now` in the zone; custom dates are checked as typed. */
export function periodForChoice(choice: PeriodChoice, now: Date, timezone: string, dates: { from?: unknown; to?: unknown } = {}): ReportPeriod {
	if (choice === 'custom') return parseReportPeriod({ ...dates, timezone });
	if (choice === 'lastWeek') return lastWeek(now, timezone);
	// Checked (and the zone's name made canonical) the same way as typed dates.
	const today = DateTime.fromJSDate(now, { zone: timezone });
	const from = choice === 'thisWeek' ? today.startOf('week') : today.minus({ days: 29 });
	return parseReportPeriod({ from: from.toISODate(), to: today.toISODate(), timezone });
}
