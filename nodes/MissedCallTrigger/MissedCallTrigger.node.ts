import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { missedCallProperties } from './description/missedCall.properties';
import { handleMissedCall } from './handleMissedCall';
import { TWILIO_TRIGGER_WEBHOOKS } from '../shared/twilioTrigger';

// Nothing is registered with Twilio: the user pastes the production URL into the number's voice
// settings, as the notice says.
export class MissedCallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Missed Call Trigger',
		name: 'missedCallTrigger',
		icon: { light: 'file:missedCallTrigger.svg', dark: 'file:missedCallTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["mode"] === "statusCallback" ? "Watch calls" : "Ring the team" }}',
		description: 'Starts a callback when a call to your Twilio number is missed; calls the business answered or placed leave on Reached',
		defaults: { name: 'Missed Call' },
		inputs: [],
		outputs: [
			{ type: 'main', displayName: 'Missed Call' },
			{ type: 'main', displayName: 'Reached' },
		],
		credentials: [{ name: 'callbackTwilioApi', required: true }],
		webhooks: TWILIO_TRIGGER_WEBHOOKS,
		properties: missedCallProperties,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleMissedCall(this);
	}
}
