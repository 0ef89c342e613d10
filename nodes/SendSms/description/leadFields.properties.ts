import type { INodeProperties } from 'n8n-workflow';

/** Lead data the placeholders and the texting window read; the defaults match the Callback Request Trigger's item. */
export const leadFieldProperties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '={{ $json.contact?.firstName ?? "" }}',
		description: "The lead's first name; fills {{first-name}}",
	},
	{
		displayName: 'Callback Time',
		name: 'callbackTime',
		type: 'string',
		default: '={{ $json.callback?.attemptAt ?? $json.preferredTime ?? "" }}',
		description:
			'When the lead will be called (ISO 8601), e.g. the attempt time Schedule Attempt sets; fills {{ecbt}} and {{scheduled-time}}. Empty: {{ecbt}} says "shortly".',
	},
	{
		displayName: 'Reminder Time',
		name: 'reminderAt',
		type: 'string',
		default: '={{ $json.callback?.reminderAt ?? "" }}',
		displayOptions: { show: { messageType: ['reminder'] } },
		description:
			'When the reminder is due (ISO 8601). Schedule Attempt sets it for a callback booked at least 30 minutes ahead: 15 minutes before the call. Empty: no reminder is sent (Not Sent, reason no-reminder-due). A reminder is never held for the texting window: outside it, it is skipped.',
	},
	{
		displayName: 'Lead Timezone',
		name: 'leadTimezone',
		type: 'string',
		default: '={{ $json.callback?.leadTimezone ?? $json.timezone ?? "" }}',
		description: 'IANA timezone of the lead, if known; otherwise it is told from the phone number (country, or US/Canada area code)',
	},
	{
		displayName: 'Already Opted Out',
		name: 'alreadyOptedOut',
		type: 'boolean',
		default: false,
		description: 'Whether your CRM already knows the lead opted out of texts (map its field here); such a lead is never texted',
	},
	{
		displayName: 'Only After a Call Connected',
		name: 'onlyAfterConnectedCall',
		type: 'boolean',
		default: false,
		description:
			"Whether to text the lead only once a call with them has connected. On a public form anyone can type anyone's number; a connected call shows someone there wanted it. Connected means the Bridge Call result on the item says so (bridgeCall.connected). Until then the item leaves on Not Sent (reason not-reached-yet) and nothing is sent.",
	},
];
