import type { INodeProperties } from 'n8n-workflow';

import { CALLBACK_TABLE_COLUMNS } from '../../core/callbackStore';

const STATUS_STAGES: Array<{ status: string; label: string }> = [
	{ status: 'pending', label: 'Pending' },
	{ status: 'incomplete', label: 'Incomplete' },
	{ status: 'complete', label: 'Complete' },
	{ status: 'cancelled', label: 'Cancelled' },
	{ status: 'failed', label: 'Failed' },
];

/** Where each callback's status lives. */
export const storeProperty: INodeProperties = {
		displayName: 'Status Store',
		name: 'store',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Data Table',
				value: 'dataTable',
				description: "A data table in n8n's own database (SQLite or Postgres); no CRM needed",
			},
			{
				name: 'HighLevel',
				value: 'highLevel',
				description: 'The status is a tag on the HighLevel contact; notes and pipeline stages follow it',
			},
			{
				name: 'None (Output Tag Changes)',
				value: 'none',
				description: 'Nothing is stored: outputs tagsToAdd and tagsToRemove for another CRM node',
			},
		],
		default: 'dataTable',
};

/** What each store needs: the table, or the HighLevel pipeline. */
export const storeDetailProperties: INodeProperties[] = [
	{
		displayName: `Create the table once under Overview → Data tables (Create data table), with these columns, all of type String: ${CALLBACK_TABLE_COLUMNS.join(', ')}. Or import a CSV file holding just that header line. Then paste its ID below.`,
		name: 'dataTableNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { store: ['dataTable'] } },
	},
	{
		displayName: 'Data Table ID',
		name: 'dataTableId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. NqCDf3Zfo1fM8sfW',
		description: "The callback status table's ID: open the table in n8n and copy the last part of the address",
		displayOptions: { show: { store: ['dataTable'] } },
	},
	{
		displayName: 'Pipeline Stages',
		name: 'pipelineStages',
		type: 'collection',
		placeholder: 'Add Stage',
		default: {},
		description: "Moves the contact's open opportunity in this pipeline to the stage mapped to the new status",
		displayOptions: { show: { store: ['highLevel'], operation: ['setStatus'] } },
		options: [
			{
				displayName: 'Pipeline ID',
				name: 'pipelineId',
				type: 'string',
				default: '',
				description: 'The HighLevel pipeline whose open opportunity for the contact moves; empty: no opportunity is moved',
			},
			...STATUS_STAGES.map(
				({ status, label }): INodeProperties => ({
					displayName: `${label} Stage ID`,
					name: `${status}StageId`,
					type: 'string',
					default: '',
					description: `Pipeline stage for ${label} callbacks; empty: the opportunity stays where it is`,
				}),
			),
		],
	},
];
