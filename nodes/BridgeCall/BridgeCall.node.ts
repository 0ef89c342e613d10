import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { waitAndHandOn } from '../shared/waitAndHandOn';
import { failWithoutResuming } from '../shared/twilioVoiceWebhook';
import { attemptOf, isCallbackOver, ownCallState, WAITING_ITEM_PROPERTY } from '../shared/waitingCall';
import { handleBridgeRequest } from './bridgeWebhook';
import { BRIDGE_KEY, notCalledResult, withBridgeCall, type BridgeCallPlaced, type BridgeCallResult } from './bridgeState';
import { callProperties } from './description/calls.properties';
import { leadProperties } from './description/lead.properties';
import { optionProperties } from './description/options.properties';
import { placeBridgeCall } from './placeBridgeCall';
import { readBridgeSettings } from './readBridgeSettings';
import { recoverBridgeCall } from './recoverBridgeCall';

const enum Output {
	CallEnded = 0,
	Connected = 1,
	NotConnected = 2,
}

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
		properties: [...callProperties, ...leadProperties, ...optionProperties, WAITING_ITEM_PROPERTY],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], []];
		const executionId = String(this.getExecutionId());
		const nodeId = this.getNode().id;
		const report = (json: IDataObject, result: BridgeCallResult, itemIndex: number): void => {
			const output = result.connected ? Output.Connected : Output.NotConnected;
			outputs[output].push({ json: withBridgeCall(json, { ...result, phase: 'reported' }), pairedItem: { item: itemIndex } });
		};

		// Decided before any call is placed: a waiting execution hands on one item only.
		const states = items.map(({ json }) => ownCallState(json, BRIDGE_KEY, executionId, nodeId));
		const statuses = items.map((_, itemIndex) => (states[itemIndex] === null ? String(this.getNodeParameter('callbackStatus', itemIndex, '') ?? '') : ''));
		const toCall = items.filter((_, itemIndex) => states[itemIndex] === null && !isCallbackOver(statuses[itemIndex]));
		if (toCall.length > 0 && items.length > 1) {
			throw new NodeOperationError(
				this.getNode(),
				`Bridge Call waits while a call runs, which handles one lead per execution, but ${items.length} items came in. Give each lead its own execution (the Callback Request Trigger does), e.g. with Loop Over Items and a sub-workflow.`,
			);
		}

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json } = items[itemIndex];
			const state = states[itemIndex];
			try {
				if (state?.phase === 'ended') {
					report(json, state as unknown as BridgeCallResult, itemIndex);
				} else if (state?.phase === 'placed') {
					report(json, await recoverBridgeCall(this, state as unknown as BridgeCallPlaced, itemIndex), itemIndex);
				} else if (isCallbackOver(statuses[itemIndex])) {
					report(json, notCalledResult(executionId, nodeId, attemptOf(json), statuses[itemIndex]), itemIndex);
				} else {
					const placed = await placeBridgeCall(this, itemIndex, json, readBridgeSettings(this, itemIndex));
					const waiting = { json: withBridgeCall(json, placed), pairedItem: { item: itemIndex } };
					await waitAndHandOn(this, waiting, new Date(placed.waitUntil));
					outputs[Output.CallEnded].push(waiting);
				}
			} catch (error) {
				const message = (error as Error).message;
				if (this.continueOnFail()) {
					outputs[Output.NotConnected].push({ json: { ...json, [BRIDGE_KEY]: { connected: false, outcome: 'error', error: message } }, pairedItem: { item: itemIndex } });
					continue;
				}
				// Twilio's refusals are NodeApiErrors already and keep Twilio's code and message.
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
				if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return outputs;
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			return await handleBridgeRequest(this);
		} catch (error) {
			return failWithoutResuming(this, error);
		}
	}
}
