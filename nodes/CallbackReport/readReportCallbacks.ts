import type { IExecuteFunctions } from 'n8n-workflow';

import { fromCallbackRecord } from '../core/report/fromCallbackRecord';
import type { ReportCallback } from '../core/report/reportCallback';
import { DataTableNodeTable } from '../shared/callbackStore/dataTableNodeTable';

/** Every callback in the status table as the report reads it, and how many rows could not be read. */
export async function readReportCallbacks(context: IExecuteFunctions, itemIndex: number): Promise<{ callbacks: ReportCallback[]; unreadableRows: number }> {
	const table = new DataTableNodeTable(context, {
		id: String(context.getNodeParameter('dataTableId', itemIndex, '') ?? '').trim(),
		name: String(context.getNodeParameter('dataTableName', itemIndex, '') ?? '').trim(),
	});
	const { records, unreadable } = await table.listAll();
	return { callbacks: records.map(fromCallbackRecord), unreadableRows: unreadable };
}
