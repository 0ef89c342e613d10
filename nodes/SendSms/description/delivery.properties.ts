import type { INodeProperties } from 'n8n-workflow';

import { businessTimezoneOption } from '../../shared/businessTimezoneOption';
import { DEFAULT_OPT_OUT_TABLE_NAME } from '../../shared/optOutStore';

/** When a text may go out and to whom: the lead's texting window and the opt-out list. */
export const deliveryProperties: INodeProperties[] = [
	{
		displayName: 'Outside the Texting Window',
		name: 'quietHours',
		type: 'options',
		options: [
			{
				name: 'Do Not Send',
				value: 'notSent',
				description: 'The item leaves on "Not Sent" with the reason outside-calling-window and the time the window opens (sms.opensAt)',
			},
			{
				name: 'Wait Until the Window Opens',
				value: 'wait',
				description:
					'The workflow pauses until the window opens, then the lead comes out of "Resume", which must be connected back into this node so the text is sent',
			},
		],
		default: 'notSent',
		description:
			'Texts go out only inside the lead\'s texting window on the lead\'s own clock (08:00-21:00 by default, the same rule as calls). Changing this keeps your connections: "Sent" and "Not Sent" stay where they are.',
	},
	{
		displayName:
			'The "Resume" output is only used with "Wait Until the Window Opens" and can stay unconnected.',
		name: 'windowOpenUnusedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { quietHours: ['notSent'] } },
	},
	{
		displayName:
			'Connect the "Resume" output back into this node\'s own input (drag from "Resume" to the left side of this node, as with Loop Over Items). When the texting window opens, the lead comes out of "Resume", goes back in, and the text is sent on "Sent". Without that wire the node stops with an error and sends nothing. Waiting handles one lead per execution.',
		name: 'waitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { quietHours: ['wait'] } },
	},
	{
		displayName: 'Opt-Out List',
		name: 'optOutList',
		type: 'options',
		options: [
			{
				name: "This Workflow's Storage",
				value: 'workflow',
				description: "Kept with this workflow in n8n's database; nothing to set up",
			},
			{
				name: 'Data Table',
				value: 'dataTable',
				description: 'An n8n Data Table shared by workflows, e.g. with the one handling SMS replies',
			},
			{
				name: 'None',
				value: 'none',
				description: "Only Already Opted Out and Twilio's own list (error 21610) stop texts",
			},
		],
		default: 'workflow',
		description:
			'Where numbers that must not be texted are kept. A number Twilio refuses with error 21610 (it replied STOP) is added, and is not sent to again.',
	},
	{
		displayName: 'Opt-Out Table Name',
		name: 'optOutDataTableName',
		type: 'string',
		default: DEFAULT_OPT_OUT_TABLE_NAME,
		displayOptions: { show: { optOutList: ['dataTable'] } },
		description:
			'The Data Table of opt-outs, shared by every workflow that texts leads or reads their replies; made on first use (n8n 2.x) with the columns phone, opted_out, source and updated_at. Ignored when an ID is given.',
	},
	{
		displayName: 'Opt-Out Data Table ID',
		name: 'optOutDataTableId',
		type: 'string',
		default: '',
		displayOptions: { show: { optOutList: ['dataTable'] } },
		description:
			'The ID of a Data Table with the columns phone (string), opted_out (boolean), source (string) and updated_at (date). Needed on n8n 1.x, which finds tables by ID only; empty on 2.x uses the table name above.',
	},
	{
		displayName: 'Add "Reply STOP to Opt Out."',
		name: 'optOutLanguage',
		type: 'options',
		options: [
			{
				name: 'To the First Text to a Number',
				value: 'firstMessage',
				description: 'Unless the text already says how to opt out (STOP, opt out, unsubscribe)',
			},
			{
				name: 'To Every Text',
				value: 'everyMessage',
				description: 'Unless the text already says how to opt out',
			},
			{
				name: 'Never',
				value: 'never',
				description: 'The text goes out as written',
			},
		],
		default: 'firstMessage',
		description: 'Whether to tell the lead how to stop texts; a number counts as new while the opt-out list has no entry for it',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			businessTimezoneOption('IANA timezone used as the lead\'s when theirs cannot be told and "When the Lead Timezone Is Unknown" says so'),
			{
				displayName: 'Status Callback URL',
				name: 'statusCallback',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/webhook/sms-status',
				description: "Twilio posts the text's delivery status (queued, sent, delivered, failed) to this URL",
			},
			{
				displayName: 'Texting Window on Weekdays',
				name: 'textingWindowWeekdays',
				type: 'string',
				default: '08:00-21:00',
				description: "Hours the lead may be texted on their own clock, Monday to Friday; within 08:00-21:00, like calls",
			},
			{
				displayName: 'Texting Window on Weekends',
				name: 'textingWindowWeekends',
				type: 'string',
				default: '08:00-21:00',
				description: 'Hours the lead may be texted on their own clock on Saturday and Sunday, within 08:00-21:00, or "closed"',
			},
			{
				displayName: 'When the Lead Timezone Is Unknown',
				name: 'unknownLeadTimezone',
				type: 'options',
				options: [
					{
						name: 'Do Not Send',
						value: 'doNotText',
						description: 'Safest: never guess when it is fine to text',
					},
					{
						name: "Use the Business's Timezone",
						value: 'businessTimezone',
					},
				],
				default: 'doNotText',
			},
		],
	},
];
