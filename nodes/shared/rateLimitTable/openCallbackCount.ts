import { apiErrorFor, type N8nApiCall } from './n8nPublicApi';

/** Rows read per page; n8n's public API allows up to 250. */
const PAGE_SIZE = 250;
/** Counting stops here: a queue this long is announced as "more than" the longest wait anyway. */
const MOST_COUNTED = 5000;

/**
 * How many callbacks in the Tag Router's status table are open (Pending or Incomplete), read
 * over n8n's public API. A table that does not exist yet holds none.
 */
export async function openCallbackCount(api: N8nApiCall, tableName: string): Promise<number> {
	const tables = await api('GET', '/data-tables', { qs: { filter: JSON.stringify({ name: tableName }), limit: 10 } });
	if (tables.status !== 200) throw apiErrorFor(`Looking for the Data Table "${tableName}"`, tables);
	const table = ((tables.body as { data?: Array<{ id: string; name: string }> } | null)?.data ?? []).find((candidate) => candidate.name === tableName);
	if (table === undefined) return 0;
	const filter = JSON.stringify({ type: 'or', filters: ['pending', 'incomplete'].map((status) => ({ columnName: 'status', condition: 'eq', value: status })) });
	let count = 0;
	let cursor: string | undefined;
	do {
		const answer = await api('GET', `/data-tables/${encodeURIComponent(table.id)}/rows`, { qs: { filter, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } });
		if (answer.status !== 200) throw apiErrorFor('Counting the open callbacks', answer);
		const body = answer.body as { data?: unknown[]; nextCursor?: unknown };
		count += Array.isArray(body.data) ? body.data.length : 0;
		cursor = typeof body.nextCursor === 'string' && body.nextCursor !== '' ? body.nextCursor : undefined;
	} while (cursor !== undefined && count < MOST_COUNTED);
	return count;
}
