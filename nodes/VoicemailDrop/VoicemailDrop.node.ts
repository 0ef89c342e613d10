import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { callingRuleProperties } from '../shared/callRunner/callingRules';
import { CALLING_NODE_BASICS, callingNodeMethods, callingNodeOutputs, callingOperationProperty, forPlacingCalls } from '../shared/callRunner/callingNodeParts';
import { WAITING_ITEM_PROPERTY } from '../shared/waitingCall';
import { deliveryProperties } from './description/delivery.properties';
import { messageProperties } from './description/message.properties';
import { voicemailCalling } from './voicemailCalling';
import { voicemailRequests } from './voicemailWebhook';

export class VoicemailDrop implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Voicemail Drop',
		name: 'voicemailDrop',
		icon: { light: 'file:voicemailDrop.svg', dark: 'file:voicemailDrop.dark.svg' },
		subtitle: '={{ $parameter["operation"] === "readLateOutcome" ? "Outcome after the maximum wait" : $parameter["messageType"] === "audio" ? "Play a recording after the beep" : "Speak a text after the beep" }}',
		description: "Calls a lead and leaves a message on their voicemail after the beep; a person who answers gets a short message or is put through",
		group: ['output'],
		version: 1,
		usableAsTool: undefined,
		...CALLING_NODE_BASICS,
		defaults: { name: 'Voicemail Drop' },
		outputs: callingNodeOutputs(['Voicemail Left', 'Answered', 'Not Reached']),
		properties: [
			callingOperationProperty('Voicemail Drop'),
			...forPlacingCalls([...messageProperties, ...deliveryProperties.slice(0, -1), ...callingRuleProperties('Not Reached'), ...deliveryProperties.slice(-1)]),
			WAITING_ITEM_PROPERTY,
		],
	};

	execute = methods.execute;

	webhook = methods.webhook;
}

/** Places the node's call through the runner and answers Twilio's requests about it. */
const methods = callingNodeMethods(voicemailCalling, voicemailRequests);
