import type { INodeProperties } from 'n8n-workflow';

/**
 * The business's settings. Each is checked where it is used (Send Callback SMS checks the Twilio
 * number, Schedule Attempt the hours), so a wrong value is reported by the node it would break.
 */
export const BUSINESS_SETTINGS_PROPERTIES: INodeProperties[] = [
	{
		displayName:
			"Set these once: every node of this workflow reads them. Go live with these, the Twilio credential and, on n8n 1.x, the status table's ID.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Acme Plumbing',
		description: 'The name leads see on the form and in every text, and hear in the voicemail',
	},
	{
		displayName: 'Twilio Number',
		name: 'twilioNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550100',
		description: 'Your Twilio phone number, with its country code: texts are sent from it and leads see it when called',
	},
	{
		displayName: 'Team Numbers',
		name: 'teamNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550123, +14155550124',
		description: 'The phones of the people who take callbacks, with country codes, comma-separated; they are rung first, in this order, and the lead is dialled when one presses 1',
	},
	{
		displayName: 'Business Timezone',
		name: 'businessTimezone',
		type: 'string',
		default: 'America/New_York',
		placeholder: 'America/Chicago',
		description: 'IANA timezone of the business; opening hours and closed dates are in this zone',
	},
	{
		displayName: 'Weekday Hours (Mon–Fri)',
		name: 'weekdayHours',
		type: 'string',
		default: '09:00-17:00',
		placeholder: '09:00-12:00, 13:00-17:00',
		description: 'When the team takes callbacks on Monday to Friday, comma-separated intervals, or "closed"',
	},
	{
		displayName: 'Weekend Hours (Sat, Sun)',
		name: 'weekendHours',
		type: 'string',
		default: 'closed',
		placeholder: '10:00-14:00',
		description: 'When the team takes callbacks on Saturday and Sunday, comma-separated intervals, or "closed"',
	},
	{
		displayName: 'Closed On',
		name: 'closedOn',
		type: 'string',
		default: '',
		placeholder: '12-25, 01-01, 2026-12-24..2026-12-31',
		description: 'Dates with no callbacks, comma-separated: YYYY-MM-DD once, MM-DD every year, or a range (dates in the business timezone)',
	},
	{
		displayName: 'Survey Link',
		name: 'surveyLink',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/survey',
		description: 'Optional: a link added to the thank-you text after a callback',
	},
];
