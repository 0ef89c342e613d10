import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { parseCallingWindow } from '../../core/schedule/callingWindow';
import { ScheduleSettingsError } from '../../core/schedule/errors';
import { canonicalZoneName } from '../../core/schedule/ianaZone';
import type { UnknownLeadTimezone } from '../../core/schedule/leadTimezone';
import type { LeadWindowRules } from '../../core/schedule/leadWindow';
import { allowedCountriesProperty } from '../allowedCountriesProperty';

/** What a calling node does with a lead it may not call now. */
export type OutsideWindowHandling = 'notCalled' | 'wait';

/** The rules every node that places a call applies before it does: who may be called, and when. */
export interface CallingRules {
	window: LeadWindowRules;
	/** The lead's zone as the item gives it, if it does. */
	itemTimezone: string;
	outsideWindow: OutsideWindowHandling;
	/** ISO codes; empty allows every country (never the refused kinds of number). */
	allowedCountries: string[];
}

/** The node's parameters for those rules; `notCalledOutput` names the output a refused lead leaves on. */
export function callingRuleProperties(notCalledOutput: string): INodeProperties[] {
	return [
		{
			displayName: 'Lead Timezone',
			name: 'leadTimezone',
			type: 'string',
			default: '={{ $json.callback?.leadTimezone ?? $json.timezone ?? "" }}',
			description:
				"The lead's IANA timezone (Schedule Attempt puts it in callback.leadTimezone). Empty: told from the phone number. Calls only go out inside the lead's calling window on this clock.",
		},
		{
			displayName: 'Outside the Calling Window',
			name: 'outsideWindow',
			type: 'options',
			options: [
				{
					name: 'Do Not Call',
					value: 'notCalled',
					description: `The lead leaves on "${notCalledOutput}" with the reason outside-calling-window and the time the window opens`,
				},
				{
					name: 'Wait Until the Window Opens',
					value: 'wait',
					description: 'Holds the lead until their window opens (a restart of n8n does not lose them), then places the call; keep "Call Ended" connected back to this node',
				},
			],
			default: 'notCalled',
			description: "What happens when it is not a legal time to call the lead on their own clock (08:00-21:00 unless narrowed below)",
		},
		allowedCountriesProperty(
			'Only leads with numbers in these countries are called; use the same list as the Callback Request Trigger. Empty allows every country. Premium-rate, shared-cost, personal, satellite and international freephone numbers are never called.',
		),
	];
}

/** Entries of the node's Options collection: the same settings Schedule Attempt has. */
export const callingWindowOptions: INodeProperties[] = [
	{
		displayName: 'Business Timezone',
		name: 'businessTimezone',
		type: 'string',
		default: 'America/New_York',
		description: 'IANA timezone used as the lead\'s when theirs cannot be told and "When the Lead Timezone Is Unknown" says so',
	},
	{
		displayName: "Lead's Calling Window on Weekdays",
		name: 'callingWindowWeekdays',
		type: 'string',
		default: '08:00-21:00',
		description: "Hours the lead may be called on their own clock, Monday to Friday; within 08:00-21:00, as in Schedule Attempt",
	},
	{
		displayName: "Lead's Calling Window on Weekends",
		name: 'callingWindowWeekends',
		type: 'string',
		default: '08:00-21:00',
		description: 'Hours the lead may be called on their own clock on Saturday and Sunday, within 08:00-21:00, or "closed"',
	},
	{
		displayName: 'When the Lead Timezone Is Unknown',
		name: 'unknownLeadTimezone',
		type: 'options',
		options: [
			{ name: 'Do Not Call', value: 'doNotCall', description: 'Safest: never guess when it is legal to call' },
			{ name: "Use the Business's Timezone", value: 'businessTimezone', description: 'Apply the calling window on the business clock' },
		],
		default: 'doNotCall',
	},
];

interface CallingWindowOptionValues {
	businessTimezone?: string;
	callingWindowWeekdays?: string;
	callingWindowWeekends?: string;
	unknownLeadTimezone?: UnknownLeadTimezone;
}

export function readCallingRules(context: IExecuteFunctions, itemIndex: number): CallingRules {
	const options = context.getNodeParameter('options', itemIndex, {}) as CallingWindowOptionValues;
	let window;
	try {
		window = parseCallingWindow({ weekdays: options.callingWindowWeekdays, weekends: options.callingWindowWeekends });
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error instanceof ScheduleSettingsError ? error.message : String(error), { itemIndex });
	}
	const businessText = options.businessTimezone ?? 'America/New_York';
	const businessTimezone = canonicalZoneName(businessText);
	if (businessTimezone === null) {
		throw new NodeOperationError(context.getNode(), `Business Timezone "${businessText}" is not an IANA timezone; use a name like "America/New_York" or "Europe/London"`, { itemIndex });
	}
	const countries = context.getNodeParameter('allowedCountries', itemIndex, ['US', 'CA']) as unknown;
	const itemTimezone = context.getNodeParameter('leadTimezone', itemIndex, '') as unknown;
	return {
		window: { window, unknownLeadTimezone: options.unknownLeadTimezone ?? 'doNotCall', businessTimezone },
		itemTimezone: typeof itemTimezone === 'string' ? itemTimezone.trim() : '',
		outsideWindow: context.getNodeParameter('outsideWindow', itemIndex, 'notCalled') === 'wait' ? 'wait' : 'notCalled',
		allowedCountries: Array.isArray(countries) ? countries.map(String) : [],
	};
}
