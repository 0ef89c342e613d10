import type { INodeProperties } from 'n8n-workflow';

import { callFromProperty } from '../../shared/callRunner/callingNodeParts';
import { callEndedLoopNotice } from '../../shared/waitingCall';

/** Who is called, from which number, and how long each side may ring. */
export const callProperties: INodeProperties[] = [
	callEndedLoopNotice('<b>Connected</b> or <b>Not Connected</b>', 'Bridge Call'),
	{
		displayName: 'Business Numbers',
		name: 'agentNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550123, +14155550124',
		description:
			'The numbers of the people at the business who take callbacks, in E.164 form, separated by commas or one per line. They are called first, one after the other, until one accepts by pressing 1.',
	},
	callFromProperty('the business sees calling; also the caller ID the lead sees, unless the item knows the number the lead called'),
	{
		displayName: 'Business Ring Timeout (Seconds)',
		name: 'agentRingSeconds',
		type: 'number',
		typeOptions: { minValue: 5, maxValue: 600 },
		default: 20,
		description:
			'How long each business number rings before the next one is tried. A business voicemail that picks up cannot accept (only pressing 1 does), so the next number is tried after it.',
	},
	{
		displayName: 'Lead Ring Timeout (Seconds)',
		name: 'leadRingSeconds',
		type: 'number',
		typeOptions: { minValue: 5, maxValue: 600 },
		default: 30,
		description: 'How long to wait for the lead to answer once the business has accepted',
	},
	{
		displayName: 'Detect Lead Voicemail',
		name: 'detectVoicemail',
		type: 'boolean',
		default: true,
		description:
			"Whether to run Twilio's answering machine detection on the lead's phone. A voicemail is hung up on before the business is joined and the attempt ends as lead-voicemail instead of counting as connected. The lead hears a few seconds of silence while it runs; Twilio charges for each detection.",
	},
	{
		displayName: 'Record the Call',
		name: 'record',
		type: 'boolean',
		default: false,
		description: 'Whether to record the conversation (both sides); the recording URL comes out of Connected',
	},
	{
		displayName: 'Recording Notice',
		name: 'recordingNotice',
		type: 'options',
		options: [
			{ name: 'Spoken Text', value: 'text', description: 'Twilio reads a text to the lead' },
			{ name: 'Audio File', value: 'audio', description: 'An MP3 or WAV file is played to the lead' },
			{ name: 'None', value: 'none', description: 'Only when you inform the lead another way, as the law of their state may require' },
		],
		default: 'text',
		displayOptions: { show: { record: [true] } },
		description: 'What the lead hears when they answer, before the business is joined',
	},
	{
		displayName: 'Notice Text',
		name: 'recordingNoticeText',
		type: 'string',
		default: 'This call may be recorded for quality purposes.',
		displayOptions: { show: { record: [true], recordingNotice: ['text'] } },
		description: 'Read to the lead before the call is connected',
	},
	{
		displayName: 'Notice Audio URL',
		name: 'recordingNoticeUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/recording-notice.mp3',
		displayOptions: { show: { record: [true], recordingNotice: ['audio'] } },
		description: 'The https:// address of an MP3 or WAV file played to the lead before the call is connected',
	},
	{
		displayName: 'Maximum Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440, numberPrecision: 2 },
		default: 30,
		description:
			'The longest the workflow waits for the call to end. If Twilio\'s final report has not arrived by then, the node asks Twilio how the calls ended and decides from that, so a lost report never leaves a callback hanging.',
	},
];
