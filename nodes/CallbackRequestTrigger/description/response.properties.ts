import type { INodeProperties } from 'n8n-workflow';

export const responseProperties: INodeProperties[] = [
	{
		displayName: 'After a Browser Submits',
		name: 'afterSubmit',
		type: 'options',
		options: [
			{
				name: 'Show a Thank-You Page',
				value: 'thankYouPage',
			},
			{
				name: 'Redirect to a URL',
				value: 'redirect',
			},
		],
		default: 'thankYouPage',
		description:
			'What a person sees after submitting a form in the browser. Form tools and scripts always get JSON: {"ok": true, "callbackId": "...", "duplicate": false}.',
	},
	{
		displayName: 'Thank-You Message',
		name: 'thankYouMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'We will call from (415) 555-0100.',
		displayOptions: { show: { afterSubmit: ['thankYouPage'] } },
		description:
			'Your own words under the line the page writes about when we will call ("We\'ll call you within a few minutes", or a time in the lead\'s timezone, or that we will text to confirm). Leave out promises of a time: that line makes them.',
	},
	{
		displayName: 'Redirect URL',
		name: 'redirectUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/thank-you',
		displayOptions: { show: { afterSubmit: ['redirect'] } },
		description: 'Your own thank-you page. The callback ID is added as ?callbackId=...',
	},
];
