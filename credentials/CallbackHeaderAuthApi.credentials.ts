import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A shared token the funnel form sends in a header. It protects the Callback Request Trigger's
 * webhook from anyone who finds its URL. Tested by the trigger (checkWebhookSecret): there is no
 * remote service to ask, so the test checks that the token is long enough to resist guessing.
 */
export class CallbackHeaderAuthApi implements ICredentialType {
	name = 'callbackHeaderAuthApi';

	displayName = 'Callback Request Header Token API';

	icon: Icon = { light: 'file:callbackRequest.svg', dark: 'file:callbackRequest.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Callback-Token',
			required: true,
			description: 'The HTTP header your form tool sends the token in',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random value (at least 24 characters) that your form tool sends in the header. "Bearer <token>" is accepted too.',
		},
	];
}
