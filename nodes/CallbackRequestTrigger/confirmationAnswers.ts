import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CODE_DIGITS, CONFIRMATION_CODE_FIELD, CONFIRMATION_TOKEN_FIELD, submissionDigest } from '../core/abuse/numberConfirmation';
import { FORM_TOKEN_FIELD } from '../core/abuse/submitTiming';
import { parseLeadPhoneNumber } from '../core/phone/parseLeadPhoneNumber';
import { HUMAN_CHECK_TOKEN_FIELDS } from './humanCheck';
import { checkConfirmation, sendConfirmationCode, type ConfirmationSettings } from './numberConfirmation';
import { confirmCodePage, messagePage, type Page } from './pages';
import { sendJson, sendPage } from './webhookRequest';
import type { WebhookSettings } from './webhookSettings';

/** Fields that carry one-time checks of the first step: a confirmed submission need not repeat them. */
export const CHECK_FIELDS: readonly string[] = [FORM_TOKEN_FIELD, ...HUMAN_CHECK_TOKEN_FIELDS];

/** The submission as the person sent it, for the code page to post back unchanged. */
function postedBack(body: IDataObject): Record<string, string | string[]> {
	const fields: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(body)) {
		if (name === CONFIRMATION_TOKEN_FIELD || name === CONFIRMATION_CODE_FIELD) continue;
		if (typeof value === 'string') fields[name] = value;
		else if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) fields[name] = value as string[];
	}
	return fields;
}

function nationalNumber(phone: string): string {
	const parsed = parseLeadPhoneNumber(phone, { defaultCountry: 'US', allowedCountries: [] });
	return parsed.ok ? parsed.nationalFormat : phone;
}

function codePage(settings: WebhookSettings, confirmation: ConfirmationSettings, status: number, body: IDataObject, phone: string, token: string, error?: string): Page {
	return confirmCodePage(status, {
		businessName: settings.form.businessName,
		phoneText: nationalNumber(phone),
		validMinutes: confirmation.validMinutes,
		submitted: postedBack(body),
		tokenField: CONFIRMATION_TOKEN_FIELD,
		token,
		codeField: CONFIRMATION_CODE_FIELD,
		codeDigits: CODE_DIGITS,
		error,
	});
}

/**
 * Texts the code and asks for it: the page with the code field, or 202 with the token for a
 * form tool, which sends the same fields again with confirmation_token and confirmation_code.
 */
export async function askForCode(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	confirmation: ConfirmationSettings,
	asPage: boolean,
	body: IDataObject,
	callbackId: string,
	phone: string,
	timezone: string | null,
	now: number,
): Promise<IWebhookResponseData> {
	const sent = await sendConfirmationCode(context, confirmation, { callbackId, phone, timezone, digest: submissionDigest(body, CHECK_FIELDS), now });
	if (!sent.sent) {
		context.logger?.info(`Callback Request Trigger could not text a confirmation code: ${sent.error}`);
		if (asPage) return sendPage(context, messagePage(sent.status, 'We could not text you a code', sent.message, settings.form.businessName));
		return sendJson(context, sent.status, { ok: false, error: sent.error, message: sent.message, ...(sent.retryAt === undefined ? {} : { retryAt: new Date(sent.retryAt).toISOString() }) });
	}
	if (asPage) return sendPage(context, codePage(settings, confirmation, 200, body, phone, sent.token));
	return sendJson(context, 202, {
		ok: true,
		confirmationRequired: true,
		callbackId,
		confirmationToken: sent.token,
		expiresAt: new Date(sent.expiresAt).toISOString(),
		message: `We texted a ${CODE_DIGITS}-digit code to ${nationalNumber(phone)}. Send the same fields again with ${CONFIRMATION_TOKEN_FIELD} and ${CONFIRMATION_CODE_FIELD}.`,
	});
}

/** A code that was not accepted: the code page again when another try may help, else what to do. */
export function refuseConfirmation(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	asPage: boolean,
	refusal: Extract<Awaited<ReturnType<typeof checkConfirmation>>, { confirmed: false }>,
	body: IDataObject,
	phone: string,
): IWebhookResponseData {
	context.logger?.debug(`Callback Request Trigger refused a confirmation: ${refusal.error}`);
	if (asPage) {
		const token = typeof body[CONFIRMATION_TOKEN_FIELD] === 'string' ? (body[CONFIRMATION_TOKEN_FIELD] as string) : '';
		if (refusal.askAgain) return sendPage(context, codePage(settings, settings.confirmation!, refusal.status, body, phone, token, refusal.message));
		return sendPage(context, messagePage(refusal.status, 'Please send the form again', refusal.message, settings.form.businessName));
	}
	return sendJson(context, refusal.status, { ok: false, error: refusal.error, message: refusal.message });
}
