import { sumRefusals } from '../abuse/refusalTally';
import type { CounterRow } from '../abuse/rateLimit';
import { FIRST_CALL_BUCKETS, firstCallBucketIndex } from './firstCallBuckets';
import { nearestRankMedian, nearestRankPercentile, rate } from './percentile';
import { REQUEST_CHANNELS } from './reportCallback';
import type { ReportAttempt, ReportCallback, RequestChannel } from './reportCallback';
import { instantMillis, parseReportPeriod, periodBounds, periodDays } from './reportPeriod';
import type { PeriodDay, ReportPeriod } from './reportPeriod';

/**
 * The report's figures for one period. Every definition is written out once, for people, in
 * metricDefinitions.ts; the comments here only say how each is counted.
 *
 * Two choices shape the rest:
 * - Reach rate is reached ÷ finished, where finished means Complete, Failed, or Cancelled after
 *   at least one call. A callback cancelled before anyone called (the lead texted "never mind" a
 *   minute later) gave the business no chance and is left out; one still open has no outcome yet.
 * - Waits are measured from the moment the lead wanted the call: when they asked, or, for a
 *   booked callback, the booked time if that is later. A call placed before that moment counts
 *   as a wait of 0.
 */
export interface CallbackFigures {
	/** Callbacks requested in the period (by `requestedAt`). */
	requests: number;
	/** Sum of `duplicatesSuppressed` over those callbacks. */
	duplicatesSuppressed: number;
	/** Status Complete. */
	reached: number;
	/** Complete + Failed + Cancelled after at least one call. */
	finished: number;
	/** reached ÷ finished; null when nothing finished. */
	reachRate: number | null;
	/** reached ÷ requests; null when there were no requests. */
	reachedShareOfRequests: number | null;
	/** Reached callbacks whose first connected call was attempt 1. */
	reachedOnAttempt1: number;
	reachedOnAttempt2: number;
	/** Attempt 3 or later. */
	reachedOnAttempt3Plus: number;
	/** Complete, but no call of theirs has `connectedAt` (marked complete by hand, or the call record was lost). */
	reachedAttemptUnknown: number;
	/** Status Failed: every attempt missed. */
	failed: number;
	/** Status Cancelled, whoever cancelled. */
	cancelled: number;
	cancelledByLead: number;
	cancelledAutomatically: number;
	/** Cancelled with no call placed. */
	cancelledBeforeFirstCall: number;
	/** The lead opted out of texts. */
	optedOut: number;
	/** Calls placed, all attempts together. */
	callsPlaced: number;
	/** Calls on which a voicemail was left. */
	voicemailsLeft: number;
	/** Callbacks with at least one call placed. */
	called: number;
	medianSecondsToFirstCall: number | null;
	p90SecondsToFirstCall: number | null;
	/** Over reached callbacks, to their first connected call. */
	medianSecondsToConnection: number | null;
	p90SecondsToConnection: number | null;
	/** Over connected calls whose talk time is known. */
	medianTalkSeconds: number | null;
	requestedOutsideHours: number;
	/** requestedOutsideHours ÷ requests. */
	outsideHoursShare: number | null;
	/** Callbacks booked for a time rather than "as soon as possible". */
	booked: number;
	/** Booked callbacks marked as no-shows. */
	noShows: number;
	/** Pending or Incomplete: the workflow may still call. */
	stillOpen: number;
	/**
	 * Requests the form turned away in the period, read from its rate-limit table's tallies
	 * (refusalTally.ts); null without that table, or when the figures are limited to a channel.
	 */
	blockedByRateLimit: number | null;
	blockedByHumanCheck: number | null;
	heldForReview: number | null;
}

export type FigureKey = keyof CallbackFigures;

/** How requests and outcomes add up for one group (a day, a channel). */
export interface OutcomeCounts {
	requests: number;
	reached: number;
	finished: number;
	/** finished − reached. */
	notReached: number;
	/** requests − finished: still open, or cancelled before a call. */
	openOrNotCalled: number;
	/** reached ÷ finished. */
	reachRate: number | null;
}

export interface DayBreakdown extends OutcomeCounts {
	/** 'YYYY-MM-DD' in the period's zone. */
	date: string;
}

export interface ChannelBreakdown extends OutcomeCounts {
	channel: RequestChannel;
}

export type AttemptGroup = '1' | '2' | '3+';

export const ATTEMPT_GROUPS: readonly AttemptGroup[] = ['1', '2', '3+'];

/** For one attempt number: callbacks that had that call, and whether it reached the lead. */
export interface AttemptOutcome {
	attempt: AttemptGroup;
	/** Callbacks with a call placed on this attempt (for 3+: on any attempt from 3 on). */
	called: number;
	/** Of those, reached on this attempt (Complete, this was the first connected call). */
	reached: number;
	/** called − reached. */
	notReached: number;
}

export interface FirstCallBucketCount {
	key: string;
	label: string;
	fromSeconds: number;
	toSeconds: number | null;
	/** Callbacks whose first call came after a wait in this range. */
	callbacks: number;
}

export interface CallbackMetrics {
	period: ReportPeriod;
	/** The channel the figures are limited to; null for all channels. */
	channel: RequestChannel | null;
	figures: CallbackFigures;
	perDay: DayBreakdown[];
	/** Every channel, in REQUEST_CHANNELS order, including those with no requests. */
	perChannel: ChannelBreakdown[];
	byAttempt: AttemptOutcome[];
	timeToFirstCall: FirstCallBucketCount[];
}

export interface CallbackMetricsOptions {
	/** Count only callbacks from this channel. */
	channel?: RequestChannel;
	/** The rows of the form's rate-limit table, whose tallies count the requests it turned away. */
	refusalTallies?: readonly CounterRow[] | null;
}

/** The attempt group an attempt number falls in; anything below 2 is a first call. */
export function attemptGroup(attempt: number): AttemptGroup {
	if (attempt >= 3) return '3+';
	return attempt >= 2 ? '2' : '1';
}

function isConnected(attempt: ReportAttempt): boolean {
	return typeof attempt.connectedAt === 'string' && attempt.connectedAt.trim() !== '';
}

/** The call that reached the lead: for a Complete callback, its connected call with the lowest attempt number. */
function reachingAttempt(callback: ReportCallback): ReportAttempt | null {
	if (callback.status !== 'complete') return null;
	let found: ReportAttempt | null = null;
	for (const attempt of callback.attempts) {
		if (isConnected(attempt) && (found === null || attempt.attempt < found.attempt)) found = attempt;
	}
	return found;
}

/** Complete, Failed, or Cancelled after a call: the callbacks the reach rate is taken over. */
export function isFinished(callback: ReportCallback): boolean {
	if (callback.status === 'complete' || callback.status === 'failed') return true;
	return callback.status === 'cancelled' && callback.attempts.length > 0;
}

/** When the lead wanted the call: when they asked, or their booked time if later. */
function waitStartsAt(callback: ReportCallback, requestedAt: number): number {
	const bookedFor = instantMillis(callback.bookedFor);
	return bookedFor !== null && bookedFor > requestedAt ? bookedFor : requestedAt;
}

function secondsSince(start: number, end: number): number {
	return Math.max(0, end - start) / 1000;
}

function firstPlacedAt(callback: ReportCallback): number | null {
	let first: number | null = null;
	for (const attempt of callback.attempts) {
		const placedAt = instantMillis(attempt.placedAt);
		if (placedAt !== null && (first === null || placedAt < first)) first = placedAt;
	}
	return first;
}

function emptyCounts(): OutcomeCounts {
	return { requests: 0, reached: 0, finished: 0, notReached: 0, openOrNotCalled: 0, reachRate: null };
}

function addOutcome(counts: OutcomeCounts, callback: ReportCallback): void {
	counts.requests += 1;
	if (callback.status === 'complete') counts.reached += 1;
	if (isFinished(callback)) counts.finished += 1;
}

function closeCounts<T extends OutcomeCounts>(counts: T): T {
	counts.notReached = counts.finished - counts.reached;
	counts.openOrNotCalled = counts.requests - counts.finished;
	counts.reachRate = rate(counts.reached, counts.finished);
	return counts;
}

/** Index of the day holding the instant (days are contiguous and ordered). */
function dayIndex(days: readonly PeriodDay[], millis: number): number {
	let low = 0;
	let high = days.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (millis < days[middle].startsAt) high = middle - 1;
		else if (millis >= days[middle].endsAt) low = middle + 1;
		else return middle;
	}
	return -1;
}

/**
 * The report's figures and breakdowns for the callbacks requested in the period (by
 * `requestedAt`, read in the period's zone), optionally limited to one channel. Callbacks
 * outside the period, or whose `requestedAt` cannot be read, are left out. A period that is not
 * valid (see parseReportPeriod) is a ReportPeriodError rather than a report of nothing.
 */
export function computeCallbackMetrics(
	callbacks: readonly ReportCallback[],
	requestedPeriod: ReportPeriod,
	options: CallbackMetricsOptions = {},
): CallbackMetrics {
	const period = parseReportPeriod(requestedPeriod);
	const channel = options.channel ?? null;
	const days = periodDays(period);
	const { startsAt, endsAt } = periodBounds(period);

	const perDay: DayBreakdown[] = days.map((day) => ({ date: day.date, ...emptyCounts() }));
	const perChannel: ChannelBreakdown[] = REQUEST_CHANNELS.map((name) => ({ channel: name, ...emptyCounts() }));
	const byAttempt: AttemptOutcome[] = ATTEMPT_GROUPS.map((attempt) => ({ attempt, called: 0, reached: 0, notReached: 0 }));
	const bucketCounts = FIRST_CALL_BUCKETS.map(() => 0);
	const waitsToFirstCall: number[] = [];
	const waitsToConnection: number[] = [];
	const talkTimes: number[] = [];

	const figures: CallbackFigures = {
		requests: 0,
		duplicatesSuppressed: 0,
		reached: 0,
		finished: 0,
		reachRate: null,
		reachedShareOfRequests: null,
		reachedOnAttempt1: 0,
		reachedOnAttempt2: 0,
		reachedOnAttempt3Plus: 0,
		reachedAttemptUnknown: 0,
		failed: 0,
		cancelled: 0,
		cancelledByLead: 0,
		cancelledAutomatically: 0,
		cancelledBeforeFirstCall: 0,
		optedOut: 0,
		callsPlaced: 0,
		voicemailsLeft: 0,
		called: 0,
		medianSecondsToFirstCall: null,
		p90SecondsToFirstCall: null,
		medianSecondsToConnection: null,
		p90SecondsToConnection: null,
		medianTalkSeconds: null,
		requestedOutsideHours: 0,
		outsideHoursShare: null,
		booked: 0,
		noShows: 0,
		stillOpen: 0,
		blockedByRateLimit: null,
		blockedByHumanCheck: null,
		heldForReview: null,
	};
	// Turned-away requests have no channel of their own to filter by.
	if (options.refusalTallies && channel === null) {
		const refused = sumRefusals(options.refusalTallies, startsAt, endsAt);
		figures.blockedByRateLimit = refused.rateLimit;
		figures.blockedByHumanCheck = refused.humanCheck;
		figures.heldForReview = refused.heldForReview;
	}

	for (const callback of callbacks) {
		if (channel !== null && callback.channel !== channel) continue;
		const requestedAt = instantMillis(callback.requestedAt);
		if (requestedAt === null || requestedAt < startsAt || requestedAt >= endsAt) continue;

		figures.requests += 1;
		figures.duplicatesSuppressed += Math.max(0, Number(callback.duplicatesSuppressed) || 0);
		if (callback.requestedOutsideHours) figures.requestedOutsideHours += 1;
		if (callback.optedOut) figures.optedOut += 1;
		const isBooked = instantMillis(callback.bookedFor) !== null;
		if (isBooked) figures.booked += 1;
		if (isBooked && callback.noShow) figures.noShows += 1;

		switch (callback.status) {
			case 'pending':
			case 'incomplete':
				figures.stillOpen += 1;
				break;
			case 'failed':
				figures.failed += 1;
				break;
			case 'cancelled':
				figures.cancelled += 1;
				if (callback.cancelledBy === 'lead') figures.cancelledByLead += 1;
				if (callback.cancelledBy === 'auto') figures.cancelledAutomatically += 1;
				if (callback.attempts.length === 0) figures.cancelledBeforeFirstCall += 1;
				break;
			case 'complete':
				figures.reached += 1;
				break;
		}
		if (isFinished(callback)) figures.finished += 1;

		const day = dayIndex(days, requestedAt);
		if (day !== -1) addOutcome(perDay[day], callback);
		const channelRow = perChannel.find((row) => row.channel === callback.channel) ?? perChannel[perChannel.length - 1];
		addOutcome(channelRow, callback);

		const calledGroups = new Set<AttemptGroup>();
		for (const attempt of callback.attempts) {
			figures.callsPlaced += 1;
			if (attempt.voicemailLeft) figures.voicemailsLeft += 1;
			calledGroups.add(attemptGroup(attempt.attempt));
			const talk = attempt.talkSeconds;
			if (isConnected(attempt) && typeof talk === 'number' && Number.isFinite(talk) && talk >= 0) talkTimes.push(talk);
		}
		for (const row of byAttempt) if (calledGroups.has(row.attempt)) row.called += 1;

		if (callback.status === 'complete') {
			const reaching = reachingAttempt(callback);
			const group = reaching === null ? null : attemptGroup(reaching.attempt);
			if (group === '1') figures.reachedOnAttempt1 += 1;
			else if (group === '2') figures.reachedOnAttempt2 += 1;
			else if (group === '3+') figures.reachedOnAttempt3Plus += 1;
			else figures.reachedAttemptUnknown += 1;
			if (group !== null) (byAttempt.find((row) => row.attempt === group) as AttemptOutcome).reached += 1;
			const connectedAt = instantMillis(reaching?.connectedAt);
			if (connectedAt !== null) waitsToConnection.push(secondsSince(waitStartsAt(callback, requestedAt), connectedAt));
		}

		const placedAt = firstPlacedAt(callback);
		if (callback.attempts.length > 0) figures.called += 1;
		if (placedAt !== null) {
			const wait = secondsSince(waitStartsAt(callback, requestedAt), placedAt);
			waitsToFirstCall.push(wait);
			bucketCounts[firstCallBucketIndex(wait)] += 1;
		}
	}

	figures.reachRate = rate(figures.reached, figures.finished);
	figures.reachedShareOfRequests = rate(figures.reached, figures.requests);
	figures.outsideHoursShare = rate(figures.requestedOutsideHours, figures.requests);
	figures.medianSecondsToFirstCall = nearestRankMedian(waitsToFirstCall);
	figures.p90SecondsToFirstCall = nearestRankPercentile(waitsToFirstCall, 0.9);
	figures.medianSecondsToConnection = nearestRankMedian(waitsToConnection);
	figures.p90SecondsToConnection = nearestRankPercentile(waitsToConnection, 0.9);
	figures.medianTalkSeconds = nearestRankMedian(talkTimes);
	for (const row of byAttempt) row.notReached = row.called - row.reached;

	return {
		period,
		channel,
		figures,
		perDay: perDay.map(closeCounts),
		perChannel: perChannel.map(closeCounts),
		byAttempt,
		timeToFirstCall: FIRST_CALL_BUCKETS.map((bucket, index) => ({
			key: bucket.key,
			label: bucket.label,
			fromSeconds: bucket.fromSeconds,
			toSeconds: bucket.toSeconds,
			callbacks: bucketCounts[index],
		})),
	};
}
