import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { releaseLine, takeLine, type LinePriority } from '../../core/lines/lineLeases';
import { readPriority } from '../../core/slots/priority';
import { dataTableLineStore, LINE_COLUMNS } from '../lineTable/dataTableLineStore';
import { findOrCreateApiTable } from '../rateLimitTable/dataTableCounterStore';
import { n8nApiFromCredential } from '../rateLimitTable/n8nPublicApi';
import { DEFAULT_LINE_TABLE, usesN8nApi } from './n8nApiChecks';

/**
 * A limit on the business's simultaneous callback calls (core/lines): each call holds a line,
 * leased in an n8n Data Table over n8n's API so every worker shares the count and a restart
 * keeps it. A call that would go over the limit is not placed: the item leaves on No Free Line,
 * to wait (an n8n Wait node) and come back. The line is released when the call's outcome is
 * known, and its lease runs out on its own after the maximum wait if that never happens.
 */

export const NO_FREE_LINE = 'No Free Line';

/** A line a placed call holds, kept with the call so whoever learns the outcome can release it. */
export interface CallLine extends IDataObject {
	table: string;
	business: string;
	holder: string;
	line: number;
}

export interface LineLimit {
	table: string;
	business: string;
	maxLines: number;
	/** "high" goes before ordinary callers waiting for the next free line. */
	priority: LinePriority;
}

/** The node's line limit for this item, or null when calls are not limited. */
export function readLineLimit(context: IExecuteFunctions, itemIndex: number): LineLimit | null {
	if (!usesN8nApi(context, itemIndex) || context.getNodeParameter('limitLines', itemIndex, false) !== true) return null;
	const maxLines = Number(context.getNodeParameter('maxLines', itemIndex, 15));
	if (!Number.isInteger(maxLines) || maxLines < 1 || maxLines > 1000) {
		throw new NodeOperationError(context.getNode(), `Simultaneous Calls must be a whole number from 1 to 1000, got ${maxLines}`, { itemIndex });
	}
	const table = String(context.getNodeParameter('lineTable', itemIndex, DEFAULT_LINE_TABLE) ?? '').trim() || DEFAULT_LINE_TABLE;
	const business = String(context.getNodeParameter('from', itemIndex, '') ?? '').trim();
	return { table, business, maxLines, priority: readPriority(context.getNodeParameter('linePriority', itemIndex, 'normal')) };
}

async function lineStore(context: IExecuteFunctions | IWebhookFunctions, table: string) {
	const api = await n8nApiFromCredential(context);
	return dataTableLineStore(api, await findOrCreateApiTable(api, table, LINE_COLUMNS));
}

export type LineTaken = { kind: 'taken'; line: CallLine } | { kind: 'noFreeLine'; freesAt: number | null; priorityWaiting: number };

/** Takes a line for `holder` for `leaseMs`, or says there is none free now. */
export async function takeCallLine(context: IExecuteFunctions, limit: LineLimit, holder: string, leaseMs: number): Promise<LineTaken> {
	const store = await lineStore(context, limit.table);
	const taken = await takeLine(store, { business: limit.business, maxLines: limit.maxLines, holder, now: Date.now(), leaseMs, priority: limit.priority });
	if (taken.kind === 'taken') return { kind: 'taken', line: { table: limit.table, business: limit.business, holder, line: taken.line } };
	return { kind: 'noFreeLine', freesAt: taken.kind === 'full' ? taken.freesAt : null, priorityWaiting: taken.kind === 'full' ? taken.priorityWaiting : 0 };
}

/**
 * Frees the call's line. A failure is only logged: the lease runs out on its own, and the
 * outcome of the call must reach the workflow whatever happens to the line.
 */
export async function releaseCallLine(context: IExecuteFunctions | IWebhookFunctions, line: unknown): Promise<void> {
	if (typeof line !== 'object' || line === null) return;
	const { table, business, holder } = line as CallLine;
	if (typeof table !== 'string' || typeof business !== 'string' || typeof holder !== 'string') return;
	try {
		await releaseLine(await lineStore(context, table), { business, holder, now: Date.now() });
	} catch (error) {
		context.logger?.warn(`A call line could not be released; its lease runs out on its own: ${(error as Error).message}`);
	}
}
