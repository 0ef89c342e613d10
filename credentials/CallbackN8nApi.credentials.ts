import type { Icon, ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

/**
 * An API key of this n8n (Settings → n8n API), used where a node must keep counts every worker
 * shares before any execution starts: the Callback Request Trigger's rate limits live in an n8n
 * Data Table reached through n8n's own public API (n8n 2.x; its Data Table endpoints are in
 * n8n 1.x only from 2.7 on, see README).
 */
export class CallbackN8nApi implements ICredentialType {
	name = 'callbackN8nApi';

	displayName = 'Callback Data Tables API';

	icon: Icon = { light: 'file:callbackRequest.svg', dark: 'file:callbackRequest.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#rate-limits';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"Created in n8n under Settings → n8n API. If you choose scopes, give it the Data Table scopes (list and create tables; read, create, update and delete rows) and, for Bridge Call's check that the workflow is still published, workflow:read.",
		},
		{
			displayName: 'n8n URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:5678',
			placeholder: 'https://n8n.example.com',
			description:
				'Where this n8n answers, as its workers reach it (often http://localhost:5678). The API is called at this address followed by /api/v1.',
		},
	];

	// A function, not a header expression: the trigger calls the API several times per request,
	// and n8n 2.x evaluates each expression in a sandbox, which costs far more than this.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-N8N-API-KEY': String(credentials.apiKey ?? '') } };
	}

	// Lists one Data Table: proves the address, the key and its Data Table scope at once.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/api/v1',
			url: '/data-tables',
			qs: { limit: 1 },
		},
	};
}
