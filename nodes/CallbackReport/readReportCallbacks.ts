import type { IExecuteFunctions } from 'n8n-workflow';

import { fromCallbackRecord } from '../core/report/fromCallbackRecord';
import type { ReportCallback } from '../core/report/reportCallback';
import { DataTableNodeTable } from '../shared/callbackStore/dataTableNodeTable';
import { parameterText as text } from '../shared/nodeParameterText';
import { DataTableOptOutStore } from '../shared/optOutStore';

/**
 * Every callback in the status table as the report reads it, a lead counted as opted out when
 * the status says so or the number is on the SMS opt-out list; and how many rows could not be read.
 */
export async function readReportCallbacks(context: IExecuteFunctions, itemIndex: number): Promise<{ callbacks: ReportCallback[]; unreadableRows: number }> {
	const table = new DataTableNodeTable(context, { id: text(context, 'dataTableId', itemIndex), name: text(context, 'dataTableName', itemIndex) });
	const optOuts = new DataTableOptOutStore(context, { id: text(context, 'optOutDataTableId', itemIndex), name: text(context, 'optOutDataTableName', itemIndex) });
	const [{ records, unreadable }, optedOut] = await Promise.all([table.listAll(), optOuts.optedOutPhones()]);
	return { callbacks: records.map((record) => fromCallbackRecord(record, record.phone !== null && optedOut.has(record.phone))), unreadableRows: unreadable };
}
