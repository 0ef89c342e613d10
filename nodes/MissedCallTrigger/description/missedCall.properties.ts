import type { INodeProperties } from 'n8n-workflow';

import { MISSED_CALL_REASON_NAMES, MISSED_CALL_REASONS } from '../../core/inbound/missedCall';
import { RING_SECONDS_LIMITS } from '../../core/inbound/ringTeam';
import { allowedCountriesProperty } from '../../shared/allowedCountriesProperty';
import { speechOptions, teamNumbersProperty, webhookPathProperty } from '../../shared/twilioTrigger';

const answering = { show: { mode: ['answer'] } };

export const DEFAULT_MISSED_MESSAGE = 'Sorry we missed your call. We will call you back as soon as we can.';

export const missedCallProperties: INodeProperties[] = [
	{
		displayName:
			'In the Twilio Console, open your phone number and paste this node\'s Production URL into Voice → "A call comes in" (Answer and Ring the Team) or into "Call status changes" (Only Watch Calls, behind your own call flow). Every request must carry Twilio\'s signature for the credential\'s account; others get 403 and start nothing.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	webhookPathProperty('missed-calls', 'calls'),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Answer and Ring the Team',
				value: 'answer',
				description: 'This node answers the call and rings your team; a call nobody picks up becomes a callback',
			},
			{
				name: 'Only Watch Calls (Behind Your Call Flow)',
				value: 'statusCallback',
				description: 'Your own call flow answers; this node gets the call status when it ends',
			},
		],
		default: 'answer',
		description: 'Whether this node answers the business number itself or only learns how calls ended',
	},
	{ ...teamNumbersProperty('The phones to ring for an incoming call, in international format, separated by commas'), displayOptions: answering },
	{
		displayName: 'Ring Order',
		name: 'ringOrder',
		type: 'options',
		options: [
			{ name: 'One After Another', value: 'one-by-one', description: 'Each number rings for the Ring Time, in the order given' },
			{ name: 'All at Once', value: 'all-at-once', description: 'Every number rings together; the first to pick up takes the call' },
		],
		default: 'one-by-one',
		displayOptions: answering,
	},
	{
		displayName: 'Ring Time (Seconds)',
		name: 'ringSeconds',
		type: 'number',
		typeOptions: { minValue: RING_SECONDS_LIMITS.min, maxValue: RING_SECONDS_LIMITS.max },
		default: 20,
		description: `How long each number rings before the next one (or, all at once, before the call counts as missed), ${RING_SECONDS_LIMITS.min} to ${RING_SECONDS_LIMITS.max}`,
		displayOptions: answering,
	},
	{
		displayName: 'Greeting',
		name: 'greeting',
		type: 'string',
		default: '',
		placeholder: 'Thanks for calling Acme Plumbing. Connecting you now.',
		description: 'Said to the caller before the team is rung. Empty: the phones ring at once.',
		displayOptions: answering,
	},
	{
		displayName: 'Missed Call Message',
		name: 'missedMessage',
		type: 'string',
		default: DEFAULT_MISSED_MESSAGE,
		description: 'Said to the caller when nobody on the team picked up, before the call ends. Empty: the call ends without a word.',
		displayOptions: answering,
	},
	{
		displayName: 'Whisper to the Team',
		name: 'whisper',
		type: 'string',
		default: '',
		placeholder: 'Call from the website number',
		description: 'Said to the team member who picks up, before the caller is joined. Empty: joined at once.',
		displayOptions: answering,
	},
	{
		displayName: 'Missed Call Reasons',
		name: 'missedCallReasons',
		type: 'multiOptions',
		options: MISSED_CALL_REASONS.map((reason) => ({ name: MISSED_CALL_REASON_NAMES[reason], value: reason })),
		default: [...MISSED_CALL_REASONS],
		description: 'Which unanswered calls start a callback',
	},
	{
		displayName: 'Duplicate Window (Minutes)',
		name: 'duplicateWindowMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'A second missed call from the same number within this many minutes starts no second callback. A quick first filter of the newest 250 numbers: the Tag Router\'s status table stops any repeat it misses. 0 turns this off.',
	},
	{
		displayName: 'Never Call Back',
		name: 'blockList',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: '+14155550123, (415) 555-0199',
		description: 'Numbers that never get a callback, separated by commas or new lines. Callers who withhold their number never do either.',
	},
	allowedCountriesProperty('A caller is only called back in these countries; premium-rate and other costly numbers never are'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Caller Timezone When the Number Does Not Tell',
				name: 'fallbackTimezone',
				type: 'string',
				default: '',
				placeholder: 'America/New_York',
				description: "IANA timezone used for a caller whose number does not tell theirs. Empty: such callers get no callback, as nobody can tell when it is legal to call them.",
			},
			...speechOptions('the greeting, the message and the whisper'),
		],
	},
];
