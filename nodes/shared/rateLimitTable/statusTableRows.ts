import { isNoShowPaused } from '../../core/callbackStore/noShow';
import { findApiTable } from './dataTableCounterStore';
import { apiErrorFor, type N8nApiCall } from './n8nPublicApi';

/** Rows read per page; n8n's public API allows up to 250. */
const PAGE_SIZE = 250;
/** Reading stops here: a queue this long is announced as "more than" the longest wait anyway, and no phone has this many callbacks. */
const MOST_COUNTED = 5000;

/** The status table's rows matching `filter`, page by page, until `enough` rows were read. */
async function statusRows(api: N8nApiCall, tableName: string, filter: object, what: string, enough: number): Promise<Array<Record<string, unknown>>> {
	const tableId = await findApiTable(api, tableName);
	if (tableId === null) return [];
	const rows: Array<Record<string, unknown>> = [];
	let cursor: string | undefined;
	do {
		const answer = await api('GET', `/data-tables/${encodeURIComponent(tableId)}/rows`, { qs: { filter: JSON.stringify(filter), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } });
		if (answer.status !== 200) throw apiErrorFor(what, answer);
		const body = answer.body as { data?: unknown[]; nextCursor?: unknown };
		if (Array.isArray(body.data)) rows.push(...(body.data as Array<Record<string, unknown>>));
		cursor = typeof body.nextCursor === 'string' && body.nextCursor !== '' ? body.nextCursor : undefined;
	} while (cursor !== undefined && rows.length < enough);
	return rows;
}

/**
 * How many callbacks in the Tag Router's status table are open (Pending or Incomplete), read
 * over n8n's public API. A table that does not exist yet holds none.
 */
export async function openCallbackCount(api: N8nApiCall, tableName: string): Promise<number> {
	const filter = { type: 'or', filters: ['pending', 'incomplete'].map((status) => ({ columnName: 'status', condition: 'eq', value: status })) };
	return (await statusRows(api, tableName, filter, 'Counting the open callbacks', MOST_COUNTED)).length;
}

/**
 * Until when the Tag Router keeps this phone from booking again (a no-show, see noShow.ts):
 * the latest pause on its rows that is still running, else null.
 */
export async function noShowPausedUntil(api: N8nApiCall, tableName: string, phone: string, now: number): Promise<string | null> {
	const rows = await statusRows(api, tableName, { type: 'and', filters: [{ columnName: 'phone', condition: 'eq', value: phone }] }, 'Reading the callbacks of the number', MOST_COUNTED);
	const pauses = rows
		.map((row) => (typeof row.noShowUntil === 'string' ? row.noShowUntil : null))
		.filter((until): until is string => isNoShowPaused(until, now))
		.sort((a, b) => Date.parse(b) - Date.parse(a));
	return pauses[0] ?? null;
}

/**
 * Cancelled callbacks booked for a time from `fromIso` on, counted per booked time (epoch ms):
 * each gives its place in that slot back. A cancellation is final, so the counts only grow.
 */
export async function cancelledBookings(api: N8nApiCall, tableName: string, fromIso: string): Promise<Map<number, number>> {
	const filter = {
		type: 'and',
		filters: [
			{ columnName: 'status', condition: 'eq', value: 'cancelled' },
			{ columnName: 'bookedFor', condition: 'gte', value: fromIso },
		],
	};
	const counts = new Map<number, number>();
	for (const row of await statusRows(api, tableName, filter, 'Reading the cancelled bookings', MOST_COUNTED)) {
		const at = typeof row.bookedFor === 'string' ? Date.parse(row.bookedFor) : Number.NaN;
		if (Number.isFinite(at)) counts.set(at, (counts.get(at) ?? 0) + 1);
	}
	return counts;
}
