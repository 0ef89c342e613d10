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
import { deliveryProperties } from './description/delivery.properties';
import { messageProperties } from './description/message.properties';
import { placeVoicemailDrop } from './placeVoicemailDrop';
import { consentAllows, readVoicemailSettings } from './readVoicemailSettings';
import { recoverVoicemailDrop } from './recoverVoicemailDrop';
import { notCalledVoicemailResult, VOICEMAIL_KEY, withVoicemailDrop, type VoicemailDropPlaced, type VoicemailDropResult } from './voicemailState';
import { handleVoicemailRequest } from './voicemailWebhook';

const enum Output {
	CallEnded = 0,
	VoicemailLeft = 1,
	PersonAnswered = 2,
	NotReached = 3,
}

const OUTPUT_OF: Record<string, Output> = {
	'voicemail-left': Output.VoicemailLeft,
	'person-answered': Output.PersonAnswered,
	'not-reached': Output.NotReached,
};

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
		properties: [...messageProperties, ...deliveryProperties, WAITING_ITEM_PROPERTY],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], [], []];
		const executionId = String(this.getExecutionId());
		const nodeId = this.getNode().id;
		const report = (json: IDataObject, result: VoicemailDropResult, itemIndex: number): void => {
			outputs[OUTPUT_OF[result.outcome] ?? Output.NotReached].push({ json: withVoicemailDrop(json, { ...result, phase: 'reported' }), pairedItem: { item: itemIndex } });
		};

		const states = items.map(({ json }) => ownCallState(json, VOICEMAIL_KEY, executionId, nodeId));
		const blocked = items.map((_, itemIndex) => {
			if (states[itemIndex] !== null) return null;
			if (isCallbackOver(this.getNodeParameter('callbackStatus', itemIndex, ''))) return 'canceled' as const;
			return consentAllows(this, itemIndex) ? null : ('no-consent' as const);
		});
		const toCall = items.filter((_, itemIndex) => states[itemIndex] === null && blocked[itemIndex] === null);
		if (toCall.length > 0 && items.length > 1) {
			throw new NodeOperationError(
				this.getNode(),
				`Voicemail Drop waits while the call runs, which handles one lead per execution, but ${items.length} items came in. Give each lead its own execution (the Callback Request Trigger does), e.g. with Loop Over Items and a sub-workflow.`,
			);
		}

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json } = items[itemIndex];
			const state = states[itemIndex];
			const notCalled = blocked[itemIndex];
			try {
				if (state?.phase === 'ended') {
					report(json, state as unknown as VoicemailDropResult, itemIndex);
				} else if (state?.phase === 'placed') {
					report(json, await recoverVoicemailDrop(this, state as unknown as VoicemailDropPlaced, itemIndex), itemIndex);
				} else if (notCalled !== null) {
					report(json, notCalledVoicemailResult(executionId, nodeId, attemptOf(json), notCalled), itemIndex);
				} else {
					const placed = await placeVoicemailDrop(this, itemIndex, json, readVoicemailSettings(this, itemIndex));
					const waiting = { json: withVoicemailDrop(json, placed), pairedItem: { item: itemIndex } };
					await waitAndHandOn(this, waiting, new Date(placed.waitUntil));
					outputs[Output.CallEnded].push(waiting);
				}
			} catch (error) {
				const message = (error as Error).message;
				if (this.continueOnFail()) {
					outputs[Output.NotReached].push({ json: { ...json, [VOICEMAIL_KEY]: { outcome: 'error', error: message } }, pairedItem: { item: itemIndex } });
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
			return await handleVoicemailRequest(this);
		} catch (error) {
			return failWithoutResuming(this, error);
		}
	}
}
