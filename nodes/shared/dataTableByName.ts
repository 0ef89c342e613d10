import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { callDataTableNode, literal } from './dataTableNode';
import { isN8nWithResumeTokens } from './nodeResumeUrl';

/** A data table as a node's settings name it: by ID, or by name (found, or made with its columns). */
export interface DataTableReference {
	id: string;
	name: string;
}

/** A column a table is made with: a name (text), or a name and n8n's column type. */
export type TableColumn = string | { readonly name: string; readonly type: 'string' | 'number' | 'boolean' | 'date' };

/** What a table is for and the columns it is made with when it does not exist yet. */
export interface TableSchema {
	label: string;
	columns: readonly TableColumn[];
}

function columnDefinition(column: TableColumn): { name: string; type: string } {
	return typeof column === 'string' ? { name: column, type: 'string' } : { name: column.name, type: column.type };
}

async function tablesNamed(context: IExecuteFunctions, name: string, schema: TableSchema): Promise<IDataObject[]> {
	const tables = await callDataTableNode(context, {
		tableLabel: schema.label,
		parameters: { resource: 'table', operation: 'list', returnAll: true, options: { filterName: literal(name) } },
		input: [],
	});
	// n8n filters tables by a part of the name, ignoring case; only the exact name counts here.
	return tables.filter((table) => table.name === name);
}

/**
 * The ID of the table the reference names. An ID is used as it is. A name is looked up among
 * the project's tables (n8n 2.x; its Data table node lists and creates tables) and, the first
 * time, the table is made with its columns. Two executions making it at once end with
 * one table: the one that loses finds the other's.
 */
export async function resolveDataTableId(context: IExecuteFunctions, reference: DataTableReference, schema: TableSchema): Promise<string> {
	if (reference.id.trim() !== '') return reference.id.trim();
	const name = reference.name.trim();
	// Found once per execution: the nodes after the first (Mark Pending, the texts, Schedule Call,
	// Still Open?, …) reuse the ID from the execution's own context, which n8n keeps with the
	// execution across waits. Each lookup is a sub-execution of n8n's Data table node.
	const execution = executionContext(context);
	const known = execution?.[`${TABLE_ID_KEY}${name}`];
	if (typeof known === 'string' && known !== '') return known;
	const id = await findOrMakeTable(context, name, schema);
	if (execution) execution[`${TABLE_ID_KEY}${name}`] = id;
	return id;
}

const TABLE_ID_KEY = 'callbackDataTableId:';

/** The execution's shared context ("flow"), where the context offers one. */
function executionContext(context: IExecuteFunctions): IDataObject | undefined {
	try {
		return context.getContext('flow') as IDataObject;
	} catch {
		return undefined;
	}
}

/**
 * The ID of the project's table called exactly `name`, or null when there is none (or on n8n
 * 1.x, which finds tables by ID only): for a reader that must not make a table.
 */
export async function findDataTableId(context: IExecuteFunctions, name: string, label: string): Promise<string | null> {
	if (name.trim() === '' || !isN8nWithResumeTokens(context)) return null;
	const [found] = await tablesNamed(context, name.trim(), { label, columns: [] });
	return found === undefined ? null : String(found.id);
}

async function findOrMakeTable(context: IExecuteFunctions, name: string, schema: TableSchema): Promise<string> {
	const columns = schema.columns.map(columnDefinition);
	const columnsHint = `The columns: ${columns.map((column) => `${column.name} (${column.type})`).join(', ')}.`;
	if (name === '') throw new NodeOperationError(context.getNode(), `No ${schema.label} is set: give its name (it is created on first use) or its ID.`, { description: columnsHint });
	if (!isN8nWithResumeTokens(context)) {
		throw new NodeOperationError(context.getNode(), `n8n 1.x finds data tables by ID only: create the ${schema.label} under Overview → Data tables and paste its ID into the Data Table ID field.`, {
			description: columnsHint,
		});
	}
	try {
		const [existing] = await tablesNamed(context, name, schema);
		if (existing !== undefined) return String(existing.id);
		const [created] = await callDataTableNode(context, {
			tableLabel: schema.label,
			parameters: {
				resource: 'table',
				operation: 'create',
				tableName: literal(name),
				columns: { column: columns },
				options: { createIfNotExists: true },
			},
			input: [],
		});
		if (created !== undefined && created.name === name) return String(created.id);
	} catch {
		// Made by another execution at the same moment, or refused: looked up once more below.
	}
	const [made] = await tablesNamed(context, name, schema);
	if (made === undefined) throw new NodeOperationError(context.getNode(), `The ${schema.label} "${name}" could not be found or created.`, { description: columnsHint });
	return String(made.id);
}
