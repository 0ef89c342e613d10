import { DateTime } from 'luxon';
import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { waitAndHandOn } from '../shared/waitAndHandOn';
import { deliveryProperties } from './description/delivery.properties';
import { leadFieldProperties } from './description/leadFields.properties';
import { messageProperties } from './description/message.properties';
import { senderProperties } from './description/sender.properties';
import { readSmsRunSettings } from './readSmsSettings';
import { textOneLead } from './textOneLead';
import { openOptOutStore } from '../shared/openOptOutStore';

export class SendSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Callback SMS',
		name: 'sendSms',
		icon: 'file:sendSms.svg',
		group: ['output'],
		version: 1,
		subtitle:
			'={{ ({ confirmation: "Confirmation", reminder: "Reminder", missedCall: "Missed call", finalAttempt: "Final attempt", success: "Success", custom: "Custom" })[$parameter["messageType"]] + " text" }}',
		description: "Texts a lead about their callback through Twilio, inside the lead's texting hours and never to a number that opted out",
		defaults: { name: 'Send SMS' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ ($parameter.quietHours === "wait" ? ['Window Open', 'Sent', 'Not Sent'] : ['Sent', 'Not Sent']).map((displayName) => ({ type: 'main', displayName })) }}`,
		credentials: [{ name: 'callbackTwilioApi', required: true }],
		properties: [...senderProperties, ...messageProperties, ...leadFieldProperties, ...deliveryProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const settings = readSmsRunSettings(this);
		// When waiting, n8n hands the item on through the first output: "Window Open".
		const waitOutput = settings.quietHours === 'wait' ? 1 : 0;
		const sentOutput = waitOutput;
		const notSentOutput = waitOutput + 1;
		const outputs: INodeExecutionData[][] = waitOutput === 1 ? [[], [], []] : [[], []];
		const store = openOptOutStore(this, settings.optOutList, settings.optOutDataTableId);
		const now = DateTime.now().toMillis();
		const waiting: Array<{ item: INodeExecutionData; opensAt: number }> = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json } = items[itemIndex];
			const pairedItem = { item: itemIndex };
			try {
				const outcome = await textOneLead(this, itemIndex, settings, store, now);
				const item = { json: { ...json, sms: outcome.sms }, pairedItem };
				if (outcome.kind === 'sent') outputs[sentOutput].push(item);
				else if (outcome.kind === 'notSent') outputs[notSentOutput].push(item);
				else waiting.push({ item, opensAt: outcome.opensAt });
			} catch (error) {
				const message = (error as Error).message;
				if (this.continueOnFail()) {
					outputs[notSentOutput].push({ json: { ...json, sms: { status: 'error', reason: 'error', error: message } as IDataObject }, pairedItem });
					continue;
				}
				// Twilio's refusals are NodeApiErrors already and keep Twilio's code and message.
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
				if (error instanceof NodeApiError) throw error;
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}

		if (waiting.length > 0) {
			if (items.length > 1) {
				throw new NodeOperationError(
					this.getNode(),
					`Waiting for the texting window handles one lead per execution, but ${items.length} items came in and ${waiting.length} must wait. Choose "Do Not Send" outside the window, or give each lead its own execution (the Callback Request Trigger does).`,
				);
			}
			const [{ item, opensAt }] = waiting;
			await waitAndHandOn(this, item, new Date(opensAt));
		}
		return outputs;
	}
}
