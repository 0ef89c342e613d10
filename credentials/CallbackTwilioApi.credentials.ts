import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The Twilio account the package texts and calls from. Requests authenticate with HTTP Basic:
 * the Account SID and auth token, or an API key's SID and secret (which can be revoked alone).
 * The base URL can point at a local stand-in for Twilio, a proxy or a Twilio edge location.
 * Twilio signs the requests it sends about calls with the account's auth token in every case,
 * so with an API key the auth token is kept as well, for checking those signatures only.
 */
export class CallbackTwilioApi implements ICredentialType {
	name = 'callbackTwilioApi';

	displayName = 'Callback Twilio API';

	icon: Icon = { light: 'file:callbackTwilio.svg', dark: 'file:callbackTwilio.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#twilio-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Account SID',
			name: 'accountSid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'Your Twilio Account SID, shown on the Twilio Console home page (starts with AC)',
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Auth Token',
					value: 'authToken',
					description: "The account's auth token from the Twilio Console",
				},
				{
					name: 'API Key',
					value: 'apiKey',
					description: 'An API key SID and secret made for this purpose; it can be revoked without changing the auth token',
				},
			],
			default: 'authToken',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['authToken'] } },
			description: 'The auth token shown next to the Account SID in the Twilio Console',
		},
		{
			displayName: 'API Key SID',
			name: 'apiKeySid',
			// The key's SID is an identifier shown in the Twilio Console, not a secret; the secret below is hidden.
			// eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing
			type: 'string',
			default: '',
			required: true,
			placeholder: 'SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			displayOptions: { show: { authType: ['apiKey'] } },
			description: 'The SID of an API key of this account (starts with SK)',
		},
		{
			displayName: 'API Key Secret',
			name: 'apiKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['apiKey'] } },
			description: 'The secret Twilio showed once when the API key was created',
		},
		{
			displayName: 'Auth Token (for Webhook Signatures)',
			name: 'webhookAuthToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['apiKey'] } },
			description:
				"The account's auth token from the Twilio Console. Twilio signs its requests about calls with it even when the REST API is used with an API key; Bridge Call and Voicemail Drop need it to check those requests. Texting works without it.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.twilio.com',
			required: true,
			description:
				"Where Twilio's REST API is reached. Keep https://api.twilio.com, or change it for a local Twilio sandbox, a proxy, or a Twilio edge location (e.g. https://api.dublin.ie1.twilio.com).",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{ $credentials.authType === "apiKey" ? $credentials.apiKeySid : $credentials.accountSid }}',
				password: '={{ $credentials.authType === "apiKey" ? $credentials.apiKeySecret : $credentials.authToken }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '=/2010-04-01/Accounts/{{ $credentials.accountSid }}.json',
			method: 'GET',
		},
	};
}
