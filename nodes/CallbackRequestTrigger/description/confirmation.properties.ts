import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CODE_VALID_MINUTES } from '../../core/abuse/numberConfirmation';

const showForCode = { show: { confirmNumber: ['textCode'] } };

export const DEFAULT_CODE_TEXT = `{{code}} is your code to confirm your callback request with {{business}}. It expires in ${DEFAULT_CODE_VALID_MINUTES} minutes.`;

/**
 * Confirming the number before anything starts (core/abuse/numberConfirmation.ts): a request
 * that has not been confirmed starts nothing, so nobody is called or texted (but the code) for a
 * number they did not type.
 */
export const confirmationProperties: INodeProperties[] = [
	{
		displayName: "Confirm the Lead's Number",
		name: 'confirmNumber',
		type: 'options',
		options: [
			{ name: 'Off', value: 'off', description: 'Every valid request starts the workflow' },
			{
				name: 'Text a Code First',
				value: 'textCode',
				description: 'The lead gets a 6-digit code by text and types it on the page; only then does the workflow start',
			},
		],
		default: 'off',
		description:
			"Whether the lead must prove the number is theirs before any call. Stops people from making you call or text someone else's number. Codes are only texted inside the lead's calling hours (8:00 AM to 9:00 PM their time).",
	},
	{
		displayName:
			'Codes are counted in the Rate Limit Table (at most 5 wrong codes per text, each confirmation used once), so Rate Limits must be on. Forms that post JSON send the same fields again with confirmation_token and confirmation_code.',
		name: 'confirmationNotice',
		type: 'notice',
		default: '',
		displayOptions: showForCode,
	},
	{
		displayName: 'Send Codes From',
		name: 'confirmationFrom',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550100',
		description: 'Your Twilio number that texts the codes, in international format',
		displayOptions: showForCode,
	},
	{
		displayName: 'Code Text',
		name: 'confirmationText',
		type: 'string',
		typeOptions: { rows: 2 },
		default: DEFAULT_CODE_TEXT,
		description: 'The text with the code. {{code}} is replaced by the code and {{business}} by the Business Name.',
		displayOptions: showForCode,
	},
];
