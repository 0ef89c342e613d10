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
import { bridgeCalling } from './bridgeCalling';
import { bridgeRequests } from './bridgeWebhook';
import { callProperties } from './description/calls.properties';
import { leadProperties } from './description/lead.properties';
import { optionProperties } from './description/options.properties';

// The only webhook is the resume URL of this node's own waiting executions, which Twilio is
// given per call; nothing is registered with another service when the workflow is activated.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class BridgeCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bridge Call',
		name: 'bridgeCall',
		icon: 'file:bridgeCall.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["record"] ? "Business first, then the lead (recorded)" : "Business first, then the lead" }}',
		description: 'Calls the business first and, once someone there presses 1, connects the lead; reports whether they talked',
		defaults: { name: 'Bridge Call' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Call Ended' },
			{ type: NodeConnectionTypes.Main, displayName: 'Connected' },
			{ type: NodeConnectionTypes.Main, displayName: 'Not Connected' },
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
		properties: [...callProperties, ...leadProperties, ...callingRuleProperties('Not Connected'), ...optionProperties, WAITING_ITEM_PROPERTY],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCallingNode(this, bridgeCalling);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallRequest(this, bridgeRequests);
	}
}
