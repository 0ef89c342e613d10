/** The one clean item a callback request starts a workflow with. */
export interface CallbackRequest {
	callbackId: string;
	/** ISO 8601, UTC. */
	requestedAt: string;
	contact: {
		firstName: string;
		lastName: string;
		/** E.164, e.g. +14155552671. */
		phone: string;
		/** ISO 3166 alpha-2 of the phone number, e.g. US. */
		phoneCountry: string;
		email: string | null;
		/**
		 * The extension typed after the number (`x123`, `ext. 45`, `#9`), digits only; Bridge Call
		 * keys it in once the line answers. Only present when the lead typed one.
		 */
		phoneExtension?: string;
	};
	reason: string | null;
	/** "asap" when the lead wants a call now, "scheduled" when they picked a time. */
	mode: 'asap' | 'scheduled';
	/** ISO 8601 with offset, in the lead's timezone when known. */
	preferredTime: string | null;
	/** IANA zone the lead gave (form or CRM); null when unknown. */
	timezone: string | null;
	consent: {
		given: boolean;
		text: string | null;
		at: string | null;
		ip: string | null;
		userAgent: string | null;
		pageUrl: string | null;
	};
	/** Where the request came from: hosted-form, highlevel, or what the form posted as its source. */
	source: string;
	/** Every submitted field that is not one of the above, as posted. */
	custom: Record<string, unknown>;
	/** The time slot booked for the call, when the trigger offers time slots and one was chosen. */
	slot?: BookedSlot;
	/** Priority callbacks may use the places kept for them; only there when the trigger reads a priority. */
	priority?: 'high' | 'normal';
}

/** A booked slot, as the lead reads it and as the store counts it. */
export interface BookedSlot {
	/** ISO 8601, UTC. */
	start: string;
	end: string;
	/** "Mon 7 Dec, 9:30 AM EST": in the lead's zone, for the confirmation text. */
	text: string;
	/** IANA zone of `text`. */
	timezone: string;
	/** This booking's place in the slot, from 1. */
	place: number;
}

/** A field the lead (or the posting form) has to fix. */
export interface FieldError {
	/** The field name as it was submitted (or the form's name for it when it was missing). */
	field: string;
	message: string;
}

/** The fields a submission is read into before validation. */
export const CALLBACK_FIELDS = [
	'firstName',
	'lastName',
	'fullName',
	'phone',
	'email',
	'reason',
	'preferredTime',
	'timezone',
	'consent',
	'consentText',
	'pageUrl',
	'source',
] as const;

export type CallbackField = (typeof CALLBACK_FIELDS)[number];

/** The name each field has on the hosted form (and in error answers when it was not sent at all). */
export const FORM_FIELD_NAMES: Record<CallbackField, string> = {
	firstName: 'first_name',
	lastName: 'last_name',
	fullName: 'name',
	phone: 'phone',
	email: 'email',
	reason: 'reason',
	preferredTime: 'preferred_time',
	timezone: 'timezone',
	consent: 'consent',
	consentText: 'consent_text',
	pageUrl: 'page_url',
	source: 'source',
};
