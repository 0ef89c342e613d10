import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { callingRuleProperties } from '../shared/callRunner/callingRules';
import { n8nApiCheckProperties } from '../shared/callRunner/n8nApiChecks';
import { CALLING_NODE_BASICS, callingNodeMethods, callingNodeOutputsWithLineLimit, callingOperationProperty, forPlacingCalls } from '../shared/callRunner/callingNodeParts';
import { WAITING_ITEM_PROPERTY } from '../shared/waitingCall';
import { bridgeCalling } from './bridgeCalling';
import { bridgeRequests } from './bridgeWebhook';
import { callProperties } from './description/calls.properties';
import { leadProperties } from './description/lead.properties';
import { optionProperties } from './description/options.properties';

export class BridgeCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bridge Call',
		name: 'bridgeCall',
		icon: { light: 'file:bridgeCall.svg', dark: 'file:bridgeCall.dark.svg' },
		subtitle: '={{ $parameter["operation"] === "readLateOutcome" ? "Outcome after the maximum wait" : $parameter["record"] ? "Business first, then the lead (recorded)" : "Business first, then the lead" }}',
		description: 'Calls the business first and, once someone there presses 1, connects the lead; reports whether they talked',
		group: ['output'],
		version: 1,
		usableAsTool: undefined,
		...CALLING_NODE_BASICS,
		credentials: [
			{ name: 'callbackTwilioApi', required: true },
			// For the shared checks over n8n's API (n8nApiChecks.ts).
			{ name: 'callbackN8nApi', required: true, displayOptions: { show: { useN8nApi: [true] } } },
		],
		defaults: { name: 'Bridge Call' },
		outputs: callingNodeOutputsWithLineLimit(['Connected', 'Not Connected']),
		properties: [
			callingOperationProperty('Bridge Call'),
			...forPlacingCalls([...callProperties, ...leadProperties, ...callingRuleProperties('Not Connected'), ...n8nApiCheckProperties, ...optionProperties]),
			WAITING_ITEM_PROPERTY,
		],
	};

	execute = methods.execute;

	webhook = methods.webhook;
}

/** Places the node's call through the runner and answers Twilio's requests about it. */
const methods = callingNodeMethods(bridgeCalling, bridgeRequests);
