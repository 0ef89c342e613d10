import type { INodeProperties } from 'n8n-workflow';

import { countryOptions } from './countryOptions';
import { allowedCountriesProperty } from '../../shared/allowedCountriesProperty';

export const submissionProperties: INodeProperties[] = [
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: 'callback-request',
		required: true,
		placeholder: 'callback-request',
		description:
			'The last part of the webhook URL. Your form posts to https://your-n8n/webhook/&lt;path&gt;; the hosted form is served at the same URL.',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'None',
				value: 'none',
				description: 'Anyone with the URL can submit. Needed for the hosted form.',
			},
			{
				name: 'Header Token',
				value: 'headerToken',
				description: 'The form tool sends a shared token in a header',
			},
			{
				name: 'HMAC Signature',
				value: 'hmacSignature',
				description: 'The form tool signs the raw body with HMAC-SHA256 (JSON or URL-encoded bodies)',
			},
		],
		default: 'none',
		description:
			'How posts prove they come from your form. With a token or a signature the hosted form is off, because a page in a browser cannot keep a secret.',
	},
	{
		displayName: 'Payload Format',
		name: 'payloadFormat',
		type: 'options',
		options: [
			{
				name: 'Web Form (Webflow, WordPress, Hosted Form, Any)',
				value: 'standard',
				description:
					'Recognizes the usual field names: first_name/firstName, last_name, name, phone, email, message, preferred_time, timezone, consent',
			},
			{
				name: 'HighLevel Form or Workflow Webhook',
				value: 'highLevel',
				description: "HighLevel's contact fields (first_name, phone, timezone) and customData values",
			},
		],
		default: 'standard',
		description: 'Which field names to expect. Any field can also be mapped by hand under Options > Field Names.',
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		options: countryOptions,
		default: 'US',
		description: 'Country of phone numbers typed without a + and country code',
	},
	allowedCountriesProperty(
		'Only numbers from these countries are accepted; others get a clear message. Leave empty to accept every country (international calls cost more and have their own calling rules).',
	),
	{
		displayName: 'Required Fields',
		name: 'requiredFields',
		type: 'multiOptions',
		options: [
			{ name: 'Consent', value: 'consent' },
			{ name: 'Email', value: 'email' },
			{ name: 'First Name', value: 'firstName' },
			{ name: 'Last Name', value: 'lastName' },
			{ name: 'Reason', value: 'reason' },
		],
		default: ['firstName'],
		description: 'Fields a submission must have. The phone number is always required.',
	},
	{
		displayName: 'Ignore Repeats Within (Minutes)',
		name: 'duplicateWindowMinutes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10080 },
		default: 30,
		description:
			'A second request from the same phone number within this many minutes starts no new callback; the answer still says OK and marks it as a duplicate. A quick first filter of the newest 250 numbers: the Tag Router\'s status table stops any repeat it misses. 0 turns this off.',
	},
];
