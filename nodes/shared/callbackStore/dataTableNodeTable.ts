import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	CALLBACK_TABLE_COLUMNS,
	CallbackStoreError,
	claimColumnValue,
	claimFromColumn,
	fromCallbackRow,
	isSettledRow,
	toCallbackRow,
	type CallbackRecord,
	type CallbackTable,
	type PhoneClaim,
	type StoredCallback,
} from '../../core/callbackStore';
import { resolveDataTableId, type DataTableReference } from '../dataTableByName';
import { runDataTableNode, whereAll, type ColumnCondition } from '../dataTableNode';

/** The callback status table, read and written through n8n's Data table node. */

const TABLE_LABEL = 'callback status table';

export class DataTableSetupError extends CallbackStoreError {}

const SCHEMA_HINT = `The callback status table needs these text columns: ${CALLBACK_TABLE_COLUMNS.join(', ')}.`;

async function runOnTable(context: IExecuteFunctions, dataTableId: string, operation: IDataObject, input: IDataObject[]): Promise<IDataObject[]> {
	return await runDataTableNode(context, { dataTableId, tableLabel: TABLE_LABEL, operation, input, schemaHint: SCHEMA_HINT });
}

/**
 * Columns added to the table after it was first published (a table made by an earlier version
 * of the package lacks them), with what is lost without them. Writes leave out the ones the
 * table does not have, so an existing table keeps working, and the log says which column to add.
 */
const COLUMNS_ADDED_LATER: ReadonlyMap<string, string> = new Map([
	['scheduledAttempt', "the waiting call's time cannot be told or ended by text"],
	['bookedFor', 'booked callbacks are not told apart from "as soon as possible" ones, so no-shows are not counted'],
	['missedInARow', 'the count of missed booked callbacks is not kept on the row'],
	['noShowUntil', 'a no-show is not kept from booking again'],
]);

/** The column n8n says the table does not have, when it is one that may be missing. */
function missingLaterColumn(error: unknown): string | null {
	const match = /unknown column name '([A-Za-z]+)'/.exec(error instanceof Error ? error.message : String(error));
	return match !== null && COLUMNS_ADDED_LATER.has(match[1]) ? match[1] : null;
}

function stored(rows: IDataObject[]): StoredCallback[] {
	return rows.map((row) => ({ rowId: Number(row.id), record: fromCallbackRow(row), claim: claimFromColumn(row.claim) }));
}

/**
 * The callback table as n8n's Data table node reads and writes it. A table named rather than
 * given by ID is found (or made) on first use, once per node run.
 */
export class DataTableNodeTable implements CallbackTable {
	private tableId: Promise<string> | null = null;
	/** Columns this table turned out not to have (see COLUMNS_ADDED_LATER). */
	private readonly missingColumns = new Set<string>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly table: DataTableReference,
	) {
		if (!table.id.trim() && !table.name.trim()) throw new DataTableSetupError(`No callback status table is set: give its name (it is created on first use) or its ID. ${SCHEMA_HINT}`);
	}

	private async resolvedTableId(): Promise<string> {
		this.tableId ??= resolveDataTableId(this.context, this.table, { label: TABLE_LABEL, columns: CALLBACK_TABLE_COLUMNS });
		return await this.tableId;
	}

	/** Writes `values`, leaving out the later columns the table does not have. */
	private async write(operation: IDataObject, values: IDataObject): Promise<IDataObject[]> {
		for (;;) {
			const kept = Object.fromEntries(Object.entries(values).filter(([column]) => !this.missingColumns.has(column)));
			const outcome = await runOnTable(this.context, await this.resolvedTableId(), operation, [kept]).then(
				(rows) => ({ rows }),
				(error: unknown) => ({ error }),
			);
			if ('rows' in outcome) return outcome.rows;
			const missing = missingLaterColumn(outcome.error);
			// runOnTable's errors are already the node's (NodeOperationError), with what to fix.
			if (missing === null || this.missingColumns.has(missing) || !(missing in kept)) return await Promise.reject(outcome.error);
			this.missingColumns.add(missing);
			this.context.logger?.warn(`The ${TABLE_LABEL} has no column "${missing}" (added in a later version of n8n-nodes-callback), so ${COLUMNS_ADDED_LATER.get(missing) ?? 'its value is lost'}; add it as a text column.`);
		}
	}

	private async select(conditions: ColumnCondition[]): Promise<StoredCallback[]> {
		const rows = await runOnTable(this.context, await this.resolvedTableId(), { operation: 'get', ...whereAll(conditions), returnAll: true }, []);
		return stored(rows);
	}

	async findByCallbackId(callbackId: string): Promise<StoredCallback[]> {
		return await this.select([{ column: 'callbackId', value: callbackId }]);
	}

	async findByPhone(phone: string): Promise<StoredCallback[]> {
		return await this.select([{ column: 'phone', value: phone }]);
	}

	/**
	 * Every settled callback in the table (rows still deciding a phone's claim are left out), for
	 * the report; rows a person edited beyond reading are counted, not thrown on.
	 */
	async listAll(): Promise<{ records: CallbackRecord[]; unreadable: number }> {
		const rows = await runOnTable(this.context, await this.resolvedTableId(), { operation: 'get', returnAll: true }, []);
		const records: CallbackRecord[] = [];
		let unreadable = 0;
		for (const row of rows) {
			if (!isSettledRow({ claim: claimFromColumn(row.claim) })) continue;
			try {
				records.push(fromCallbackRow(row));
			} catch {
				unreadable += 1;
			}
		}
		return { records, unreadable };
	}

	async insert(record: CallbackRecord, claim?: PhoneClaim): Promise<number> {
		const values: IDataObject = { ...toCallbackRow(record) };
		if (claim !== undefined) values.claim = claimColumnValue(claim);
		const [row] = await this.write({ operation: 'insert', columns: { mappingMode: 'autoMapInputData', value: null } }, values);
		if (row === undefined) throw new DataTableSetupError(`Inserting callback ${record.callbackId} returned no row. ${SCHEMA_HINT}`);
		return Number(row.id);
	}

	async replaceIfVersion(rowId: number, expectedVersion: number, record: CallbackRecord): Promise<boolean> {
		const rows = await this.write(
			{
				operation: 'update',
				...whereAll([
					{ column: 'id', value: rowId },
					{ column: 'version', value: String(expectedVersion) },
				]),
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
			toCallbackRow(record) as IDataObject,
		);
		return rows.length === 1;
	}

	async setClaim(rowId: number, claim: PhoneClaim): Promise<void> {
		await runOnTable(
			this.context,
			await this.resolvedTableId(),
			{ operation: 'update', ...whereAll([{ column: 'id', value: rowId }]), columns: { mappingMode: 'autoMapInputData', value: null } },
			[{ claim: claimColumnValue(claim) }],
		);
	}

	async remove(rowId: number): Promise<void> {
		await runOnTable(this.context, await this.resolvedTableId(), { operation: 'deleteRows', ...whereAll([{ column: 'id', value: rowId }]) }, []);
	}
}
