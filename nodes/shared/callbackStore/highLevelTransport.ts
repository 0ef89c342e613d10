import { NodeApiError, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type JsonObject } from 'n8n-workflow';

import type { HighLevelClient, HighLevelRequest } from './highLevelCallbackStore';

export const HIGHLEVEL_CREDENTIAL = 'callbackHighLevelApi';
export const DEFAULT_HIGHLEVEL_BASE_URL = 'https://services.leadconnectorhq.com';

export interface HighLevelConnection {
	client: HighLevelClient;
	locationId: string;
}

/**
 * The one place requests to HighLevel leave from: n8n adds the credential's Bearer token and the
 * API version header (see CallbackHighLevelApi.authenticate).
 */
export async function highLevelRequest(context: IExecuteFunctions, baseUrl: string, request: HighLevelRequest): Promise<unknown> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl.replace(/\/+$/, '')}${request.path}`,
		json: true,
		headers: { Accept: 'application/json' },
	};
	if (request.qs !== undefined) options.qs = request.qs;
	if (request.body !== undefined) options.body = request.body;
	try {
		return await context.helpers.httpRequestWithAuthentication.call(context, HIGHLEVEL_CREDENTIAL, options);
	} catch (error) {
		throw new NodeApiError(context.getNode(), error as JsonObject, {
			message: `HighLevel refused ${request.method} ${request.path}`,
		});
	}
}

/** A client bound to this execution's credential, and the credential's location. */
export async function highLevelConnection(context: IExecuteFunctions): Promise<HighLevelConnection> {
	const credentials = (await context.getCredentials(HIGHLEVEL_CREDENTIAL)) as IDataObject;
	const baseUrl = String(credentials.baseUrl || DEFAULT_HIGHLEVEL_BASE_URL);
	return {
		locationId: String(credentials.locationId ?? ''),
		client: async (request) => await highLevelRequest(context, baseUrl, request),
	};
}
