import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CounterRow } from '../core/abuse/rateLimit';
import { readTallyKey } from '../core/abuse/refusalTally';
import { fromCallbackRecord } from '../core/report/fromCallbackRecord';
import type { ReportCallback } from '../core/report/reportCallback';
import type { CallbackRecord } from '../core/callbackStore';
import { DataTableNodeTable } from '../shared/callbackStore/dataTableNodeTable';
import { readHighLevelCallbackHistory } from '../shared/callbackStore/highLevelCallbackHistory';
import { highLevelConnection } from '../shared/callbackStore/highLevelTransport';
import { findDataTableId } from '../shared/dataTableByName';
import { runDataTableNode } from '../shared/dataTableNode';
import { COUNTER_COLUMNS } from '../shared/rateLimitTable/dataTableCounterStore';
import { parameterText as text } from '../shared/nodeParameterText';
import { DataTableOptOutStore } from '../shared/optOutStore';
import { readStatusTagNames } from '../shared/statusTagNamesProperty';

const RATE_LIMIT_TABLE_LABEL = 'rate-limit table';

/**
 * What the report reads: every callback, how many stored callbacks could not be read (table rows,
 * or HighLevel contacts past its search's reach), and the form's refusal tallies (null: no
 * rate-limit table).
 */
export interface ReportSource {
	callbacks: ReportCallback[];
	unreadableRows: number;
	refusalTallies: CounterRow[] | null;
}

/** Every callback the status store holds: the status table's rows, or HighLevel's contacts and notes. */
async function readStoredCallbacks(context: IExecuteFunctions, itemIndex: number): Promise<{ records: CallbackRecord[]; unreadable: number }> {
	if (context.getNodeParameter('store', itemIndex, 'dataTable') === 'highLevel') {
		const { client, locationId } = await highLevelConnection(context);
		const { tagNames, optOutTag } = readStatusTagNames(context, itemIndex);
		const { records, contactsNotRead } = await readHighLevelCallbackHistory(client, { locationId, tagNames, optOutTag });
		return { records, unreadable: contactsNotRead };
	}
	return await new DataTableNodeTable(context, { id: text(context, 'dataTableId', itemIndex), name: text(context, 'dataTableName', itemIndex) }).listAll();
}

/**
 * Every callback in the status store as the report reads it, a lead counted as opted out when
 * the status says so or the number is on the SMS opt-out list; how many could not be read; and
 * the tallies of requests the form turned away, from its rate-limit table when there is one.
 */
export async function readReportCallbacks(context: IExecuteFunctions, itemIndex: number): Promise<ReportSource> {
	const optOuts = new DataTableOptOutStore(context, { id: text(context, 'optOutDataTableId', itemIndex), name: text(context, 'optOutDataTableName', itemIndex) });
	const [{ records, unreadable }, optedOut, refusalTallies] = await Promise.all([
		readStoredCallbacks(context, itemIndex),
		optOuts.optedOutPhones(),
		readRefusalTallies(context, text(context, 'rateLimitTableName', itemIndex)),
	]);
	return { callbacks: records.map((record) => fromCallbackRecord(record, record.phone !== null && optedOut.has(record.phone))), unreadableRows: unreadable, refusalTallies };
}

/** The tally rows of the rate-limit table called `name`; null when it is not set or does not exist (rate limits never turned on). */
async function readRefusalTallies(context: IExecuteFunctions, name: string): Promise<CounterRow[] | null> {
	const tableId = await findDataTableId(context, name, RATE_LIMIT_TABLE_LABEL);
	if (tableId === null) return null;
	const rows = await runDataTableNode(context, {
		dataTableId: tableId,
		tableLabel: RATE_LIMIT_TABLE_LABEL,
		operation: { operation: 'get', returnAll: true },
		input: [],
		schemaHint: `The columns: ${COUNTER_COLUMNS.map((column) => `${column.name} (${column.type})`).join(', ')}.`,
	});
	return rows.flatMap((row: IDataObject) => {
		const key = typeof row.counter === 'string' ? row.counter : '';
		if (readTallyKey(key) === null) return [];
		return [{ key, windowStart: Number(row.windowStart) || 0, count: Number(row.count) || 0, version: Number(row.version) || 0 }];
	});
}
