import type { FieldError } from '../core/callbackRequest/CallbackRequest';
import { fieldRules, type FieldRuleSettings, type RequirableField } from '../core/callbackRequest/fieldRules';
import { DEFAULT_SUBMISSION_RULES } from '../core/callbackRequest/normalizeSubmission';
import type { ExpectedCall } from '../core/form/expectedCallText';
import { createPageNonce } from '../core/form/pageLayout';
import {
	callbackFormContentSecurityPolicy,
	HOSTED_FORM_MARKER as HOSTED_FORM_VALUE,
	renderCallbackFormPage,
	type CallbackFormPageOptions,
	type FormHumanCheck,
} from '../core/form/renderCallbackFormPage';
import { renderConfirmCodePage, type ConfirmCodePageOptions } from '../core/form/renderConfirmCodePage';
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

function pageHeaders(nonce: string, humanCheck?: FormHumanCheck, slotPicker = false): Record<string, string> {
	return {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Security-Policy': callbackFormContentSecurityPolicy(nonce, humanCheck?.provider, slotPicker),
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

export interface FormPageOptions {
	status: number;
	honeypotFieldName: string;
	values: Record<string, unknown>;
	errors: FieldError[];
	/**
	 * The trigger's submission rules (`settings.rules`): the page takes its lengths, required
	 * fields and messages from them, so it asks for what the server checks.
	 */
	rules?: FieldRuleSettings;
	/** Only read without `rules`. */
	requireConsent?: boolean;
	/** Only read without `rules`. */
	requireEmail?: boolean;
	/** The human check's widget, when the trigger has one turned on. */
	humanCheck?: FormHumanCheck;
	/** A message about the whole submission, such as a refused human check, heading the form. */
	formError?: string;
	/** The signed time the page was served, for the minimum time before sending (formTiming.ts). */
	formToken?: string;
	/** The free time slots, when the trigger offers them (timeSlots.ts). */
	slotPicker?: CallbackFormPageOptions['slotPicker'];
}

/** The server's rules when the caller gave only the email and consent switches: the defaults otherwise. */
function settingsOf(options: FormPageOptions): FieldRuleSettings {
	if (options.rules) return options.rules;
	const requiredFields: RequirableField[] = [
		...DEFAULT_SUBMISSION_RULES.requiredFields.filter((field) => field !== 'email' && field !== 'consent'),
		...(options.requireEmail ? (['email'] as const) : []),
		...(options.requireConsent ? (['consent'] as const) : []),
	];
	return { ...DEFAULT_SUBMISSION_RULES, requiredFields };
}

export function formPage(form: HostedFormSettings, options: FormPageOptions): Page {
	const nonce = createPageNonce();
	const errors: Record<string, string> = {};
	for (const error of options.errors) errors[error.field] = error.message;
	const settings = settingsOf(options);
	return {
		status: options.status,
		headers: pageHeaders(nonce, options.humanCheck, options.slotPicker !== undefined),
		html: renderCallbackFormPage({
			businessName: form.businessName,
			title: form.title,
			introText: form.introText,
			nameFields: form.nameFields,
			optionalFields: form.optionalFields,
			rules: fieldRules(settings),
			consentText: form.consentText,
			submitLabel: form.submitLabel,
			phoneExample: settings.phone.example ?? '',
			honeypotFieldName: options.honeypotFieldName,
			values: stickyValues(options.values),
			errors,
			formError: options.formError ?? (options.errors.length > 0 ? 'Please fix the highlighted fields.' : undefined),
			nonce,
			humanCheck: options.humanCheck,
			formToken: options.formToken,
			slotPicker: options.slotPicker,
		}),
	};
}

/** The page after an accepted request: when we will call (when known), then the business's own message. */
export function thankYouPage(form: HostedFormSettings, expectedCall?: ExpectedCall | null): Page {
	const nonce = createPageNonce();
	return {
		status: 200,
		headers: pageHeaders(nonce),
		html: renderThankYouPage({
			businessName: form.businessName,
			title: 'Thank you',
			expectedCall,
			message: form.thankYouMessage,
			nonce,
		}),
	};
}

export function messagePage(status: number, title: string, message: string, businessName = ''): Page {
	const nonce = createPageNonce();
	return { status, headers: pageHeaders(nonce), html: renderMessagePage({ businessName, title, message, nonce }) };
}

/** The page asking for the code texted to the lead (numberConfirmation.ts). */
export function confirmCodePage(status: number, options: Omit<ConfirmCodePageOptions, 'nonce'>): Page {
	const nonce = createPageNonce();
	return { status, headers: pageHeaders(nonce), html: renderConfirmCodePage({ ...options, nonce }) };
}
