import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CALLBACK_TABLE_NAME } from '../../core/callbackStore';

/** Where the lead's data is read from; the defaults match the Callback Request Trigger's item. */
export const leadFieldProperties: INodeProperties[] = [
	{
		displayName: 'Lead Phone',
		name: 'leadPhone',
		type: 'string',
		default: '={{ $json.contact?.phone }}',
		description: "The lead's number in E.164 form; used to tell their timezone when the form sent none",
	},
	{
		displayName: 'Lead Timezone',
		name: 'leadTimezone',
		type: 'string',
		default: '={{ $json.timezone }}',
		description: 'IANA timezone the form sent, if any',
	},
	{
		displayName: 'Preferred Time',
		name: 'preferredTime',
		type: 'string',
		default: '={{ $json.preferredTime }}',
		description: 'When the lead asked to be called (ISO 8601); empty for "as soon as possible"',
	},
	{
		displayName: 'Attempts Made',
		name: 'attemptsMade',
		type: 'string',
		default: '={{ $json.callback?.attempt ?? 0 }}',
		description: 'Number of the attempt just made (0 before the first); a retry loop passes the item back with it',
	},
	{
		displayName: 'Read the Status From',
		name: 'statusSource',
		type: 'options',
		options: [
			{
				name: "The Tag Router's Data Table",
				value: 'dataTable',
				description: 'The callback status table the Tag Router keeps (by callback ID, else the phone)',
			},
			{
				name: 'The Item',
				value: 'item',
				description: 'A field of the incoming item',
			},
		],
		default: 'item',
		displayOptions: { show: { recheckStatus: [true] } },
	},
	{
		displayName: 'Status Data Table Name',
		name: 'statusDataTableName',
		type: 'string',
		default: DEFAULT_CALLBACK_TABLE_NAME,
		displayOptions: { show: { recheckStatus: [true], statusSource: ['dataTable'] } },
		description: "The Tag Router's callback status table, by name: the same name as in the Tag Router nodes (n8n 2.x)",
	},
	{
		displayName: 'Status Data Table ID',
		name: 'statusDataTableId',
		type: 'string',
		default: '',
		displayOptions: { show: { recheckStatus: [true], statusSource: ['dataTable'] } },
		description: "Optional: the table's ID, used instead of the name (needed on n8n 1.x; open the table in n8n and copy the last part of the address)",
	},
	{
		displayName: 'Callback Status',
		name: 'callbackStatus',
		type: 'string',
		default: '={{ $json.callback?.status ?? "" }}',
		displayOptions: { show: { recheckStatus: [true], statusSource: ['item'] } },
		description: 'Current status of the callback; Complete, Cancelled or Failed (the callback is over) sends the item to "Cancelled"',
	},
];
