import type { INodeProperties } from 'n8n-workflow';

import { CALLBACK_TABLE_COLUMNS, DEFAULT_CALLBACK_TABLE_NAME } from '../../core/callbackStore';

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
		displayName: 'Data Table Name',
		name: 'dataTableName',
		type: 'string',
		default: DEFAULT_CALLBACK_TABLE_NAME,
		placeholder: DEFAULT_CALLBACK_TABLE_NAME,
		description: `The callback status table, by name. On n8n 2.x it is created in this workflow's project the first time it is needed, with its columns (${CALLBACK_TABLE_COLUMNS.join(', ')}); give every node of the funnel the same name.`,
		displayOptions: { show: { store: ['dataTable'] } },
	},
	{
		displayName: 'Data Table ID',
		name: 'dataTableId',
		type: 'string',
		default: '',
		placeholder: 'e.g. NqCDf3Zfo1fM8sfW',
		description:
			"Optional: an existing table's ID (open the table in n8n and copy the last part of the address), used instead of the name. Needed on n8n 1.x, which finds tables by ID only: create the table there with the columns above, all of type String.",
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
