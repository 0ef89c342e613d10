import { DateTime } from 'luxon';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { FieldError } from '../core/callbackRequest/CallbackRequest';
import { newCallbackId } from '../core/callbackRequest/newCallbackId';
import { normalizeSubmission } from '../core/callbackRequest/normalizeSubmission';
import { findRecentRequest, recordRequest, type RecentRequestLog } from '../core/callbackRequest/recentRequests';
import { verifyHeaderToken, type WebhookAuthResult } from '../core/webhookAuth/verifyHeaderToken';
import { verifyHmacSignature } from '../core/webhookAuth/verifyHmacSignature';
import { formPage, HOSTED_FORM_MARKER, messagePage, thankYouPage, type Page } from './pages';
import { readTriggerSettings, type TriggerSettings } from './readTriggerSettings';

/** How many recent phone numbers the duplicate check remembers per trigger. */
const MAX_REMEMBERED_REQUESTS = 5000;

type Request = ReturnType<IWebhookFunctions['getRequestObject']>;

function header(request: Request, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** A person in a browser gets pages; form tools and scripts get JSON. */
function wantsPage(request: Request, body: unknown): boolean {
	if (typeof body === 'object' && body !== null && (body as IDataObject)[HOSTED_FORM_MARKER.key] === HOSTED_FORM_MARKER.value) {
		return true;
	}
	const contentType = header(request, 'content-type') ?? '';
	const accept = header(request, 'accept') ?? '';
	const isFormPost = contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data');
	return isFormPost && accept.includes('text/html');
}

/** n8n hands multipart forms over as { data: fields, files }; the fields are the submission. */
function submittedBody(request: Request, parsed: IDataObject): unknown {
	const isMultipart = (header(request, 'content-type') ?? '').startsWith('multipart/form-data');
	return isMultipart && typeof parsed.data === 'object' && parsed.data !== null ? parsed.data : parsed;
}

function sendPage(context: IWebhookFunctions, page: Page): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(page.status);
	for (const [name, value] of Object.entries(page.headers)) response.setHeader(name, value);
	response.send(page.html);
	return { noWebhookResponse: true };
}

function sendJson(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status);
	response.setHeader('Cache-Control', 'no-store');
	response.json(body);
	return { noWebhookResponse: true };
}

async function authenticate(context: IWebhookFunctions, settings: TriggerSettings, request: Request): Promise<WebhookAuthResult> {
	if (settings.authentication === 'headerToken') {
		const credential = await context.getCredentials<{ headerName: string; token: string }>('callbackHeaderAuthApi');
		return verifyHeaderToken(header(request, credential.headerName), credential.headerName, credential.token);
	}
	if (settings.authentication === 'hmacSignature') {
		const credential = await context.getCredentials<{ headerName: string; secret: string }>('callbackHmacAuthApi');
		if (!request.rawBody) {
			return { ok: false, message: 'Signed requests must have a JSON or URL-encoded body.' };
		}
		return verifyHmacSignature(header(request, credential.headerName), credential.headerName, credential.secret, request.rawBody);
	}
	return { ok: true };
}

function rejectSubmission(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	asPage: boolean,
	status: number,
	errors: FieldError[],
	body: unknown,
): IWebhookResponseData {
	if (asPage && settings.form.enabled) {
		return sendPage(
			context,
			formPage(settings.form, {
				status,
				honeypotFieldName: settings.rules.honeypotFieldName,
				values: typeof body === 'object' && body !== null ? (body as IDataObject) : {},
				errors,
				requireConsent: settings.rules.requiredFields.includes('consent'),
				requireEmail: settings.rules.requiredFields.includes('email'),
			}),
		);
	}
	const fields = errors.map((error) => error.field).join(', ');
	return sendJson(context, status, { ok: false, message: `Please fix: ${fields}`, errors: errors as unknown as IDataObject[] });
}

/** The answer n8n sends once it has stored the duplicate log, so a quick repeat sees it. */
function acceptedAnswer(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	asPage: boolean,
	callbackId: string,
	duplicate: boolean,
): string | IDataObject {
	if (!asPage) return { ok: true, callbackId, duplicate };
	const response = context.getResponseObject();
	const page =
		settings.form.afterSubmit === 'redirect' && settings.form.redirectUrl
			? messagePage(200, 'Thank you', 'Taking you to the next page...', settings.form.businessName)
			: thankYouPage(settings.form);
	response.setHeader('Content-Type', 'text/html; charset=utf-8');
	response.setHeader('Cache-Control', 'no-store');
	if (settings.form.afterSubmit === 'redirect' && settings.form.redirectUrl) {
		const target = new URL(settings.form.redirectUrl);
		target.searchParams.set('callbackId', callbackId);
		response.setHeader('Refresh', `0; url=${target.toString()}`);
	}
	return page.html;
}

function serveHostedForm(context: IWebhookFunctions, settings: TriggerSettings): IWebhookResponseData {
	if (!settings.form.enabled) {
		return sendPage(
			context,
			messagePage(404, 'Form not available', 'This callback form is not available. Please contact the business directly.'),
		);
	}
	return sendPage(
		context,
		formPage(settings.form, {
			status: 200,
			honeypotFieldName: settings.rules.honeypotFieldName,
			values: context.getQueryData() as IDataObject,
			errors: [],
			requireConsent: settings.rules.requiredFields.includes('consent'),
			requireEmail: settings.rules.requiredFields.includes('email'),
		}),
	);
}

export async function handleCallbackWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readTriggerSettings(this);
	if (this.getWebhookName() === 'setup') return serveHostedForm(this, settings);

	const request = this.getRequestObject();
	const body = submittedBody(request, this.getBodyData());
	const asPage = wantsPage(request, body);

	const auth = await authenticate(this, settings, request);
	if (!auth.ok) {
		return asPage ? sendPage(this, messagePage(401, 'Not allowed', auth.message)) : sendJson(this, 401, { ok: false, message: auth.message });
	}

	const now = DateTime.utc();
	const normalized = normalizeSubmission(body, settings.rules, {
		callbackId: newCallbackId(),
		now,
		ip: request.ip ?? null,
		userAgent: header(request, 'user-agent') ?? null,
		referer: header(request, 'referer') ?? null,
		internalKeys: [HOSTED_FORM_MARKER.key],
	});
	if (!normalized.ok) return rejectSubmission(this, settings, asPage, normalized.status, normalized.errors, body);

	const callback = normalized.request;
	if (asPage && (body as IDataObject)[HOSTED_FORM_MARKER.key] === HOSTED_FORM_MARKER.value && callback.source === 'webhook') {
		callback.source = 'hosted-form';
	}

	if (settings.duplicateWindowMinutes > 0) {
		// Kept in the workflow's static data: n8n stores it in its database after this call and
		// before it answers, so it survives restarts and every worker reads the same log.
		const staticData = this.getWorkflowStaticData('node');
		const windowMs = settings.duplicateWindowMinutes * 60_000;
		const log = (staticData.recentRequests as RecentRequestLog | undefined) ?? {};
		const earlier = findRecentRequest(log, callback.contact.phone, now.toMillis(), windowMs);
		if (earlier) {
			return { webhookResponse: acceptedAnswer(this, settings, asPage, earlier.callbackId, true) };
		}
		staticData.recentRequests = recordRequest(
			log,
			callback.contact.phone,
			callback.callbackId,
			now.toMillis(),
			windowMs,
			MAX_REMEMBERED_REQUESTS,
		) as unknown as IDataObject;
	}

	return {
		webhookResponse: acceptedAnswer(this, settings, asPage, callback.callbackId, false),
		workflowData: [[{ json: callback as unknown as IDataObject }]],
	};
}
