import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CALLBACK_STATUSES, DEFAULT_NO_SHOW_TAG, DEFAULT_OPT_OUT_TAG, resolveStatusTagNames, type StatusTagNames } from '../core/callbackStore';
import { valueText } from './nodeParameterText';

/** The Tag Names option for the no-show tag, which only Tag Router writes. */
export const NO_SHOW_TAG_OPTION = 'noShowTag';

/**
 * Tag names per status, as Tag Router writes them and the report reads them back from a CRM; the
 * defaults are the seed funnel's (see DEFAULT_STATUS_TAGS).
 */
export const statusTagNamesProperty: INodeProperties = {
	displayName: 'Tag Names',
	name: 'tagNames',
	type: 'collection',
	placeholder: 'Change a Tag Name',
	default: {},
	description: 'The tag each status puts on the contact; only one status tag is on a contact at a time',
	options: [
		{
			displayName: 'Cancelled Tag',
			name: 'cancelledTag',
			type: 'string',
			default: 'Cancelled',
			description: 'Tag for callbacks the lead or the business called off',
		},
		{
			displayName: 'Complete Tag',
			name: 'completeTag',
			type: 'string',
			default: 'Complete',
			description: 'Tag for callbacks that reached the lead',
		},
		{
			displayName: 'Failed Tag',
			name: 'failedTag',
			type: 'string',
			default: 'Failed',
			description: 'Tag for callbacks whose attempts were all missed',
		},
		{
			displayName: 'Incomplete Tag',
			name: 'incompleteTag',
			type: 'string',
			default: 'Incomplete',
			description: 'Tag for callbacks whose last attempt was missed',
		},
		{
			displayName: 'No-Show Tag',
			name: NO_SHOW_TAG_OPTION,
			type: 'string',
			default: 'Callback No-Show',
			description: 'Tag added beside the status tag when a lead missed too many booked callbacks in a row (see No-Show After Misses); removed once a callback reaches them',
		},
		{
			displayName: 'Pending Tag',
			name: 'pendingTag',
			type: 'string',
			default: 'Request to Callback Pending',
			description: 'Tag for callbacks waiting for their next attempt',
		},
		{
			displayName: 'SMS Opt-Out Tag',
			name: 'optOutTag',
			type: 'string',
			default: 'SMS Opt-Out',
			description: 'Tag added when the lead opted out of SMS; status changes never remove it',
		},
	],
};

/** The tags a node's Tag Names parameter names. */
export interface StatusTagNameSettings {
	tagNames: StatusTagNames;
	optOutTag: string;
	noShowTag: string;
}

/** Reads the Tag Names parameter; throws StatusTagNamesError when two statuses share a tag. */
export function readStatusTagNames(context: IExecuteFunctions, itemIndex = 0): StatusTagNameSettings {
	const names = context.getNodeParameter('tagNames', itemIndex, {}) as Record<string, string | undefined>;
	return {
		tagNames: resolveStatusTagNames(Object.fromEntries(CALLBACK_STATUSES.map((status) => [status, names[`${status}Tag`]]))),
		optOutTag: valueText(names.optOutTag) || DEFAULT_OPT_OUT_TAG,
		noShowTag: valueText(names.noShowTag) || DEFAULT_NO_SHOW_TAG,
	};
}
