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

/**
 * The calls the notes name, oldest first. A result can reach two changes (a missed last attempt
 * is marked Incomplete, then Failed after the voicemail), so a call is counted once, by the time
 * it was placed; a voicemail counts on the attempt it followed.
 */
function attemptsOf(notes: readonly SystemNote[]): ReportAttempt[] {
	const byPlacedAt = new Map<string, ReportAttempt>();
	for (const note of notes) {
		if (note.call !== undefined && !byPlacedAt.has(note.call.placedAt)) {
			byPlacedAt.set(note.call.placedAt, {
				attempt: note.attempt ?? byPlacedAt.size + 1,
				placedAt: note.call.placedAt,
				connectedAt: note.call.connectedAt,
				talkSeconds: note.call.talkSeconds,
				voicemailLeft: false,
			});
		}
	}
	const attempts = [...byPlacedAt.values()].sort((a, b) => Date.parse(a.placedAt) - Date.parse(b.placedAt));
	for (const note of notes) {
		if (note.voicemail?.left !== true) continue;
		const before = attempts.filter((attempt) => Date.parse(attempt.placedAt) <= Date.parse(note.voicemail!.placedAt)).pop();
		if (before) before.voicemailLeft = true;
		else attempts.push({ attempt: note.attempt ?? 1, placedAt: note.voicemail.placedAt, connectedAt: null, talkSeconds: null, voicemailLeft: true });
	}
	return attempts;
}

/**
 * A stored callback as the report reads it. Facts come from the notes each status change left
 * (noteFacts.ts); a callback recorded before those were kept reads as source "other" with no
 * calls known. `onOptOutList`: the lead's number is on the SMS opt-out list now.
 */
export function fromCallbackRecord(record: CallbackRecord, onOptOutList = false): ReportCallback {
	const source = record.notes.find((note) => note.source !== undefined)?.source;
	// The first call's planned time: from its outcome's note, or while it waits, from the attempt recorded.
	const waitingFirst = record.scheduledAttempt?.attempt === 1 ? record.scheduledAttempt.at : undefined;
	const firstPlan = record.notes.find((note) => note.plannedFor !== undefined)?.plannedFor ?? waitingFirst;
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
		optedOut: record.optOut || onOptOutList,
		duplicatesSuppressed: record.notes.filter((note) => note.duplicate === true).length,
		noShow: record.bookedFor !== null && record.status === 'failed',
		attempts: attemptsOf(record.notes),
	};
}
