import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { describeRefusedNumber } from '../core/phone/numberPolicy';
import { decideLeadWindow } from '../core/schedule/leadWindow';
import { checkReminder, type ReminderRefusal } from '../core/schedule/reminder';
import { parseCallbackTime } from '../core/sms/callbackTimeText';
import { composeSms, placeholderValues, type SmsMessageType } from '../core/sms';
import type { OptOutStore } from '../shared/optOutStore';
import { twilioErrorCode } from '../transport/twilioApiError';
import { createMessage } from '../transport/twilioMessages';
import type { SmsRunSettings } from './readSmsSettings';
import { markedMessage, messageField, readSmsItem, type SmsItem } from './readSmsItem';

/** Twilio's code for a number that replied STOP to the sender. */
const UNSUBSCRIBED_RECIPIENT = 21610;

/**
 * Why a lead was not texted, as `sms.reason` tells it to the nodes after this one. The window
 * reasons are the calling nodes' own: a text follows the same rule as a call.
 */
export type NotSentReason =
	| 'opted-out'
	| 'outside-calling-window'
	| 'timezone-unknown'
	| 'number-not-allowed'
	| 'number-invalid'
	| 'not-reached-yet'
	| ReminderRefusal
	| 'upstream-error';

export type LeadSmsOutcome =
	| { kind: 'sent'; sms: IDataObject }
	| { kind: 'notSent'; sms: IDataObject }
	| { kind: 'wait'; opensAt: number; sms: IDataObject };

/** The text speaks of the time the lead booked, so {{ecbt}} says it on the clock. */
function isBookedTime(item: SmsItem, leadZone: string): boolean {
	try {
		const booked = parseCallbackTime(item.bookedTime, leadZone);
		return booked !== null && booked === parseCallbackTime(item.callbackTime, leadZone);
	} catch {
		// A callback time that is not one is reported where the text uses it.
		return false;
	}
}

function notSent(messageType: SmsMessageType, to: string, reason: NotSentReason, reasonText: string, extra: IDataObject = {}): LeadSmsOutcome {
	return { kind: 'notSent', sms: { status: 'not-sent', messageType, to, reason, reasonText, ...extra } };
}

/**
 * Writes to the opt-out list after Twilio has answered. The text has gone out (or Twilio has
 * refused it) by then, so a failing list must not fail the item: a re-run would text the lead
 * again. The problem is reported on the item instead.
 */
async function listWrite(write: () => Promise<void>): Promise<string | null> {
	try {
		await write();
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

function iso(instant: number): string {
	return new Date(instant).toISOString();
}

/**
 * Decides about and sends one lead's text: never to a number of a kind or country the user
 * does not allow, never to a number that opted out (the item, the opt-out list, or Twilio's
 * 21610 say so), only inside the lead's texting window, and with the text composed, checked
 * and counted before it goes.
 */
export async function textOneLead(context: IExecuteFunctions, itemIndex: number, settings: SmsRunSettings, store: OptOutStore, now: number): Promise<LeadSmsOutcome> {
	const { messageType } = settings;
	const item = readSmsItem(context, itemIndex, messageType);
	const { lead } = item;
	if (!lead.ok) {
		const reason = lead.problem === 'countryNotAllowed' || lead.problem === 'refusedNumberKind' ? 'number-not-allowed' : 'number-invalid';
		return notSent(messageType, item.typedTo, reason, describeRefusedNumber('Lead Phone', item.typedTo, lead, item.allowedCountries), {
			...(lead.country === undefined ? {} : { country: lead.country }),
			...(lead.numberKind === undefined ? {} : { numberKind: lead.numberKind }),
		});
	}
	const to = lead.e164;
	const optOutList = store.label;
	if (item.onlyAfterConnectedCall && !item.callConnected) {
		return notSent(messageType, to, 'not-reached-yet', 'Not texted: no call with this lead has connected yet (Only After a Call Connected is on).');
	}

	if (item.alreadyOptedOut) {
		return notSent(messageType, to, 'opted-out', 'The lead opted out of texts (Already Opted Out is set).', { optOutSource: 'item', optOutList });
	}
	const contact = await store.lookUp(to);
	if (contact.optedOut) {
		return notSent(messageType, to, 'opted-out', `${to} is on the opt-out list (${optOutList}, ${contact.source ?? 'no source'}${contact.updatedAt === null ? '' : `, ${contact.updatedAt}`}).`, {
			optOutSource: contact.source,
			optOutList,
		});
	}
	const window = decideLeadWindow({ now, itemTimezone: item.leadTimezone, phoneE164: to, rules: settings.windowRules, contact: 'texting' });
	if (window.leadZone === null) return notSent(messageType, to, window.reason, window.reasonText);
	const { leadZone } = window;
	if (messageType === 'reminder') {
		const reminder = checkReminder(parseCallbackTime(item.reminderAt, leadZone), parseCallbackTime(item.callbackTime, leadZone), now);
		if (!reminder.send) return notSent(messageType, to, reminder.reason, reminder.reasonText);
	}

	const textField = messageField(messageType, item);
	const composed = composeSms({
		marked: markedMessage(context, itemIndex, textField),
		values: placeholderValues({
			firstName: item.firstName,
			phone: to,
			callerId: item.callbackCallerId !== '' ? item.callbackCallerId : (item.from ?? ''),
			businessName: item.businessName,
			callbackTime: item.callbackTime,
			leadZone,
			now,
			booked: isBookedTime(item, leadZone),
		}),
		optOutLanguage: settings.optOutLanguage,
		isFirstMessage: !contact.known,
		extend: item.extend,
	});
	const textFacts: IDataObject = {
		text: composed.text,
		encoding: composed.encoding,
		segmentCount: composed.segmentCount,
		characters: composed.characters,
		notice: composed.notice,
		optOutLanguageAdded: composed.optOutLanguageAdded,
		leadTimezone: leadZone,
		...(textField === 'noShowText' ? { noShowText: true } : {}),
	};

	if (!window.allowed) {
		const opensAt = window.opensAt === null ? null : iso(window.opensAt);
		// A reminder held until the window opens could arrive after the call: it is skipped instead.
		if (settings.quietHours === 'wait' && window.opensAt !== null && messageType !== 'reminder') {
			return {
				kind: 'wait',
				opensAt: window.opensAt,
				sms: { status: 'waiting', messageType, to, reason: window.reason, reasonText: window.reasonText, opensAt, ...textFacts },
			};
		}
		return notSent(messageType, to, window.reason, window.reasonText, { opensAt, ...textFacts });
	}

	let message: IDataObject;
	try {
		message = await createMessage.call(
			context,
			{ to, from: item.from, messagingServiceSid: item.messagingServiceSid, body: composed.text, statusCallback: item.statusCallback },
			itemIndex,
		);
	} catch (error) {
		// Any other refusal is the transport's NodeApiError, carrying Twilio's code and message.
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (twilioErrorCode(error) !== UNSUBSCRIBED_RECIPIENT) throw error;
		const listError = await listWrite(() => store.markOptedOut(to, 'twilio-21610'));
		return notSent(messageType, to, 'opted-out', `Twilio refused the text: ${to} replied STOP to this sender (error 21610). ${listError === null ? `It is now on the opt-out list (${optOutList}).` : 'Twilio keeps refusing texts to it.'}`, {
			twilioCode: UNSUBSCRIBED_RECIPIENT,
			optOutSource: 'twilio-21610',
			optOutList,
			...(listError === null ? {} : { optOutListError: listError }),
		});
	}
	const listError = contact.known ? null : await listWrite(() => store.recordTexted(to));
	return {
		kind: 'sent',
		sms: {
			status: message.status ?? null,
			messageType,
			sid: message.sid ?? null,
			to,
			from: message.from ?? item.from ?? null,
			messagingServiceSid: message.messaging_service_sid ?? item.messagingServiceSid ?? null,
			...textFacts,
			...(listError === null ? {} : { optOutListError: listError }),
		},
	};
}
