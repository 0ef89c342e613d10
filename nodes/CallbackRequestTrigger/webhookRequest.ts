import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { HOSTED_FORM_MARKER, type Page } from './pages';

export type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

export function header(request: WebhookRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function isFormPost(request: WebhookRequest): boolean {
	const contentType = header(request, 'content-type') ?? '';
	return contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data');
}

/** A person in a browser gets pages; form tools and scripts get JSON. */
export function wantsPage(request: WebhookRequest, body: unknown): boolean {
	if (typeof body === 'object' && body !== null && (body as IDataObject)[HOSTED_FORM_MARKER.key] === HOSTED_FORM_MARKER.value) {
		return true;
	}
	const accept = header(request, 'accept') ?? '';
	return isFormPost(request) && accept.includes('text/html');
}

/**
 * The body as n8n parsed it. Multipart forms come as { data: fields, files }; the fields are the
 * submission. n8n leaves the body unset when it is empty (read as an empty form) or of a type it
 * does not parse (undefined: refused as not a form).
 */
export function submittedBody(request: WebhookRequest, parsed: unknown): unknown {
	if (parsed === undefined || parsed === null) return request.rawBody && request.rawBody.length > 0 ? undefined : {};
	const isMultipart = (header(request, 'content-type') ?? '').startsWith('multipart/form-data');
	const fields = isMultipart && typeof parsed === 'object' ? (parsed as IDataObject).data : undefined;
	return typeof fields === 'object' && fields !== null ? fields : parsed;
}

export function sendPage(context: IWebhookFunctions, page: Page): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(page.status);
	for (const [name, value] of Object.entries(page.headers)) response.setHeader(name, value);
	response.send(page.html);
	return { noWebhookResponse: true };
}

export function sendJson(context: IWebhookFunctions, status: number, body: IDataObject, headers: Record<string, string> = {}): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status);
	response.setHeader('Cache-Control', 'no-store');
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.json(body);
	return { noWebhookResponse: true };
}
