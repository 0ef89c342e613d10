import type { INodeProperties } from 'n8n-workflow';

const shown = { displayOptions: { show: { timeSlots: ['dataTable'] } } };

/**
 * Bookable time slots: the hosted form offers the business's free slots instead of a free date
 * and time, and a booking takes a place in its slot only while the slot has one, counted in an
 * n8n Data Table by compare-and-set, so every worker shares the counts.
 */
export const timeSlotProperties: INodeProperties[] = [
	{
		displayName: 'Time Slots',
		name: 'timeSlots',
		type: 'options',
		options: [
			{ name: 'Off', value: 'off', description: 'Leads may name any time; it is moved to the next callable minute' },
			{
				name: 'On (Booked in a Data Table)',
				value: 'dataTable',
				description: 'Leads pick from the free slots; needs Rate Limits on (the same n8n API key)',
			},
		],
		default: 'off',
		description:
			"Whether leads book a time slot the team can serve. Slots follow the business hours and closures of the Schedule Attempt node after this trigger and the lead's own calling hours; a slot takes no more callbacks than its capacity.",
	},
	{
		displayName:
			'Bookings are counted through n8n\'s API with the Rate Limits credential, so Rate Limits must be on (empty limits count nothing). The business hours come from the Schedule Attempt node after this trigger. Free slots as data: GET this URL with ?slots=1&timezone=America/New_York (or &phone=…).',
		name: 'timeSlotsNotice',
		type: 'notice',
		default: '',
		...shown,
	},
	{
		displayName: 'Slot Bookings Table',
		name: 'slotTable',
		type: 'string',
		default: 'callback_slot_bookings',
		required: true,
		...shown,
		description: 'Name of the n8n Data Table that counts the bookings per slot. It is made when the workflow is published if it does not exist.',
	},
	{
		displayName: 'Slot Length',
		name: 'slotMinutes',
		type: 'options',
		options: [
			{ name: '15 Minutes', value: '15' },
			{ name: '30 Minutes', value: '30' },
			{ name: '60 Minutes', value: '60' },
		],
		default: '30',
		...shown,
		description: 'How long each slot is; slots start at the opening time (9:00, 9:30, …) and the call is placed at the start of the slot',
	},
	{
		displayName: 'Capacity per Slot',
		name: 'slotCapacity',
		type: 'string',
		default: '3',
		...shown,
		placeholder: 'Mon-Fri 3, Sat 1',
		description: 'How many callbacks the team can take in one slot: one number for every day, or per day such as "Mon-Fri 3, Sat 1" (days left out get no slots)',
	},
	{
		displayName: 'Places Kept for Priority Callbacks',
		name: 'slotsReservedForPriority',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		...shown,
		description: 'Places of each slot that only priority callbacks (see Priority Field) may take',
	},
	{
		displayName: 'Booking Horizon',
		name: 'bookingHorizon',
		type: 'string',
		default: '7 days',
		...shown,
		description: 'How far ahead a lead can book, e.g. "4 hours" or "7 days" (at most 60 days)',
	},
	{
		displayName: 'Minimum Notice',
		name: 'minimumNotice',
		type: 'string',
		default: '15 minutes',
		...shown,
		description: 'The least time between booking and the start of the slot, e.g. "15 minutes" or "1 hour"',
	},
	{
		displayName: 'Offer "As Soon as Possible"',
		name: 'slotAsap',
		type: 'boolean',
		default: true,
		...shown,
		description: 'Whether a lead may also ask to be called as soon as possible instead of booking a slot',
	},
	{
		displayName: 'Priority Field',
		name: 'priorityField',
		type: 'string',
		default: 'priority',
		...shown,
		description:
			'Submission field that marks a priority callback (values such as VIP, high, yes or true). Read only from requests the trigger authenticates (Header Token or HMAC Signature), so an open form cannot claim priority.',
	},
	{
		displayName: 'Callback Status Table',
		name: 'slotStatusTable',
		type: 'string',
		default: 'Callback statuses',
		...shown,
		description:
			"Name of the Tag Router's callback status table. A booked callback it marks Cancelled gives its place in the slot back; a lead it marked a no-show (too many booked callbacks missed in a row, see the Tag Router's No-Show After Misses) cannot book a slot until the pause ends, though they may still ask to be called as soon as possible. Empty: neither.",
	},
];
