/** Misses in a row after which a lead is a no-show, unless the business sets another number. */
export const DEFAULT_NO_SHOW_LIMIT = 3;
/** How long a no-show is not booked again automatically, unless the business sets another period. */
export const DEFAULT_NO_SHOW_PAUSE_DAYS = 30;

const DAY_MS = 24 * 60 * 60_000;

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
