import { sleep } from 'n8n-workflow';

import type { CounterRow, CounterStore } from '../../core/abuse/rateLimit';
import { apiErrorFor, type N8nApiCall } from './n8nPublicApi';

/** The name the Callback Request Trigger gives its rate-limit table unless told otherwise. */
export const DEFAULT_RATE_LIMIT_TABLE_NAME = 'callback_rate_limits';

/** The columns of a rate-limit table; n8n adds id, createdAt and updatedAt itself. */
export const COUNTER_COLUMNS = [
	{ name: 'counter', type: 'string' },
	{ name: 'windowStart', type: 'number' },
	{ name: 'count', type: 'number' },
	{ name: 'version', type: 'number' },
] as const;

/** Rows sent in one insert when counters are made in advance. */
const INSERT_BATCH = 500;
/** Rows read per page; n8n's public API allows up to 250. */
const PAGE_SIZE = 250;

interface StoredCounter {
	id: number;
	counter: string;
	windowStart: number | null;
	count: number | null;
	version: number | null;
}

function eq(columnName: string, value: string | number): { columnName: string; condition: 'eq'; value: string | number } {
	return { columnName, condition: 'eq', value };
}

function filterOf(...conditions: Array<ReturnType<typeof eq>>): string {
	return JSON.stringify({ type: 'and', filters: conditions });
}

function rowsOf(body: unknown): StoredCounter[] {
	const data = (body as { data?: unknown } | null)?.data;
	return Array.isArray(data) ? (data as StoredCounter[]) : [];
}

function toCounterRow(stored: StoredCounter): CounterRow {
	return { key: stored.counter, windowStart: stored.windowStart ?? 0, count: stored.count ?? 0, version: stored.version ?? 0 };
}

/**
 * Counters in an n8n Data Table, reached over n8n's public API, shared by every worker and kept
 * across restarts. A counter changes only by compare-and-set: one update whose filter holds the
 * row id and the version read, which n8n runs as a single UPDATE (RETURNING on Postgres; inside
 * one write transaction on SQLite), so two workers can never both move a counter from the same
 * version. Rows are made in advance (`makeCounterRows`, when the workflow is activated), because
 * n8n's API has no insert-if-absent: the insert here is a fallback for a row someone deleted, and
 * of two racing inserts the one with the lower id stays.
 */
export function dataTableCounterStore(api: N8nApiCall, tableId: string): CounterStore {
	const rowsPath = `/data-tables/${encodeURIComponent(tableId)}/rows`;
	// Which row each counter was read from, so the compare-and-set changes that row only.
	const rowIds = new Map<string, number>();
	// Rows known without asking again (read ahead, or as the last compare-and-set left them);
	// each is used once, so a retry after a failed compare-and-set always reads afresh.
	const known = new Map<string, StoredCounter>();

	const firstRow = async (key: string): Promise<StoredCounter | null> => {
		const answer = await api('GET', rowsPath, { qs: { filter: filterOf(eq('counter', key)), sortBy: 'id:asc', limit: 1 } });
		if (answer.status !== 200) throw apiErrorFor('Reading a rate-limit counter', answer);
		return rowsOf(answer.body)[0] ?? null;
	};

	return {
		async prefetch(keys) {
			const filter = JSON.stringify({ type: 'or', filters: [...new Set(keys)].map((key) => eq('counter', key)) });
			const answer = await api('GET', rowsPath, { qs: { filter, sortBy: 'id:asc', limit: PAGE_SIZE } });
			if (answer.status !== 200) throw apiErrorFor('Reading the rate-limit counters', answer);
			// Lowest id first: the first row of a counter is the one counted.
			for (const stored of rowsOf(answer.body)) if (!known.has(stored.counter)) known.set(stored.counter, stored);
		},

		async read(key) {
			const cached = known.get(key);
			known.delete(key);
			const stored = cached ?? (await firstRow(key));
			if (stored === null) {
				rowIds.delete(key);
				return null;
			}
			rowIds.set(key, stored.id);
			return toCounterRow(stored);
		},

		async insertIfAbsent(row) {
			const answer = await api('POST', rowsPath, {
				body: { data: [{ counter: row.key, windowStart: row.windowStart, count: row.count, version: row.version }], returnType: 'id' },
			});
			if (answer.status !== 200) throw apiErrorFor('Making a rate-limit counter', answer);
			const inserted = (answer.body as Array<{ id?: number }>)[0]?.id;
			const first = await firstRow(row.key);
			if (inserted !== undefined && first !== null && first.id === inserted) return true;
			if (inserted !== undefined) await api('DELETE', `${rowsPath}/delete`, { qs: { filter: filterOf(eq('id', inserted)) } });
			return false;
		},

		async compareAndSet(key, expectedVersion, next) {
			const id = rowIds.get(key);
			if (id === undefined) return false;
			const answer = await api('PATCH', `${rowsPath}/update`, {
				body: {
					filter: { type: 'and', filters: [eq('id', id), eq('version', expectedVersion)] },
					data: { windowStart: next.windowStart, count: next.count, version: next.version },
					returnData: true,
				},
			});
			if (answer.status !== 200) throw apiErrorFor('Updating a rate-limit counter', answer);
			const updated = Array.isArray(answer.body) ? (answer.body as StoredCounter[]) : [];
			if (updated.length === 0) return false;
			known.set(key, updated[0]);
			return true;
		},
	};
}

/**
 * Every counter row whose key matches the `like` pattern (e.g. "%|<scope>"), oldest row first,
 * page by page; with `windowFrom`, only rows whose window starts at or after it.
 */
export async function counterRowsLike(api: N8nApiCall, tableId: string, pattern: string, windowFrom?: number): Promise<CounterRow[]> {
	const rows: CounterRow[] = [];
	const rowsPath = `/data-tables/${encodeURIComponent(tableId)}/rows`;
	const filters: Array<{ columnName: string; condition: string; value: string | number }> = [{ columnName: 'counter', condition: 'like', value: pattern }];
	if (windowFrom !== undefined) filters.push({ columnName: 'windowStart', condition: 'gte', value: windowFrom });
	const filter = JSON.stringify({ type: 'and', filters });
	let cursor: string | undefined;
	do {
		const answer = await api('GET', rowsPath, { qs: { filter, sortBy: 'id:asc', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } });
		if (answer.status !== 200) throw apiErrorFor('Reading the counters', answer);
		rows.push(...rowsOf(answer.body).map(toCounterRow));
		const next = (answer.body as { nextCursor?: unknown }).nextCursor;
		cursor = typeof next === 'string' && next !== '' ? next : undefined;
	} while (cursor !== undefined);
	return rows;
}

/** Removes every counter row whose key matches the `like` pattern and whose window started before `before`. */
export async function deleteCounterRowsBefore(api: N8nApiCall, tableId: string, pattern: string, before: number): Promise<void> {
	const filter = JSON.stringify({
		type: 'and',
		filters: [
			{ columnName: 'counter', condition: 'like', value: pattern },
			{ columnName: 'windowStart', condition: 'lt', value: before },
		],
	});
	const answer = await api('DELETE', `/data-tables/${encodeURIComponent(tableId)}/rows/delete`, { qs: { filter } });
	if (answer.status !== 200) throw apiErrorFor('Removing old counters', answer);
}

/** The counters of `keys` the table already has. */
async function existingCounters(api: N8nApiCall, tableId: string, keys: ReadonlySet<string>, scope: string): Promise<Set<string>> {
	const rows = await counterRowsLike(api, tableId, `%|${scope}`);
	return new Set(rows.map((row) => row.key).filter((key) => keys.has(key)));
}

/**
 * Makes the rows these counters need and that the table lacks, so that counting never inserts.
 * Run once when the workflow is activated (one process does that); returns how many it made.
 */
export async function makeCounterRows(api: N8nApiCall, tableId: string, keys: readonly string[], scope: string): Promise<number> {
	const wanted = new Set(keys);
	const existing = await existingCounters(api, tableId, wanted, scope);
	const missing = keys.filter((key) => !existing.has(key));
	for (let start = 0; start < missing.length; start += INSERT_BATCH) {
		const data = missing.slice(start, start + INSERT_BATCH).map((counter) => ({ counter, windowStart: 0, count: 0, version: 0 }));
		const answer = await api('POST', `/data-tables/${encodeURIComponent(tableId)}/rows`, { body: { data, returnType: 'count' } });
		if (answer.status !== 200) throw apiErrorFor('Making the rate-limit counters', answer);
	}
	return missing.length;
}

/** The id of the Data Table called `name`, made with the counter columns when there is none. */
export async function findOrCreateCounterTable(api: N8nApiCall, name: string): Promise<string> {
	return await findOrCreateApiTable(api, name, COUNTER_COLUMNS);
}

/** The id of the Data Table called exactly `name`, or null when there is none yet (over n8n's public API). */
export async function findApiTable(api: N8nApiCall, name: string): Promise<string | null> {
	const answer = await api('GET', '/data-tables', { qs: { filter: JSON.stringify({ name }), limit: 10 } });
	if (answer.status !== 200) throw apiErrorFor(`Looking for the Data Table "${name}"`, answer);
	const tables = (answer.body as { data?: Array<{ id: string; name: string }> } | null)?.data ?? [];
	const id = tables.find((table) => table.name === name)?.id;
	return id === undefined ? null : String(id);
}

/** The id of the Data Table called `name`, made with `columns` when there is none (over n8n's public API). */
export async function findOrCreateApiTable(api: N8nApiCall, name: string, columns: ReadonlyArray<{ name: string; type: string }>): Promise<string> {
	const found = await findApiTable(api, name);
	if (found !== null) return found;
	const created = await api('POST', '/data-tables', { body: { name, columns: columns.map((column) => ({ ...column })) } });
	if (created.status === 200 || created.status === 201) return String((created.body as { id: string }).id);
	// Made by another activation or execution meanwhile: n8n refuses a second table of the same
	// name (409, or 500 when two creates race on SQLite). Use that one once it can be read.
	for (let attempt = 0; attempt < 3; attempt++) {
		await sleep(100 * (attempt + 1));
		const again = await findApiTable(api, name);
		if (again !== null) return again;
	}
	throw apiErrorFor(`Making the Data Table "${name}"`, created);
}
