import { DateTime } from 'luxon';

import { parseLeadPhoneNumber, type PhoneNumberRules } from '../phone/parseLeadPhoneNumber';
import { FORM_FIELD_NAMES, type CallbackField, type CallbackRequest, type FieldError } from './CallbackRequest';
import { presetAliases, type PayloadPreset } from './fieldAliases';
import {
	cleanFieldText,
	DEFAULT_MAX_NAME_LENGTH,
	DEFAULT_MAX_REASON_LENGTH,
	DEFAULT_REQUIRED_FIELDS,
	fieldRules,
	NOT_TEXT_MESSAGE,
	type FieldRule,
	type FieldRuleSettings,
	type RequirableField,
} from './fieldRules';
import { parseConsent } from './parseConsent';
import { isKnownTimezone, parsePreferredTime } from './parsePreferredTime';
import { isPlainObject, readSubmittedFields, type SubmittedFields, type SubmittedValue } from './readSubmittedFields';
import { splitFullName } from './splitFullName';

export type { RequirableField } from './fieldRules';

export interface SubmissionRules extends FieldRuleSettings {
	preset: PayloadPreset;
	/** Keys or dot paths the user picked for fields, replacing the preset's names. */
	fieldOverrides: Partial<Record<CallbackField, string>>;
	phone: PhoneNumberRules;
	requiredFields: RequirableField[];
	maxNameLength: number;
	maxReasonLength: number;
	maxCustomFields: number;
	maxCustomValueLength: number;
	/** Name of the hidden anti-spam field; a bot fills it, a person never sees it. Empty = off. */
	honeypotFieldName: string;
	/** The consent text the lead saw, when the submission does not carry it (our hosted form). */
	consentText: string | null;
	/** Zone for a preferred time sent without offset or timezone; null = ask for one. */
	fallbackTimezone: string | null;
	maxDaysAhead: number;
	/** Source label when the submission names none. */
	defaultSource: string;
}

export interface SubmissionContext {
	callbackId: string;
	now: DateTime;
	ip: string | null;
	userAgent: string | null;
	/** The Referer header, used as the page URL when the form did not post one. */
	referer: string | null;
	/** Keys that belong to the transport, never to the lead (the hosted form's marker). */
	internalKeys: string[];
}

export type NormalizedSubmission =
	| { ok: true; request: CallbackRequest }
	/** 400: the request itself is unusable (not a form); 422: fields to fix. */
	| { ok: false; status: 400 | 422; errors: FieldError[]; spam?: false }
	/**
	 * The honeypot was filled: a bot. It carries no error, so no answer can show which field gave
	 * it away; answer it as if accepted and start nothing.
	 */
	| { ok: false; status: 400; errors: []; spam: true };

export const DEFAULT_SUBMISSION_RULES: SubmissionRules = {
	preset: 'standard',
	fieldOverrides: {},
	phone: { defaultCountry: 'US', allowedCountries: ['US', 'CA'], example: '(415) 555-2671' },
	requiredFields: [...DEFAULT_REQUIRED_FIELDS],
	maxNameLength: DEFAULT_MAX_NAME_LENGTH,
	maxReasonLength: DEFAULT_MAX_REASON_LENGTH,
	maxCustomFields: 50,
	maxCustomValueLength: 2000,
	honeypotFieldName: 'website',
	consentText: null,
	fallbackTimezone: null,
	maxDaysAhead: 60,
	defaultSource: 'webhook',
};

const MAX_URL_LENGTH = 2000;
const MAX_CONSENT_TEXT_LENGTH = 2000;
const MAX_SOURCE_LENGTH = 100;

class FieldErrors {
	readonly list: FieldError[] = [];

	add(field: CallbackField | string, found: SubmittedValue | undefined, message: string): void {
		const name = found?.key ?? (field in FORM_FIELD_NAMES ? FORM_FIELD_NAMES[field as CallbackField] : field);
		if (!this.list.some((error) => error.field === name)) this.list.push({ field: name, message });
	}
}

/** Text from a submitted value; numbers are accepted as text, objects and lists are not. */
function textOf(found: SubmittedValue | undefined): string | undefined | null {
	if (!found) return undefined;
	if (typeof found.value === 'string') return found.value;
	if (typeof found.value === 'number' || typeof found.value === 'bigint') return String(found.value);
	return null;
}

/** Whether a bot put anything in the honeypot: any text but white space, in any shape (a list, a number). */
function isFilled(value: unknown): boolean {
	if (value === undefined || value === null || value === false) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.some(isFilled);
	return true;
}

/**
 * A name field, or the part of the full name that stands in for it when the field was not sent.
 * The part of a full name is held to the name's own rule, and its error goes to the full name.
 */
function readName(
	field: 'firstName' | 'lastName',
	found: SubmittedValue | undefined,
	fromFullName: { text: string; found: SubmittedValue | undefined; empty: boolean; rule: FieldRule },
	rule: FieldRule,
	errors: FieldErrors,
): string {
	const raw = textOf(found);
	const fallback = found ? '' : fromFullName.text;
	// An empty full name box is asked for as a whole ("Enter your name.").
	const messages = !found && fromFullName.found && fromFullName.empty ? { ...rule.messages, required: fromFullName.rule.messages.required } : rule.messages;
	if (!found) found = fromFullName.found;
	if (raw === null) {
		errors.add(field, found, NOT_TEXT_MESSAGE);
		return '';
	}
	const name = cleanFieldText(raw ?? fallback, false);
	if (rule.maxLength !== null && name.length > rule.maxLength) {
		errors.add(field, found, messages.tooLong);
	} else if (name !== '' && !/\p{L}/u.test(name)) {
		errors.add(field, found, messages.invalid);
	} else if (name === '' && rule.required) {
		errors.add(field, found, messages.required);
	}
	return name;
}

/** A text field held to a length; null when it was not sent or is empty. */
function readText(
	field: CallbackField,
	found: SubmittedValue | undefined,
	limit: { maxLength: number | null; tooLong: string },
	errors: FieldErrors,
	multiline = false,
): string | null {
	const raw = textOf(found);
	if (raw === null) {
		errors.add(field, found, NOT_TEXT_MESSAGE);
		return null;
	}
	if (raw === undefined) return null;
	const text = cleanFieldText(raw, multiline);
	if (limit.maxLength !== null && text.length > limit.maxLength) {
		errors.add(field, found, limit.tooLong);
		return null;
	}
	return text === '' ? null : text;
}

/** The limit of a field that has a rule. */
const limitOf = (rule: FieldRule) => ({ maxLength: rule.maxLength, tooLong: rule.messages.tooLong });

/** The limit of an internal field a person never types (source, consent text). */
const internalLimit = (maxLength: number) => ({ maxLength, tooLong: `Send at most ${maxLength} characters in this field.` });

function readPageUrl(found: SubmittedValue | undefined, referer: string | null): string | null {
	const candidate = typeof found?.value === 'string' ? found.value.trim() : referer;
	if (!candidate || candidate.length > MAX_URL_LENGTH) return null;
	try {
		const url = new URL(candidate);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
	} catch {
		return null;
	}
}

function checkCustomData(custom: Record<string, unknown>, rules: SubmissionRules, errors: FieldErrors): void {
	const keys = Object.keys(custom);
	if (keys.length > rules.maxCustomFields) {
		errors.add('custom', undefined, `Send at most ${rules.maxCustomFields} extra fields (got ${keys.length}).`);
		return;
	}
	for (const key of keys) {
		const size = typeof custom[key] === 'string' ? (custom[key] as string).length : JSON.stringify(custom[key] ?? null).length;
		if (size > rules.maxCustomValueLength) {
			errors.add(key, { key, value: custom[key] }, `Keep this field under ${rules.maxCustomValueLength + 1} characters.`);
		}
	}
}

/**
 * Turns a funnel's submission into a CallbackRequest, or the list of fields to fix.
 * Nothing here has side effects: the caller decides whether a workflow starts.
 */
export function normalizeSubmission(body: unknown, rules: SubmissionRules, context: SubmissionContext): NormalizedSubmission {
	if (!isPlainObject(body)) {
		return {
			ok: false,
			status: 400,
			errors: [{ field: 'body', message: 'Send the form as JSON, URL-encoded or multipart form data.' }],
		};
	}

	const honeypot = rules.honeypotFieldName.trim();
	if (honeypot && isFilled(body[honeypot])) return { ok: false, status: 400, errors: [], spam: true };

	const rule = fieldRules(rules);

	const submitted: SubmittedFields = readSubmittedFields(body, {
		aliases: presetAliases(rules.preset),
		overrides: rules.fieldOverrides,
		internalKeys: [...context.internalKeys, ...(honeypot ? [honeypot] : [])],
	});
	const fields = submitted.values;
	const errors = new FieldErrors();

	const phone = textOf(fields.phone);
	const phoneTooLong = typeof phone === 'string' && cleanFieldText(phone, false).length > (rule.phone.maxLength ?? Infinity);
	const parsedPhone = phone === null || phoneTooLong ? null : parseLeadPhoneNumber(phone ?? '', rules.phone);
	if (phone === null) errors.add('phone', fields.phone, NOT_TEXT_MESSAGE);
	else if (phoneTooLong) errors.add('phone', fields.phone, rule.phone.messages.tooLong);
	else if (parsedPhone !== null && !parsedPhone.ok) errors.add('phone', fields.phone, parsedPhone.message);

	const fullName = readText('fullName', fields.fullName, limitOf(rule.fullName), errors);
	const split = fullName ? splitFullName(fullName) : { firstName: '', lastName: '' };
	const fromFullName = (text: string) => ({ text, found: fields.fullName, empty: fullName === null, rule: rule.fullName });
	const firstName = readName('firstName', fields.firstName, fromFullName(split.firstName), rule.firstName, errors);
	const lastName = readName('lastName', fields.lastName, fromFullName(split.lastName), rule.lastName, errors);

	const email = readText('email', fields.email, limitOf(rule.email), errors);
	if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) {
		errors.add('email', fields.email, rule.email.messages.invalid);
	} else if (email === null && rule.email.required) {
		errors.add('email', fields.email, rule.email.messages.required);
	}

	const reason = readText('reason', fields.reason, limitOf(rule.reason), errors, true);
	if (reason === null && rule.reason.required) errors.add('reason', fields.reason, rule.reason.messages.required);

	let timezone = readText('timezone', fields.timezone, limitOf(rule.timezone), errors);
	if (timezone !== null && !isKnownTimezone(timezone)) {
		errors.add('timezone', fields.timezone, `Unknown timezone "${timezone}". ${rule.timezone.messages.invalid}`);
		timezone = null;
	}

	let preferredTime: string | null = null;
	if (fields.preferredTime) {
		const parsed = parsePreferredTime(fields.preferredTime.value, {
			zone: timezone ?? rules.fallbackTimezone,
			now: context.now,
			maxDaysAhead: rules.maxDaysAhead,
		});
		if (parsed.ok) preferredTime = parsed.time.toISO({ suppressMilliseconds: true });
		else errors.add('preferredTime', fields.preferredTime, parsed.message);
	}

	const consentGiven = parseConsent(fields.consent?.value);
	if (consentGiven === undefined) {
		errors.add('consent', fields.consent, rule.consent.messages.invalid);
	} else if (!consentGiven && rule.consent.required) {
		errors.add('consent', fields.consent, rule.consent.messages.required);
	}
	const consentText = readText('consentText', fields.consentText, internalLimit(MAX_CONSENT_TEXT_LENGTH), errors) ?? rules.consentText;

	const source = readText('source', fields.source, internalLimit(MAX_SOURCE_LENGTH), errors) ?? rules.defaultSource;
	checkCustomData(submitted.custom, rules, errors);

	if (errors.list.length > 0 || parsedPhone === null || !parsedPhone.ok) return { ok: false, status: 422, errors: errors.list };

	const requestedAt = context.now.toUTC().toISO({ suppressMilliseconds: false }) ?? '';
	return {
		ok: true,
		request: {
			callbackId: context.callbackId,
			requestedAt,
			contact: {
				firstName,
				lastName,
				phone: parsedPhone.e164,
				phoneCountry: parsedPhone.country,
				email: email?.toLowerCase() ?? null,
				// Only there when the lead typed one, so items without stay as they were.
				...(parsedPhone.extension === null ? {} : { phoneExtension: parsedPhone.extension }),
			},
			reason,
			mode: preferredTime ? 'scheduled' : 'asap',
			preferredTime,
			timezone,
			consent: {
				given: consentGiven === true,
				text: consentGiven ? consentText : null,
				at: consentGiven ? requestedAt : null,
				ip: context.ip,
				userAgent: context.userAgent,
				pageUrl: readPageUrl(fields.pageUrl, context.referer),
			},
			source,
			custom: submitted.custom,
		},
	};
}
