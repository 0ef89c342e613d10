import type { CallEngine, InboundCallOutcome } from './callEngine';
import type { CallRecord } from './calls';
import { recordInboundMessage, sendMessage, type MessageRecord } from './messages';
import { numberWebhook, type IncomingNumber } from './phoneNumbers';
import type { SandboxState } from './sandboxState';
import { segmentCount } from './segments';
import type { WebhookParams } from './signature';
import { DEBUGGER_CODES, TwilioApiError, type DebuggerCode } from './twilioErrors';
import { geoParameters, isRoutablePhoneNumber } from './twilioFormats';
import { TwimlError, parseTwiml, type TwimlVerb } from './twimlDocument';
import type { WebhookDelivery } from './webhooks';

/**
 * Traffic from phones to the account's numbers: an SMS posted to the number's SmsUrl (its
 * TwiML reply sends messages back), and a call that is answered through the number's VoiceUrl
 * or missed before anything answers it.
 */

export class InboundError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export interface InboundSms {
	from: string;
	to: string;
	body: string;
	mediaUrls?: string[];
}

export interface InboundSmsResult {
	message: MessageRecord;
	/** The request to the number's SmsUrl (null when the number has none). */
	webhook: WebhookDelivery | null;
	/** Messages the TwiML reply sent. */
	replies: MessageRecord[];
	/** Twilio's own answer to STOP / START / HELP, when the body was such a keyword. */
	autoReply: MessageRecord | null;
}

export interface InboundCall {
	from: string;
	to: string;
	/** answered (through VoiceUrl) or missed: no-answer, busy, canceled (caller hung up). */
	outcome?: InboundCallOutcome;
	/** How long a missed call rings, in call seconds (default 5). */
	ringFor?: number;
}

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

/** Twilio's default replies to the opt-out keywords. */
const KEYWORD_REPLIES: Record<'STOP' | 'START' | 'HELP', string> = {
	STOP: 'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.',
	START: 'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
	HELP: 'Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
};

const MAX_SMS_REDIRECTS = 10;

function ownedNumber(state: SandboxState, to: string): IncomingNumber {
	const number = state.numbers.get(to);
	if (number === undefined) throw new InboundError(404, `${to} is not a number of any sandbox account; register it first`);
	return number;
}

export async function receiveSms(state: SandboxState, sms: InboundSms): Promise<InboundSmsResult> {
	if (!isRoutablePhoneNumber(sms.from)) throw new InboundError(400, `from must be a valid E.164 number, got ${sms.from}`);
	const number = ownedNumber(state, sms.to);
	const account = state.account(number.accountSid);
	if (account === undefined) throw new InboundError(500, `number ${sms.to} has no account`);
	const mediaUrls = sms.mediaUrls ?? [];
	const message = recordInboundMessage(state, { accountSid: account.sid, from: sms.from, to: sms.to, body: sms.body, mediaUrls });
	state.log(`inbound sms ${message.sid} ${sms.from} -> ${sms.to}: ${sms.body}`);

	const keyword = sms.body.trim().toUpperCase();
	const optOutType = OPT_OUT.has(keyword) ? 'STOP' : OPT_IN.has(keyword) ? 'START' : HELP.has(keyword) ? 'HELP' : undefined;
	let autoReply: MessageRecord | null = null;
	if (optOutType !== undefined) {
		if (optOutType === 'STOP') state.setOptOut(account.sid, sms.from, true);
		if (optOutType === 'START') state.setOptOut(account.sid, sms.from, false);
		autoReply = sendMessage(
			state,
			{ accountSid: account.sid, direction: 'outbound-reply', from: sms.to, to: sms.from, body: KEYWORD_REPLIES[optOutType] },
			{ optOutReply: true },
		);
	}

	const webhook = numberWebhook(number, 'sms');
	if (webhook === undefined) return { message, webhook: null, replies: [], autoReply };
	const params: WebhookParams = {
		ToCountry: geoParameters('To', sms.to).ToCountry ?? '',
		ToState: '',
		SmsMessageSid: message.sid,
		NumMedia: String(mediaUrls.length),
		ToCity: '',
		FromZip: '',
		SmsSid: message.sid,
		FromState: '',
		SmsStatus: 'received',
		FromCity: '',
		Body: sms.body,
		FromCountry: geoParameters('From', sms.from).FromCountry ?? '',
		To: sms.to,
		ToZip: '',
		NumSegments: String(Math.max(1, segmentCount(sms.body).segments)),
		MessageSid: message.sid,
		AccountSid: account.sid,
		From: sms.from,
		ApiVersion: '2010-04-01',
	};
	if (message.messagingServiceSid !== null) params.MessagingServiceSid = message.messagingServiceSid;
	if (optOutType !== undefined) params.OptOutType = optOutType;
	mediaUrls.forEach((url, index) => {
		params[`MediaUrl${index}`] = url;
		params[`MediaContentType${index}`] = 'image/jpeg';
	});

	const replies: MessageRecord[] = [];
	const notify = (error: DebuggerCode, detail: string, url: string, body?: string, warning = false): void => {
		state.notify({ accountSid: account.sid, messageSid: message.sid, error, detail, warning, requestUrl: url, requestMethod: webhook.method, responseBody: body });
	};
	let target: { url: string; method: 'GET' | 'POST'; kind: 'sms' | 'sms-action' } | undefined = { ...webhook, kind: 'sms' };
	let firstDelivery: WebhookDelivery | null = null;
	for (let round = 0; target !== undefined && round < MAX_SMS_REDIRECTS; round++) {
		const dropped = state.faults.shouldDrop(target.kind, message.sid, [sms.from, sms.to]);
		const delivery = await state.webhooks.send({ ...target, params, authToken: account.authToken, relatedSid: message.sid, dropped });
		firstDelivery ??= delivery;
		const current: { url: string; method: 'GET' | 'POST' } = target;
		target = undefined;
		if (delivery.dropped) break;
		if (delivery.error !== undefined || delivery.status === undefined || delivery.status < 200 || delivery.status >= 300) {
			notify(DEBUGGER_CODES.httpRetrievalFailure, delivery.error ?? `${current.url} answered ${delivery.status}`, current.url, delivery.body);
			break;
		}
		const contentType = (delivery.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
		if (contentType !== 'text/xml' && contentType !== 'application/xml') {
			// Twilio logs a warning and sends no reply when the answer is not TwiML.
			notify(DEBUGGER_CODES.invalidContentType, `the SMS webhook answered '${contentType}', not TwiML`, current.url, delivery.body, true);
			break;
		}
		let response: TwimlVerb;
		try {
			response = parseTwiml(delivery.body ?? '', 'messaging');
		} catch (error) {
			if (!(error instanceof TwimlError)) throw error;
			notify(error.problem === 'parse' ? DEBUGGER_CODES.documentParseFailure : DEBUGGER_CODES.schemaValidation, error.message, current.url, delivery.body);
			break;
		}
		for (const verb of response.children) {
			if (verb.name === 'Redirect') {
				target = { url: new URL(verb.text, current.url).toString(), method: verb.attributes.method === 'GET' ? 'GET' : 'POST', kind: 'sms-action' };
				break;
			}
			const reply = replyMessage(state, verb, current.url, { accountSid: account.sid, inboundFrom: sms.from, inboundTo: sms.to });
			if (reply instanceof TwilioApiError) notify({ code: String(reply.code), text: reply.message }, 'the <Message> reply was refused', current.url);
			else replies.push(reply);
		}
	}
	return { message, webhook: firstDelivery, replies, autoReply };
}

function replyMessage(
	state: SandboxState,
	verb: TwimlVerb,
	documentUrl: string,
	context: { accountSid: string; inboundFrom: string; inboundTo: string },
): MessageRecord | TwilioApiError {
	const bodyChild = verb.children.find((child) => child.name === 'Body');
	const statusCallback = verb.attributes.statusCallback;
	try {
		return sendMessage(state, {
			accountSid: context.accountSid,
			direction: 'outbound-reply',
			from: verb.attributes.from ?? context.inboundTo,
			to: verb.attributes.to ?? context.inboundFrom,
			body: bodyChild?.text ?? verb.text,
			mediaUrls: verb.children.filter((child) => child.name === 'Media').map((child) => child.text),
			statusCallback: statusCallback === undefined ? undefined : new URL(statusCallback, documentUrl).toString(),
		});
	} catch (error) {
		if (error instanceof TwilioApiError) return error;
		throw error;
	}
}

export function receiveCall(state: SandboxState, engine: CallEngine, call: InboundCall): CallRecord {
	if (!isRoutablePhoneNumber(call.from)) throw new InboundError(400, `from must be a valid E.164 number, got ${call.from}`);
	const number = ownedNumber(state, call.to);
	const outcome = call.outcome ?? 'answered';
	if (!['answered', 'no-answer', 'busy', 'canceled'].includes(outcome)) {
		throw new InboundError(400, `outcome must be answered, no-answer, busy or canceled, got ${String(outcome)}`);
	}
	if (outcome === 'answered' && numberWebhook(number, 'voice') === undefined) {
		throw new InboundError(400, `${call.to} has no VoiceUrl to answer the call with`);
	}
	const ringFor = call.ringFor ?? (outcome === 'busy' ? 1 : 5);
	if (typeof ringFor !== 'number' || ringFor < 0) throw new InboundError(400, 'ringFor must be seconds >= 0');
	return engine.receiveInboundCall(number, call.from, outcome, ringFor);
}
