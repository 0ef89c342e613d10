import type { SpecOperation, ValidatedParams } from './openApiValidator';
import type { SandboxAccount, SandboxState } from './sandboxState';

/** What a REST handler gets once routing, authentication and validation have passed. */
export interface RestContext {
	state: SandboxState;
	account: SandboxAccount;
	operation: SpecOperation;
	pathParams: Record<string, string>;
	query: ValidatedParams;
	body: ValidatedParams;
	pathname: string;
}

export interface RestResult {
	status: number;
	/** Undefined for 204 No Content. */
	body?: Record<string, unknown>;
}

export type RestHandler = (context: RestContext) => RestResult | Promise<RestResult>;

const DEFAULT_PAGE_SIZE = 50;
const PAGING_PARAMETERS = new Set(['Page', 'PageSize', 'PageToken']);

/**
 * One page of a list resource in Twilio's envelope (`uri`, `first_page_uri`, `next_page_uri`,
 * `page`, `page_size`, `start`, `end` and the items under the operation's list key). Page
 * tokens are `PT` + the offset of the page, which is all the sandbox needs to page stably.
 */
export function listPage(context: RestContext, items: Record<string, unknown>[]): RestResult {
	const listKey = context.operation.listKey;
	if (listKey === undefined) throw new Error(`${context.operation.operationId} is not a list operation`);
	const pageSize = context.query.integer('PageSize') ?? DEFAULT_PAGE_SIZE;
	const page = context.query.integer('Page') ?? 0;
	const token = context.query.string('PageToken');
	const tokenOffset = token !== undefined && /^PT\d+$/.test(token) ? Number(token.slice(2)) : undefined;
	const start = tokenOffset ?? page * pageSize;
	const slice = items.slice(start, start + pageSize);
	const filters = new URLSearchParams();
	for (const name of context.query.names()) {
		if (PAGING_PARAMETERS.has(name)) continue;
		for (const value of context.query.strings(name)) filters.append(name, value);
	}
	const pageUri = (pageNumber: number, offset?: number): string => {
		const query = new URLSearchParams(filters);
		query.set('PageSize', String(pageSize));
		query.set('Page', String(pageNumber));
		if (offset !== undefined) query.set('PageToken', `PT${offset}`);
		return `${context.pathname}?${query.toString()}`;
	};
	const hasNext = start + pageSize < items.length;
	return {
		status: 200,
		body: {
			[listKey]: slice,
			end: slice.length === 0 ? 0 : start + slice.length - 1,
			first_page_uri: pageUri(0),
			next_page_uri: hasNext ? pageUri(page + 1, start + pageSize) : null,
			page,
			page_size: pageSize,
			previous_page_uri: page > 0 ? pageUri(page - 1, Math.max(0, start - pageSize)) : null,
			start,
			uri: pageUri(page, tokenOffset),
		},
	};
}

/** Twilio lists newest first; records are kept in creation order, so that is the reverse. */
export function newestFirst<T>(records: readonly T[]): T[] {
	return [...records].reverse();
}
