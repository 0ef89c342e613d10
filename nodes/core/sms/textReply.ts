import { DateTime } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import type { CallbackRequest } from '../callbackRequest/CallbackRequest';
import { parseLeadPhoneNumber, type PhoneNumberRules } from '../phone/parseLeadPhoneNumber';
import { leadTimezone } from '../schedule/leadTimezone';
import { readReplyIntent, type ReplyIntent } from './replyIntent';
import { readRequestedTime } from './requestedTime';

/** The SMS Reply Trigger's outputs, in the order the editor shows them. */
export const TEXT_REPLY_OUTPUTS = ['status', 'cancel', 'callMe', 'reschedule', 'updateNumber', 'optOut', 'optIn', 'help', 'other'] as const;

export type TextReplyOutput = (typeof TEXT_REPLY_OUTPUTS)[number];

export const TEXT_REPLY_OUTPUT_NAMES: Record<TextReplyOutput, string> = {
	status: 'Status',
	cancel: 'Cancel',
	callMe: 'Call Me',
	reschedule: 'Reschedule',
	updateNumber: 'New Number',
	optOut: 'Opted Out',
	optIn: 'Opted In',
	help: 'Help',
	other: 'Other',
};

/** One text a lead sent to the business number, as Twilio posted it. */
export interface InboundText {
	/** E.164, the lead's phone. */
	from: string;
	/** E.164, the business number texted. */
	to: string;
	body: string;
	messageSid: string;
	receivedAt: DateTime;
}

export interface TextReplyRules {
	/** Countries a new number (UPDATE) may be in, the same policy as the trigger's. */
	allowedCountries: string[];
	/** The clock a time in words is read on when the lead's own cannot be told from the number. */
	businessTimezone: string;
	newCallbackId: () => string;
}

/** What the workflow gets about the text, under `reply`. */
export interface TextReply {
	intent: ReplyIntent['kind'];
	/** The text as the lead wrote it. */
	text: string;
	/** The carrier keyword (STOP, START, HELP, …) for opt-out, opt-in and help. */
	keyword?: string;
	/** CANCEL: the carrier opted the number out and the lead's open callback is to be called off. */
	cancelsCallback?: boolean;
	/** RESCHEDULE: the time asked for, ISO 8601 on the lead's clock; null when none could be read. */
	requestedTime?: string | null;
	/** RESCHEDULE without a usable time: empty, unreadable or past. */
	requestedTimeProblem?: 'empty' | 'unreadable' | 'past';
	/** UPDATE: the new number in E.164, or null with numberProblem saying why not. */
	newNumber?: string | null;
	numberProblem?: string;
	messageSid: string;
	/** The business number the lead texted. */
	to: string;
	receivedAt: string;
}

/** The trigger's item: a callback request whose id is set only when the text asks for a new callback. */
export type TextReplyItem = Omit<CallbackRequest, 'callbackId'> & { callbackId: string | null; reply: TextReply };

/**
 * The item for one text: the lead as a callback request (the shape the Callback Request Trigger
 * starts with, source `sms`), and `reply` with what the text means. Only Call Me and a
 * Reschedule with a time ask for a new callback, so only they carry a new callback id; the
 * others name no callback, so the Tag Router finds the phone's latest one.
 */
export function readTextReply(text: InboundText, rules: TextReplyRules): { output: TextReplyOutput; item: TextReplyItem } {
	const intent = readReplyIntent(text.body);
	const phone = parsePhoneNumberFromString(text.from);
	const zone = leadTimezone({ phoneE164: text.from, fallback: 'businessTimezone', businessTimezone: rules.businessTimezone });
	const clock = zone.zone ?? rules.businessTimezone;
	const receivedAt = text.receivedAt.toUTC().toISO() ?? '';
	const reply: TextReply = { intent: intent.kind, text: text.body, messageSid: text.messageSid, to: text.to, receivedAt };
	let preferredTime: string | null = null;

	if (intent.kind === 'optOut') {
		reply.keyword = intent.keyword;
		reply.cancelsCallback = intent.cancelsCallback;
	} else if (intent.kind === 'optIn' || intent.kind === 'help') {
		reply.keyword = intent.keyword;
	} else if (intent.kind === 'reschedule') {
		const requested = readRequestedTime(intent.when, text.receivedAt, clock);
		if (requested.ok) preferredTime = requested.at.toISO();
		else reply.requestedTimeProblem = requested.problem;
		reply.requestedTime = preferredTime;
	} else if (intent.kind === 'updateNumber') {
		const numberRules: PhoneNumberRules = { defaultCountry: phone?.country ?? 'US', allowedCountries: rules.allowedCountries };
		const parsed = parseLeadPhoneNumber(intent.number, numberRules);
		reply.newNumber = parsed.ok ? parsed.e164 : null;
		if (!parsed.ok) reply.numberProblem = parsed.message;
	}

	const asksForCallback = intent.kind === 'callMe' || (intent.kind === 'reschedule' && preferredTime !== null);
	const item: TextReplyItem = {
		callbackId: asksForCallback ? rules.newCallbackId() : null,
		requestedAt: receivedAt,
		contact: { firstName: '', lastName: '', phone: text.from, phoneCountry: phone?.country ?? '', email: null },
		reason: null,
		mode: preferredTime === null ? 'asap' : 'scheduled',
		preferredTime,
		timezone: zone.zone,
		consent: { given: true, text: text.body, at: receivedAt, ip: null, userAgent: null, pageUrl: null },
		source: 'sms',
		custom: {},
		reply,
	};
	return { output: intent.kind, item };
}
