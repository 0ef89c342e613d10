import { REMINDER_BEFORE_MINUTES } from '../schedule/reminder';

/** The texts a callback sends, one per moment of its life. */
export type SmsMessageType = 'confirmation' | 'reminder' | 'missedCall' | 'finalAttempt' | 'success' | 'custom';

export const SMS_MESSAGE_TYPES: readonly SmsMessageType[] = ['confirmation', 'reminder', 'missedCall', 'finalAttempt', 'success', 'custom'];

/**
 * A good first text for each moment; users edit them in the node. Each stays within 140
 * characters for usual names and numbers, and uses GSM-7 characters only, so it goes out as
 * one segment.
 */
export const DEFAULT_TEXTS: Readonly<Record<SmsMessageType, string>> = {
	// Tells the lead which number will ring, so they pick up, and how to stop texts.
	confirmation: 'Hi {{first-name}}, {{business-name}} will call you {{ecbt}} from {{callback-cid}}. Reply STOP to opt out.',
	reminder: `Hi {{first-name}}, {{business-name}} will call you within ${REMINDER_BEFORE_MINUTES} minutes from {{callback-cid}}.`,
	missedCall: 'Hi {{first-name}}, {{business-name}} just tried to call you. We will try again {{ecbt}} from {{callback-cid}}.',
	finalAttempt: 'Hi {{first-name}}, {{business-name}} could not reach you. If you still want a call, just send us a new callback request.',
	success: 'Thank you for talking with {{business-name}}, {{first-name}}.',
	custom: '',
};

/**
 * Sent instead of the final-attempt text when the lead has just become a no-show (several
 * booked callbacks missed in a row): no invitation to book again, a number to call instead.
 */
export const DEFAULT_NO_SHOW_TEXT = 'Hi {{first-name}}, {{business-name}} tried to reach you several times. Please call us at {{callback-cid}} when it suits you.';

/** Added after the success text when the node has a survey link. */
export function withSurveyLink(text: string, surveyLink: string): string {
	const link = surveyLink.trim();
	return link === '' ? text : `${text.trimEnd()} How did we do? ${link}`;
}
