import fc from 'fast-check';

import { REQUEST_CHANNELS } from '../../../../nodes/core/report/reportCallback';
import type { ReportAttempt, ReportCallback, ReportStatus } from '../../../../nodes/core/report/reportCallback';
import type { ReportPeriod } from '../../../../nodes/core/report/reportPeriod';

const DAY = 24 * 3_600_000;

/** Zones with DST in either hemisphere, a half-hour DST (Lord Howe), DST at midnight (Santiago), and none. */
export const REPORT_ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham'] as const;

/** A period of 1 to 40 days starting somewhere in 2025–2027, in one of REPORT_ZONES. */
export const periodArb: fc.Arbitrary<ReportPeriod> = fc
	.record({
		startDay: fc.integer({ min: 0, max: 3 * 365 }),
		length: fc.integer({ min: 1, max: 40 }),
		timezone: fc.constantFrom(...REPORT_ZONES),
	})
	.map(({ startDay, length, timezone }) => {
		const start = Date.UTC(2025, 0, 1) + startDay * DAY;
		return {
			from: new Date(start).toISOString().slice(0, 10),
			to: new Date(start + (length - 1) * DAY).toISOString().slice(0, 10),
			timezone,
		};
	});

const STATUSES: ReportStatus[] = ['pending', 'incomplete', 'complete', 'cancelled', 'failed'];

const attemptShapeArb = fc.record({
	gapSeconds: fc.integer({ min: 0, max: 3 * 86_400 }),
	connectedAfterSeconds: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
	talkSeconds: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: null }),
	voicemailLeft: fc.boolean(),
});

/**
 * Callbacks requested from three days before the period to three days after it, with any status
 * and calls. `consistent` makes every Complete callback have a connected call, as the workflow
 * records it; otherwise connected calls land anywhere, as hand-edited data might.
 */
export function callbacksArb(period: ReportPeriod, consistent: boolean): fc.Arbitrary<ReportCallback[]> {
	const periodStart = Date.parse(`${period.from}T00:00:00Z`) - 3 * DAY;
	const periodEnd = Date.parse(`${period.to}T00:00:00Z`) + 4 * DAY;
	const callbackArb = fc
		.record({
			requestedAt: fc.integer({ min: periodStart, max: periodEnd }),
			channel: fc.constantFrom(...REQUEST_CHANNELS),
			status: fc.constantFrom(...STATUSES),
			cancelledBy: fc.constantFrom('lead' as const, 'auto' as const, null),
			bookedAfterSeconds: fc.option(fc.integer({ min: -3600, max: 5 * 86_400 }), { nil: null }),
			requestedOutsideHours: fc.boolean(),
			optedOut: fc.boolean(),
			duplicatesSuppressed: fc.integer({ min: 0, max: 5 }),
			noShow: fc.boolean(),
			attempts: fc.array(attemptShapeArb, { maxLength: 5 }),
		})
		.map((shape) => {
			let placedAt = shape.requestedAt;
			const attempts: ReportAttempt[] = shape.attempts.map((attempt, index) => {
				placedAt += attempt.gapSeconds * 1000;
				return {
					attempt: index + 1,
					placedAt: new Date(placedAt).toISOString(),
					connectedAt: attempt.connectedAfterSeconds === null ? null : new Date(placedAt + attempt.connectedAfterSeconds * 1000).toISOString(),
					talkSeconds: attempt.connectedAfterSeconds === null ? null : attempt.talkSeconds,
					voicemailLeft: attempt.voicemailLeft,
				};
			});
			if (consistent && shape.status === 'complete') {
				if (attempts.length === 0) {
					attempts.push({ attempt: 1, placedAt: new Date(shape.requestedAt + 60_000).toISOString(), connectedAt: null, talkSeconds: null, voicemailLeft: false });
				}
				const last = attempts[attempts.length - 1];
				last.connectedAt = last.connectedAt ?? new Date(Date.parse(last.placedAt) + 10_000).toISOString();
			}
			const callback: ReportCallback = {
				callbackId: `cb-${shape.requestedAt}`,
				channel: shape.channel,
				requestedAt: new Date(shape.requestedAt).toISOString(),
				requestedOutsideHours: shape.requestedOutsideHours,
				bookedFor: shape.bookedAfterSeconds === null ? null : new Date(shape.requestedAt + shape.bookedAfterSeconds * 1000).toISOString(),
				status: shape.status,
				statusChangedAt: new Date(placedAt).toISOString(),
				cancelledBy: shape.status === 'cancelled' ? shape.cancelledBy : null,
				optedOut: shape.optedOut,
				duplicatesSuppressed: shape.duplicatesSuppressed,
				noShow: shape.noShow,
				attempts,
			};
			return callback;
		});
	return fc.array(callbackArb, { maxLength: 40 });
}

/** A period and callbacks around it. */
export function reportCaseArb(consistent = false): fc.Arbitrary<{ period: ReportPeriod; callbacks: ReportCallback[] }> {
	return periodArb.chain((period) => callbacksArb(period, consistent).map((callbacks) => ({ period, callbacks })));
}

/**
 * The calendar date of an instant in a zone, worked out by Intl rather than luxon, so the tests
 * check the report's day arithmetic against an independent source.
 */
export function intlLocalDate(iso: string, timezone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
