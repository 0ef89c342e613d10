import type { INodeProperties } from 'n8n-workflow';

import { callingOptions } from '../../shared/callRunner/callingNodeParts';

/** Consent, timing and the item fields the node checks before calling. */
export const deliveryProperties: INodeProperties[] = [
	{
		displayName: 'Require Consent',
		name: 'requireConsent',
		type: 'boolean',
		default: true,
		description: "Whether the lead's consent must be on the item for a prerecorded or artificial-voice message to be sent; without it nobody is called",
	},
	{
		displayName:
			'Prerecorded and artificial-voice messages will be sent to leads without checking their consent. In many places (e.g. under the US TCPA) such calls need the lead\'s prior express consent: only turn the check off when you hold it another way.',
		name: 'consentWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { requireConsent: [false] } },
	},
	{
		displayName: 'Consent Given',
		name: 'consentGiven',
		type: 'boolean',
		// The default reads the item's consent; a literal true or false would ignore the item.
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean
		default: '={{ $json.consent?.given === true }}',
		displayOptions: { show: { requireConsent: [true] } },
		description: 'Whether the lead agreed to be contacted; the Callback Request Trigger puts it in consent.given',
	},
	{
		displayName: 'Callback Status',
		name: 'callbackStatus',
		type: 'string',
		default: '={{ $json.callback?.status ?? "" }}',
		description: 'Checked just before calling: a callback that is Complete, Cancelled or Failed is not called and leaves through Not Reached as canceled',
	},
	{
		displayName: 'Ring Timeout (Seconds)',
		name: 'ringSeconds',
		type: 'number',
		typeOptions: { minValue: 5, maxValue: 600 },
		default: 30,
		description: "How long the lead's phone rings before the call counts as not answered. Voicemail usually picks up after 20–30 seconds.",
	},
	{
		displayName: 'Maximum Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440, numberPrecision: 2 },
		default: 10,
		description:
			"The longest the workflow waits for the call to end. If Twilio's final report has not arrived by then, the node asks Twilio how the call ended and decides from that.",
	},
	callingOptions([
		{
			displayName: 'Connect Ring Timeout (Seconds)',
			name: 'connectRingSeconds',
			type: 'number',
			typeOptions: { minValue: 5, maxValue: 600 },
			default: 20,
			description: 'How long the business number rings when a person is put through',
		},
		{
			displayName: 'Detection Timeout (Seconds)',
			name: 'machineDetectionTimeout',
			type: 'number',
			typeOptions: { minValue: 3, maxValue: 59 },
			default: 30,
			description:
				"How long Twilio's answering machine detection may listen for the end of the greeting. Longer suits long greetings; when it runs out the answer counts as a person.",
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: 'en-US',
			description: 'Language of the spoken texts, e.g. en-US, es-MX',
		},
		{
			displayName: 'Voice',
			name: 'voice',
			type: 'string',
			default: '',
			placeholder: 'Polly.Joanna',
			description: "Twilio voice for the spoken texts, e.g. Polly.Joanna. Empty: Twilio's default voice.",
		},
	]),
];
