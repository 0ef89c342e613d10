import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CALLBACK_TABLE_NAME } from '../../core/callbackStore';
import { RING_SECONDS_LIMITS } from '../../core/inbound/ringTeam';
import { allowedCountriesProperty } from '../../shared/allowedCountriesProperty';
import { businessTimezoneOption } from '../../shared/businessTimezoneOption';
import { speechOptions, teamNumbersProperty, webhookPathProperty } from '../../shared/twilioTrigger';

export const callbackOfferProperties: INodeProperties[] = [
	{
		displayName:
			'In the Twilio Console, open your phone number and paste this node\'s Production URL into Voice → "A call comes in" (HTTP POST). Every request must carry Twilio\'s signature for the credential\'s account; others get 403 and start nothing.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	webhookPathProperty('callback-offer', 'calls'),
	teamNumbersProperty('The phones that ring, all at once, for a caller who waits instead (or when the wait is short), in international format'),
	{
		displayName: 'Ring Time (Seconds)',
		name: 'ringSeconds',
		type: 'number',
		typeOptions: { minValue: RING_SECONDS_LIMITS.min, maxValue: RING_SECONDS_LIMITS.max },
		default: 30,
		description: 'How long the team rings before the call ends unanswered',
	},
	{
		displayName: 'Estimated Wait',
		name: 'waitEstimate',
		type: 'options',
		options: [
			{ name: 'A Figure I Set', value: 'fixed', description: 'The wait you type (or set with an expression)' },
			{
				name: 'From the Open Callbacks',
				value: 'fromQueue',
				description: 'Open callbacks in the status table × average handle time ÷ agents; needs n8n 2.x and an n8n API key',
			},
		],
		default: 'fixed',
		description: 'How the wait the caller hears is worked out',
	},
	{
		displayName: 'Estimated Wait (Minutes)',
		name: 'estimatedWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		description: 'How long callers wait for your team right now, e.g. a figure for busy hours',
		displayOptions: { show: { waitEstimate: ['fixed'] } },
	},
	{
		displayName: 'Average Handle Time (Minutes)',
		name: 'averageHandleMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 6,
		description: 'How long one callback takes your team on average',
		displayOptions: { show: { waitEstimate: ['fromQueue'] } },
	},
	{
		displayName: 'Agents',
		name: 'agents',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		description: 'How many people work through the callbacks at once',
		displayOptions: { show: { waitEstimate: ['fromQueue'] } },
	},
	{
		displayName: 'Status Table Name',
		name: 'statusDataTableName',
		type: 'string',
		default: DEFAULT_CALLBACK_TABLE_NAME,
		description: "The Tag Router's status table, whose Pending and Incomplete callbacks are the queue",
		displayOptions: { show: { waitEstimate: ['fromQueue'] } },
	},
	{
		displayName: 'Offer a Callback Above (Minutes)',
		name: 'offerAboveMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5,
		description: 'A callback is offered only when the estimated wait is longer than this; shorter waits go straight to the team',
	},
	{
		displayName: 'Offer Again After Holding (Minutes)',
		name: 'secondChanceAfterMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'A caller who chose to wait, or was put through on a short wait, and is still holding after this long hears the callback offer once more, while the team keeps ringing in between. 0: no second offer, and the call ends when the team does not answer.',
	},
	{
		displayName: 'Longest Wait Announced (Minutes)',
		name: 'maxAnnouncedMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'Longer waits are announced as "more than" this many minutes',
	},
	{
		displayName: 'Ask What the Call Is About',
		name: 'askReason',
		type: 'boolean',
		default: false,
		description: 'Whether the caller records, after the beep, what the call is about (up to a minute); its address is kept as custom.reasonRecordingUrl',
	},
	allowedCountriesProperty('A number keyed in for the callback must be in one of these countries; premium-rate and other costly numbers are always refused'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			businessTimezoneOption('IANA timezone the expected callback time ("around 3:45 PM") is said in'),
			...speechOptions('the menu'),
		],
	},
];
