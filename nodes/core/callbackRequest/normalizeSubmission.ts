import { DateTime } from 'luxon';

import { parseLeadPhoneNumber, type PhoneNumberRules } from '../phone/parseLeadPhoneNumber';
import { FORM_FIELD_NAMES, type CallbackField, type CallbackRequest, type FieldError } from './CallbackRequest';
import { presetAliases, type PayloadPreset } from './fieldAliases';
import { parseConsent } from './parseConsent';
import { isKnownTimezone, parsePreferredTime } from './parsePreferredTime';
import { isPlainObject, readSubmittedFields, type SubmittedFields, type SubmittedValue } from './readSubmittedFields';
import { splitFullName } from './splitFullName';

/** The fields a user can make required; the phone number always is. */
export type RequirableField = 'firstName' | 'lastName' | 'email' | 'reason' | 'consent';

export interface SubmissionRules {
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
	/** 400: the request itself is unusable (not a form, a bot); 422: fields to fix. */
	| { ok: false; status: 400 | 422; errors: FieldError[] };

export const DEFAULT_SUBMISSION_RULES: SubmissionRules = {
	preset: 'standard',
	fieldOverrides: {},
	phone: { defaultCountry: 'US', allowedCountries: ['US', 'CA'], example: '(415) 555-2671' },
	requiredFields: ['firstName'],
	maxNameLength: 80,
	maxReasonLength: 500,
	maxCustomFields: 50,
	maxCustomValueLength: 2000,
	honeypotFieldName: 'website',
	consentText: null,
	fallbackTimezone: null,
	maxDaysAhead: 60,
	defaultSource: 'webhook',
};

const MAX_EMAIL_LENGTH = 254;
const MAX_URL_LENGTH = 2000;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const MISSING_MESSAGES: Record<RequirableField, string> = {
	firstName: 'Enter your first name.',
	lastName: 'Enter your last name.',
	email: 'Enter your email address.',
	reason: 'Tell us briefly what the call is about.',
	consent: 'Please agree to be contacted so we can call you back.',
};

class FieldErrors {
	readonly list: FieldError[] = [];

	add(field: CallbackField | string, found: SubmittedValue | undefined, message: string): void {
		const name = found?.key ?? (field in FORM_FIELD_NAMES ? FORM_FIELD_NAMES[field as CallbackField] : field);
		if (!this.list.some((error) => error.field === name)) this.list.push({ field: name, message });
	}
}

function cleanText(value: string, keepNewlines: boolean): string {
	const withoutControls = value.replace(CONTROL_CHARACTERS, '');
	return keepNewlines
		? withoutControls.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').trim()
		: withoutControls.replace(/\s+/g, ' ').trim();
}

/** Text from a submitted value; numbers are accepted as text, objects and lists are not. */
function textOf(found: SubmittedValue | undefined): string | undefined | null {
	if (!found) return undefined;
	if (typeof found.value === 'string') return found.value;
	if (typeof found.value === 'number' || typeof found.value === 'bigint') return String(found.value);
	return null;
}

/** A name field, or the part of the full name that stands in for it when the field was not sent. */
function readName(
	field: 'firstName' | 'lastName',
	found: SubmittedValue | undefined,
	fromFullName: { text: string; found: SubmittedValue | undefined },
	rules: SubmissionRules,
	errors: FieldErrors,
): string {
	const raw = textOf(found);
	const fallback = found ? '' : fromFullName.text;
	if (!found) found = fromFullName.found;
	if (raw === null) {
		errors.add(field, found, 'Enter the name as text.');
		return '';
	}
	const name = cleanText(raw ?? fallback, false);
	if (name.length > rules.maxNameLength) {
		errors.add(field, found, `Keep the name under ${rules.maxNameLength + 1} characters.`);
	} else if (name !== '' && !/\p{L}/u.test(name)) {
		errors.add(field, found, 'Enter a name with letters.');
	} else if (name === '' && rules.requiredFields.includes(field)) {
		errors.add(field, found, MISSING_MESSAGES[field]);
	}
	return name;
}

function readOptionalText(
	field: CallbackField,
	found: SubmittedValue | undefined,
	maxLength: number,
	errors: FieldErrors,
	keepNewlines = false,
): string | null {
	const raw = textOf(found);
	if (raw === null) {
		errors.add(field, found, 'Send this field as text.');
		return null;
	}
	if (raw === undefined) return null;
	const text = cleanText(raw, keepNewlines);
	if (text.length > maxLength) {
		errors.add(field, found, `Keep this under ${maxLength + 1} characters (it has ${text.length}).`);
		return null;
	}
	return text === '' ? null : text;
}

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
	if (honeypot && textOf(body[honeypot] === undefined ? undefined : { key: honeypot, value: body[honeypot] })?.trim()) {
		return { ok: false, status: 400, errors: [{ field: honeypot, message: 'This field must be left empty.' }] };
	}

	const submitted: SubmittedFields = readSubmittedFields(body, {
		aliases: presetAliases(rules.preset),
		overrides: rules.fieldOverrides,
		internalKeys: [...context.internalKeys, ...(honeypot ? [honeypot] : [])],
	});
	const fields = submitted.values;
	const errors = new FieldErrors();

	const phone = textOf(fields.phone);
	const parsedPhone = parseLeadPhoneNumber(phone ?? '', rules.phone);
	if (!parsedPhone.ok) errors.add('phone', fields.phone, phone === null ? 'Send the phone number as text.' : parsedPhone.message);

	const fullName = readOptionalText('fullName', fields.fullName, rules.maxNameLength * 2, errors);
	const split = fullName ? splitFullName(fullName) : { firstName: '', lastName: '' };
	const firstName = readName('firstName', fields.firstName, { text: split.firstName, found: fields.fullName }, rules, errors);
	const lastName = readName('lastName', fields.lastName, { text: split.lastName, found: fields.fullName }, rules, errors);

	const email = readOptionalText('email', fields.email, MAX_EMAIL_LENGTH, errors);
	if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) {
		errors.add('email', fields.email, 'Enter a valid email address, for example name@example.com.');
	} else if (email === null && rules.requiredFields.includes('email')) {
		errors.add('email', fields.email, MISSING_MESSAGES.email);
	}

	const reason = readOptionalText('reason', fields.reason, rules.maxReasonLength, errors, true);
	if (reason === null && rules.requiredFields.includes('reason')) errors.add('reason', fields.reason, MISSING_MESSAGES.reason);

	let timezone = readOptionalText('timezone', fields.timezone, 64, errors);
	if (timezone !== null && !isKnownTimezone(timezone)) {
		errors.add('timezone', fields.timezone, `Unknown timezone "${timezone}". Use an IANA name such as America/New_York.`);
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
		errors.add('consent', fields.consent, 'Send consent as yes or no.');
	} else if (!consentGiven && rules.requiredFields.includes('consent')) {
		errors.add('consent', fields.consent, MISSING_MESSAGES.consent);
	}
	const consentText = readOptionalText('consentText', fields.consentText, 2000, errors) ?? rules.consentText;

	const source = readOptionalText('source', fields.source, 100, errors) ?? rules.defaultSource;
	checkCustomData(submitted.custom, rules, errors);

	if (errors.list.length > 0 || !parsedPhone.ok) return { ok: false, status: 422, errors: errors.list };

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
