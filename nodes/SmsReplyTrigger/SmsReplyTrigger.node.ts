import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { TEXT_REPLY_OUTPUT_NAMES, TEXT_REPLY_OUTPUTS } from '../core/sms/textReply';
import { allowedCountriesProperty } from '../shared/allowedCountriesProperty';
import { businessTimezoneOption } from '../shared/businessTimezoneOption';
import { TWILIO_TRIGGER_WEBHOOKS, webhookPathProperty } from '../shared/twilioTrigger';
import { handleSmsReply } from './handleSmsReply';

// Nothing is registered with Twilio: the user pastes the production URL into the number's
// "A message comes in" setting, as the notice says.
export class SmsReplyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMS Reply Trigger',
		name: 'smsReplyTrigger',
		icon: { light: 'file:smsReplyTrigger.svg', dark: 'file:smsReplyTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"/" + $parameter["path"]}}',
		description: 'Starts when a lead texts your Twilio number: status, cancel, call me, reschedule, new number, STOP and START each leave on their own output',
		defaults: { name: 'SMS Reply' },
		inputs: [],
		outputs: TEXT_REPLY_OUTPUTS.map((output) => ({ type: 'main' as const, displayName: TEXT_REPLY_OUTPUT_NAMES[output] })),
		credentials: [{ name: 'callbackTwilioApi', required: true }],
		webhooks: TWILIO_TRIGGER_WEBHOOKS,
		properties: [
			{
				displayName:
					'In the Twilio Console, open your phone number and paste this node\'s Production URL into Messaging → "A message comes in" (Webhook, HTTP POST). Every request must carry Twilio\'s signature for the credential\'s account; others get 403 and start nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			webhookPathProperty('sms-replies', 'texts'),
			allowedCountriesProperty('A new number a lead texts with UPDATE must be in one of these countries, as on the callback form; otherwise reply.numberProblem says why'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					businessTimezoneOption('IANA timezone a time in words ("RESCHEDULE tomorrow 10am") is read in when the lead\'s own cannot be told from their number'),
				],
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleSmsReply(this);
	}
}
