import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { parseLeadPhoneNumber } from '../core/phone/parseLeadPhoneNumber';
import { failedItem } from '../shared/failedItem';
import type { OptOutStore } from '../shared/optOutStore';

export type OptOutChange = 'recordOptOut' | 'recordOptIn';

/**
 * Writes what a lead asked by text (STOP or START) into the opt-out list this node texts by,
 * so that no text of the package goes to a number that opted out, whichever workflow sends it.
 * Every country is recorded: an opt-out counts even for a number the node would not text.
 */
export async function recordOptOutChange(context: IExecuteFunctions, change: OptOutChange, store: OptOutStore): Promise<INodeExecutionData[][]> {
	const done: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const { json } = items[itemIndex];
		try {
			const typed = String(context.getNodeParameter('to', itemIndex, '') ?? '');
			const phone = parseLeadPhoneNumber(typed, { defaultCountry: 'US', allowedCountries: [] });
			if (!phone.ok) throw new NodeOperationError(context.getNode(), `Lead Phone "${typed}" is not a phone number: ${phone.message}`, { itemIndex });
			if (change === 'recordOptOut') await store.markOptedOut(phone.e164, 'sms-reply');
			else await store.markOptedIn(phone.e164, 'sms-reply');
			done.push({ json: { ...json, smsOptOut: { phone: phone.e164, optedOut: change === 'recordOptOut', source: 'sms-reply', list: store.label } }, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!context.continueOnFail()) throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			done.push(failedItem(context, json, error, itemIndex));
		}
	}
	return [done];
}
