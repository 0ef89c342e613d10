import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { expectedCallbackTimeText, parseCallbackTime, scheduledTimeText } from './callbackTimeText';
import { SmsTextError } from './errors';
import type { PlaceholderValues } from './placeholders';

/** What the placeholders of one text are filled from. */
export interface SmsLeadData {
	readonly firstName: string;
	/** The lead's number, E.164. */
	readonly phone: string;
	/** The number the callback comes from, E.164; empty when unknown. */
	readonly callerId: string;
	readonly businessName: string;
	/** ISO 8601; empty when the callback has no time yet. */
	readonly callbackTime: string;
	readonly leadZone: string;
	readonly now: number;
	/** The callback time is one the lead booked (a slot or a preferred time): {{ecbt}} says its clock time. */
	readonly booked?: boolean;
}

/** A number as people write it: "+1 415 555 2671". */
export function readableNumber(e164: string): string {
	return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

function required(value: string, placeholder: string, field: string): string {
	if (value.trim() === '') throw new SmsTextError(`The message uses {{${placeholder}}}, but ${field} is empty.`);
	return value.trim();
}

/** The value of each placeholder for one lead; each is worked out only if the text uses it. */
export function placeholderValues(lead: SmsLeadData): PlaceholderValues {
	const callbackAt = (): number | null => parseCallbackTime(lead.callbackTime, lead.leadZone);
	return {
		// Empty for a lead who only texted: the text reads on without the name.
		'first-name': () => lead.firstName.trim(),
		'contact-number': () => readableNumber(lead.phone),
		'callback-cid': () => readableNumber(required(lead.callerId, 'callback-cid', 'Callback Caller ID (and there is no From Number to use instead)')),
		ecbt: () => expectedCallbackTimeText(callbackAt(), lead.now, lead.leadZone, lead.booked === true),
		'scheduled-time': () => scheduledTimeText(callbackAt(), lead.leadZone),
		'business-name': () => required(lead.businessName, 'business-name', 'Business Name'),
	};
}
