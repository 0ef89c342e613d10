import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeOutputConfiguration,
	type INodeProperties,
	type INodeTypeDescription,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { NO_FREE_LINE } from './callLines';
import { callingWindowOptions } from './callingRules';
import { handleCallRequest, type CallRequestHandler } from './handleCallRequest';
import { runCallingNode, type CallingNode, type PlacedCall } from './runCallingNode';

/**
 * The parts of a calling node's description that are the same for every such node: its
 * outputs (Call Ended first, which n8n hands the item to when a wait ends), the resume-URL
 * webhook Twilio's requests about the call come to, and the lead's number.
 */
export function callingNodeOutputs(results: string[]): INodeOutputConfiguration[] {
	return ['Call Ended', ...results].map((displayName) => ({ type: NodeConnectionTypes.Main, displayName }));
}

/** The outputs of a node that can limit simultaneous calls: No Free Line follows while the limit is on. */
export function callingNodeOutputsWithLineLimit(results: string[]): `={{${string}}}` {
	const names = JSON.stringify(['Call Ended', ...results]);
	return `={{ ${names}.concat($parameter.useN8nApi === true && $parameter.limitLines === true ? [${JSON.stringify(NO_FREE_LINE)}] : []).map((displayName) => ({ type: "main", displayName })) }}` as `={{${string}}}`;
}

/**
 * Twilio's requests about the call, on the resume URL of the waiting execution: the only
 * webhook of a calling node. Twilio is given it per call; nothing is registered with another
 * service when the workflow is activated.
 */
const CALL_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '={{ $nodeId }}', restartWebhook: true },
];

/** What every calling node's description says alike: one input, the Twilio credential, and the resume-URL webhook. */
export const CALLING_NODE_BASICS = {
	inputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'callbackTwilioApi', required: true }],
	webhooks: CALL_WEBHOOKS,
} satisfies Partial<INodeTypeDescription>;

/**
 * What the node does: place its call (what it is for), or, as a second node on the Call Ended
 * output of the one that placed it, read the outcome of a call whose maximum wait passed.
 */
export function callingOperationProperty(label: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Place Call', value: 'placeCall', action: 'Place the call and wait for its outcome', description: `Places the ${label.toLowerCase()} and waits until it ends` },
			{
				name: 'Read Outcome After Maximum Wait',
				value: 'readLateOutcome',
				action: 'Read how a call ended',
				description: "Connect to the Call Ended output of the node that placed the call: when Twilio's last report about it did not arrive within the maximum wait, reads how the call ended from Twilio",
			},
		],
		default: 'placeCall',
	};
}

/** The node's own settings, shown only when it places calls: reading a late outcome needs none of them. */
export function forPlacingCalls(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, operation: ['placeCall'] } },
	}));
}

/** The account's number the call is placed from; `seenBy` says who sees it. */
export function callFromProperty(seenBy: string): INodeProperties {
	return { displayName: 'Call From', name: 'from', type: 'string', default: '', required: true, placeholder: '+14155550100', description: `Your Twilio number ${seenBy}` };
}

export const LEAD_PHONE_PROPERTY: INodeProperties = {
	displayName: 'Lead Phone',
	name: 'leadPhone',
	type: 'string',
	default: '={{ $json.contact?.phone }}',
	required: true,
	placeholder: '+14155552671',
	description: "The lead's number in E.164 form; the Callback Request Trigger puts it in contact.phone",
};

/** The node's Options collection: its own entries after the calling window's (see callingRules). */
export function callingOptions(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [...callingWindowOptions, ...options] };
}

/** The node's methods: it places its call through the runner and answers Twilio through the request handler. */
export function callingNodeMethods<Settings, Placed extends PlacedCall, Result extends IDataObject>(node: CallingNode<Settings, Placed, Result>, requests: CallRequestHandler<Placed>) {
	return {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await runCallingNode(this, node);
		},
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await handleCallRequest(this, requests, { outputCount: node.outputCount, outputOf: (result) => node.outputOf(result as Result) });
		},
	};
}
