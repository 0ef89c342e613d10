import type { CallbackMetrics } from './callbackMetrics';
import { formatCount, formatDuration, formatPercent } from './formatMetricValue';

/** The period as a person reads it in a message: "2026-11-23 to 2026-11-29". */
function periodText(metrics: CallbackMetrics): string {
	return metrics.period.from === metrics.period.to ? metrics.period.from : `${metrics.period.from} to ${metrics.period.to}`;
}

/**
 * The week's numbers in a few lines, for a text message, an email or a chat post: what was asked,
 * how many were reached and how fast, what is still open.
 */
export function reportSummaryText(metrics: CallbackMetrics, businessName = ''): string {
	const figures = metrics.figures;
	const heading = `${businessName.trim() ? `${businessName.trim()}: ` : ''}callbacks ${periodText(metrics)}`;
	if (figures.requests === 0) return `${heading}: no callbacks were asked for.`;
	return [
		`${heading}: ${formatCount(figures.requests)} asked, ${formatCount(figures.reached)} reached (reach rate ${formatPercent(figures.reachRate)}).`,
		`First call after ${formatDuration(figures.medianSecondsToFirstCall)} (median), on the first attempt for ${formatCount(figures.reachedOnAttempt1)}.`,
		`Failed ${formatCount(figures.failed)}, cancelled ${formatCount(figures.cancelled)}, opted out ${formatCount(figures.optedOut)}, still open ${formatCount(figures.stillOpen)}.`,
	].join('\n');
}
