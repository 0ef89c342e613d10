import type { MetricUnit } from './metricDefinitions';

/** What the page writes when a figure has nothing to measure (never NaN or 0). */
export const NO_DATA_TEXT = 'No data';

const COUNT_NOUNS: Partial<Record<MetricUnit, [string, string]>> = {
	callbacks: ['callback', 'callbacks'],
	calls: ['call', 'calls'],
	duplicates: ['duplicate', 'duplicates'],
	requests: ['request', 'requests'],
};

/** A whole count with thousands separators, e.g. "1,204". */
export function formatCount(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

/** A fraction from 0 to 1 as a whole percentage, e.g. 0.5714 → "57%"; null → "No data". */
export function formatPercent(value: number | null): string {
	return value === null ? NO_DATA_TEXT : `${Math.round(value * 100)}%`;
}

/** A wait or talk time in the two largest units a person reads at a glance: "45 s", "3 min 5 s", "9 h 30 min", "2 d 4 h". */
export function formatDuration(seconds: number | null): string {
	if (seconds === null) return NO_DATA_TEXT;
	const total = Math.max(0, Math.round(seconds));
	const days = Math.floor(total / 86_400);
	const hours = Math.floor((total % 86_400) / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const rest = total % 60;
	const pair = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
		small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
	if (days > 0) return pair(days, 'd', hours, 'h');
	if (hours > 0) return pair(hours, 'h', minutes, 'min');
	if (minutes > 0) return pair(minutes, 'min', rest, 's');
	return `${rest} s`;
}

/** The figure's number as the page shows it: a count, a percentage or a duration. */
export function formatMetricValue(value: number | null, unit: MetricUnit): string {
	if (value === null) return NO_DATA_TEXT;
	if (unit === 'ratio') return formatPercent(value);
	if (unit === 'seconds') return formatDuration(value);
	return formatCount(value);
}

/** The noun written after a count ("callback" or "callbacks"); empty for rates and durations, whose text carries the unit. */
export function unitText(value: number | null, unit: MetricUnit): string {
	const nouns = COUNT_NOUNS[unit];
	if (!nouns || value === null) return '';
	return Math.round(value) === 1 ? nouns[0] : nouns[1];
}
