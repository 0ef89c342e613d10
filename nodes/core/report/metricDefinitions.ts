import type { CallbackMetrics, FigureKey } from './callbackMetrics';

/**
 * What a figure's number counts. Rates are fractions from 0 to 1 (the page shows them as
 * percentages); durations are seconds.
 */
export type MetricUnit = 'callbacks' | 'calls' | 'duplicates' | 'requests' | 'ratio' | 'seconds';

/** A figure's label, unit and definition, written once for the page and for data output alike. */
export interface MetricDefinition {
	readonly key: FigureKey;
	readonly label: string;
	readonly unit: MetricUnit;
	/** One sentence saying exactly what is counted. */
	readonly definition: string;
}

/** One figure as a row of data: the number with what it means. */
export interface MetricRow {
	key: FigureKey;
	label: string;
	/** Null when there was nothing to measure (no finished callbacks for a rate, no calls for a time). */
	value: number | null;
	unit: MetricUnit;
	definition: string;
}

/**
 * Every figure of CallbackFigures, keyed by figure so the compiler insists on one definition for
 * each; the order written here is the order a report shows them in.
 */
const DEFINITIONS_BY_KEY: Readonly<Record<FigureKey, Omit<MetricDefinition, 'key'>>> = {
	requests: {
		label: 'Requests',
		unit: 'callbacks',
		definition: 'Callbacks leads asked for during the period, counted by the time they asked in the report’s time zone.',
	},
	reached: {
		label: 'Reached',
		unit: 'callbacks',
		definition: 'Requested callbacks whose status is Complete: the business and the lead were connected.',
	},
	reachRate: {
		label: 'Reach rate',
		unit: 'ratio',
		definition:
			'Reached callbacks divided by finished ones (Complete, Failed, or Cancelled after at least one call); callbacks still open or cancelled before any call are left out.',
	},
	reachedShareOfRequests: {
		label: 'Reached of all requests',
		unit: 'ratio',
		definition: 'Reached callbacks divided by all requests, including those still open or cancelled before a call.',
	},
	medianSecondsToFirstCall: {
		label: 'Time to first call (median)',
		unit: 'seconds',
		definition:
			'Median wait from when the lead wanted the call to the first call placed: from the request, or from the booked time when that is later; a call placed early counts as 0.',
	},
	p90SecondsToFirstCall: {
		label: 'Time to first call (90th percentile)',
		unit: 'seconds',
		definition: 'Nine in ten called callbacks got their first call within this wait, measured as for the median.',
	},
	medianSecondsToConnection: {
		label: 'Time to connection (median)',
		unit: 'seconds',
		definition:
			'Median wait, over reached callbacks, from when the lead wanted the call (the request, or the later booked time) to the moment business and lead were joined.',
	},
	p90SecondsToConnection: {
		label: 'Time to connection (90th percentile)',
		unit: 'seconds',
		definition: 'Nine in ten reached callbacks were connected within this wait, measured as for the median.',
	},
	medianTalkSeconds: {
		label: 'Talk time (median)',
		unit: 'seconds',
		definition: 'Median length of the connected calls whose talk time is known.',
	},
	reachedOnAttempt1: {
		label: 'Reached on the first call',
		unit: 'callbacks',
		definition: 'Reached callbacks whose first connected call was attempt 1.',
	},
	reachedOnAttempt2: {
		label: 'Reached on the second call',
		unit: 'callbacks',
		definition: 'Reached callbacks whose first connected call was attempt 2, the first retry.',
	},
	reachedOnAttempt3Plus: {
		label: 'Reached on the third call or later',
		unit: 'callbacks',
		definition: 'Reached callbacks whose first connected call was attempt 3 or a later one.',
	},
	reachedAttemptUnknown: {
		label: 'Reached, call not recorded',
		unit: 'callbacks',
		definition: 'Complete callbacks with no connected call on record, for example marked complete by hand.',
	},
	finished: {
		label: 'Finished',
		unit: 'callbacks',
		definition: 'Requested callbacks that are Complete, Failed, or Cancelled after at least one call: the ones the reach rate is taken over.',
	},
	failed: {
		label: 'Failed',
		unit: 'callbacks',
		definition: 'Requested callbacks whose status is Failed: every planned attempt was made and none reached the lead.',
	},
	cancelled: {
		label: 'Cancelled',
		unit: 'callbacks',
		definition: 'Requested callbacks whose status is Cancelled, whoever cancelled them.',
	},
	cancelledByLead: {
		label: 'Cancelled by the lead',
		unit: 'callbacks',
		definition: 'Cancelled callbacks the lead called off themselves, by text or on the page.',
	},
	cancelledAutomatically: {
		label: 'Cancelled automatically',
		unit: 'callbacks',
		definition: 'Cancelled callbacks the workflow called off on its own, such as an auto-cancel or a rule.',
	},
	cancelledBeforeFirstCall: {
		label: 'Cancelled before a call',
		unit: 'callbacks',
		definition: 'Cancelled callbacks for which no call was ever placed.',
	},
	stillOpen: {
		label: 'Still open',
		unit: 'callbacks',
		definition: 'Requested callbacks that are Pending or Incomplete when the report is made, so more calls may follow.',
	},
	called: {
		label: 'Called',
		unit: 'callbacks',
		definition: 'Requested callbacks for which at least one call was placed.',
	},
	callsPlaced: {
		label: 'Calls placed',
		unit: 'calls',
		definition: 'Calls placed for the requested callbacks, every attempt counted, including those after the period.',
	},
	voicemailsLeft: {
		label: 'Voicemails left',
		unit: 'calls',
		definition: 'Calls for the requested callbacks on which a voicemail was left for the lead.',
	},
	booked: {
		label: 'Booked for a time',
		unit: 'callbacks',
		definition: 'Requested callbacks booked for a chosen time rather than as soon as possible.',
	},
	noShows: {
		label: 'No-shows',
		unit: 'callbacks',
		definition: 'Booked callbacks that ended without reaching the lead and were marked as a no-show.',
	},
	requestedOutsideHours: {
		label: 'Requested outside hours',
		unit: 'callbacks',
		definition: 'Requests made while the business could not call the lead: closed, or outside the lead’s calling hours.',
	},
	outsideHoursShare: {
		label: 'Share requested outside hours',
		unit: 'ratio',
		definition: 'Requests made outside hours divided by all requests.',
	},
	optedOut: {
		label: 'Opted out of texts',
		unit: 'callbacks',
		definition: 'Requested callbacks whose lead replied STOP or otherwise opted out of text messages.',
	},
	duplicatesSuppressed: {
		label: 'Duplicates suppressed',
		unit: 'duplicates',
		definition: 'Repeated requests from a number whose callback was still open, which started no new callback, summed over the period’s callbacks (repeats the form answered itself within its Ignore Repeats window are not seen here).',
	},
	blockedByRateLimit: {
		label: 'Blocked by rate limits',
		unit: 'requests',
		definition:
			'Requests the callback form refused during the period because too many came from one address, one number block or in all (answered 429, nothing texted or called), counted only while the form’s rate limits are on and for all channels only.',
	},
	blockedByHumanCheck: {
		label: 'Blocked as bots',
		unit: 'requests',
		definition:
			'Requests the callback form refused during the period as not sent by a person: a failed or missing human check, a form sent too fast or without its page’s token, or a filled-in hidden field, counted only while the form’s rate limits are on and for all channels only.',
	},
	heldForReview: {
		label: 'Held for review',
		unit: 'requests',
		definition:
			'Requests the callback form took but held for a person to review, not calling or texting them, because the number or the burst looked risky, counted only while the form’s rate limits are on and for all channels only.',
	},
};

/** Every figure's definition, in the order a report shows them. */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = Object.entries(DEFINITIONS_BY_KEY).map(([key, definition]) => ({
	key: key as FigureKey,
	...definition,
}));

/** The definition of one figure. */
export function metricDefinition(key: FigureKey): MetricDefinition {
	return { key, ...DEFINITIONS_BY_KEY[key] };
}

/** The figures as rows of data, each carrying its label, unit and definition, in the report's order. */
export function metricRows(metrics: CallbackMetrics): MetricRow[] {
	return METRIC_DEFINITIONS.map((definition) => ({
		key: definition.key,
		label: definition.label,
		value: metrics.figures[definition.key],
		unit: definition.unit,
		definition: definition.definition,
	}));
}

/** What a breakdown table or chart shows, for its caption and for data output. */
export interface BreakdownDefinition {
	readonly key: 'perDay' | 'perChannel' | 'byAttempt' | 'timeToFirstCall';
	readonly label: string;
	readonly definition: string;
}

export const BREAKDOWN_DEFINITIONS: readonly BreakdownDefinition[] = [
	{
		key: 'perDay',
		label: 'Requests and reach rate per day',
		definition: 'Requests on each calendar day of the period in the report’s time zone, how many were reached, and the reach rate of that day’s requests.',
	},
	{
		key: 'timeToFirstCall',
		label: 'Time to first call',
		definition: 'Called callbacks counted by how long the lead waited for the first call, from the request or the later booked time.',
	},
	{
		key: 'byAttempt',
		label: 'Outcomes by attempt',
		definition: 'For the first call, the second, and the third or later: callbacks that had that call, and how many were reached on it.',
	},
	{
		key: 'perChannel',
		label: 'Outcomes by channel',
		definition: 'Requests from each channel split into reached, finished without reaching the lead, and still open or cancelled before a call.',
	},
];

export function breakdownDefinition(key: BreakdownDefinition['key']): BreakdownDefinition {
	return BREAKDOWN_DEFINITIONS.find((definition) => definition.key === key) as BreakdownDefinition;
}
