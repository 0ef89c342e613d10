import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { FieldError } from '../core/callbackRequest/CallbackRequest';
import type { FormTokenCheck } from '../core/abuse/submitTiming';
import { expectedCallText } from '../core/form/expectedCallText';
import { CALLBACK_FORM_FIELDS } from '../core/form/renderCallbackFormPage';
import { labelSlots } from '../core/slots';
import type { ExpectedCallAnswer } from '../shared/expectedCall';
import { formHumanCheck, type HumanCheckOutcome } from './humanCheck';
import { formPage, messagePage, thankYouPage, type Page } from './pages';
import { freeSlotsFor, requestedZone, slotSchedule, zoneChoices } from './timeSlots';
import { sendJson, sendPage } from './webhookRequest';
import { pageToken, type SlotPicker, type WebhookSettings } from './webhookSettings';

/**
 * The form page again, for the person to fix or send once more: their answers, the field errors
 * or the message, the free slots, and the page token they passed with (a fresh one without).
 */
async function formAgain(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	again: { status: number; values: IDataObject; errors?: FieldError[]; formError?: string; passedToken?: string },
): Promise<Page> {
	return formPage(settings.form, {
		status: again.status,
		formError: again.formError,
		slotPicker: await slotPickerFor(context, settings, again.values),
		honeypotFieldName: settings.rules.honeypotFieldName,
		values: again.values,
		errors: again.errors ?? [],
		rules: settings.rules,
		humanCheck: formHumanCheck(settings.humanCheck),
		formToken: pageToken(settings, again.passedToken),
	});
}

/** A submission with fields to fix: the form again with a message at each, or JSON naming them. */
export async function rejectSubmission(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	asPage: boolean,
	status: number,
	errors: FieldError[],
	body: unknown,
	passedToken?: string,
	formError?: string,
): Promise<IWebhookResponseData> {
	if (asPage && settings.form.enabled) {
		const values = typeof body === 'object' && body !== null ? (body as IDataObject) : {};
		return sendPage(context, await formAgain(context, settings, { status, values, errors, formError, passedToken }));
	}
	const fields = errors.map((error) => error.field).join(', ');
	return sendJson(context, status, { ok: false, message: `Please fix: ${fields}`, errors: errors as unknown as IDataObject[] });
}

/** A token that is missing, refused or could not be checked: the form again with the message, or JSON. */
export async function refuseHumanCheck(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	asPage: boolean,
	refusal: Extract<HumanCheckOutcome, { passed: false }>,
	body: IDataObject,
	passedToken: string | undefined,
): Promise<IWebhookResponseData> {
	if (asPage && settings.form.enabled) {
		const page = await formAgain(context, settings, { status: refusal.status, values: body, formError: refusal.message, passedToken });
		return sendPage(context, { ...page, headers: { ...page.headers, ...refusal.headers } });
	}
	return sendJson(context, refusal.status, { ok: false, error: refusal.error, message: refusal.message }, refusal.headers);
}

/**
 * A hosted-form submission sent too soon, without its page's token or with one we did not sign:
 * the form again with the person's answers and a fresh token, so they only need to send it again.
 */
export async function refuseFormToken(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	asPage: boolean,
	refusal: Extract<FormTokenCheck, { ok: false }>,
	body: IDataObject,
): Promise<IWebhookResponseData> {
	// The problem only: never the token, never the secret.
	context.logger?.debug(`Callback Request Trigger refused a hosted-form submission: ${refusal.problem}`);
	if (asPage && settings.form.enabled) {
		// A fresh token: the one sent was refused.
		return sendPage(context, await formAgain(context, settings, { status: 422, values: body, formError: refusal.message }));
	}
	return sendJson(context, 422, { ok: false, error: 'form-token-refused', problem: refusal.problem, message: refusal.message });
}

/**
 * Answers an accepted request (also a duplicate, or spam answered as if accepted) with the
 * callback's ID, saying when the call is expected when the workflow's schedule tells
 * (expectedCall.ts), else promising no time.
 *
 * The node sends the answer itself. n8n stores the duplicate log (the workflow's static data)
 * when the node hands it the response; n8n 2.x, when it also starts the workflow with a response
 * still to send, starts the run first and loses the log's "changed" mark on the way.
 */
export function answerAccepted(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	asPage: boolean,
	callbackId: string,
	duplicate: boolean,
	expected: ExpectedCallAnswer | null = null,
): IWebhookResponseData {
	if (!asPage) return sendJson(context, 200, { ok: true, callbackId, duplicate, expectedCallAt: expected?.at ?? null, expectedCallText: expectedCallText(expected) });
	const redirect = settings.form.afterSubmit === 'redirect' && settings.form.redirectUrl;
	const page = redirect ? messagePage(200, 'Thank you', 'Taking you to the next page...', settings.form.businessName) : thankYouPage(settings.form, expected);
	const headers: Record<string, string> = { ...page.headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
	if (redirect) {
		const target = new URL(settings.form.redirectUrl);
		target.searchParams.set('callbackId', callbackId);
		headers.Refresh = `0; url=${target.toString()}`;
	}
	return sendPage(context, { ...page, status: 200, headers });
}

/**
 * The free slots for the form, in the zone the lead chose (the page's `?timezone=` or the form
 * sent back), else the business's zone until the page's script switches to the browser's.
 */
export async function slotPickerFor(context: IWebhookFunctions, settings: WebhookSettings, values: IDataObject): Promise<SlotPicker | undefined> {
	if (settings.timeSlots === null) return undefined;
	const schedule = slotSchedule(context);
	const chosen = requestedZone(values) ?? requestedZone(context.getQueryData() as IDataObject);
	const zone = chosen ?? schedule.businessZone;
	const free = await freeSlotsFor(context, settings.timeSlots, schedule, zone, 'normal', Date.now());
	const selected = typeof values[CALLBACK_FORM_FIELDS.preferredTime] === 'string' ? (values[CALLBACK_FORM_FIELDS.preferredTime] as string) : '';
	return {
		slots: labelSlots(free, zone),
		zone,
		zoneChoices: zoneChoices(),
		slotMinutes: settings.timeSlots.slots.slotMinutes,
		asapAllowed: settings.timeSlots.asapAllowed,
		selected,
		slotsQuery: '?slots=1',
		zoneChosen: chosen !== null,
	};
}
