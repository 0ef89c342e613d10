import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { callbackOfferProperties } from './description/callbackOffer.properties';
import { handleCallbackOffer } from './handleCallbackOffer';
import { TWILIO_TRIGGER_WEBHOOKS } from '../shared/twilioTrigger';

// Nothing is registered with Twilio: the user pastes the production URL into the number's voice
// settings, as the notice says.
export class CallbackOfferTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callback Offer Trigger',
		name: 'callbackOfferTrigger',
		icon: { light: 'file:callbackOfferTrigger.svg', dark: 'file:callbackOfferTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"/" + $parameter["path"]}}',
		description: 'Answers calls to your Twilio number, announces the wait and offers a callback; a caller who takes it starts the workflow',
		defaults: { name: 'Callback Offer' },
		inputs: [],
		outputs: [{ type: 'main', displayName: 'Callback' }],
		credentials: [
			{ name: 'callbackTwilioApi', required: true },
			// Counts the open callbacks when the wait is worked out from them.
			{ name: 'callbackN8nApi', required: true, displayOptions: { show: { waitEstimate: ['fromQueue'] } } },
		],
		webhooks: TWILIO_TRIGGER_WEBHOOKS,
		properties: callbackOfferProperties,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallbackOffer(this);
	}
}
