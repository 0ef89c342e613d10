import type { INodeProperties } from 'n8n-workflow';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const scheduleProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Wait Until the Attempt Time',
				value: 'wait',
				description:
					"The execution waits in n8n's database and continues at the attempt time (survives restarts, resumes on any worker). A wait under a minute stays in memory, to the second, as n8n's Wait node does.",
			},
			{
				name: 'Wait Until the Reminder Time',
				value: 'waitForReminder',
				description:
					'For a callback booked at least 30 minutes ahead: waits until 15 minutes before it, for a reminder text; otherwise continues at once. Put a Send SMS (Reminder) and a second Schedule Attempt (Wait Until the Attempt Time) after it.',
			},
			{
				name: 'Compute Only',
				value: 'computeOnly',
				description: 'Adds the attempt time to the item and continues at once, for other nodes to use',
			},
		],
		default: 'wait',
	},
	{
		displayName: 'Business Timezone',
		name: 'businessTimezone',
		type: 'string',
		default: 'America/New_York',
		required: true,
		placeholder: 'America/New_York',
		description: 'IANA timezone of the business; opening hours and closures are in this zone',
	},
	{
		displayName: 'Weekday Hours (Mon–Fri)',
		name: 'weekdayHours',
		type: 'string',
		default: '09:00-17:00',
		placeholder: '09:00-12:00, 13:00-17:00',
		description: 'Open intervals on Monday to Friday, comma-separated, or "closed"',
	},
	{
		displayName: 'Weekend Hours (Sat, Sun)',
		name: 'weekendHours',
		type: 'string',
		default: 'closed',
		placeholder: '10:00-14:00',
		description: 'Open intervals on Saturday and Sunday, or "closed"',
	},
	{
		displayName: 'Attempt Delays (Minutes)',
		name: 'attemptDelays',
		type: 'string',
		default: '0, 2, 30',
		required: true,
		description:
			'Minutes to wait before each attempt, from the request (first number) or the previous attempt (the next ones). Each 0–1440. The last one repeats if Max Attempts is larger.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 3,
		description: 'After this many attempts the item leaves on "No Attempts Left"',
	},
	{
		displayName: 'When the Lead Timezone Is Unknown',
		name: 'unknownLeadTimezone',
		type: 'options',
		options: [
			{
				name: 'Do Not Call (No Valid Time)',
				value: 'doNotCall',
				description: 'Safest: never guess when it is legal to call',
			},
			{
				name: "Use the Business's Timezone",
				value: 'businessTimezone',
				description: 'Apply the calling window on the business clock',
			},
		],
		default: 'doNotCall',
		description:
			"The lead's timezone comes from the form, else from the phone number (country, or US/Canada area code)",
	},
	{
		displayName: 'Re-Check Status Before Calling',
		name: 'recheckStatus',
		type: 'boolean',
		default: false,
		description:
			'Whether callbacks already over (Complete, Cancelled or Failed) leave on a "Cancelled" output instead of being scheduled. While an attempt waits, POSTing its cancel link (callback.cancelAttemptUrl) ends the wait without calling.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Closures and Holidays',
				name: 'closures',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				placeholder: '2026-11-26, 12-25, 01-01, 2026-12-24..2026-12-31',
				description: 'Dates the business is closed, comma-separated: YYYY-MM-DD once, MM-DD every year, or a range such as 2026-12-24..2026-12-31 (dates in the business timezone)',
			},
			{
				displayName: 'Day Overrides',
				name: 'dayOverrides',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Day',
				description: 'Days whose hours differ from the weekday or weekend hours',
				options: [
					{
						displayName: 'Day',
						name: 'day',
						values: [
							{
								displayName: 'Day',
								name: 'day',
								type: 'options',
								options: DAYS.map((day) => ({ name: day, value: day.toLowerCase() })),
								default: 'friday',
							},
							{
								displayName: 'Hours',
								name: 'hours',
								type: 'string',
								default: '09:00-15:00',
								description: 'Open intervals that day, or "closed"',
							},
						],
					},
				],
			},
			{
				displayName: 'Give Up After (Days)',
				name: 'giveUpAfterDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 366 },
				default: 14,
				description: 'If no valid time exists within this many days, the item leaves on "No Valid Time"',
			},
			{
				displayName: "Lead's Calling Window on Weekdays",
				name: 'callingWindowWeekdays',
				type: 'string',
				default: '08:00-21:00',
				description: 'Hours the lead may be called on their own clock, Monday to Friday. Must stay within 08:00-21:00 (US telemarketing rules); narrow it if your state\'s or country\'s rules are stricter.',
			},
			{
				displayName: "Lead's Calling Window on Weekends",
				name: 'callingWindowWeekends',
				type: 'string',
				default: '08:00-21:00',
				description: 'Hours the lead may be called on their own clock on Saturday and Sunday, within 08:00-21:00, or "closed"',
			},
		],
	},
];
