import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type IWorkflowBase } from 'n8n-workflow';

import {
	CALLBACK_TABLE_COLUMNS,
	CallbackStoreError,
	fromCallbackRow,
	toCallbackRow,
	type CallbackRecord,
	type CallbackTable,
	type StoredCallback,
} from '../../core/callbackStore';

/**
 * n8n gives Data Table access only to its own Data table node (its data-table proxy refuses any
 * other node type), so this table runs that node: each operation is a two-node inline
 * sub-workflow (Execute Workflow Trigger → Data table), exactly what the Execute Workflow node
 * runs for a workflow defined in JSON. It executes in the calling workflow's project, so it
 * reaches the tables the user sees in that project, and it is not kept in the execution list.
 */

type Condition = { column: string; value: string | number };

const DATA_TABLE_NODE = 'n8n-nodes-base.dataTable';
const TRIGGER_NODE = 'n8n-nodes-base.executeWorkflowTrigger';
const TABLE_NODE_NAME = 'Callback status table';

/**
 * A literal for a node parameter. Plain strings starting with "=" would be read as expressions,
 * so every value is written as an expression of its JSON literal, with braces escaped so that
 * "}}" inside a value cannot end the expression.
 */
function literal(value: string | number): string {
	const json = JSON.stringify(value).replace(/\{/g, '\\u007b').replace(/\}/g, '\\u007d');
	return `={{ ${json} }}`;
}

function conditionsParameter(conditions: Condition[]): IDataObject {
	return {
		matchType: 'allConditions',
		filters: { conditions: conditions.map(({ column, value }) => ({ keyName: column, condition: 'eq', keyValue: literal(value) })) },
	};
}

function inlineWorkflow(dataTableId: string, operation: IDataObject): IWorkflowBase {
	return {
		// Empty: n8n gives an inline sub-workflow its parent's id, hence the parent's project.
		id: '',
		name: 'Callback status table',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [
			{ id: 'callback-store-start', name: 'Start', type: TRIGGER_NODE, typeVersion: 1.1, position: [0, 0], parameters: { inputSource: 'passthrough' } },
			{
				id: 'callback-store-table',
				name: TABLE_NODE_NAME,
				type: DATA_TABLE_NODE,
				typeVersion: 1,
				position: [220, 0],
				// An update that matched no row still answers, with one empty item.
				alwaysOutputData: true,
				parameters: { resource: 'row', dataTableId: { __rl: true, mode: 'id', value: dataTableId }, ...operation },
			},
		],
		connections: { Start: { main: [[{ node: TABLE_NODE_NAME, type: 'main', index: 0 }]] } },
		// Successful store operations are bookkeeping, not executions anybody wants to browse.
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'all', saveManualExecutions: false },
	};
}

export class DataTableSetupError extends CallbackStoreError {}

const SCHEMA_HINT = `The callback status table needs these text columns: ${CALLBACK_TABLE_COLUMNS.join(', ')}.`;

/** Runs the Data table node once and returns the rows it output (empty items dropped). */
async function runDataTableNode(context: IExecuteFunctions, dataTableId: string, operation: IDataObject, input: IDataObject[]): Promise<IDataObject[]> {
	const items: INodeExecutionData[] = (input.length > 0 ? input : [{}]).map((json) => ({ json }));
	let output: Array<INodeExecutionData[] | null>;
	try {
		({ data: output } = await context.executeWorkflow({ code: inlineWorkflow(dataTableId, operation) }, items));
	} catch (error) {
		const message = (error as Error).message ?? String(error);
		throw new NodeOperationError(context.getNode(), `The callback status table (Data Table ID "${dataTableId}") could not be used: ${message}`, { description: SCHEMA_HINT });
	}
	return (output?.[0] ?? []).map((item) => item.json).filter((json) => json.id !== undefined && json.id !== null);
}

function stored(rows: IDataObject[]): StoredCallback[] {
	return rows.map((row) => ({ rowId: Number(row.id), record: fromCallbackRow(row) }));
}

/** The callback table as n8n's Data table node reads and writes it. */
export class DataTableNodeTable implements CallbackTable {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly dataTableId: string,
	) {
		if (!dataTableId.trim()) throw new DataTableSetupError(`No Data Table ID is set. Create a data table in n8n and paste its ID. ${SCHEMA_HINT}`);
	}

	private async select(conditions: Condition[]): Promise<StoredCallback[]> {
		const rows = await runDataTableNode(this.context, this.dataTableId, { operation: 'get', ...conditionsParameter(conditions), returnAll: true }, []);
		return stored(rows);
	}

	async findByCallbackId(callbackId: string): Promise<StoredCallback[]> {
		return await this.select([{ column: 'callbackId', value: callbackId }]);
	}

	async findByPhone(phone: string): Promise<StoredCallback[]> {
		return await this.select([{ column: 'phone', value: phone }]);
	}

	async insert(record: CallbackRecord): Promise<number> {
		const [row] = await runDataTableNode(
			this.context,
			this.dataTableId,
			{ operation: 'insert', columns: { mappingMode: 'autoMapInputData', value: null } },
			[toCallbackRow(record) as IDataObject],
		);
		if (row === undefined) throw new DataTableSetupError(`Inserting callback ${record.callbackId} returned no row. ${SCHEMA_HINT}`);
		return Number(row.id);
	}

	async replaceIfVersion(rowId: number, expectedVersion: number, record: CallbackRecord): Promise<boolean> {
		const rows = await runDataTableNode(
			this.context,
			this.dataTableId,
			{
				operation: 'update',
				...conditionsParameter([
					{ column: 'id', value: rowId },
					{ column: 'version', value: String(expectedVersion) },
				]),
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
			[toCallbackRow(record) as IDataObject],
		);
		return rows.length === 1;
	}

	async remove(rowId: number): Promise<void> {
		await runDataTableNode(this.context, this.dataTableId, { operation: 'deleteRows', ...conditionsParameter([{ column: 'id', value: rowId }]) }, []);
	}
}
