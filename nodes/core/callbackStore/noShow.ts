/** Misses in a row after which a lead is a no-show, unless the business sets another number. */
export const DEFAULT_NO_SHOW_LIMIT = 3;
/** How long a no-show is not booked again automatically, unless the business sets another period. */
export const DEFAULT_NO_SHOW_PAUSE_DAYS = 30;

/** The tag a no-show carries beside the status tag, unless the business names another. */
export const DEFAULT_NO_SHOW_TAG = 'Callback No-Show';

const DAY_MS = 24 * 60 * 60_000;

/** When a lead counts as a no-show, and what that does. */
export interface NoShowRule {
	/** Booked callbacks missed in a row that make a no-show; 0 turns the count off. */
	readonly limit: number;
	/** Days after the last miss during which the lead is not booked again automatically. */
	readonly pauseDays: number;
	/** The tag a no-show carries (removed again once a later callback reaches them). */
	readonly tag: string;
}

export class NoShowRuleError extends Error {}

/** The rule from the node's fields, or what to fix. */
export function checkNoShowRule(limit: number, pauseDays: number, tag: string): NoShowRule {
	if (!Number.isInteger(limit) || limit < 0) throw new NoShowRuleError(`No-Show After Misses must be a whole number of missed booked callbacks (0 turns it off), not "${limit}".`);
	if (!Number.isFinite(pauseDays) || pauseDays < 0) throw new NoShowRuleError(`No-Show Pause must be a number of days (0 or more), not "${pauseDays}".`);
	if (tag.trim() === '') throw new NoShowRuleError('No-Show Tag is empty; name the tag a no-show gets, e.g. Callback No-Show.');
	return { limit, pauseDays, tag: tag.trim() };
}

/** How one of the lead's callbacks ended, oldest first in a history. */
export interface CallbackEnding {
	/** The callback was booked for a time (a slot or a preferred time), not "as soon as possible". */
	readonly scheduled: boolean;
	/** The lead was reached (Complete); false when every attempt was missed. */
	readonly reached: boolean;
	/** ISO 8601: when it ended. */
	readonly endedAt: string;
}

export interface NoShowStanding {
	/** Scheduled callbacks missed in a row, the latest last; a reached callback starts the count again. */
	readonly missedInARow: number;
	readonly noShow: boolean;
	/** ISO 8601: until when the lead is not booked again automatically; null when they may be. */
	readonly pausedUntil: string | null;
}

/**
 * Where a lead stands after the callbacks in `history` (oldest first): scheduled callbacks missed
 * in a row count (ASAP callbacks neither count nor break the run: nobody booked a time for them),
 * a reached callback starts again from zero. At `limit` misses the lead is a no-show, and is not
 * booked again automatically until `pauseDays` after the last miss.
 */
export function noShowStanding(history: readonly CallbackEnding[], limit: number, pauseDays: number, now: number): NoShowStanding {
	let missedInARow = 0;
	let lastMiss: number | null = null;
	for (const ending of history) {
		if (ending.reached) {
			missedInARow = 0;
			lastMiss = null;
		} else if (ending.scheduled) {
			missedInARow += 1;
			lastMiss = Date.parse(ending.endedAt);
		}
	}
	const noShow = limit > 0 && missedInARow >= limit;
	const until = noShow && lastMiss !== null ? lastMiss + pauseDays * DAY_MS : null;
	return { missedInARow, noShow, pausedUntil: until !== null && until > now ? new Date(until).toISOString() : null };
}

/** How a finished callback counts: reached (Complete) or missed (Failed); null while open or when called off. */
export function callbackEnding(record: { status: string; bookedFor: string | null; statusChangedAt: string }): CallbackEnding | null {
	if (record.status !== 'complete' && record.status !== 'failed') return null;
	return { scheduled: record.bookedFor !== null, reached: record.status === 'complete', endedAt: record.statusChangedAt };
}

/** The lead may be booked again at `now`: no pause, or the pause is over. */
export function isNoShowPaused(noShowUntil: string | null, now: number): boolean {
	return noShowUntil !== null && Date.parse(noShowUntil) > now;
}
