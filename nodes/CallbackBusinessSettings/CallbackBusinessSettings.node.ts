import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { BUSINESS_SETTINGS_NODE_NAME } from '../shared/businessSettingsGaps';
import { BUSINESS_SETTINGS_PROPERTIES } from './businessSettings.properties';

/**
 * The one place a template keeps the business's own settings: its name, Twilio number, team
 * numbers, opening hours and survey link. Every other node reads a setting with an expression
 * such as {{ $('Business Settings').params.twilioNumber }}, which n8n resolves from this node's
 * parameters whether or not it ran, so nodes on other paths read it too. Placed right after the
 * trigger (as in the templates) it passes items on unchanged, and n8n will not publish the
 * workflow while one of its required settings is empty.
 */
export class CallbackBusinessSettings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callback Business Settings',
		name: 'callbackBusinessSettings',
		icon: { light: 'file:callbackBusinessSettings.svg', dark: 'file:callbackBusinessSettings.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["businessName"] }}',
		description: "Keeps the business's name, numbers and hours in one place for every node of a callback workflow to read",
		defaults: { name: BUSINESS_SETTINGS_NODE_NAME },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: BUSINESS_SETTINGS_PROPERTIES,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
