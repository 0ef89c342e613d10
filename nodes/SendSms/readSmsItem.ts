import type { IExecuteFunctions } from 'n8n-workflow';

import { BRIDGE_KEY } from '../BridgeCall/bridgeState';
import { businessNumber } from '../core/calls/phoneNumbers';
import { DEFAULT_ALLOWED_COUNTRIES } from '../core/phone/numberPolicy';
import { parseLeadPhoneNumber, type LeadPhoneNumber } from '../core/phone/parseLeadPhoneNumber';
import { withSurveyLink, SmsTextError, markPlaceholders, type SmsMessageType } from '../core/sms';
import { parameterText } from '../shared/nodeParameterText';

/** One item's side of the text: who it goes to, from which sender, and the lead data it mentions. */
export interface SmsItem {
	/** The Lead Phone as given, for the item and for messages about it. */
	typedTo: string;
	/** The lead's number read by the same rule as the trigger's: allowed countries, never a costly kind. */
	lead: LeadPhoneNumber;
	/** The countries the lead's number may be in (empty: every country). */
	allowedCountries: string[];
	from: string | undefined;
	messagingServiceSid: string | undefined;
	statusCallback: string | undefined;
	firstName: string;
	callbackTime: string;
	/** When the reminder is due (reminder texts only); empty when none is. */
	reminderAt: string;
	leadTimezone: string;
	alreadyOptedOut: boolean;
	/** Texts only once a call with the lead connected: the Bridge Call result on the item says so. */
	onlyAfterConnectedCall: boolean;
	callConnected: boolean;
	/** The Tag Router that ended the callback flagged the lead a no-show (callback.noShow.flagged). */
	noShow: boolean;
	/** The time the lead booked (the trigger's scheduled preferredTime, or the Tag Router's bookedFor); empty when none. */
	bookedTime: string;
	businessName: string;
	/** Empty: the From number. */
	callbackCallerId: string;
	/** Adds the success text's survey link, if any. */
	extend: ((text: string) => string) | undefined;
}

const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

function allowedCountries(context: IExecuteFunctions, itemIndex: number): string[] {
	const value = context.getNodeParameter('allowedCountries', itemIndex, [...DEFAULT_ALLOWED_COUNTRIES]) as unknown;
	return Array.isArray(value) ? value.map(String) : [];
}

function connectedCallRule(context: IExecuteFunctions, itemIndex: number): { onlyAfterConnectedCall: boolean; callConnected: boolean } {
	const onlyAfterConnectedCall = context.getNodeParameter('onlyAfterConnectedCall', itemIndex, false) === true;
	const bridge = context.getInputData()[itemIndex]?.json[BRIDGE_KEY] as { connected?: unknown } | undefined;
	return { onlyAfterConnectedCall, callConnected: bridge?.connected === true };
}

function flaggedNoShow(context: IExecuteFunctions, itemIndex: number): boolean {
	const callback = context.getInputData()[itemIndex]?.json.callback as { noShow?: { flagged?: unknown } } | undefined;
	return callback?.noShow?.flagged === true;
}

function bookedTime(context: IExecuteFunctions, itemIndex: number): string {
	const json = context.getInputData()[itemIndex]?.json ?? {};
	if (json.mode === 'scheduled' && typeof json.preferredTime === 'string') return json.preferredTime;
	const bookedFor = (json.callback as { bookedFor?: unknown } | undefined)?.bookedFor;
	return typeof bookedFor === 'string' ? bookedFor : '';
}

export function readSmsItem(context: IExecuteFunctions, itemIndex: number, messageType: SmsMessageType): SmsItem {
	const senderType = context.getNodeParameter('senderType', itemIndex, 'phoneNumber') as 'phoneNumber' | 'messagingService';
	let from: string | undefined;
	let messagingServiceSid: string | undefined;
	if (senderType === 'phoneNumber') {
		from = businessNumber(parameterText(context, 'from', itemIndex), 'From Number');
	} else {
		messagingServiceSid = parameterText(context, 'messagingServiceSid', itemIndex);
		if (!MESSAGING_SERVICE_SID.test(messagingServiceSid)) {
			throw new SmsTextError(`Messaging Service SID "${messagingServiceSid}" is not one: it starts with MG followed by 32 hexadecimal characters`);
		}
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as { statusCallback?: string };
	const statusCallback = (options.statusCallback ?? '').trim();
	if (statusCallback !== '' && !/^https?:\/\/\S+$/i.test(statusCallback)) {
		throw new SmsTextError(`Status Callback URL "${statusCallback}" is not an http(s) URL`);
	}
	const surveyLink = messageType === 'success' ? parameterText(context, 'surveyLink', itemIndex) : '';
	const typedTo = parameterText(context, 'to', itemIndex);
	const countries = allowedCountries(context, itemIndex);
	return {
		typedTo,
		lead: parseLeadPhoneNumber(typedTo, { defaultCountry: 'US', allowedCountries: countries }),
		allowedCountries: countries,
		from,
		messagingServiceSid,
		statusCallback: statusCallback === '' ? undefined : statusCallback,
		firstName: parameterText(context, 'firstName', itemIndex),
		callbackTime: parameterText(context, 'callbackTime', itemIndex),
		reminderAt: messageType === 'reminder' ? parameterText(context, 'reminderAt', itemIndex) : '',
		leadTimezone: parameterText(context, 'leadTimezone', itemIndex),
		alreadyOptedOut: context.getNodeParameter('alreadyOptedOut', itemIndex, false) === true,
		...connectedCallRule(context, itemIndex),
		noShow: flaggedNoShow(context, itemIndex),
		bookedTime: bookedTime(context, itemIndex),
		businessName: parameterText(context, 'businessName', itemIndex),
		callbackCallerId: parameterText(context, 'callbackCallerId', itemIndex),
		extend: surveyLink === '' ? undefined : (filled: string) => withSurveyLink(filled, surveyLink),
	};
}

/** The field holding the text to send: the type's own, or the No-Show Text for a final text to a no-show. */
export function messageField(messageType: SmsMessageType, item: Pick<SmsItem, 'noShow'>): string {
	return messageType === 'finalAttempt' && item.noShow ? 'noShowText' : `${messageType}Text`;
}

/**
 * The message with its placeholders marked and n8n's own expressions resolved. The field is
 * read raw: n8n would otherwise evaluate `{{first-name}}` as JavaScript and leave nothing.
 */
export function markedMessage(context: IExecuteFunctions, itemIndex: number, textField: string): string {
	const raw = context.getNodeParameter(textField, itemIndex, '', { rawExpressions: true });
	const template = typeof raw === 'string' ? raw : String(raw ?? '');
	if (!template.startsWith('=')) return markPlaceholders(template, { expressionMode: false });
	const evaluated = context.evaluateExpression(markPlaceholders(template.slice(1), { expressionMode: true }), itemIndex);
	return evaluated === null || evaluated === undefined ? '' : String(evaluated);
}
