import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { callingRuleProperties } from '../shared/callRunner/callingRules';
import { handleCallRequest } from '../shared/callRunner/handleCallRequest';
import { runCallingNode } from '../shared/callRunner/runCallingNode';
import { WAITING_ITEM_PROPERTY } from '../shared/waitingCall';
import { deliveryProperties } from './description/delivery.properties';
import { messageProperties } from './description/message.properties';
import { voicemailCalling } from './voicemailCalling';
import { voicemailRequests } from './voicemailWebhook';

// The only webhook is the resume URL of this node's own waiting executions, which Twilio is
// given per call; nothing is registered with another service when the workflow is activated.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class VoicemailDrop implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Voicemail Drop',
		name: 'voicemailDrop',
		icon: 'file:voicemailDrop.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["messageType"] === "audio" ? "Play a recording after the beep" : "Speak a text after the beep" }}',
		description: "Calls a lead and leaves a message on their voicemail after the beep; a person who answers gets a short message or is put through",
		defaults: { name: 'Voicemail Drop' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Call Ended' },
			{ type: NodeConnectionTypes.Main, displayName: 'Voicemail Left' },
			{ type: NodeConnectionTypes.Main, displayName: 'Person Answered' },
			{ type: NodeConnectionTypes.Main, displayName: 'Not Reached' },
		],
		credentials: [{ name: 'callbackTwilioApi', required: true }],
		webhooks: [
			{
				// Twilio's requests about the call, on the resume URL of the waiting execution.
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
			},
		],
		properties: [...messageProperties, ...deliveryProperties.slice(0, -1), ...callingRuleProperties('Not Reached'), ...deliveryProperties.slice(-1), WAITING_ITEM_PROPERTY],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCallingNode(this, voicemailCalling);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallRequest(this, voicemailRequests);
	}
}
