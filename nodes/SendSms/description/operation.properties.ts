import type { INodeProperties } from 'n8n-workflow';

/** What the node does: text a lead, or record in its opt-out list what a lead asked by text. */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Send Text', value: 'send', description: 'Text the lead inside their texting hours, unless the number opted out', action: 'Send a text' },
		{
			name: 'Record Opt-Out',
			value: 'recordOptOut',
			description: 'The lead texted STOP (or another opt-out word): no text goes to the number again until it texts START',
			action: 'Record an opt out',
		},
		{ name: 'Record Opt-In', value: 'recordOptIn', description: 'The lead texted START: texts may go to the number again', action: 'Record an opt in' },
	],
	default: 'send',
};

/** The settings that say where the opt-out list is: every operation uses them. */
export const OPT_OUT_LIST_PARAMETERS: ReadonlySet<string> = new Set(['optOutList', 'optOutDataTableName', 'optOutDataTableId']);

/** The properties shown only when the node sends a text, their own display rules kept. */
export function forSending(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, operation: ['send'] } },
	}));
}
