import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { callFromProperty, LEAD_PHONE_PROPERTY } from '../../shared/callRunner/callingNodeParts';

import { callEndedLoopNotice } from '../../shared/waitingCall';

/** Who is called, what the voicemail says, and what a person who picks up gets. */
/** What is left on the voicemail. */
const MESSAGE_KINDS: INodePropertyOptions[] = [
	{ name: 'Recording', value: 'audio', description: 'An MP3 or WAV file is played after the beep' },
	{ name: 'Spoken Text', value: 'text', description: 'Twilio reads a text after the beep' },
];

/** What a person who picks up instead of a voicemail gets. */
const PERSON_ANSWERS: INodePropertyOptions[] = [
	{ name: 'Say a Short Message', value: 'liveMessage', description: 'Twilio reads a short text, then hangs up' },
	{ name: 'Connect to the Business', value: 'connect', description: 'The call is put through to a business number' },
	{ name: 'Hang Up', value: 'hangUp', description: 'The call ends at once' },
];

export const messageProperties: INodeProperties[] = [
	callEndedLoopNotice('<b>Voicemail Left</b>, <b>Answered</b> or <b>Not Reached</b>', 'Voicemail Drop'),
	callFromProperty('the lead sees calling'),
	LEAD_PHONE_PROPERTY,
	{
		displayName: 'Message',
		name: 'messageType',
		type: 'options',
		options: MESSAGE_KINDS,
		default: 'text',
		description: 'What is left on the voicemail',
	},
	{
		displayName: 'Recording URL',
		name: 'messageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/sorry-we-missed-you.mp3',
		displayOptions: { show: { messageType: ['audio'] } },
		description: 'The https:// address of the MP3 or WAV file Twilio plays after the beep',
	},
	{
		displayName: 'Message Text',
		name: 'messageText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: 'Hello, this is a message about the callback you asked for. Sorry we missed you. We will try you again soon.',
		required: true,
		displayOptions: { show: { messageType: ['text'] } },
		description: 'Read out after the beep; expressions such as the first name may be used',
	},
	{
		displayName: 'If a Person Answers',
		name: 'personAnswers',
		type: 'options',
		options: PERSON_ANSWERS,
		default: 'liveMessage',
		description: 'What happens when a person, not a voicemail, picks up',
	},
	{
		displayName: 'Live Message',
		name: 'liveMessageText',
		type: 'string',
		typeOptions: { rows: 2 },
		default: 'Hello, this is a message about the callback you asked for. We will call you again shortly. Goodbye.',
		required: true,
		displayOptions: { show: { personAnswers: ['liveMessage'] } },
		description: 'Read to the person who picked up',
	},
	{
		displayName: 'Business Number',
		name: 'businessNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550123',
		displayOptions: { show: { personAnswers: ['connect'] } },
		description: 'Where the person is put through, in E.164 form',
	},
	{
		displayName: 'Connecting Message',
		name: 'connectText',
		type: 'string',
		default: 'Hello, we are returning your call. Please hold while we connect you.',
		displayOptions: { show: { personAnswers: ['connect'] } },
		description: 'Read to the person before they are put through; empty says nothing',
	},
];
