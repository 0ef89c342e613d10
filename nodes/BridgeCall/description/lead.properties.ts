import type { INodeProperties } from 'n8n-workflow';

import { LEAD_PHONE_PROPERTY } from '../../shared/callRunner/callingNodeParts';

/** What the node reads from the item; the defaults match the Callback Request Trigger's item. */
export const leadProperties: INodeProperties[] = [
	LEAD_PHONE_PROPERTY,
	{
		displayName: 'Lead Phone Extension',
		name: 'leadPhoneExtension',
		type: 'string',
		default: '={{ $json.contact?.phoneExtension ?? "" }}',
		placeholder: '123',
		description:
			"Digits keyed in two seconds after the lead's line answers, for a lead behind a switchboard; the Callback Request Trigger puts what the lead typed after the number (x123, ext. 45) in contact.phoneExtension. Voicemail detection is skipped for such calls: the switchboard's greeting would pass for a voicemail.",
	},
	{
		displayName: 'Lead Name',
		name: 'leadName',
		type: 'string',
		default: '={{ [$json.contact?.firstName, $json.contact?.lastName].filter(Boolean).join(" ") }}',
		description: 'Said to the business in the whisper ("Callback request from Jane Doe …"); empty says "a lead"',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '={{ $json.reason ?? "" }}',
		description: 'Why the lead asked for a call, said in the whisper ("… about billing")',
	},
	{
		displayName: 'Whisper Notes',
		name: 'whisperNotes',
		type: 'json',
		default: '={{ $json.callback?.context ?? {} }}',
		description: 'Key/values read out after the reason (up to five), e.g. the context Tag Router keeps with the callback',
	},
	{
		displayName: 'Number the Lead Called',
		name: 'leadCalledNumber',
		type: 'string',
		default: '={{ $json.callback?.calledNumber ?? $json.calledNumber ?? "" }}',
		description:
			'The business number the lead originally called, when the item knows it. It becomes the caller ID the lead sees, but only if it is one of your Twilio numbers; otherwise Caller ID for the Lead (or Call From) is used.',
	},
	{
		displayName: 'Callback Status',
		name: 'callbackStatus',
		type: 'string',
		default: '={{ $json.callback?.status ?? "" }}',
		description: 'Checked just before calling: a callback that is Complete, Cancelled or Failed is not called and leaves through Not Connected as canceled',
	},
];
