import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeParameters, type IWorkflowBase } from 'n8n-workflow';

/**
 * n8n gives Data Table access only to its own Data table node (its data-table proxy refuses any
 * other node type), so the package's stores run that node: each operation is a two-node inline
 * sub-workflow (Execute Workflow Trigger → Data table), exactly what the Execute Workflow node
 * runs for a workflow defined in JSON. It executes in the calling workflow's project, so it
 * reaches the tables the user sees there, and successful runs are not kept in the execution list.
 */

export interface ColumnCondition {
	column: string;
	value: string | number;
}

export interface DataTableNodeRun {
	dataTableId: string;
	/** What the table is to the user, for node names and errors: "SMS opt-out table". */
	tableLabel: string;
	/** The Data table node's parameters for one operation (get, insert, update, upsert, deleteRows). */
	operation: IDataObject;
	/** Items handed to the node (rows to write); none for reads. */
	input: IDataObject[];
	/** Appended to errors: the columns the table must have. */
	schemaHint: string;
}

const DATA_TABLE_NODE = 'n8n-nodes-base.dataTable';
const TRIGGER_NODE = 'n8n-nodes-base.executeWorkflowTrigger';

/**
 * A literal for a node parameter. Plain strings starting with "=" would be read as expressions,
 * so every value is written as an expression of its JSON literal, with braces escaped so that
 * "}}" inside a value cannot end the expression.
 */
export function literal(value: string | number): string {
	const json = JSON.stringify(value).replace(/\{/g, '\\u007b').replace(/\}/g, '\\u007d');
	return `={{ ${json} }}`;
}

/** The Data table node's row filter: every condition must hold. */
export function whereAll(conditions: ColumnCondition[]): IDataObject {
	return {
		matchType: 'allConditions',
		filters: { conditions: conditions.map(({ column, value }) => ({ keyName: column, condition: 'eq', keyValue: literal(value) })) },
	};
}

/** One run of the Data table node with these parameters, on any resource (rows or tables). */
interface DataTableNodeCall {
	tableLabel: string;
	parameters: IDataObject;
	input: IDataObject[];
}

function inlineWorkflow(run: DataTableNodeCall): IWorkflowBase {
	return {
		// Empty: n8n gives an inline sub-workflow its parent's id, hence the parent's project.
		id: '',
		name: run.tableLabel,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [
			{ id: 'data-table-start', name: 'Start', type: TRIGGER_NODE, typeVersion: 1.1, position: [0, 0], parameters: { inputSource: 'passthrough' } },
			{
				id: 'data-table-operation',
				name: run.tableLabel,
				type: DATA_TABLE_NODE,
				typeVersion: 1,
				position: [220, 0],
				// An update that matched no row still answers, with one empty item.
				alwaysOutputData: true,
				parameters: run.parameters as INodeParameters,
			},
		],
		connections: { Start: { main: [[{ node: run.tableLabel, type: 'main', index: 0 }]] } },
		// Store operations are bookkeeping, not executions anybody wants to browse.
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'all', saveManualExecutions: false },
	};
}

/** Runs the Data table node once and returns what it output with an id (its empty item dropped). */
export async function callDataTableNode(context: IExecuteFunctions, call: DataTableNodeCall): Promise<IDataObject[]> {
	const items: INodeExecutionData[] = (call.input.length > 0 ? call.input : [{}]).map((json) => ({ json }));
	const { data: output } = await context.executeWorkflow({ code: inlineWorkflow(call) }, items);
	return (output?.[0] ?? []).map((item) => item.json).filter((json) => json.id !== undefined && json.id !== null);
}

/** Runs one row operation of the Data table node on the table and returns the rows it output. */
export async function runDataTableNode(context: IExecuteFunctions, run: DataTableNodeRun): Promise<IDataObject[]> {
	try {
		return await callDataTableNode(context, {
			tableLabel: run.tableLabel,
			parameters: { resource: 'row', dataTableId: { __rl: true, mode: 'id', value: run.dataTableId }, ...run.operation },
			input: run.input,
		});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(context.getNode(), `The ${run.tableLabel} (Data Table ID "${run.dataTableId}") could not be used: ${message}`, {
			description: run.schemaHint,
		});
	}
}
