import type { INodeProperties } from 'n8n-workflow';

import { allowedCountriesProperty } from '../../shared/allowedCountriesProperty';

/** Who the text goes to and which Twilio sender it comes from. */
export const senderProperties: INodeProperties[] = [
	{
		displayName: 'Lead Phone',
		name: 'to',
		type: 'string',
		default: '={{ $json.contact?.phone }}',
		required: true,
		placeholder: '+14155552671',
		description: "The lead's mobile number in E.164 form (+ and country code); the Callback Request Trigger puts it in contact.phone",
	},
	allowedCountriesProperty(
		'Only leads with numbers in these countries are texted; use the same list as the Callback Request Trigger. Empty allows every country. Premium-rate, shared-cost, personal, satellite and international freephone numbers are never texted. Any other number leaves on "Not Sent" with the reason number-not-allowed.',
	),
	{
		displayName: 'Send From',
		name: 'senderType',
		type: 'options',
		options: [
			{
				name: 'Phone Number',
				value: 'phoneNumber',
				description: 'One of your Twilio numbers',
			},
			{
				name: 'Messaging Service',
				value: 'messagingService',
				description: 'A Twilio Messaging Service picks the sender from its pool',
			},
		],
		default: 'phoneNumber',
	},
	{
		displayName: 'From Number',
		name: 'from',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550100',
		displayOptions: { show: { senderType: ['phoneNumber'] } },
		description: 'Your Twilio number that sends the text, in E.164 form',
	},
	{
		displayName: 'Messaging Service SID',
		name: 'messagingServiceSid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		displayOptions: { show: { senderType: ['messagingService'] } },
		description: 'The SID of the Messaging Service that sends the text (starts with MG)',
	},
];
