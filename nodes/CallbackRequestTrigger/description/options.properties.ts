import type { INodeProperties } from 'n8n-workflow';

import type { CallbackField } from '../../core/callbackRequest/CallbackRequest';
import { DEFAULT_MAX_REASON_LENGTH } from '../../core/callbackRequest/fieldRules';

const MAPPABLE_FIELDS: Array<{ name: string; value: CallbackField }> = [
	{ name: 'First Name', value: 'firstName' },
	{ name: 'Last Name', value: 'lastName' },
	{ name: 'Full Name (Split Into First and Last)', value: 'fullName' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'Email', value: 'email' },
	{ name: 'Reason', value: 'reason' },
	{ name: 'Preferred Time', value: 'preferredTime' },
	{ name: 'Timezone', value: 'timezone' },
	{ name: 'Consent', value: 'consent' },
	{ name: 'Consent Text', value: 'consentText' },
	{ name: 'Page URL', value: 'pageUrl' },
	{ name: 'Source', value: 'source' },
];

export const optionProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Field Names',
				name: 'fieldNames',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Field Name',
				description:
					'Where to read a field when your form uses its own names. Use a dot for nested values, e.g. customData.callback_reason.',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Field',
								name: 'field',
								type: 'options',
								options: MAPPABLE_FIELDS,
								default: 'phone',
							},
							{
								displayName: 'Submitted As',
								name: 'submittedAs',
								type: 'string',
								default: '',
								placeholder: 'mobile_number',
								description: 'The key (or dot path) your form posts this field under',
							},
						],
					},
				],
			},
			{
				displayName: 'Honeypot Field Name',
				name: 'honeypotFieldName',
				type: 'string',
				default: 'website',
				description:
					'A hidden field people never see. A submission that fills it is a bot: it is answered as if accepted, so the bot learns nothing, and starts no workflow. Empty turns it off.',
			},
			{
				displayName: 'Lead Timezone When None Is Sent',
				name: 'fallbackTimezone',
				type: 'string',
				default: '',
				placeholder: 'America/New_York',
				description:
					'IANA zone used to read a preferred time sent without an offset when the submission has no timezone. Empty asks the sender to include one.',
			},
			{
				displayName: 'Max Days Ahead',
				name: 'maxDaysAhead',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 365 },
				default: 60,
				description: 'How far in the future a preferred time may be',
			},
			{
				displayName: 'Max Reason Length',
				name: 'maxReasonLength',
				type: 'number',
				typeOptions: { minValue: 20, maxValue: 5000 },
				default: DEFAULT_MAX_REASON_LENGTH,
				description: 'Longest reason/message accepted, in characters; the hosted form counts down to it and refuses more before sending',
			},
			{
				displayName: 'Source Label',
				name: 'sourceLabel',
				type: 'string',
				default: '',
				placeholder: 'website',
				description:
					'Stored as "source" when the submission names none. Empty uses hosted-form, highlevel or webhook.',
			},
		],
	},
];
