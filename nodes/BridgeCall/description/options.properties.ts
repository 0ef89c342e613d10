import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_ACCEPT_PROMPT } from '../../core/calls';
import { callingOptions } from '../../shared/callRunner/callingNodeParts';

export const optionProperties: INodeProperties[] = [
	callingOptions([
		{
			displayName: 'Accept Prompt',
			name: 'acceptPrompt',
			type: 'string',
			default: DEFAULT_ACCEPT_PROMPT,
			description: 'Said after the whisper; the business accepts the callback by pressing 1',
		},
		{
			displayName: 'Caller ID for the Lead',
			name: 'leadCallerId',
			type: 'string',
			default: '',
			placeholder: '+14155550100',
			description: 'One of your Twilio numbers shown to the lead when the item does not give the number they called. Empty: Call From.',
		},
		{
			displayName: 'Key Press Timeout (Seconds)',
			name: 'pressTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 60 },
			default: 6,
			description: 'How long the business has to press 1 after the whisper',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: 'en-US',
			description: 'Language of the whisper and the messages to the business, e.g. en-US, en-GB',
		},
		{
			displayName: 'Voice',
			name: 'voice',
			type: 'string',
			default: '',
			placeholder: 'Polly.Joanna',
			description: "Twilio voice for the whisper and the notice, e.g. Polly.Joanna or Google.en-US-Neural2-F. Empty: Twilio's default voice.",
		},
		{
			displayName: 'Whisper Repeats',
			name: 'whisperRepeat',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 5 },
			default: 2,
			description: 'How many times the whisper is said while the business can press 1',
		},
	]),
];
