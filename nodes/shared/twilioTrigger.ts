import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

/**
 * What the package's triggers on Twilio's webhooks (texts and calls to the business number)
 * share: one POST webhook on the path the user chose, answered by the node itself (TwiML), and
 * the path and voice settings as the user sees them.
 */
export const TWILIO_TRIGGER_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		// Empty: the node answers Twilio itself with TwiML.
		responseData: '',
		path: '={{$parameter["path"]}}',
		isFullPath: true,
	},
];

/** The last part of the URL Twilio posts to, e.g. `missed-calls`. */
export function webhookPathProperty(defaultPath: string, what: 'texts' | 'calls'): INodeProperties {
	return {
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: defaultPath,
		required: true,
		placeholder: defaultPath,
		description: `The last part of the URL Twilio posts ${what} to`,
	};
}

/** Voice and Language options for what a trigger says on the call (read with speechVoice). */
export function speechOptions(said: string): INodeProperties[] {
	return [
		{
			displayName: 'Voice',
			name: 'voice',
			type: 'string',
			default: '',
			placeholder: 'Polly.Joanna',
			description: `Twilio voice for ${said}, e.g. Polly.Joanna. Empty: Twilio's default voice.`,
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: 'en-US',
			description: 'Language of what is said, as a BCP 47 tag, e.g. en-US',
		},
	];
}

/** The team's phones a trigger rings for a caller; `description` says when and how. */
export function teamNumbersProperty(description: string): INodeProperties {
	return { displayName: 'Team Numbers', name: 'teamNumbers', type: 'string', default: '', required: true, placeholder: '+14155550100, +14155550101', description };
}
