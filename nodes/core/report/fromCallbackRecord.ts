import type { CallbackRecord, SystemNote } from '../callbackStore';
import type { ReportAttempt, ReportCallback, RequestChannel } from './reportCallback';

/** A request whose first call was planned this long after it was made was made outside hours. */
export const OUTSIDE_HOURS_AFTER_MS = 5 * 60_000;

const CHANNEL_OF_SOURCE: Record<string, RequestChannel> = {
	'hosted-form': 'form',
	highlevel: 'highlevel',
	'missed-call': 'missedCall',
	'phone-menu': 'menu',
	sms: 'sms',
};

/** The channel a request's source names; a form posting a source of its own (a campaign name) is a form. */
export function channelOfSource(source: string | undefined): RequestChannel {
	if (source === undefined) return 'other';
	return CHANNEL_OF_SOURCE[source.toLowerCase()] ?? 'form';
}

function attemptsOf(notes: readonly SystemNote[]): ReportAttempt[] {
	const attempts: ReportAttempt[] = [];
	for (const note of notes) {
		if (note.call === undefined) continue;
		attempts.push({
			attempt: note.attempt ?? attempts.length + 1,
			placedAt: note.call.placedAt,
			connectedAt: note.call.connectedAt,
			talkSeconds: note.call.talkSeconds,
			voicemailLeft: note.call.voicemailLeft,
		});
	}
	return attempts;
}

/**
 * A stored callback as the report reads it. Facts come from the notes each status change left
 * (noteFacts.ts); a callback recorded before those were kept reads as source "other" with no
 * calls known.
 */
export function fromCallbackRecord(record: CallbackRecord): ReportCallback {
	const source = record.notes.find((note) => note.source !== undefined)?.source;
	const firstPlan = record.notes.find((note) => note.plannedFor !== undefined)?.plannedFor;
	const cancelled = [...record.notes].reverse().find((note) => note.status === 'cancelled');
	const requested = Date.parse(record.requestedAt);
	return {
		callbackId: record.callbackId,
		channel: channelOfSource(source),
		requestedAt: record.requestedAt,
		requestedOutsideHours: record.bookedFor === null && firstPlan !== undefined && Date.parse(firstPlan) - requested > OUTSIDE_HOURS_AFTER_MS,
		bookedFor: record.bookedFor,
		status: record.status,
		statusChangedAt: record.statusChangedAt,
		cancelledBy: record.status === 'cancelled' ? (cancelled?.cancelledBy ?? null) : null,
		optedOut: record.optOut,
		duplicatesSuppressed: record.notes.filter((note) => note.duplicate === true).length,
		noShow: record.bookedFor !== null && record.status === 'failed',
		attempts: attemptsOf(record.notes),
	};
}
