import type { CallbackField } from './CallbackRequest';

/**
 * Which submitted keys feed which callback field. Keys are compared after lower-casing and
 * dropping everything but letters and digits, so "First Name", "first_name", "firstName" and
 * WordPress's "your-first-name" style all meet.
 */
export type FieldAliases = Record<CallbackField, string[]>;

export type PayloadPreset = 'standard' | 'highLevel';

const STANDARD_ALIASES: FieldAliases = {
	firstName: ['first_name', 'firstName', 'fname', 'given_name', 'your-first-name', 'first'],
	lastName: ['last_name', 'lastName', 'lname', 'surname', 'family_name', 'your-last-name', 'last'],
	fullName: ['name', 'full_name', 'fullName', 'your-name', 'contact_name'],
	phone: [
		'phone',
		'phone_number',
		'phoneNumber',
		'tel',
		'telephone',
		'mobile',
		'mobile_phone',
		'cell',
		'cell_phone',
		'your-phone',
		'your-tel',
	],
	email: ['email', 'email_address', 'e-mail', 'mail', 'your-email'],
	reason: [
		'reason',
		'message',
		'comments',
		'comment',
		'notes',
		'note',
		'topic',
		'subject',
		'enquiry',
		'inquiry',
		'details',
		'your-message',
	],
	preferredTime: [
		'preferred_time',
		'preferredTime',
		'callback_time',
		'call_time',
		'best_time',
		'best_time_to_call',
		'preferred_callback_time',
		'scheduled_time',
	],
	timezone: ['timezone', 'time_zone', 'tz'],
	consent: ['consent', 'sms_consent', 'tcpa_consent', 'agree', 'agreement', 'opt_in', 'optin', 'terms', 'accept_terms'],
	consentText: ['consent_text', 'consentText', 'consent_language'],
	pageUrl: ['page_url', 'pageUrl', 'page', 'url', 'form_url', 'referrer', 'source_url'],
	source: ['source', 'lead_source', 'leadSource'],
};

/**
 * HighLevel's workflow "Webhook" action and form-submission payloads: snake_case contact
 * fields at the top level, custom values under customData, the contact's own timezone, and the
 * page the form was on under attributionSource.
 */
const HIGHLEVEL_ALIASES: FieldAliases = {
	firstName: ['first_name', 'contact.first_name', 'contact.firstName'],
	lastName: ['last_name', 'contact.last_name', 'contact.lastName'],
	fullName: ['full_name', 'name', 'contact.name'],
	phone: ['phone', 'contact.phone', 'customData.phone'],
	email: ['email', 'contact.email'],
	reason: ['customData.reason', 'customData.message', 'reason', 'message', 'notes'],
	preferredTime: ['customData.preferred_time', 'customData.callback_time', 'preferred_time', 'callback_time'],
	timezone: ['timezone', 'contact.timezone', 'customData.timezone'],
	consent: ['customData.consent', 'consent', 'terms_and_conditions', 'sms_consent'],
	consentText: ['customData.consent_text', 'consent_text'],
	pageUrl: ['attributionSource.url', 'contact.attributionSource.url', 'customData.page_url', 'page_url'],
	source: [],
};

export function presetAliases(preset: PayloadPreset): FieldAliases {
	return preset === 'highLevel' ? HIGHLEVEL_ALIASES : STANDARD_ALIASES;
}

/** Comparison form of a key: "First Name" and "first_name" both become "firstname". */
export function comparableKey(key: string): string {
	return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
