import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A secret the funnel form signs each request body with (HMAC-SHA256). Unlike a plain token,
 * the secret never travels with the request. Tested by the trigger (checkWebhookSecret).
 */
export class CallbackHmacAuthApi implements ICredentialType {
	name = 'callbackHmacAuthApi';

	displayName = 'Callback Request HMAC Signature API';

	icon: Icon = { light: 'file:callbackRequest.svg', dark: 'file:callbackRequest.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Signature Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Signature-256',
			required: true,
			description:
				'The header carrying the HMAC-SHA256 of the raw request body, as hex or base64, with or without a "sha256=" prefix',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The shared signing secret (at least 24 characters), the same one your form tool signs with',
		},
	];
}
