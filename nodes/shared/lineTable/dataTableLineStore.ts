import type { LineRow, LineStore } from '../../core/lines/lineStore';
import { apiErrorFor, type N8nApiCall } from '../rateLimitTable/n8nPublicApi';

/** The columns of a line table; n8n adds id, createdAt and updatedAt itself. */
export const LINE_COLUMNS = [
	{ name: 'line', type: 'string' },
	{ name: 'holder', type: 'string' },
	{ name: 'until', type: 'number' },
	{ name: 'version', type: 'number' },
] as const;

interface StoredLine {
	id: number;
	line: string;
	holder: string | null;
	until: number | null;
	version: number | null;
}

function rowsOf(body: unknown): StoredLine[] {
	const data = (body as { data?: unknown } | null)?.data;
	return Array.isArray(data) ? (data as StoredLine[]) : [];
}

function toLineRow(stored: StoredLine): LineRow {
	return { key: stored.line, holder: stored.holder === '' ? null : stored.holder, until: stored.until ?? 0, version: stored.version ?? 0 };
}

const eq = (columnName: string, value: string | number) => ({ columnName, condition: 'eq' as const, value });

/**
 * Lines in an n8n Data Table, reached over n8n's public API like the rate-limit counters: one
 * row per line, changed only by compare-and-set (an update whose filter holds the row id and the
 * version read, one UPDATE in n8n), the first row of a key (lowest id) the one that counts.
 */
export function dataTableLineStore(api: N8nApiCall, tableId: string): LineStore {
	const rowsPath = `/data-tables/${encodeURIComponent(tableId)}/rows`;
	// Which row each line was read from, so the compare-and-set changes that row only.
	const rowIds = new Map<string, number>();

	const firstRow = async (key: string): Promise<StoredLine | null> => {
		const answer = await api('GET', rowsPath, { qs: { filter: JSON.stringify({ type: 'and', filters: [eq('line', key)] }), sortBy: 'id:asc', limit: 1 } });
		if (answer.status !== 200) throw apiErrorFor('Reading a call line', answer);
		return rowsOf(answer.body)[0] ?? null;
	};

	return {
		async readByPrefix(keyPrefix) {
			const filter = JSON.stringify({ type: 'and', filters: [{ columnName: 'line', condition: 'like', value: `${keyPrefix.replace(/[%_]/g, '_')}%` }] });
			const answer = await api('GET', rowsPath, { qs: { filter, sortBy: 'id:asc', limit: 250 } });
			if (answer.status !== 200) throw apiErrorFor('Reading the call lines', answer);
			// Lowest id first: the first row of a line is the one that counts.
			const rows = new Map<string, LineRow>();
			for (const stored of rowsOf(answer.body)) {
				if (!stored.line.startsWith(keyPrefix) || rows.has(stored.line)) continue;
				rowIds.set(stored.line, stored.id);
				rows.set(stored.line, toLineRow(stored));
			}
			return [...rows.values()];
		},

		async insertIfAbsent(row) {
			const answer = await api('POST', rowsPath, { body: { data: [{ line: row.key, holder: row.holder ?? '', until: row.until, version: row.version }], returnType: 'id' } });
			if (answer.status !== 200) throw apiErrorFor('Making a call line', answer);
			const inserted = (answer.body as Array<{ id?: number }>)[0]?.id;
			const first = await firstRow(row.key);
			if (inserted !== undefined && first !== null && first.id === inserted) {
				rowIds.set(row.key, inserted);
				return true;
			}
			if (inserted !== undefined) await api('DELETE', `${rowsPath}/delete`, { qs: { filter: JSON.stringify({ type: 'and', filters: [eq('id', inserted)] }) } });
			return false;
		},

		async compareAndSet(key, expectedVersion, next) {
			const id = rowIds.get(key) ?? (await firstRow(key))?.id;
			if (id === undefined) return false;
			const answer = await api('PATCH', `${rowsPath}/update`, {
				body: { filter: { type: 'and', filters: [eq('id', id), eq('version', expectedVersion)] }, data: { holder: next.holder ?? '', until: next.until, version: next.version }, returnData: true },
			});
			if (answer.status !== 200) throw apiErrorFor('Updating a call line', answer);
			return Array.isArray(answer.body) && answer.body.length > 0;
		},
	};
}
