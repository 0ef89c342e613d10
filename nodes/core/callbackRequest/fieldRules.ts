import { invalidPhoneMessage, PHONE_MISSING_MESSAGE, type PhoneNumberRules } from '../phone/parseLeadPhoneNumber';

/**
 * The one definition of what each field of a callback request may hold: its longest length,
 * whether it is required, and the words a person is shown when it is missing, too long or
 * malformed. The server's validation and the hosted form page both read these, so the page
 * never lets through what the server refuses, nor refuses what the server takes.
 */

/** The fields a user can make required; the phone number always is. */
export type RequirableField = 'firstName' | 'lastName' | 'email' | 'reason' | 'consent';

export const DEFAULT_REQUIRED_FIELDS: readonly RequirableField[] = ['firstName'];
export const DEFAULT_MAX_NAME_LENGTH = 80;
export const DEFAULT_MAX_REASON_LENGTH = 500;
/** RFC 5321's limit on an address in use. */
export const MAX_EMAIL_LENGTH = 254;
/** Room for "+1 (415) 555-0123 extension 12345678" and then some. */
export const MAX_PHONE_LENGTH = 40;
/** The longest IANA zone name is 32 characters. */
export const MAX_TIMEZONE_LENGTH = 64;

/** Said when a field arrives as an object or a list: a form tool's mistake, not a person's. */
export const NOT_TEXT_MESSAGE = 'Send this field as text.';

/** What the rules depend on: the node's settings. */
export interface FieldRuleSettings {
	requiredFields: readonly RequirableField[];
	maxNameLength: number;
	maxReasonLength: number;
	phone: PhoneNumberRules;
}

export interface FieldMessages {
	/** The field is required and empty. */
	required: string;
	/** Longer than `maxLength`; empty when the field has no length limit. */
	tooLong: string;
	/** Present but not acceptable (no letters in a name, an email without "@"); empty when anything goes. */
	invalid: string;
}

export interface FieldRule {
	/** Characters after the text is cleaned (see `countedLength`); null for no limit. */
	maxLength: number | null;
	required: boolean;
	messages: FieldMessages;
}

/** The fields a person can fill in, plus the timezone the hosted form sends for them. */
export type RuledField = 'firstName' | 'lastName' | 'fullName' | 'phone' | 'email' | 'reason' | 'preferredTime' | 'timezone' | 'consent';

export type FieldRules = Record<RuledField, FieldRule>;

/**
 * How long a text counts as: control characters dropped, runs of spaces (and of all white space
 * on one line) made one space, ends trimmed, so pasted spacing does not eat into the limit.
 * The hosted form's script counts the same way before it lets a form be sent.
 */
export function cleanFieldText(value: string, multiline: boolean): string {
	const withoutControls = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
	return multiline
		? withoutControls.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').trim()
		: withoutControls.replace(/\s+/g, ' ').trim();
}

const tooLong = (what: string, max: number): string => `Shorten ${what} to ${max} characters or fewer.`;

/** Every field's rule for one node's settings. */
export function fieldRules(settings: FieldRuleSettings): FieldRules {
	const required = (field: RequirableField): boolean => settings.requiredFields.includes(field);
	const name = settings.maxNameLength;
	// A full name holds a first and a last name.
	const fullName = name * 2;
	const reason = settings.maxReasonLength;
	return {
		firstName: {
			maxLength: name,
			required: required('firstName'),
			messages: { required: 'Enter your first name.', tooLong: tooLong('your first name', name), invalid: 'Enter your first name using letters.' },
		},
		lastName: {
			maxLength: name,
			required: required('lastName'),
			messages: { required: 'Enter your last name.', tooLong: tooLong('your last name', name), invalid: 'Enter your last name using letters.' },
		},
		fullName: {
			maxLength: fullName,
			required: required('firstName') || required('lastName'),
			messages: { required: 'Enter your name.', tooLong: tooLong('your name', fullName), invalid: 'Enter your name using letters.' },
		},
		phone: {
			maxLength: MAX_PHONE_LENGTH,
			required: true,
			messages: { required: PHONE_MISSING_MESSAGE, tooLong: tooLong('the phone number', MAX_PHONE_LENGTH), invalid: invalidPhoneMessage(settings.phone) },
		},
		email: {
			maxLength: MAX_EMAIL_LENGTH,
			required: required('email'),
			messages: {
				required: 'Enter your email address.',
				tooLong: tooLong('your email address', MAX_EMAIL_LENGTH),
				invalid: 'Enter a valid email address, for example name@example.com.',
			},
		},
		reason: {
			maxLength: reason,
			required: required('reason'),
			messages: { required: 'Tell us briefly what the call is about.', tooLong: tooLong('this', reason), invalid: '' },
		},
		preferredTime: {
			maxLength: null,
			required: false,
			messages: { required: 'Choose a time for us to call.', tooLong: '', invalid: 'Choose a date and time that has not passed yet.' },
		},
		timezone: {
			maxLength: MAX_TIMEZONE_LENGTH,
			required: false,
			messages: {
				required: 'Send the timezone of the lead.',
				tooLong: tooLong('the timezone', MAX_TIMEZONE_LENGTH),
				invalid: 'Use an IANA timezone name such as America/New_York.',
			},
		},
		consent: {
			maxLength: null,
			required: required('consent'),
			messages: { required: 'Please agree to be contacted so we can call you back.', tooLong: '', invalid: 'Send consent as yes or no.' },
		},
	};
}
