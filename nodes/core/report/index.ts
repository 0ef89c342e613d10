/** The callback report's domain core: the period, the figures, their definitions, the charts and the page. */
export { REQUEST_CHANNELS } from './reportCallback';
export type { CancelledBy, ReportAttempt, ReportCallback, ReportStatus, RequestChannel } from './reportCallback';
export {
	MAX_PERIOD_DAYS,
	ReportPeriodError,
	inPeriod,
	instantMillis,
	lastWeek,
	localDate,
	parseReportPeriod,
	periodBounds,
	periodDays,
	reportPeriodOrLastWeek,
} from './reportPeriod';
export type { PeriodDay, ReportPeriod, ReportPeriodText } from './reportPeriod';
export { ATTEMPT_GROUPS, attemptGroup, computeCallbackMetrics, isFinished } from './callbackMetrics';
export type {
	AttemptGroup,
	AttemptOutcome,
	CallbackFigures,
	CallbackMetrics,
	CallbackMetricsOptions,
	ChannelBreakdown,
	DayBreakdown,
	FigureKey,
	FirstCallBucketCount,
	OutcomeCounts,
} from './callbackMetrics';
export { FIRST_CALL_BUCKETS, firstCallBucketIndex } from './firstCallBuckets';
export type { FirstCallBucket } from './firstCallBuckets';
export { nearestRankMedian, nearestRankPercentile, rate } from './percentile';
export { BREAKDOWN_DEFINITIONS, METRIC_DEFINITIONS, breakdownDefinition, metricDefinition, metricRows } from './metricDefinitions';
export type { BreakdownDefinition, MetricDefinition, MetricRow, MetricUnit } from './metricDefinitions';
export { CHANNEL_LABELS } from './channelLabels';
export { ATTEMPT_LABELS } from './attemptLabels';
export { NO_DATA_TEXT, formatCount, formatDuration, formatMetricValue, formatPercent, unitText } from './formatMetricValue';
export { axisDayLabel, dayLabel, periodLabel } from './periodLabel';
export {
	CHART_COLOURS,
	NO_CALLBACKS_TEXT,
	NO_CALLS_TEXT,
	renderByAttemptChart,
	renderPerChannelChart,
	renderPerDayChart,
	renderReportCharts,
	renderTimeToFirstCallChart,
} from './reportCharts';
export type { ChartContext, ReportCharts } from './reportCharts';
export { KEY_FIGURES, renderReportPage, renderReportRefusedPage } from './renderReportPage';
export type { ReportPageOptions, ReportRefusedPageOptions } from './renderReportPage';
