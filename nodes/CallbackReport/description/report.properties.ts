import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CALLBACK_TABLE_NAME } from '../../core/callbackStore';
import { REQUEST_CHANNELS } from '../../core/report/reportCallback';
import { CHANNEL_LABELS } from '../../core/report/channelLabels';
import { DEFAULT_OPT_OUT_TABLE_NAME } from '../../shared/optOutStore';
import { DEFAULT_RATE_LIMIT_TABLE_NAME } from '../../shared/rateLimitTable/dataTableCounterStore';
import { NO_SHOW_TAG_OPTION, statusTagNamesProperty } from '../../shared/statusTagNamesProperty';

export const reportProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get Metrics',
				value: 'metrics',
				action: 'Get the callback metrics for a period',
				description: 'One item with every figure, its definition, the breakdowns and a short summary text, e.g. for a weekly email or text',
			},
			{
				name: 'Report Page',
				value: 'page',
				action: 'Render the callback report page',
				description: "The report as a web page for a Respond to Webhook node, after a Webhook node; refused without the page's access token",
			},
		],
		default: 'metrics',
	},
	{
		displayName: 'Status Store',
		name: 'store',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Data Table',
				value: 'dataTable',
				description: "The callback status table in n8n's own database, as the funnel's Tag Router nodes keep it",
			},
			{
				name: 'HighLevel',
				value: 'highLevel',
				description: 'The status tags and notes the funnel\'s Tag Router nodes keep on HighLevel contacts: one search per 100 contacts, one request per contact for its notes',
			},
		],
		default: 'dataTable',
		description: "Where the funnel's Tag Router nodes keep each callback's status: choose the same store",
	},
	{
		displayName: 'Data Table Name',
		name: 'dataTableName',
		type: 'string',
		default: DEFAULT_CALLBACK_TABLE_NAME,
		placeholder: DEFAULT_CALLBACK_TABLE_NAME,
		description: 'The callback status table the funnel writes, by name (the same name as in its Tag Router nodes)',
		displayOptions: { show: { store: ['dataTable'] } },
	},
	{
		displayName: 'Data Table ID',
		name: 'dataTableId',
		type: 'string',
		default: '',
		placeholder: 'e.g. NqCDf3Zfo1fM8sfW',
		description: "Optional: the table's ID, used instead of the name (needed on n8n 1.x, which finds tables by ID only)",
		displayOptions: { show: { store: ['dataTable'] } },
	},
	{
		...statusTagNamesProperty,
		// The no-show tag sits beside a status tag and says nothing the notes do not: not needed to find or count callbacks.
		options: statusTagNamesProperty.options?.filter((option) => option.name !== NO_SHOW_TAG_OPTION),
		description: "The tags the funnel's Tag Router nodes put on contacts, if changed there: the report finds the callbacks' contacts by them, and counts a contact with the opt-out tag as opted out",
		displayOptions: { show: { store: ['highLevel'] } },
	},
	{
		displayName: 'Opt-Out Table Name',
		name: 'optOutDataTableName',
		type: 'string',
		default: DEFAULT_OPT_OUT_TABLE_NAME,
		placeholder: DEFAULT_OPT_OUT_TABLE_NAME,
		description: "The SMS opt-out list the funnel's texts keep, by name: a lead whose number is on it counts as opted out",
	},
	{
		displayName: 'Opt-Out Data Table ID',
		name: 'optOutDataTableId',
		type: 'string',
		default: '',
		placeholder: 'e.g. fk3BRRwnXWsi5rVY',
		description: "Optional: the opt-out table's ID, used instead of the name (needed on n8n 1.x)",
	},
	{
		displayName: 'Rate-Limit Table Name',
		name: 'rateLimitTableName',
		type: 'string',
		default: DEFAULT_RATE_LIMIT_TABLE_NAME,
		placeholder: DEFAULT_RATE_LIMIT_TABLE_NAME,
		description:
			"The Rate Limit Table of the funnel's Callback Request Trigger, by name: the report counts the requests the form turned away (rate limits, bots, held for review) from it. With no such table (rate limits off, or n8n 1.x) those figures show No data.",
	},
	{
		displayName: 'Business Timezone',
		name: 'businessTimezone',
		type: 'string',
		default: 'America/New_York',
		placeholder: 'America/New_York',
		description: 'IANA timezone whose calendar days the report counts (a callback belongs to the day it was asked for there)',
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: 'Last Week (Monday to Sunday)', value: 'lastWeek' },
			{ name: 'This Week So Far', value: 'thisWeek' },
			{ name: 'Last 30 Days', value: 'last30Days' },
			{ name: 'Custom Dates', value: 'custom' },
		],
		default: 'lastWeek',
		description: 'Which callbacks to count, by the day they were asked for',
		displayOptions: { show: { operation: ['metrics'] } },
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'string',
		default: '',
		placeholder: '2026-11-02',
		description: 'First day counted, as YYYY-MM-DD',
		displayOptions: { show: { operation: ['metrics'], period: ['custom'] } },
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'string',
		default: '',
		placeholder: '2026-11-08',
		description: 'Last day counted (included), as YYYY-MM-DD',
		displayOptions: { show: { operation: ['metrics'], period: ['custom'] } },
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [{ name: 'All Channels', value: 'all' }, ...REQUEST_CHANNELS.map((channel) => ({ name: CHANNEL_LABELS[channel], value: channel }))],
		default: 'all',
		description: 'Count only callbacks asked for this way',
		displayOptions: { show: { operation: ['metrics'] } },
	},
	{
		displayName: 'Page Access Token',
		name: 'accessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'The page answers only a link that carries this token (…/callback-report?token=…). Use a long random text (20 characters or more) and share the link only with whom may see the figures. Empty: the page refuses every request.',
		displayOptions: { show: { operation: ['page'] } },
	},
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: '',
		placeholder: 'Acme Plumbing',
		description: "Shown in the page's heading",
		displayOptions: { show: { operation: ['page'] } },
	},
];
