import { DateTime } from 'luxon';

import { escapeHtml } from '../form/escapeHtml';
import { renderNoticePage } from '../form/noticePage';
import { renderPageLayout } from '../form/pageLayout';
import { ATTEMPT_LABELS } from './attemptLabels';
import type { CallbackMetrics, FigureKey, OutcomeCounts } from './callbackMetrics';
import { CHANNEL_LABELS } from './channelLabels';
import { formatCount, formatMetricValue, formatPercent, NO_DATA_TEXT, unitText } from './formatMetricValue';
import { BREAKDOWN_DEFINITIONS, METRIC_DEFINITIONS } from './metricDefinitions';
import type { BreakdownDefinition, MetricDefinition } from './metricDefinitions';
import { dayLabel, periodLabel } from './periodLabel';
import { NO_CALLBACKS_TEXT, renderReportCharts } from './reportCharts';
import type { ReportCharts } from './reportCharts';

export interface ReportPageOptions {
	businessName: string;
	metrics: CallbackMetrics;
	/**
	 * The access token the page was opened with. The period picker sends it back in a hidden
	 * field, so choosing other dates keeps the link working.
	 */
	token: string;
	/** The response's nonce; send pageContentSecurityPolicy(nonce) with the page. */
	nonce: string;
	accentColor?: string;
	/** Shown above the picker, e.g. why typed dates were not used (a ReportPeriodError's message). */
	notice?: string;
	/** When the figures were read: statuses are as of then. */
	generatedAt?: Date;
}

/** The figures shown first, as large cards; the rest follow under "More figures". */
export const KEY_FIGURES: readonly FigureKey[] = [
	'requests',
	'reached',
	'reachRate',
	'medianSecondsToFirstCall',
	'p90SecondsToFirstCall',
	'medianSecondsToConnection',
	'stillOpen',
	'failed',
	'noShows',
];

const REPORT_CSS = `
.card{max-width:62rem}
.report-period{margin:0 0 1.25rem;color:var(--muted);overflow-wrap:anywhere}
.report-notice{margin:0 0 1.25rem;padding:.75rem 1rem;border-radius:.5rem;background:var(--danger-soft);color:var(--danger);overflow-wrap:anywhere}
.period-picker{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.75rem;margin:0 0 2rem;padding:1rem;border:1px solid var(--border);border-radius:.75rem}
.period-picker .field{display:flex;flex-direction:column;gap:.25rem;flex:1 1 9rem;min-width:0}
.period-picker label{font-weight:600;font-size:.9375rem}
.period-picker input{font:inherit;width:100%;min-height:2.75rem;padding:.5rem .625rem;border:1px solid var(--border);border-radius:.5rem;background:var(--field);color:var(--text)}
.period-picker button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1.25rem;border:0;border-radius:.5rem;background:var(--accent);color:var(--on-accent);cursor:pointer}
.period-picker input:focus-visible{border-color:var(--accent);box-shadow:0 0 0 3px var(--ring);outline:none}
h2{font-size:1.25rem;line-height:1.3;margin:2.25rem 0 .5rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,14rem),1fr));gap:.75rem;margin:0}
.figure{margin:0;padding:.75rem .875rem;border:1px solid var(--border);border-radius:.75rem}
.figure dt{font-weight:600;font-size:.9375rem}
.figure dd{margin:0}
.figure .value{margin:.25rem 0 0;font-size:1.5rem;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.figure .unit{font-size:.875rem;font-weight:400;color:var(--muted)}
.figure .definition{margin:.375rem 0 0;font-size:.8125rem;line-height:1.4;color:var(--muted)}
.breakdown-definition{margin:0 0 .75rem;font-size:.9375rem;color:var(--muted)}
.breakdown-body{display:grid;gap:1rem 2rem}
.chart{max-width:30rem}
.chart svg{display:block;width:100%;height:auto}
.table-wrap{overflow-x:auto;min-width:0}
.table-wrap:focus-visible{outline:3px solid var(--accent)}
table{width:100%;border-collapse:collapse;font-size:.875rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;margin:0 0 .25rem}
th,td{padding:.375rem .5rem;border-bottom:1px solid var(--border);text-align:right;vertical-align:top}
td{white-space:nowrap}
th:first-child{text-align:left}
th{font-weight:600}
tbody th{font-weight:500}
#table-perDay tbody th{white-space:nowrap}
tfoot th,tfoot td{font-weight:700;border-bottom:0}
td.empty{text-align:left;white-space:normal;color:var(--muted)}
@media (min-width:56rem){.breakdown-body{grid-template-columns:minmax(0,1fr) minmax(0,1fr);align-items:start}}
@media (max-width:30rem){
	table{font-size:.75rem}
	th,td{padding:.375rem .25rem}
}
.report-footer{margin:2.5rem 0 0;font-size:.8125rem;color:var(--muted)}
@media print{
	:root{color-scheme:light;--page:#fff;--card:#fff;--text:#000;--muted:#374151;--border:#6b7280}
	body{background:#fff;color:#000;font-size:11pt}
	.page{display:block;padding:0}
	.card{max-width:none;min-height:0;padding:0;border-radius:0;box-shadow:none;background:#fff}
	.period-picker{display:none}
	h2{break-after:avoid}
	.figure,.chart,tr{break-inside:avoid}
	.table-wrap{overflow:visible}
}
`;

function figureCard(definition: MetricDefinition, metrics: CallbackMetrics): string {
	const value = metrics.figures[definition.key];
	const unit = unitText(value, definition.unit);
	return (
		`<div class="figure" id="figure-${escapeHtml(definition.key)}">` +
		`<dt>${escapeHtml(definition.label)}</dt>` +
		`<dd class="value">${escapeHtml(formatMetricValue(value, definition.unit))}${unit ? ` <span class="unit">${escapeHtml(unit)}</span>` : ''}</dd>` +
		`<dd class="definition">${escapeHtml(definition.definition)}</dd>` +
		'</div>'
	);
}

function figureCards(keys: readonly FigureKey[], metrics: CallbackMetrics): string {
	const cards = keys.map((key) => figureCard(METRIC_DEFINITIONS.find((definition) => definition.key === key) as MetricDefinition, metrics));
	return `<dl class="figures">${cards.join('')}</dl>`;
}

function periodPicker(metrics: CallbackMetrics, token: string): string {
	const channel = metrics.channel === null ? '' : `<input type="hidden" name="channel" value="${escapeHtml(metrics.channel)}">`;
	return (
		'<form class="period-picker" method="get" aria-label="Choose the period">' +
		`<input type="hidden" name="token" value="${escapeHtml(token)}">` +
		channel +
		'<div class="field"><label for="report-from">From</label>' +
		`<input type="date" id="report-from" name="from" value="${escapeHtml(metrics.period.from)}" required></div>` +
		'<div class="field"><label for="report-to">To (included)</label>' +
		`<input type="date" id="report-to" name="to" value="${escapeHtml(metrics.period.to)}" required></div>` +
		'<button type="submit">Show report</button>' +
		'</form>'
	);
}

type Cell = string | number;

/** A table with a caption, column headers and one row header per row; every cell is escaped here. */
function table(id: string, caption: string, columns: readonly string[], rows: readonly Cell[][], footer?: Cell[]): string {
	const headerRow = columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
	const row = (cells: readonly Cell[]): string =>
		`<tr><th scope="row">${escapeHtml(cells[0])}</th>${cells
			.slice(1)
			.map((cell) => `<td>${escapeHtml(cell)}</td>`)
			.join('')}</tr>`;
	const body =
		rows.length > 0 ? rows.map(row).join('') : `<tr><td class="empty" colspan="${columns.length}">${escapeHtml(NO_CALLBACKS_TEXT)}</td></tr>`;
	return (
		`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${escapeHtml(id)}-caption">` +
		`<table id="${escapeHtml(id)}"><caption id="${escapeHtml(id)}-caption">${escapeHtml(caption)}</caption>` +
		`<thead><tr>${headerRow}</tr></thead><tbody>${body}</tbody>` +
		(footer && rows.length > 0 ? `<tfoot>${row(footer)}</tfoot>` : '') +
		'</table></div>'
	);
}

function rateText(rate: number | null): string {
	return rate === null ? NO_DATA_TEXT : formatPercent(rate);
}

function outcomeCells(counts: OutcomeCounts): Cell[] {
	return [formatCount(counts.requests), formatCount(counts.reached), formatCount(counts.finished), rateText(counts.reachRate)];
}

function breakdownTable(key: BreakdownDefinition['key'], label: string, metrics: CallbackMetrics): string {
	const figures = metrics.figures;
	const id = `table-${key}`;
	switch (key) {
		case 'perDay': {
			// The heading gives the year; a period within one year leaves it out of each row, so the table fits a phone.
			const sameYear = metrics.period.from.slice(0, 4) === metrics.period.to.slice(0, 4);
			const rows = metrics.perDay.map((day) => [dayLabel(day.date, !sameYear), ...outcomeCells(day)]);
			return table(
				id,
				`${label}, days in ${metrics.period.timezone}`,
				['Day', 'Requests', 'Reached', 'Finished', 'Reach rate'],
				figures.requests === 0 ? [] : rows,
				['Whole period', formatCount(figures.requests), formatCount(figures.reached), formatCount(figures.finished), rateText(figures.reachRate)],
			);
		}
		case 'timeToFirstCall': {
			const called = metrics.timeToFirstCall.reduce((sum, bucket) => sum + bucket.callbacks, 0);
			const rows = metrics.timeToFirstCall.map((bucket) => [bucket.label, formatCount(bucket.callbacks), called > 0 ? formatPercent(bucket.callbacks / called) : NO_DATA_TEXT]);
			return table(id, label, ['Wait for the first call', 'Callbacks', 'Share'], figures.requests === 0 ? [] : rows, ['All called callbacks', formatCount(called), called > 0 ? '100%' : NO_DATA_TEXT]);
		}
		case 'byAttempt': {
			const rows = metrics.byAttempt.map((row) => [
				ATTEMPT_LABELS[row.attempt],
				formatCount(row.called),
				formatCount(row.reached),
				formatCount(row.notReached),
				row.called > 0 ? formatPercent(row.reached / row.called) : NO_DATA_TEXT,
			]);
			return table(id, label, ['Call', 'Callbacks called', 'Reached on this call', 'Not reached', 'Reached share'], figures.requests === 0 ? [] : rows);
		}
		case 'perChannel': {
			const rows = metrics.perChannel
				.filter((row) => row.requests > 0)
				.map((row) => [CHANNEL_LABELS[row.channel], formatCount(row.requests), formatCount(row.reached), formatCount(row.notReached), rateText(row.reachRate)]);
			// Open or not called is requests − reached − not reached; the chart's description names it.
			return table(id, label, ['Channel', 'Requests', 'Reached', 'Not reached', 'Reach rate'], rows, [
				'All channels',
				formatCount(figures.requests),
				formatCount(figures.reached),
				formatCount(figures.finished - figures.reached),
				rateText(figures.reachRate),
			]);
		}
	}
}

function breakdownSection(definition: BreakdownDefinition, charts: ReportCharts, metrics: CallbackMetrics): string {
	const headingId = `breakdown-${definition.key}`;
	return (
		`<section class="breakdown" aria-labelledby="${headingId}">` +
		`<h2 id="${headingId}">${escapeHtml(definition.label)}</h2>` +
		`<p class="breakdown-definition">${escapeHtml(definition.definition)}</p>` +
		'<div class="breakdown-body">' +
		`<div class="chart">${charts[definition.key]}</div>` +
		breakdownTable(definition.key, definition.label, metrics) +
		'</div></section>'
	);
}

function generatedText(generatedAt: Date | undefined, timezone: string): string {
	if (!generatedAt) return '';
	const when = DateTime.fromJSDate(generatedAt, { zone: timezone }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm');
	return `Statuses as of ${when} (${timezone}). `;
}

/**
 * The callback report as a complete HTML page: the period and a picker for another, the figures
 * as cards with their definitions, and each breakdown as a chart with a table beside it for
 * readers who cannot see the chart. Loads nothing and runs no script.
 */
export function renderReportPage(options: ReportPageOptions): string {
	const { metrics } = options;
	const business = options.businessName.trim();
	const charts = renderReportCharts(metrics, { businessName: business });
	const period = periodLabel(metrics.period);
	const channel = metrics.channel === null ? '' : ` · ${CHANNEL_LABELS[metrics.channel]} only`;
	const notice = (options.notice ?? '').trim();
	const otherFigures = METRIC_DEFINITIONS.map((definition) => definition.key).filter((key) => !KEY_FIGURES.includes(key));

	const body =
		`<h1>${escapeHtml(business ? `Callback report for ${business}` : 'Callback report')}</h1>` +
		`<p class="report-period">${escapeHtml(`${period} · days in ${metrics.period.timezone}${channel}`)}</p>` +
		(notice ? `<p class="report-notice" role="alert">${escapeHtml(notice)}</p>` : '') +
		periodPicker(metrics, options.token) +
		'<section aria-labelledby="key-figures"><h2 id="key-figures">Key figures</h2>' +
		figureCards(KEY_FIGURES, metrics) +
		'</section>' +
		BREAKDOWN_DEFINITIONS.map((definition) => breakdownSection(definition, charts, metrics)).join('') +
		'<section aria-labelledby="more-figures"><h2 id="more-figures">More figures</h2>' +
		figureCards(otherFigures, metrics) +
		'</section>' +
		`<p class="report-footer">${escapeHtml(
			`${generatedText(options.generatedAt, metrics.period.timezone)}Callbacks are counted on the day they were asked for; their statuses may still change.`,
		)}</p>`;

	return renderPageLayout({
		documentTitle: `Callback report, ${period}`,
		businessName: business,
		nonce: options.nonce,
		accentColor: options.accentColor,
		body,
		css: REPORT_CSS,
	});
}

export interface ReportRefusedPageOptions {
	businessName?: string;
	nonce: string;
	accentColor?: string;
}

/** The page for a request without a valid access token: says what is wrong, shows no figures. */
export function renderReportRefusedPage(options: ReportRefusedPageOptions): string {
	return renderNoticePage({
		businessName: options.businessName ?? '',
		title: 'This report link is missing its access token',
		message: 'The callback report opens only from its full link, which ends with ?token= and a long code. This link has no token, or not the right one.',
		note: 'Open the full link you were given, or ask whoever set up the callback workflow to send it again.',
		nonce: options.nonce,
		accentColor: options.accentColor,
		tone: 'error',
		statusText: 'Access denied',
	});
}
