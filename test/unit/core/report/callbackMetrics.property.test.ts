import fc from 'fast-check';

import { computeCallbackMetrics } from '../../../../nodes/core/report/callbackMetrics';
import type { CallbackMetrics } from '../../../../nodes/core/report/callbackMetrics';
import { REQUEST_CHANNELS } from '../../../../nodes/core/report/reportCallback';
import { intlLocalDate, reportCaseArb } from './reportArbitraries';

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

function expectRate(value: number | null, denominator: number): void {
	if (denominator === 0) {
		expect(value).toBeNull();
	} else {
		expect(value).not.toBeNull();
		expect(value as number).toBeGreaterThanOrEqual(0);
		expect(value as number).toBeLessThanOrEqual(1);
	}
}

function expectOrderedPercentiles(median: number | null, p90: number | null): void {
	expect(median === null).toBe(p90 === null);
	if (median !== null && p90 !== null) {
		expect(median).toBeGreaterThanOrEqual(0);
		expect(median).toBeLessThanOrEqual(p90);
	}
}

describe('computeCallbackMetrics properties', () => {
	it('the independent day oracle reads dates as YYYY-MM-DD', () => {
		expect(intlLocalDate('2026-11-02T04:30:00Z', 'America/New_York')).toBe('2026-11-01');
	});

	it('counts exactly the callbacks whose local request date lies in the period, on their local day', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const metrics = computeCallbackMetrics(callbacks, period);
				const localDates = callbacks.map((callback) => intlLocalDate(callback.requestedAt, period.timezone));
				const inside = localDates.filter((date) => date >= period.from && date <= period.to);
				expect(metrics.figures.requests).toBe(inside.length);
				for (const day of metrics.perDay) expect(day.requests).toBe(inside.filter((date) => date === day.date).length);
			}),
		);
	});

	it('reached on attempt 1 + 2 + 3+ (+ attempt not recorded) = reached', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const { figures } = computeCallbackMetrics(callbacks, period);
				expect(figures.reachedOnAttempt1 + figures.reachedOnAttempt2 + figures.reachedOnAttempt3Plus + figures.reachedAttemptUnknown).toBe(figures.reached);
			}),
		);
	});

	it('reached on attempt 1 + 2 + 3+ = reached when every Complete callback has its connected call on record', () => {
		fc.assert(
			fc.property(reportCaseArb(true), ({ period, callbacks }) => {
				const { figures, byAttempt } = computeCallbackMetrics(callbacks, period);
				expect(figures.reachedAttemptUnknown).toBe(0);
				expect(figures.reachedOnAttempt1 + figures.reachedOnAttempt2 + figures.reachedOnAttempt3Plus).toBe(figures.reached);
				expect(byAttempt.map((row) => row.reached)).toEqual([figures.reachedOnAttempt1, figures.reachedOnAttempt2, figures.reachedOnAttempt3Plus]);
			}),
		);
	});

	it('per-day and per-channel breakdowns add up to the totals', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const { figures, perDay, perChannel } = computeCallbackMetrics(callbacks, period);
				for (const rows of [perDay, perChannel]) {
					expect(sum(rows.map((row) => row.requests))).toBe(figures.requests);
					expect(sum(rows.map((row) => row.reached))).toBe(figures.reached);
					expect(sum(rows.map((row) => row.finished))).toBe(figures.finished);
					for (const row of rows) expect(row.reached + row.notReached + row.openOrNotCalled).toBe(row.requests);
				}
			}),
		);
	});

	it('the channel filters partition the figures', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const all = computeCallbackMetrics(callbacks, period);
				const perChannel = REQUEST_CHANNELS.map((channel) => computeCallbackMetrics(callbacks, period, { channel }));
				expect(sum(perChannel.map((metrics) => metrics.figures.requests))).toBe(all.figures.requests);
				expect(sum(perChannel.map((metrics) => metrics.figures.duplicatesSuppressed))).toBe(all.figures.duplicatesSuppressed);
				expect(sum(perChannel.map((metrics) => metrics.figures.voicemailsLeft))).toBe(all.figures.voicemailsLeft);
				perChannel.forEach((metrics, index) => {
					expect(metrics.figures.requests).toBe(all.perChannel[index].requests);
					expect(metrics.figures.reachRate).toBe(all.perChannel[index].reachRate);
				});
			}),
		);
	});

	it('rates are within [0, 1], and null exactly when their denominator is 0', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const metrics: CallbackMetrics = computeCallbackMetrics(callbacks, period);
				const { figures } = metrics;
				expectRate(figures.reachRate, figures.finished);
				expectRate(figures.reachedShareOfRequests, figures.requests);
				expectRate(figures.outsideHoursShare, figures.requests);
				for (const row of [...metrics.perDay, ...metrics.perChannel]) expectRate(row.reachRate, row.finished);
			}),
		);
	});

	it('percentiles are ordered: median ≤ p90, both null or both known, never negative', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const { figures } = computeCallbackMetrics(callbacks, period);
				expectOrderedPercentiles(figures.medianSecondsToFirstCall, figures.p90SecondsToFirstCall);
				expectOrderedPercentiles(figures.medianSecondsToConnection, figures.p90SecondsToConnection);
				expect(figures.medianSecondsToFirstCall === null).toBe(figures.called === 0);
			}),
		);
	});

	it('the time-to-first-call ranges hold every called callback once, and attempts never exceed their callbacks', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const metrics = computeCallbackMetrics(callbacks, period);
				expect(sum(metrics.timeToFirstCall.map((bucket) => bucket.callbacks))).toBe(metrics.figures.called);
				expect(metrics.byAttempt[0].called).toBe(metrics.figures.called);
				for (const row of metrics.byAttempt) {
					expect(row.reached).toBeLessThanOrEqual(row.called);
					expect(row.reached + row.notReached).toBe(row.called);
				}
			}),
		);
	});

	it('does not depend on the order of the callbacks', () => {
		fc.assert(
			fc.property(
				reportCaseArb().chain((testCase) => fc.shuffledSubarray(testCase.callbacks, { minLength: testCase.callbacks.length }).map((shuffled) => ({ ...testCase, shuffled }))),
				({ period, callbacks, shuffled }) => {
					expect(computeCallbackMetrics(shuffled, period)).toEqual(computeCallbackMetrics(callbacks, period));
				},
			),
		);
	});
});
