import { DateTime } from 'luxon';
import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { failedItem, upstreamError } from '../shared/failedItem';
import { assertLoopsBack } from '../shared/loopBackWire';
import { openOptOutStore, type OptOutListKind } from '../shared/openOptOutStore';
import { waitAndHandOn } from '../shared/waitAndHandOn';
import { deliveryProperties } from './description/delivery.properties';
import { leadFieldProperties } from './description/leadFields.properties';
import { messageProperties } from './description/message.properties';
import { senderProperties } from './description/sender.properties';
import { OPT_OUT_LIST_PARAMETERS, forSending, operationProperty } from './description/operation.properties';
import { readOptOutTable, readSmsRunSettings } from './readSmsSettings';
import { recordOptOutChange, type OptOutChange } from './recordOptOutChange';
import { textOneLead } from './textOneLead';

/**
 * The outputs never move, whatever the options: switching "Outside the Texting Window" must not
 * re-point a workflow's wires. n8n hands a waiting item on through the first output when the
 * wait ends, so "Resume" is output 0; it is used only when waiting, wired back into the node.
 */
const WINDOW_OPEN_OUTPUT = 0;
const SENT_OUTPUT = 1;
const NOT_SENT_OUTPUT = 2;

export class SendSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Callback SMS',
		name: 'sendSms',
		icon: { light: 'file:sendSms.svg', dark: 'file:sendSms.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "recordOptOut" ? "Record opt-out" : $parameter["operation"] === "recordOptIn" ? "Record opt-in" : (({ confirmation: "Confirmation", reminder: "Reminder", missedCall: "Missed call", finalAttempt: "Final attempt", success: "Success", custom: "Custom" })[$parameter["messageType"]] + " text") }}',
		description: "Texts a lead about their callback through Twilio, inside the lead's texting hours and never to a number that opted out",
		defaults: { name: 'Send SMS' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ ($parameter.operation === "send" ? ["Resume", "Sent", "Not Sent"] : ["Done"]).map((displayName) => ({ type: "main", displayName })) }}`,
		credentials: [{ name: 'callbackTwilioApi', required: true, displayOptions: { show: { operation: ['send'] } } }],
		properties: [
			operationProperty,
			// Lead Phone: the number texted, or the number whose choice is recorded.
			senderProperties[0],
			...forSending([...senderProperties.slice(1), ...messageProperties, ...leadFieldProperties]),
			...deliveryProperties.map((property) => (OPT_OUT_LIST_PARAMETERS.has(property.name) ? property : forSending([property])[0])),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0, 'send') as 'send' | OptOutChange;
		if (operation !== 'send') {
			const optOutList = this.getNodeParameter('optOutList', 0, 'workflow') as OptOutListKind;
			return await recordOptOutChange(this, operation, openOptOutStore(this, optOutList, readOptOutTable(this, optOutList)));
		}
		const items = this.getInputData();
		const settings = readSmsRunSettings(this);
		const outputs: INodeExecutionData[][] = [[], [], []];
		const store = openOptOutStore(this, settings.optOutList, settings.optOutTable);
		const now = DateTime.now().toMillis();
		const waiting: Array<{ item: INodeExecutionData; opensAt: number }> = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json } = items[itemIndex];
			const pairedItem = { item: itemIndex };
			const earlierError = upstreamError(json);
			if (earlierError !== null) {
				// A lead whose item failed earlier (e.g. its callback was never recorded) is not texted.
				const sms = { status: 'not-sent', messageType: settings.messageType, reason: 'upstream-error', reasonText: `An earlier node failed for this lead, so it was not texted: ${earlierError}` };
				outputs[NOT_SENT_OUTPUT].push({ json: { ...json, sms }, pairedItem });
				continue;
			}
			try {
				const outcome = await textOneLead(this, itemIndex, settings, store, now);
				const item = { json: { ...json, sms: outcome.sms }, pairedItem };
				if (outcome.kind === 'sent') outputs[SENT_OUTPUT].push(item);
				else if (outcome.kind === 'notSent') outputs[NOT_SENT_OUTPUT].push(item);
				else {
					// Without the wire back, the wait would end with the text never sent.
					assertLoopsBack(this, WINDOW_OPEN_OUTPUT, 'Resume', 'send the text when the window opens');
					waiting.push({ item, opensAt: outcome.opensAt });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					const message = error instanceof Error ? error.message : String(error);
					outputs[NOT_SENT_OUTPUT].push(failedItem(this, json, error, itemIndex, { sms: { status: 'error', messageType: settings.messageType, reason: 'error', error: message } }));
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
