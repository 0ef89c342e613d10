import { isFinishedStatus, type CallbackStatus } from './callbackStatus';
import type { CallbackKey, CallbackRecord } from './callbackRecord';
import { EMPTY_CONTEXT, mergeContext, type ContextDataSettings } from './contextData';
import { noShowStanding, type CallbackEnding, type NoShowRule, type NoShowStanding } from './noShow';
import { checkTransition } from './statusTransitions';
import type { NoteFacts } from './noteFacts';
import { sameTag, type StatusTagNames } from './statusTags';
import type { SystemNote } from './systemNote';
import { applyTagDiff, statusTagDiff, withTag, type TagDiff } from './tagDiff';

/** What to do when a callback is asked to leave a final status (Complete → Pending). */
export type IllegalMovePolicy = 'refuse' | 'newCallback';

/** One "Set status" request, whatever the store. */
export interface StatusChange {
	key: CallbackKey;
	status: CallbackStatus;
	/** The attempt just made; null when the item does not say. */
	attempt: number | null;
	outcome: string | null;
	/** true: the lead opted out of SMS; null: leave as it is. */
	optOut: boolean | null;
	contactId: string | null;
	context: Record<string, unknown>;
	contextSettings: ContextDataSettings;
	onIllegalMove: IllegalMovePolicy;
	/**
	 * A new Pending callback opens only when the phone has no open callback; otherwise the
	 * outcome is `alreadyOpen`. Holds under concurrency in stores that can guarantee it.
	 */
	oneOpenPerPhone?: boolean;
	tagNames: StatusTagNames;
	optOutTag: string;
	/** ISO 8601: the time the lead booked; null or absent: as recorded before ("as soon as possible" for a new callback). */
	bookedFor?: string | null;
	/** Counts missed booked callbacks when this change ends one; null or absent: no counting. */
	noShow?: NoShowRule | null;
	/** What the report learns from this change (noteFacts.ts); kept in its note. */
	facts?: NoteFacts;
	now: Date;
}

export type StatusChangeOutcome =
	| {
			kind: 'changed';
			record: CallbackRecord;
			previous: CallbackRecord | null;
			diff: TagDiff;
			note: SystemNote;
			/** The previous callback had a final status, so this one got a new id. */
			startedNewCallback: boolean;
			/** Where the lead stands once this callback ended (Complete or Failed, with a no-show rule); null otherwise. */
			noShow: NoShowStanding | null;
	  }
	| { kind: 'refused'; reason: string; previous: CallbackRecord };

/** What a store reports: the change, or (new callbacks only) the phone's open callback instead. */
export type SetStatusOutcome =
	| StatusChangeOutcome
	/** A new callback was asked for a phone that already has this open one; nothing was written. */
	| { kind: 'alreadyOpen'; open: CallbackRecord };

/** Notes kept per callback; older ones go first, the CRM keeps its own full history. */
export const MAX_NOTES = 200;

function attemptsAfter(previous: number, change: StatusChange): number {
	if (change.attempt !== null) return Math.max(previous, change.attempt);
	// A missed call reported without its number still counts as one more attempt.
	return change.status === 'incomplete' ? previous + 1 : previous;
}

/** How the phone's earlier callbacks ended, oldest first. */
function oldestFirst(endings: readonly CallbackEnding[]): CallbackEnding[] {
	return [...endings].sort((a, b) => Date.parse(a.endedAt) - Date.parse(b.endedAt));
}

/**
 * The lead's standing when this change ends the callback and a no-show rule is given (null
 * otherwise), and whether they were a no-show before it.
 */
function standingAfter(change: StatusChange, bookedFor: string | null, earlierEndings: readonly CallbackEnding[]): { now: NoShowStanding; before: NoShowStanding } | null {
	const rule = change.noShow ?? null;
	if (rule === null || (change.status !== 'complete' && change.status !== 'failed')) return null;
	const own: CallbackEnding = { scheduled: bookedFor !== null, reached: change.status === 'complete', endedAt: change.now.toISOString() };
	const history = oldestFirst(earlierEndings);
	const at = change.now.getTime();
	return { now: noShowStanding([...history, own], rule.limit, rule.pauseDays, at), before: noShowStanding(history, rule.limit, rule.pauseDays, at) };
}

/**
 * The record after a status change, computed from the one the store holds (null: none yet).
 * `contactTags` are the contact's tags when the store reads them from the CRM itself (default:
 * the tags the record remembers; null: unknown). `earlierEndings` are how the phone's other
 * callbacks ended, for the no-show count. Pure: stores call it again on a fresh read when a
 * concurrent write got in first.
 */
export function applyStatusChange(
	current: CallbackRecord | null,
	change: StatusChange,
	newCallbackId: () => string,
	contactTags: readonly string[] | null = current?.tags ?? null,
	earlierEndings: readonly CallbackEnding[] = [],
): StatusChangeOutcome {
	let base = current;
	let startedNewCallback = false;
	if (current !== null) {
		const check = checkTransition(current.status, change.status);
		if (!check.allowed) {
			if (change.onIllegalMove === 'refuse') return { kind: 'refused', reason: check.reason, previous: current };
			base = null;
			startedNewCallback = true;
		}
	}
	const at = change.now.toISOString();
	// Tags and opt-out belong to the contact, so a new callback for the same lead keeps them.
	const diff = statusTagDiff(contactTags, change.status, change.tagNames);
	const optOut = change.optOut ?? current?.optOut ?? false;
	if (optOut && !(contactTags ?? []).some((tag) => sameTag(tag, change.optOutTag))) diff.tagsToAdd.push(change.optOutTag);
	const bookedFor = change.bookedFor ?? base?.bookedFor ?? null;
	const counted = standingAfter(change, bookedFor, earlierEndings);
	const standing = counted?.now ?? null;
	if (counted !== null && change.noShow) {
		// The no-show tag comes with the count that makes one, and goes once a callback reaches
		// the lead (the contact may carry it from an earlier callback's row).
		const carries = (contactTags ?? []).some((tag) => sameTag(tag, change.noShow?.tag ?? ''));
		if (counted.now.noShow && !carries) diff.tagsToAdd.push(change.noShow.tag);
		if (!counted.now.noShow && (carries || counted.before.noShow || contactTags === null)) diff.tagsToRemove.push(change.noShow.tag);
	}
	let tags = applyTagDiff(contactTags ?? [], diff);
	if (optOut) tags = withTag(tags, change.optOutTag);
	const note: SystemNote = {
		at,
		status: change.status,
		previousStatus: base?.status ?? null,
		attempt: change.attempt,
		outcome: change.outcome,
		...change.facts,
	};
	const record: CallbackRecord = {
		callbackId: base?.callbackId ?? (startedNewCallback ? newCallbackId() : (change.key.callbackId ?? newCallbackId())),
		phone: change.key.phone ?? current?.phone ?? null,
		contactId: change.contactId ?? current?.contactId ?? null,
		status: change.status,
		tags,
		attempts: attemptsAfter(base?.attempts ?? 0, change),
		lastOutcome: change.outcome ?? base?.lastOutcome ?? null,
		requestedAt: base?.requestedAt ?? at,
		statusChangedAt: base !== null && base.status === change.status ? base.statusChangedAt : at,
		notes: [...(base?.notes ?? []), note].slice(-MAX_NOTES),
		optOut,
		context: mergeContext(base?.context ?? EMPTY_CONTEXT, change.context, change.contextSettings, change.now),
		// A finished callback waits for nothing; the previous record still names what waited.
		scheduledAttempt: isFinishedStatus(change.status) ? null : (base?.scheduledAttempt ?? null),
		bookedFor,
		missedInARow: standing?.missedInARow ?? base?.missedInARow ?? 0,
		noShowUntil: standing !== null ? standing.pausedUntil : (base?.noShowUntil ?? null),
		version: (base?.version ?? 0) + 1,
	};
	return { kind: 'changed', record, previous: current, diff, note, startedNewCallback, noShow: standing };
}

/**
 * The callback a phone number means when no id is given: the newest one still open, else the
 * newest one.
 */
export function latestCallbackForPhone<T extends Pick<CallbackRecord, 'status' | 'requestedAt'>>(records: readonly T[]): T | null {
	const newestFirst = [...records].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
	return newestFirst.find((record) => !isFinishedStatus(record.status)) ?? newestFirst[0] ?? null;
}
