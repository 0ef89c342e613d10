import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { N8nApiAnswer, N8nApiCall } from '../../nodes/shared/rateLimitTable/n8nPublicApi';

type Row = IDataObject & { id: number };
interface Condition {
	columnName: string;
	condition: 'eq' | 'like' | 'lt' | 'lte' | 'gt' | 'gte';
	value: string | number;
}
interface Filter {
	type: 'and' | 'or';
	filters: Condition[];
}

function likeToRegExp(pattern: string): RegExp {
	const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${escaped}$`, 's');
}

function matches(row: Row, filter: Filter | undefined): boolean {
	if (filter === undefined) return true;
	const test = (condition: Condition): boolean => {
		const value = row[condition.columnName];
		switch (condition.condition) {
			case 'eq':
				return value === condition.value;
			case 'like':
				return likeToRegExp(String(condition.value)).test(String(value));
			case 'lt':
				return typeof value === 'number' && value < Number(condition.value);
			case 'lte':
				return typeof value === 'number' && value <= Number(condition.value);
			case 'gt':
				return typeof value === 'number' && value > Number(condition.value);
			case 'gte':
				return typeof value === 'number' && value >= Number(condition.value);
		}
	};
	return filter.type === 'or' ? filter.filters.some(test) : filter.filters.every(test);
}

/**
 * n8n's public Data Table API as far as the counter store uses it, in memory: tables by name,
 * rows with ids, filters, paging by cursor, and updates that change every matching row at once
 * (as n8n's single UPDATE does). Every call can be made to pause or fail, to shuffle races.
 */
export class FakeDataTableApi {
	readonly tables = new Map<string, { name: string; rows: Row[] }>();
	readonly calls: Array<{ method: IHttpRequestMethods; path: string }> = [];
	private nextRowId = 1;
	private nextTableId = 1;
	/** Answered instead of the real thing when set (e.g. 401). */
	failWith: N8nApiAnswer | undefined;
	/** Awaited before each call is served, so concurrent calls interleave. */
	pause: () => Promise<void> = async () => undefined;

	readonly call: N8nApiCall = async (method, path, options = {}) => {
		this.calls.push({ method, path });
		await this.pause();
		if (this.failWith) return this.failWith;
		return this.serve(method, path, options.qs ?? {}, options.body ?? {});
	};

	rows(tableId: string): Row[] {
		return this.tables.get(tableId)?.rows ?? [];
	}

	private serve(method: IHttpRequestMethods, path: string, qs: IDataObject, body: IDataObject): N8nApiAnswer {
		if (path === '/data-tables' && method === 'GET') {
			const wanted = (JSON.parse(String(qs.filter ?? '{}')) as { name?: string }).name;
			return { status: 200, body: { data: [...this.tables].filter(([, table]) => wanted === undefined || table.name === wanted).map(([id, table]) => ({ id, name: table.name })), nextCursor: null } };
		}
		if (path === '/data-tables' && method === 'POST') {
			if ([...this.tables.values()].some((table) => table.name === body.name)) return { status: 409, body: { message: 'exists' } };
			const id = `table${this.nextTableId++}`;
			this.tables.set(id, { name: String(body.name), rows: [] });
			return { status: 201, body: { id, name: body.name } };
		}
		const match = /^\/data-tables\/([^/]+)\/rows(\/update|\/delete)?$/.exec(path);
		const table = match ? this.tables.get(decodeURIComponent(match[1])) : undefined;
		if (!match || !table) return { status: 404, body: { message: 'Not Found' } };
		const filter = (typeof qs.filter === 'string' ? JSON.parse(qs.filter) : body.filter) as Filter | undefined;
		if (match[2] === undefined && method === 'GET') {
			const all = table.rows.filter((row) => matches(row, filter)).sort((a, b) => a.id - b.id);
			const offset = typeof qs.cursor === 'string' ? Number(qs.cursor) : 0;
			const limit = Number(qs.limit ?? 100);
			const page = all.slice(offset, offset + limit);
			return { status: 200, body: { data: page.map((row) => ({ ...row })), nextCursor: offset + limit < all.length ? String(offset + limit) : null } };
		}
		if (match[2] === undefined && method === 'POST') {
			const made = (body.data as IDataObject[]).map((data) => ({ ...data, id: this.nextRowId++ }));
			table.rows.push(...made);
			return { status: 200, body: body.returnType === 'id' ? made.map((row) => ({ id: row.id })) : made.length };
		}
		if (match[2] === '/update' && method === 'PATCH') {
			const changed = table.rows.filter((row) => matches(row, filter));
			for (const row of changed) Object.assign(row, body.data as IDataObject);
			return { status: 200, body: body.returnData === true ? changed.map((row) => ({ ...row })) : true };
		}
		if (match[2] === '/delete' && method === 'DELETE') {
			table.rows = table.rows.filter((row) => !matches(row, filter));
			return { status: 200, body: true };
		}
		return { status: 405, body: { message: 'Method not allowed' } };
	}
}
