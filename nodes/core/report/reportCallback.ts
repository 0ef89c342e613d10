/**
 * One callback as the report reads it: what was asked, when, through which channel, and what
 * each attempt did. The status store's records are turned into these (fromCallbackRecord.ts);
 * the metrics are computed from these alone.
 */

/** How the lead asked for the callback. */
export const REQUEST_CHANNELS = ['form', 'highlevel', 'missedCall', 'menu', 'sms', 'other'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** The callback's standing when the report is made. */
export type ReportStatus = 'pending' | 'incomplete' | 'complete' | 'cancelled' | 'failed';

/** Who ended a cancelled callback: the lead (a text, the page), or the workflow on its own (auto-cancel, a rule). */
export type CancelledBy = 'lead' | 'auto';

/** One call placed for the callback. */
export interface ReportAttempt {
	/** 1 for the first call, 2 for the first retry, … */
	attempt: number;
	/** ISO 8601: when the call was placed (the business's phone started ringing). */
	placedAt: string;
	/** ISO 8601: when business and lead were joined; null when they were not. */
	connectedAt: string | null;
	/** Seconds business and lead talked; null when they were not joined or it is not known. */
	talkSeconds: number | null;
	/** A voicemail was left for the lead on this attempt. */
	voicemailLeft: boolean;
}

export interface ReportCallback {
	callbackId: string;
	channel: RequestChannel;
	/** ISO 8601, UTC: when the lead asked. */
	requestedAt: string;
	/** The lead asked while the business could not call them (closed, or outside the lead's calling hours). */
	requestedOutsideHours: boolean;
	/** ISO 8601: the time the lead booked; null for "as soon as possible". */
	bookedFor: string | null;
	status: ReportStatus;
	/** ISO 8601: when the callback reached its present status. */
	statusChangedAt: string;
	/** Set when status is cancelled; null otherwise or when not known. */
	cancelledBy: CancelledBy | null;
	/** The lead opted out of texts (STOP). */
	optedOut: boolean;
	/** Repeated requests for this callback that started nothing new (same number within the duplicate window). */
	duplicatesSuppressed: number;
	/** A booked callback that ended without reaching the lead (counted as a no-show). */
	noShow: boolean;
	/** Oldest first. */
	attempts: ReportAttempt[];
}
