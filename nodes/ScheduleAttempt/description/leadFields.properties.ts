import type { INodeProperties } from 'n8n-workflow';

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
		displayName: 'Callback Status',
		name: 'callbackStatus',
		type: 'string',
		default: '={{ $json.callback?.status ?? "" }}',
		displayOptions: { show: { recheckStatus: [true] } },
		description: 'Current status of the callback; Complete or Cancelled sends the item to "Cancelled"',
	},
];
