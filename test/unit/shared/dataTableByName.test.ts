import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { resolveDataTableId } from '../../../nodes/shared/dataTableByName';

const SCHEMA = { label: 'callback status table', columns: ['callbackId', 'status'] };

/**
 * A node's context in one execution of an n8n 2.x workflow: its own execution context ("flow"),
 * and n8n's Data table node answering the table list with one table.
 */
function nodeInExecution(flow: IDataObject, listed: string[]): IExecuteFunctions {
	return {
		getContext: () => flow,
		getNode: () => ({ name: 'Mark Pending' }),
		getWorkflowDataProxy: () => ({ $execution: { resumeUrl: 'http://localhost:5678/webhook-waiting/7?signature=abc' } }),
		executeWorkflow: async (workflow: { code: { nodes: Array<{ parameters: IDataObject }> } }) => {
			const dataTable = workflow.code.nodes.find((node) => node.parameters.resource === 'table')!;
			listed.push(String(dataTable.parameters.operation));
			return { data: [[{ json: { id: 'tbl_42', name: 'Callback statuses' } }]] };
		},
	} as unknown as IExecuteFunctions;
}

describe('a data table named in a node', () => {
	it('is looked up once per execution: later nodes of the same execution reuse its ID', async () => {
		const flow: IDataObject = {};
		const listed: string[] = [];
		expect(await resolveDataTableId(nodeInExecution(flow, listed), { id: '', name: 'Callback statuses' }, SCHEMA)).toBe('tbl_42');
		expect(await resolveDataTableId(nodeInExecution(flow, listed), { id: '', name: 'Callback statuses' }, SCHEMA)).toBe('tbl_42');
		expect(listed).toEqual(['list']);
		// Another execution looks it up again.
		expect(await resolveDataTableId(nodeInExecution({}, listed), { id: '', name: 'Callback statuses' }, SCHEMA)).toBe('tbl_42');
		expect(listed).toEqual(['list', 'list']);
	});

	it('by ID is used as it is, without a lookup', async () => {
		const listed: string[] = [];
		expect(await resolveDataTableId(nodeInExecution({}, listed), { id: ' tbl_7 ', name: 'Callback statuses' }, SCHEMA)).toBe('tbl_7');
		expect(listed).toEqual([]);
	});
});
