import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse, IWebhookFunctions } from 'n8n-workflow';

export const N8N_API_CREDENTIAL = 'callbackN8nApi';

/** What came back from n8n's public API: the status and the parsed body, errors included. */
export interface N8nApiAnswer {
	status: number;
	body: unknown;
}

export type N8nApiCall = (method: IHttpRequestMethods, path: string, options?: { qs?: IDataObject; body?: IDataObject }) => Promise<N8nApiAnswer>;

/** Raised when n8n's API answers with an error; the message says what to fix, never the key. */
export class N8nApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
		this.name = 'N8nApiError';
	}
}

function describeAnswer(answer: N8nApiAnswer): string {
	const body = answer.body as { message?: unknown } | null;
	const message = typeof body === 'object' && body !== null && typeof body.message === 'string' ? body.message : '';
	return message === '' ? `HTTP ${answer.status}` : `HTTP ${answer.status}: ${message.slice(0, 200)}`;
}

/** The error to show for an answer that is not a success, naming the setting to look at. */
export function apiErrorFor(what: string, answer: N8nApiAnswer): N8nApiError {
	if (answer.status === 401 || answer.status === 403) {
		return new N8nApiError(`${what}: n8n refused the API key (${describeAnswer(answer)}). Check the "Callback Data Tables API" credential; a key with scopes needs the Data Table scopes.`, answer.status);
	}
	if (answer.status === 404) {
		return new N8nApiError(`${what}: n8n has no such address (${describeAnswer(answer)}). Rate limits need n8n 2.x, whose API has Data Tables; check the n8n URL in the "Callback Data Tables API" credential.`, answer.status);
	}
	return new N8nApiError(`${what}: n8n answered ${describeAnswer(answer)}`, answer.status);
}

/**
 * Calls this n8n's public API (`<n8n URL>/api/v1`) with the "Callback Data Tables API" credential. Every
 * answer comes back with its status, so callers decide what an error means.
 */
export function n8nPublicApi(context: IWebhookFunctions | IHookFunctions | IExecuteFunctions, baseUrl: string): N8nApiCall {
	const root = `${baseUrl.replace(/\/+$/, '')}/api/v1`;
	return async (method, path, options = {}) => {
		const request: IHttpRequestOptions = {
			method,
			url: `${root}${path}`,
			qs: options.qs,
			body: options.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10_000,
		};
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, N8N_API_CREDENTIAL, request)) as IN8nHttpFullResponse;
		return { status: response.statusCode, body: response.body };
	};
}

/** n8n's public API at the address the "Callback Data Tables API" credential gives. */
export async function n8nApiFromCredential(context: IWebhookFunctions | IHookFunctions | IExecuteFunctions): Promise<N8nApiCall> {
	const credential = await context.getCredentials<{ baseUrl?: string }>(N8N_API_CREDENTIAL);
	return n8nPublicApi(context, String(credential.baseUrl ?? '').trim() || 'http://localhost:5678');
}
