import type { FieldError } from '../core/callbackRequest/CallbackRequest';
import { createPageNonce } from '../core/form/pageLayout';
import { callbackFormContentSecurityPolicy, HOSTED_FORM_MARKER as HOSTED_FORM_VALUE, renderCallbackFormPage } from '../core/form/renderCallbackFormPage';
import { renderMessagePage } from '../core/form/renderMessagePage';
import { renderThankYouPage } from '../core/form/renderThankYouPage';
import type { HostedFormSettings } from './readTriggerSettings';

/** The hosted form's POST contract: these names, urlencoded, plus the marker below. */
export const HOSTED_FORM_MARKER = { key: '_form', value: HOSTED_FORM_VALUE } as const;

export interface Page {
	status: number;
	html: string;
	headers: Record<string, string>;
}

function pageHeaders(nonce: string): Record<string, string> {
	return {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': callbackFormContentSecurityPolicy(nonce),
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'strict-origin-when-cross-origin',
	};
}

/** Only string answers are put back into the form; anything else was not typed by a person. */
function stickyValues(source: Record<string, unknown>): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(source)) {
		const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
		if (typeof single === 'string') values[key] = single.slice(0, 5000);
	}
	return values;
}

export function formPage(
	form: HostedFormSettings,
	options: { status: number; honeypotFieldName: string; values: Record<string, unknown>; errors: FieldError[]; requireConsent: boolean; requireEmail: boolean },
): Page {
	const nonce = createPageNonce();
	const errors: Record<string, string> = {};
	for (const error of options.errors) errors[error.field] = error.message;
	return {
		status: options.status,
		headers: pageHeaders(nonce),
		html: renderCallbackFormPage({
			businessName: form.businessName,
			title: form.title,
			introText: form.introText,
			nameFields: form.nameFields,
			optionalFields: form.optionalFields,
			requireEmail: options.requireEmail,
			consentText: form.consentText,
			requireConsent: options.requireConsent && form.consentText !== '',
			submitLabel: form.submitLabel,
			phoneExample: '(415) 555-2671',
			honeypotFieldName: options.honeypotFieldName,
			values: stickyValues(options.values),
			errors,
			formError: options.errors.length > 0 ? 'Please fix the highlighted fields.' : undefined,
			nonce,
		}),
	};
}

export function thankYouPage(form: HostedFormSettings): Page {
	const nonce = createPageNonce();
	return {
		status: 200,
		headers: pageHeaders(nonce),
		html: renderThankYouPage({
			businessName: form.businessName,
			title: 'Thank you',
			message: form.thankYouMessage || "Thanks! We'll call you back shortly.",
			nonce,
		}),
	};
}

export function messagePage(status: number, title: string, message: string, businessName = ''): Page {
	const nonce = createPageNonce();
	return { status, headers: pageHeaders(nonce), html: renderMessagePage({ businessName, title, message, nonce }) };
}
