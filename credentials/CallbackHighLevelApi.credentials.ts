import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A HighLevel sub-account's Private Integration token (Settings → Private Integrations) with
 * the contacts and opportunities scopes. Every request carries it as a Bearer token together with
 * the API version HighLevel's v2 endpoints require.
 */
export class CallbackHighLevelApi implements ICredentialType {
	name = 'callbackHighLevelApi';

	displayName = 'Callback HighLevel API';

	icon: Icon = { light: 'file:callbackHighLevel.svg', dark: 'file:callbackHighLevel.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#highlevel';

	properties: INodeProperties[] = [
		{
			displayName: 'Private Integration Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created in HighLevel under Settings → Private Integrations, with the contacts and opportunities read and write scopes',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			required: true,
			description: 'The sub-account (location) the contacts live in; shown in HighLevel under Settings → Business Profile',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://services.leadconnectorhq.com',
			description: "HighLevel's API v2 address; change it only to point at a test double",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.token}}',
				Version: '2021-07-28',
			},
		},
	};

	// Lists one contact of the location: proves the token, its contacts scope and the location id.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/contacts/',
			qs: { locationId: '={{$credentials.locationId}}', limit: 1 },
		},
	};
}
