import type { INodeProperties } from 'n8n-workflow';

const showForForm = { show: { hostedForm: [true] } };

export const DEFAULT_CONSENT_TEXT =
	'I agree to be called and texted about my request at this number. Message and data rates may apply. Reply STOP to opt out.';

export const formProperties: INodeProperties[] = [
	{
		displayName: 'Hosted Form',
		name: 'hostedForm',
		type: 'boolean',
		default: true,
		description:
			'Whether to serve a ready-made "request a callback" page at the webhook URL (GET). Share or embed that link; it posts to the same URL.',
	},
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: 'Our team',
		displayOptions: showForForm,
		description: 'Shown at the top of the form and on the thank-you page',
	},
	{
		displayName: 'Form Title',
		name: 'formTitle',
		type: 'string',
		default: 'Request a callback',
		displayOptions: showForForm,
	},
	{
		displayName: 'Intro Text',
		name: 'introText',
		type: 'string',
		typeOptions: { rows: 2 },
		default: "Leave your number and we'll call you back, usually within minutes during business hours.",
		displayOptions: showForForm,
	},
	{
		displayName: 'Name Fields',
		name: 'nameFields',
		type: 'options',
		options: [
			{ name: 'First and Last Name', value: 'firstAndLast' },
			{ name: 'One Full Name Field', value: 'fullName' },
		],
		default: 'firstAndLast',
		displayOptions: showForForm,
	},
	{
		displayName: 'Extra Fields',
		name: 'formFields',
		type: 'multiOptions',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Reason for the Call', value: 'reason' },
			{ name: 'Preferred Time (Scheduled Callback)', value: 'preferredTime' },
		],
		default: ['email', 'reason'],
		displayOptions: showForForm,
		description: 'Fields shown besides name and phone',
	},
	{
		displayName: 'Consent Text',
		name: 'consentText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: DEFAULT_CONSENT_TEXT,
		displayOptions: showForForm,
		description:
			'Label of the consent checkbox, stored with each request as proof of what the lead agreed to. Empty hides the checkbox.',
	},
	{
		displayName: 'Submit Button Label',
		name: 'submitLabel',
		type: 'string',
		default: 'Call me back',
		displayOptions: showForForm,
	},
	{
		displayName: 'Minimum Seconds Before Sending',
		name: 'minSecondsBeforeSending',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 600, numberPrecision: 0 },
		default: 3,
		displayOptions: showForForm,
		description:
			'Least time between opening the form and sending it. People take a few seconds; scripts send at once and are shown the form again. 0 turns this off. Posts from your own funnels are not affected.',
	},
];
