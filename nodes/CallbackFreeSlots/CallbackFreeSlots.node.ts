import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { failedItem } from '../shared/failedItem';
import { parameterText } from '../shared/nodeParameterText';
import { FreeSlotListError, readFreeSlotList } from './freeSlotList';

const MOST_SLOTS = 50;

/**
 * Lists a booking form's free slots for one lead, for a RESCHEDULE text reply, a phone menu or
 * another booking page. The Callback Request Trigger owns the slots (its hours, capacity and
 * bookings); this node asks it, so the list is always the one the form offers.
 */
export class CallbackFreeSlots implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callback Free Slots',
		name: 'callbackFreeSlots',
		icon: { light: 'file:callbackFreeSlots.svg', dark: 'file:callbackFreeSlots.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'List free slots',
		description: "Lists the time slots a lead can still book on a Callback Request Trigger's form, in the lead's timezone",
		defaults: { name: 'Free Slots' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'List Free Slots', value: 'listFreeSlots', action: 'List the free slots for a lead', description: "The slots a lead can book, on the lead's clock" }],
				default: 'listFreeSlots',
			},
			{
				displayName: 'Booking Form URL',
				name: 'bookingFormUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://n8n.example.com/webhook/book-a-callback',
				description: 'Production URL of the Callback Request Trigger whose slots to list (its Time Slots on, its workflow published)',
			},
			{
				displayName: 'Lead Phone',
				name: 'leadPhone',
				type: 'string',
				default: '={{ $json.contact?.phone ?? "" }}',
				description: "The lead's number: it tells the timezone when none is given, and a no-show's number gets no slots",
			},
			{
				displayName: 'Lead Timezone',
				name: 'leadTimezone',
				type: 'string',
				default: '={{ $json.callback?.leadTimezone ?? $json.timezone ?? "" }}',
				placeholder: 'America/New_York',
				description: 'IANA timezone the slots are shown in; empty: told from the Lead Phone',
			},
			{
				displayName: 'Slots to List',
				name: 'slotCount',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MOST_SLOTS },
				default: 5,
				description: 'How many of the first free slots to list (at most 50)',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json } = items[itemIndex];
			try {
				const url = parameterText(this, 'bookingFormUrl', itemIndex);
				if (!/^https?:\/\/\S+$/i.test(url)) {
					throw new NodeOperationError(this.getNode(), `Booking Form URL "${url}" is not an http(s) URL; copy the Production URL from the Callback Request Trigger.`, { itemIndex });
				}
				const phone = parameterText(this, 'leadPhone', itemIndex);
				const timezone = parameterText(this, 'leadTimezone', itemIndex);
				if (phone === '' && timezone === '') {
					throw new NodeOperationError(this.getNode(), "Give the Lead Phone or the Lead Timezone: the slots are listed on the lead's clock.", { itemIndex });
				}
				const limit = Math.min(MOST_SLOTS, Math.max(1, Math.floor(Number(this.getNodeParameter('slotCount', itemIndex, 5)) || 5)));
				const response = (await this.helpers.httpRequest({
					method: 'GET',
					url,
					qs: { slots: 1, ...(timezone !== '' ? { timezone } : {}), ...(phone !== '' ? { phone } : {}) },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				})) as { statusCode: number; body: unknown };
				const list = readFreeSlotList(response.statusCode, response.body);
				const slots = list.slots.slice(0, limit);
				output.push({
					json: {
						...json,
						freeSlots: {
							timezone: list.timezone,
							slotMinutes: list.slotMinutes,
							asapAllowed: list.asapAllowed,
							noShowPausedUntil: list.noShowPausedUntil,
							slots,
							// One line for a text: "Tue 1 Dec, 3:15 PM EST; Tue 1 Dec, 3:45 PM EST".
							text: slots.map((slot: IDataObject) => String(slot.text)).join('; '),
						} as IDataObject,
					},
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				const known = error instanceof FreeSlotListError;
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), known ? error.message : (error as Error), { itemIndex });
				output.push(failedItem(this, json, known ? new NodeOperationError(this.getNode(), error.message, { itemIndex }) : error, itemIndex));
			}
		}
		return [output];
	}
}
