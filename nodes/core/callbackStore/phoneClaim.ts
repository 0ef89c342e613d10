import { isFinishedStatus } from './callbackStatus';
import type { CallbackRecord } from './callbackRecord';

/**
 * One open callback per phone number, decided by the status table alone.
 *
 * Data tables have no unique keys, and in Postgres a row with a lower id can become visible
 * after a higher one (ids are drawn before commit), so neither "insert if absent" nor "the
 * lowest row id wins" is safe when several executions (or queue-mode workers) open a callback
 * for the same number at once. Lamport's bakery algorithm needs neither: a new callback first
 * shows that it is choosing, then takes a ticket one above every ticket it can see, then waits
 * until nobody else is still choosing. Among the open callbacks of the phone the lowest
 * (ticket, callback id) is the one callback; every other new callback stands down. Two new
 * callbacks can take the same ticket only when neither saw the other's; the callback id then
 * breaks the tie, the same way for both.
 */
export type PhoneClaim =
	/** Between showing up and taking its ticket. */
	| { kind: 'choosing' }
	| { kind: 'ticket'; number: number }
	/** A row written before tickets existed, or by a write that does not claim: it was first. */
	| { kind: 'settled' };

export const CHOOSING: PhoneClaim = { kind: 'choosing' };

/**
 * A row still choosing after this long belongs to an execution that stopped half-way (a
 * crash between its two writes); it no longer holds anybody up. Real choosing takes two
 * table operations, milliseconds.
 */
export const ABANDONED_CHOOSING_MS = 60_000;

/** The text kept in the table's `claim` column. */
export function claimColumnValue(claim: PhoneClaim): string {
	if (claim.kind === 'choosing') return 'choosing';
	if (claim.kind === 'ticket') return String(claim.number);
	return '';
}

export function claimFromColumn(value: unknown): PhoneClaim {
	const text = value === null || value === undefined ? '' : String(value).trim();
	if (text === 'choosing') return CHOOSING;
	const number = Number(text);
	if (text !== '' && Number.isSafeInteger(number) && number > 0) return { kind: 'ticket', number };
	return { kind: 'settled' };
}

/** One row of the phone as the claim sees it. */
export interface ClaimRow {
	rowId: number;
	record: CallbackRecord;
	claim: PhoneClaim;
}

function ticketNumber(claim: PhoneClaim): number {
	return claim.kind === 'ticket' ? claim.number : 0;
}

/** The ticket a new callback takes: one above every ticket in sight. */
export function nextTicket(rows: readonly ClaimRow[]): number {
	return rows.reduce((highest, row) => Math.max(highest, ticketNumber(row.claim)), 0) + 1;
}

/** Bakery order: lower ticket first, then the callback id, then the row. */
export function claimsBefore(a: ClaimRow, b: ClaimRow): boolean {
	const byTicket = ticketNumber(a.claim) - ticketNumber(b.claim);
	if (byTicket !== 0) return byTicket < 0;
	if (a.record.callbackId !== b.record.callbackId) return a.record.callbackId < b.record.callbackId;
	return a.rowId < b.rowId;
}

export type ClaimDecision =
	/** Somebody is still choosing: look again in a moment. */
	| { kind: 'wait' }
	| { kind: 'won' }
	/** The callback that stays open for this phone. */
	| { kind: 'lost'; open: ClaimRow };

/**
 * What the callback in `mine` (holding its ticket) makes of the phone's rows as read now.
 * Finished callbacks do not count: a lead whose last callback is Complete may ask again.
 */
export function decideClaim(mine: ClaimRow, rows: readonly ClaimRow[], now: Date): ClaimDecision {
	const others = rows.filter((row) => row.rowId !== mine.rowId && !isFinishedStatus(row.record.status));
	const stillChoosing = others.some(
		(row) => row.claim.kind === 'choosing' && now.getTime() - Date.parse(row.record.statusChangedAt) < ABANDONED_CHOOSING_MS,
	);
	if (stillChoosing) return { kind: 'wait' };
	const ahead = others.filter((row) => row.claim.kind !== 'choosing' && claimsBefore(row, mine));
	if (ahead.length === 0) return { kind: 'won' };
	return { kind: 'lost', open: ahead.reduce((first, row) => (claimsBefore(row, first) ? row : first)) };
}

/** Rows a reader should see: a callback still choosing may yet stand down. */
export function isSettledRow(row: { claim?: PhoneClaim }): boolean {
	return row.claim === undefined || row.claim.kind !== 'choosing';
}
