import type { CallbackMetrics } from './callbackMetrics';
import { ATTEMPT_LABELS } from './attemptLabels';
import { CHANNEL_LABELS } from './channelLabels';
import { formatCount, formatPercent } from './formatMetricValue';
import { breakdownDefinition } from './metricDefinitions';
import type { BreakdownDefinition } from './metricDefinitions';
import { axisDayLabel, dayLabel, periodLabel } from './periodLabel';
import { coordinate, countAxis, emptyElement, multilineTextElement, svgDocument, textElement } from './svgMarkup';

/**
 * The report's four charts as inline SVG strings. Each is sized by its `viewBox` (360 units wide,
 * so 13-unit text stays about 12 pixels when a phone shrinks it to some 335 pixels), carries its
 * numbers in its `<desc>`, and writes every bar's value beside it so colour is never the only cue.
 */

/** Who and when the charts are for, named in each chart's title. */
export interface ChartContext {
	businessName: string;
	/** Prefix for the element ids, unique within the page; 'report' unless given. */
	idPrefix?: string;
}

/** The four charts of a report, in the order the page shows them. */
export interface ReportCharts {
	perDay: string;
	timeToFirstCall: string;
	byAttempt: string;
	perChannel: string;
}

export const NO_CALLBACKS_TEXT = 'No callbacks in this period';
export const NO_CALLS_TEXT = 'No calls placed for this period’s callbacks';

/** Colours chosen to read on both a light and a dark page, and apart for colour-blind readers (blue/teal against orange). */
export const CHART_COLOURS = {
	requests: '#60a5fa',
	reachRate: '#ea580c',
	reached: '#14b8a6',
	notReached: '#f97316',
	open: '#9ca3af',
	grid: '#9ca3af',
} as const;

const WIDTH = 360;
/** Size of axis and legend text in viewBox units; labels and values use the chart's 13. */
const SMALL_FONT_SIZE = 12;
/** Rough width of one character as a share of the font size, for fitting labels without measuring text. */
const CHARACTER_WIDTH = 0.58;
/** Room one day label takes on the axis (two lines of three characters: "Sat" over "31") with a gap after it. */
const DAY_LABEL_WIDTH = 3 * SMALL_FONT_SIZE * CHARACTER_WIDTH + 8;

function chartId(context: ChartContext, name: string): string {
	return `${context.idPrefix ?? 'report'}-${name}-chart`;
}

function chartTitle(metrics: CallbackMetrics, context: ChartContext, breakdown: BreakdownDefinition): string {
	const business = context.businessName.trim();
	const channel = metrics.channel === null ? '' : ` (${CHANNEL_LABELS[metrics.channel]} only)`;
	return `${breakdown.label}${channel}${business ? ` for ${business}` : ''}, ${periodLabel(metrics.period)}`;
}

function plural(count: number, singular: string, pluralForm: string): string {
	return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** A chart with nothing to draw says so in words, at the size of a small chart. */
function emptyChart(id: string, title: string, message: string): string {
	const height = 120;
	const body =
		emptyElement('rect', { x: 0.5, y: 0.5, width: WIDTH - 1, height: height - 1, rx: 8, fill: 'none', stroke: CHART_COLOURS.grid, 'stroke-dasharray': '4 4' }) +
		textElement(message, { x: WIDTH / 2, y: height / 2 + 5, 'text-anchor': 'middle', 'font-size': 15 });
	return svgDocument({ id, width: WIDTH, height, title, desc: `${message}.`, body });
}

interface LegendEntry {
	label: string;
	colour: string;
	/** Drawn as a line with a dot rather than a square. */
	line?: boolean;
}

/** A row of legend keys from the left edge, each a swatch and its name. */
function legend(entries: readonly LegendEntry[], y: number): string {
	let x = 4;
	let markup = '';
	for (const entry of entries) {
		markup += entry.line
			? emptyElement('line', { x1: x, y1: y - 4, x2: x + 14, y2: y - 4, stroke: entry.colour, 'stroke-width': 2 }) +
				emptyElement('circle', { cx: x + 7, cy: y - 4, r: 3, fill: entry.colour })
			: emptyElement('rect', { x, y: y - 10, width: 12, height: 12, rx: 2, fill: entry.colour });
		markup += textElement(entry.label, { x: x + 18, y, 'font-size': SMALL_FONT_SIZE });
		x += 18 + entry.label.length * SMALL_FONT_SIZE * CHARACTER_WIDTH + 12;
	}
	return markup;
}

/** Requests per day as bars (left axis) and the day's reach rate as dots joined by a line (right axis). */
export function renderPerDayChart(metrics: CallbackMetrics, context: ChartContext): string {
	const id = chartId(context, 'per-day');
	const title = chartTitle(metrics, context, breakdownDefinition('perDay'));
	const days = metrics.perDay;
	if (metrics.figures.requests === 0 || days.length === 0) return emptyChart(id, title, NO_CALLBACKS_TEXT);

	const height = 262;
	const left = 30;
	const right = 42;
	const top = 30;
	const bottom = 50;
	const plotWidth = WIDTH - left - right;
	const plotHeight = height - top - bottom;
	const baseline = top + plotHeight;
	const axis = countAxis(Math.max(...days.map((day) => day.requests)));
	const slot = plotWidth / days.length;
	const barWidth = Math.max(slot * 0.7, 0.6);
	const countY = (count: number): number => baseline - (count / axis.top) * plotHeight;
	const rateY = (rate: number): number => baseline - rate * plotHeight;
	const centre = (index: number): number => left + slot * index + slot / 2;

	let body = legend(
		[
			{ label: 'Requests', colour: CHART_COLOURS.requests },
			{ label: 'Reach rate', colour: CHART_COLOURS.reachRate, line: true },
		],
		14,
	);

	for (let tick = 0; tick <= axis.top; tick += axis.step) {
		const y = countY(tick);
		body += emptyElement('line', { x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: CHART_COLOURS.grid, 'stroke-width': 0.5, 'stroke-opacity': 0.6 });
		body += textElement(formatCount(tick), { x: left - 4, y: y + 4, 'text-anchor': 'end', 'font-size': SMALL_FONT_SIZE });
	}
	for (const rate of [0, 0.5, 1]) {
		body += textElement(formatPercent(rate), { x: left + plotWidth + 4, y: rateY(rate) + 4, 'font-size': SMALL_FONT_SIZE });
	}

	days.forEach((day, index) => {
		if (day.requests === 0) return;
		const y = countY(day.requests);
		body += emptyElement('rect', { x: centre(index) - barWidth / 2, y, width: barWidth, height: baseline - y, fill: CHART_COLOURS.requests });
	});

	// The line is broken on days with no finished callbacks: their rate is unknown, not zero.
	let segment: string[] = [];
	const segments: string[][] = [];
	days.forEach((day, index) => {
		if (day.reachRate === null) {
			if (segment.length > 0) segments.push(segment);
			segment = [];
			return;
		}
		segment.push(`${coordinate(centre(index))},${coordinate(rateY(day.reachRate))}`);
	});
	if (segment.length > 0) segments.push(segment);
	for (const points of segments) {
		if (points.length > 1) {
			body += emptyElement('polyline', { points: points.join(' '), fill: 'none', stroke: CHART_COLOURS.reachRate, 'stroke-width': 2 });
		}
	}
	const dotRadius = slot >= 8 ? 3 : 1.5;
	days.forEach((day, index) => {
		if (day.reachRate === null) return;
		body += emptyElement('circle', { cx: centre(index), cy: rateY(day.reachRate), r: dotRadius, fill: CHART_COLOURS.reachRate });
	});

	body += emptyElement('line', { x1: left, y1: baseline, x2: left + plotWidth, y2: baseline, stroke: 'currentColor', 'stroke-width': 1 });
	// Show every day whose label fits beside the previous one, always starting with the first.
	const withWeekday = days.length <= 7;
	const every = Math.max(1, Math.ceil((days.length * DAY_LABEL_WIDTH) / plotWidth));
	days.forEach((day, index) => {
		if (index % every !== 0) return;
		body += multilineTextElement(axisDayLabel(day.date, withWeekday), { x: centre(index), y: baseline + 15, 'text-anchor': 'middle', 'font-size': SMALL_FONT_SIZE });
	});
	body += textElement(`Days in ${metrics.period.timezone}`, { x: left + plotWidth / 2, y: height - 4, 'text-anchor': 'middle', 'font-size': SMALL_FONT_SIZE });

	const listed = days
		.filter((day) => day.requests > 0)
		.map(
			(day) =>
				`${dayLabel(day.date)}: ${plural(day.requests, 'request', 'requests')}, ${formatCount(day.reached)} reached, reach rate ${day.reachRate === null ? 'not known yet' : formatPercent(day.reachRate)}.`,
		);
	const quietDays = days.length - listed.length;
	const desc =
		`${title}. In all ${plural(metrics.figures.requests, 'request', 'requests')}, ${formatCount(metrics.figures.reached)} reached. ` +
		listed.join(' ') +
		(quietDays > 0 ? ` ${plural(quietDays, 'other day', 'other days')} had no requests.` : '');
	return svgDocument({ id, width: WIDTH, height, title, desc, body });
}

interface HorizontalBar {
	label: string;
	/** Stacked segments from the left, in legend order. */
	segments: number[];
	/** Written after the bar. */
	valueText: string;
}

/** Rows of horizontal bars, one per category, labelled on the left and valued on the right. */
function horizontalBars(id: string, title: string, desc: string, bars: readonly HorizontalBar[], keys: readonly LegendEntry[]): string {
	const labelWidth = 124;
	const valueWidth = 100;
	const rowHeight = 30;
	const barHeight = 18;
	const hasLegend = keys.length > 1;
	const top = hasLegend ? 30 : 8;
	const height = top + bars.length * rowHeight + 6;
	const plotLeft = labelWidth;
	const plotWidth = WIDTH - labelWidth - valueWidth;
	const largest = Math.max(1, ...bars.map((bar) => bar.segments.reduce((sum, value) => sum + value, 0)));

	let body = hasLegend ? legend(keys, 14) : '';
	bars.forEach((bar, row) => {
		const y = top + row * rowHeight + (rowHeight - barHeight) / 2;
		body += textElement(bar.label, { x: plotLeft - 8, y: y + barHeight / 2 + 4, 'text-anchor': 'end' });
		let x = plotLeft;
		bar.segments.forEach((value, index) => {
			if (value <= 0) return;
			const width = (value / largest) * plotWidth;
			body += emptyElement('rect', { x, y, width, height: barHeight, fill: keys[index].colour });
			x += width;
		});
		body += textElement(bar.valueText, { x: x + 6, y: y + barHeight / 2 + 4 });
	});
	body += emptyElement('line', { x1: plotLeft, y1: top, x2: plotLeft, y2: top + bars.length * rowHeight, stroke: 'currentColor', 'stroke-width': 1 });
	return svgDocument({ id, width: WIDTH, height, title, desc, body });
}

/** Called callbacks by how long the lead waited for the first call, one bar per range. */
export function renderTimeToFirstCallChart(metrics: CallbackMetrics, context: ChartContext): string {
	const id = chartId(context, 'time-to-first-call');
	const title = chartTitle(metrics, context, breakdownDefinition('timeToFirstCall'));
	if (metrics.figures.requests === 0) return emptyChart(id, title, NO_CALLBACKS_TEXT);
	const total = metrics.timeToFirstCall.reduce((sum, bucket) => sum + bucket.callbacks, 0);
	if (total === 0) return emptyChart(id, title, NO_CALLS_TEXT);

	const bars = metrics.timeToFirstCall.map((bucket) => ({
		label: bucket.label,
		segments: [bucket.callbacks],
		valueText: `${formatCount(bucket.callbacks)} (${formatPercent(bucket.callbacks / total)})`,
	}));
	const desc =
		`${title}. ${plural(total, 'callback was', 'callbacks were')} called. ` +
		metrics.timeToFirstCall
			.map((bucket) => `${bucket.label}: ${plural(bucket.callbacks, 'callback', 'callbacks')} (${formatPercent(bucket.callbacks / total)}).`)
			.join(' ');
	return horizontalBars(id, title, desc, bars, [{ label: 'Callbacks', colour: CHART_COLOURS.requests }]);
}

/** For each attempt group, the callbacks that had that call, split into reached on it and not. */
export function renderByAttemptChart(metrics: CallbackMetrics, context: ChartContext): string {
	const id = chartId(context, 'by-attempt');
	const title = chartTitle(metrics, context, breakdownDefinition('byAttempt'));
	if (metrics.figures.requests === 0) return emptyChart(id, title, NO_CALLBACKS_TEXT);
	if (metrics.byAttempt.every((row) => row.called === 0)) return emptyChart(id, title, NO_CALLS_TEXT);

	const bars = metrics.byAttempt.map((row) => ({
		label: ATTEMPT_LABELS[row.attempt],
		segments: [row.reached, row.notReached],
		valueText: `${formatCount(row.reached)} of ${formatCount(row.called)}`,
	}));
	const desc =
		`${title}. ` +
		metrics.byAttempt
			.map(
				(row) =>
					`${ATTEMPT_LABELS[row.attempt]}: ${plural(row.called, 'callback', 'callbacks')} called, ${formatCount(row.reached)} reached, ${formatCount(row.notReached)} not reached.`,
			)
			.join(' ');
	return horizontalBars(id, title, desc, bars, [
		{ label: 'Reached on this call', colour: CHART_COLOURS.reached },
		{ label: 'Not reached', colour: CHART_COLOURS.notReached },
	]);
}

/** Each channel with requests, split into reached, finished without reaching, and open or not called. */
export function renderPerChannelChart(metrics: CallbackMetrics, context: ChartContext): string {
	const id = chartId(context, 'per-channel');
	const title = chartTitle(metrics, context, breakdownDefinition('perChannel'));
	const rows = metrics.perChannel.filter((row) => row.requests > 0);
	if (rows.length === 0) return emptyChart(id, title, NO_CALLBACKS_TEXT);

	const bars = rows.map((row) => ({
		label: CHANNEL_LABELS[row.channel],
		segments: [row.reached, row.notReached, row.openOrNotCalled],
		valueText: plural(row.requests, 'request', 'requests'),
	}));
	const desc =
		`${title}. ` +
		rows
			.map(
				(row) =>
					`${CHANNEL_LABELS[row.channel]}: ${plural(row.requests, 'request', 'requests')}, ${formatCount(row.reached)} reached, ` +
					`${formatCount(row.notReached)} finished without reaching the lead, ${formatCount(row.openOrNotCalled)} still open or cancelled before a call; ` +
					`reach rate ${row.reachRate === null ? 'not known yet' : formatPercent(row.reachRate)}.`,
			)
			.join(' ');
	return horizontalBars(id, title, desc, bars, [
		{ label: 'Reached', colour: CHART_COLOURS.reached },
		{ label: 'Not reached', colour: CHART_COLOURS.notReached },
		{ label: 'Open / not called', colour: CHART_COLOURS.open },
	]);
}

/** All four charts for one set of metrics. */
export function renderReportCharts(metrics: CallbackMetrics, context: ChartContext): ReportCharts {
	return {
		perDay: renderPerDayChart(metrics, context),
		timeToFirstCall: renderTimeToFirstCallChart(metrics, context),
		byAttempt: renderByAttemptChart(metrics, context),
		perChannel: renderPerChannelChart(metrics, context),
	};
}
