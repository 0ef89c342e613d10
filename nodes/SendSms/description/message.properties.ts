import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_NO_SHOW_TEXT, DEFAULT_TEXTS, type SmsMessageType } from '../../core/sms/defaultTexts';

const PLACEHOLDER_HELP =
	'Placeholders: {{first-name}}, {{contact-number}}, {{callback-cid}} (the number we call from), {{ecbt}} (expected callback time, e.g. "today at 3:30 PM EDT"), {{scheduled-time}} (e.g. "Mon 23 Nov, 9:00 AM EST"), {{business-name}}. n8n expressions such as {{ $json.reason }} work too when the field is an expression.';

const TYPES: Array<{ value: SmsMessageType; name: string; description: string }> = [
	{ value: 'confirmation', name: 'Confirmation', description: 'Right after the request: which number will call, and how to opt out' },
	{ value: 'reminder', name: 'Reminder', description: 'Shortly before a scheduled callback: we call within 15 minutes' },
	{ value: 'missedCall', name: 'Missed Call', description: 'After an attempt the lead did not answer: when we try again' },
	{ value: 'finalAttempt', name: 'Final Attempt', description: 'After the last attempt: invites a new request' },
	{ value: 'success', name: 'Success', description: 'After the call: thanks, with an optional survey link' },
	{ value: 'custom', name: 'Custom', description: 'Your own text' },
];

/** The text field of one message type; each starts with that type's default text. */
function textProperty(type: SmsMessageType, displayName: string): INodeProperties {
	// The default is the type's default text, which the rule cannot see through the lookup.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	return {
		displayName,
		name: `${type}Text`,
		type: 'string',
		typeOptions: { rows: 4 },
		default: DEFAULT_TEXTS[type],
		required: type === 'custom',
		displayOptions: { show: { messageType: [type] } },
		description: `The text to send. ${PLACEHOLDER_HELP} Unless the text already has opt-out wording, the first text to a number gets "Reply STOP to opt out." on a new line. Over 140 characters the node adds a notice; over 500 it stops with an error.`,
	};
}

export const messageProperties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'messageType',
		type: 'options',
		options: TYPES.map(({ value, name, description }) => ({ name, value, description })),
		default: 'confirmation',
		description: 'Which text to send; each has a default text you can edit',
	},
	textProperty('confirmation', 'Confirmation Text'),
	textProperty('reminder', 'Reminder Text'),
	textProperty('missedCall', 'Missed Call Text'),
	textProperty('finalAttempt', 'Final Attempt Text'),
	{
		displayName: 'No-Show Text',
		name: 'noShowText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: DEFAULT_NO_SHOW_TEXT,
		displayOptions: { show: { messageType: ['finalAttempt'] } },
		description: `Sent instead of the Final Attempt Text when this miss made the lead a no-show: the Tag Router that marked the callback Failed counted too many missed booked callbacks in a row (callback.noShow.flagged on the item). ${PLACEHOLDER_HELP}`.trimEnd(),
	},
	textProperty('success', 'Success Text'),
	textProperty('custom', 'Text'),
	{
		displayName: 'Survey Link',
		name: 'surveyLink',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/survey',
		displayOptions: { show: { messageType: ['success'] } },
		description: 'If set, "How did we do?" and this link are added to the success text',
	},
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Acme Plumbing',
		description: 'Your business as leads know it; fills {{business-name}}',
	},
	{
		displayName: 'Callback Caller ID',
		name: 'callbackCallerId',
		type: 'string',
		default: '',
		placeholder: '+14155550100',
		description: 'The number your callback calls come from; fills {{callback-cid}}. Empty: the From Number.',
	},
];
