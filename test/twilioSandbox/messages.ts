import { listPage, newestFirst, type RestContext, type RestResult } from './restContext';
import type { SandboxState } from './sandboxState';
import { segmentCount, type SmsEncoding } from './segments';
import type { WebhookParams } from './signature';
import { newSid } from './sids';
import { DEBUGGER_CODES, notFound, twilioError } from './twilioErrors';
import { rfc2822 } from './twilioFormats';

export type MessageStatus =
	| 'accepted'
	| 'queued'
	| 'sending'
	| 'sent'
	| 'delivered'
	| 'undelivered'
	| 'failed'
	| 'received'
	| 'canceled';

export type MessageDirection = 'inbound' | 'outbound-api' | 'outbound-reply';

export interface MessageRecord {
	sid: string;
	accountSid: string;
	direction: MessageDirection;
	/** Null until a messaging service picks a sender from its pool. */
	from: string | null;
	to: string;
	body: string;
	encoding: SmsEncoding;
	numSegments: number;
	mediaUrls: string[];
	contentSid: string | null;
	messagingServiceSid: string | null;
	status: MessageStatus;
	errorCode: number | null;
	errorMessage: string | null;
	price: string | null;
	dateCreated: Date;
	dateUpdated: Date;
	dateSent: Date | null;
	statusCallback: string | null;
	/** Every status the message went through, with the simulated time. */
	history: { status: MessageStatus; at: string }[];
}

export interface OutboundMessageInput {
	accountSid: string;
	direction: 'outbound-api' | 'outbound-reply';
	to: string;
	from?: string;
	messagingServiceSid?: string;
	body?: string;
	mediaUrls?: string[];
	contentSid?: string;
	statusCallback?: string;
}

const FINAL_STATUSES = new Set<MessageStatus>(['delivered', 'undelivered', 'failed', 'received', 'canceled']);
const MAX_BODY_CHARACTERS = 1600;

/** Seconds between the steps of an outbound message's life, in call seconds. */
const STEP_SECONDS = { accept: 0.2, queue: 0.3, send: 0.3, deliver: 0.6 };

const FAILURE_TEXT: Record<number, string> = {
	30003: 'Unreachable destination handset',
	30005: 'Unknown destination handset',
	30006: 'Landline or unreachable carrier',
	30007: 'Message filtered',
	30008: 'Unknown error',
};

export function isFinalMessageStatus(status: MessageStatus): boolean {
	return FINAL_STATUSES.has(status);
}

export function messageResource(message: MessageRecord): Record<string, unknown> {
	const uriBase = `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}`;
	return {
		account_sid: message.accountSid,
		api_version: '2010-04-01',
		body: message.body,
		date_created: rfc2822(message.dateCreated),
		date_sent: message.dateSent === null ? null : rfc2822(message.dateSent),
		date_updated: rfc2822(message.dateUpdated),
		direction: message.direction,
		error_code: message.errorCode,
		error_message: message.errorMessage,
		from: message.from,
		messaging_service_sid: message.messagingServiceSid,
		num_media: String(message.mediaUrls.length),
		num_segments: String(message.numSegments),
		price: message.price,
		price_unit: 'USD',
		sid: message.sid,
		status: message.status,
		subresource_uris: { media: `${uriBase}/Media.json`, feedback: `${uriBase}/Feedback.json` },
		to: message.to,
		uri: `${uriBase}.json`,
	};
}

function newMessage(state: SandboxState, fields: Pick<MessageRecord, 'accountSid' | 'direction' | 'from' | 'to' | 'body' | 'mediaUrls' | 'contentSid' | 'messagingServiceSid' | 'status' | 'statusCallback'>): MessageRecord {
	const now = state.clock.now();
	const count = segmentCount(fields.body);
	const message: MessageRecord = {
		...fields,
		sid: newSid(fields.mediaUrls.length > 0 ? 'MM' : 'SM'),
		encoding: count.encoding,
		// A media-only message still counts one segment, as Twilio reports it.
		numSegments: Math.max(count.segments, fields.mediaUrls.length > 0 || fields.contentSid !== null ? 1 : 0),
		errorCode: null,
		errorMessage: null,
		price: null,
		dateCreated: now,
		dateUpdated: now,
		dateSent: null,
		history: [{ status: fields.status, at: now.toISOString() }],
	};
	state.messages.push(message);
	return message;
}

/**
 * Checks an outbound message the way Twilio does before accepting it, records it and starts
 * its delivery. Throws the TwilioApiError Twilio would answer with.
 */
export function sendMessage(state: SandboxState, input: OutboundMessageInput, options: { optOutReply?: boolean } = {}): MessageRecord {
	const { accountSid } = input;
	let from: string | null = null;
	let serviceSid: string | null = null;
	if (input.from === undefined && input.messagingServiceSid === undefined) {
		throw twilioError(21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
	}
	if (input.from !== undefined) {
		if (state.ownedNumber(accountSid, input.from) === undefined) {
			throw twilioError(21660, `Mismatch between the 'From' number ${input.from} and the account ${accountSid}`);
		}
		from = input.from;
	}
	if (input.messagingServiceSid !== undefined) {
		const service = state.messagingServices.get(input.messagingServiceSid);
		if (service === undefined || service.accountSid !== accountSid) {
			throw twilioError(21701, `The Messaging Service Sid ${input.messagingServiceSid} is invalid`);
		}
		if (service.phoneNumbers.length === 0) throw twilioError(21704, `The Messaging Service ${service.sid} contains no phone numbers`);
		serviceSid = service.sid;
	}
	const body = input.body ?? '';
	const mediaUrls = input.mediaUrls ?? [];
	if (body === '' && mediaUrls.length === 0 && input.contentSid === undefined) {
		throw twilioError(21602, 'Message body is required.');
	}
	if (input.contentSid !== undefined) {
		const template = state.contentTemplates.get(input.contentSid);
		if (template === undefined || template.accountSid !== accountSid) throw twilioError(21655, `The ContentSid ${input.contentSid} is invalid`);
	}
	if (Array.from(body).length > MAX_BODY_CHARACTERS) {
		throw twilioError(21617, 'The concatenated message body exceeds the 1600 character limit.');
	}
	if (from !== null && from === input.to) throw twilioError(21266, "'To' and 'From' number cannot be the same");
	// The confirmation of a STOP itself still reaches the phone that opted out.
	if (options.optOutReply !== true && state.isOptedOut(accountSid, input.to)) {
		throw twilioError(21610, `Attempt to send to unsubscribed recipient ${input.to}`);
	}
	const templateBody = input.contentSid === undefined ? undefined : state.contentTemplates.get(input.contentSid)?.body;
	const message = newMessage(state, {
		accountSid,
		direction: input.direction,
		from,
		to: input.to,
		body: body === '' && templateBody !== undefined ? templateBody : body,
		mediaUrls,
		contentSid: input.contentSid ?? null,
		messagingServiceSid: serviceSid,
		// Through a messaging service without a sender, Twilio first answers `accepted`.
		status: from === null ? 'accepted' : 'queued',
		statusCallback: input.statusCallback ?? null,
	});
	state.log(`message ${message.sid} ${message.from ?? message.messagingServiceSid} -> ${message.to} (${message.numSegments} segment(s), ${message.encoding})`);
	void deliver(state, message);
	return message;
}

/** Records a message a phone texted to one of the account's numbers. */
export function recordInboundMessage(
	state: SandboxState,
	fields: { accountSid: string; from: string; to: string; body: string; mediaUrls: string[] },
): MessageRecord {
	return newMessage(state, {
		...fields,
		direction: 'inbound',
		contentSid: null,
		messagingServiceSid: state.serviceOfNumber(fields.to)?.sid ?? null,
		status: 'received',
		statusCallback: null,
	});
}

async function deliver(state: SandboxState, message: MessageRecord): Promise<void> {
	const { clock } = state;
	const outcome = state.scenarios.behaviourFor(message.to);
	if (message.status === 'accepted') {
		await clock.sleep(STEP_SECONDS.accept);
		const service = message.messagingServiceSid === null ? undefined : state.messagingServices.get(message.messagingServiceSid);
		message.from = service?.phoneNumbers[0] ?? null;
		transition(state, message, 'queued');
	}
	await clock.sleep(STEP_SECONDS.queue);
	if (message.status === 'canceled') return;
	if (outcome.sms === 'fail') {
		fail(state, message, 'failed', outcome.smsErrorCode ?? 30008);
		return;
	}
	transition(state, message, 'sending');
	await clock.sleep(STEP_SECONDS.send);
	message.dateSent = clock.now();
	message.price = `-${(0.0079 * Math.max(1, message.numSegments)).toFixed(5)}`;
	transition(state, message, 'sent');
	await clock.sleep(STEP_SECONDS.deliver);
	if (outcome.sms === 'undelivered') {
		fail(state, message, 'undelivered', outcome.smsErrorCode ?? 30003);
		return;
	}
	transition(state, message, 'delivered');
}

function fail(state: SandboxState, message: MessageRecord, status: 'failed' | 'undelivered', code: number): void {
	message.errorCode = code;
	message.errorMessage = FAILURE_TEXT[code] ?? 'Delivery failed';
	transition(state, message, status);
}

function transition(state: SandboxState, message: MessageRecord, status: MessageStatus): void {
	// A reset (or a delete) forgets the message: its delivery stops without callbacks.
	if (!state.messages.includes(message)) return;
	message.status = status;
	message.dateUpdated = state.clock.now();
	message.history.push({ status, at: message.dateUpdated.toISOString() });
	if (message.statusCallback === null) return;
	const account = state.account(message.accountSid);
	if (account === undefined) return;
	const params: WebhookParams = {
		AccountSid: message.accountSid,
		ApiVersion: '2010-04-01',
		From: message.from ?? '',
		To: message.to,
		MessageSid: message.sid,
		SmsSid: message.sid,
		MessageStatus: status,
		SmsStatus: status,
	};
	if (message.messagingServiceSid !== null) params.MessagingServiceSid = message.messagingServiceSid;
	if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
	if (status === 'delivered' || status === 'undelivered') params.RawDlrDoneDate = rawDlrDate(message.dateUpdated);
	const dropped = state.faults.shouldDrop('message-status', message.sid, [message.to, message.from ?? '']);
	const url = message.statusCallback;
	void state.webhooks
		.sendInOrder(message.sid, { kind: 'message-status', url, method: 'POST', params, authToken: account.authToken, relatedSid: message.sid, dropped })
		.then((delivery) => {
			if (delivery.dropped || (delivery.status !== undefined && delivery.status < 400)) return;
			state.notify({
				accountSid: message.accountSid,
				messageSid: message.sid,
				error: DEBUGGER_CODES.httpRetrievalFailure,
				detail: delivery.error ?? `status callback answered ${delivery.status}`,
				warning: true,
				requestUrl: url,
				requestMethod: 'POST',
				responseBody: delivery.body,
			});
		});
}

/** Carriers' delivery receipt time, YYMMDDhhmm in UTC. */
function rawDlrDate(date: Date): string {
	const pad = (value: number): string => String(value).padStart(2, '0');
	return `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
}

function findMessage(context: RestContext): MessageRecord {
	const message = context.state.messages.find((candidate) => candidate.sid === context.pathParams.Sid && candidate.accountSid === context.account.sid);
	if (message === undefined) throw notFound(context.pathname);
	return message;
}

export function createMessage(context: RestContext): RestResult {
	const { body } = context;
	for (const name of ['ScheduleType', 'SendAt']) {
		if (body.has(name)) throw twilioError(21009, `The sandbox does not simulate scheduled messages (${name})`);
	}
	if (body.has('ApplicationSid')) throw twilioError(21218, `ApplicationSid ${body.string('ApplicationSid')} was not found`);
	const message = sendMessage(context.state, {
		accountSid: context.account.sid,
		direction: 'outbound-api',
		to: body.string('To') ?? '',
		from: body.string('From'),
		messagingServiceSid: body.string('MessagingServiceSid'),
		body: body.string('Body'),
		mediaUrls: body.strings('MediaUrl'),
		contentSid: body.string('ContentSid'),
		statusCallback: body.string('StatusCallback') || undefined,
	});
	return { status: 201, body: messageResource(message) };
}

export function fetchMessage(context: RestContext): RestResult {
	return { status: 200, body: messageResource(findMessage(context)) };
}

export function listMessages(context: RestContext): RestResult {
	const { query } = context;
	const to = query.string('To');
	const from = query.string('From');
	const sentOn = query.string('DateSent');
	const sentBefore = query.string('DateSent<');
	const sentAfter = query.string('DateSent>');
	const messages = context.state.messages.filter((message) => {
		if (message.accountSid !== context.account.sid) return false;
		if (to !== undefined && message.to !== to) return false;
		if (from !== undefined && message.from !== from) return false;
		const sent = message.dateSent ?? message.dateCreated;
		if (sentOn !== undefined && sent.toISOString().slice(0, 10) !== new Date(sentOn).toISOString().slice(0, 10)) return false;
		if (sentBefore !== undefined && !(sent.getTime() <= Date.parse(sentBefore))) return false;
		if (sentAfter !== undefined && !(sent.getTime() >= Date.parse(sentAfter))) return false;
		return true;
	});
	return listPage(context, newestFirst(messages).map(messageResource));
}

export function updateMessage(context: RestContext): RestResult {
	const message = findMessage(context);
	if (context.body.has('Status')) {
		throw twilioError(20009, `Message ${message.sid} cannot be canceled: only scheduled messages can`);
	}
	if (context.body.has('Body')) {
		if (context.body.string('Body') !== '') throw twilioError(21004, "The parameter 'Body' can only be set to an empty string, to redact the message");
		if (!isFinalMessageStatus(message.status)) throw twilioError(20009, `Message ${message.sid} is still in progress and cannot be redacted`);
		message.body = '';
		message.dateUpdated = context.state.clock.now();
	}
	return { status: 200, body: messageResource(message) };
}

export function deleteMessage(context: RestContext): RestResult {
	const message = findMessage(context);
	if (!isFinalMessageStatus(message.status)) {
		throw twilioError(20009, 'Cannot delete message because delivery has not been completed.');
	}
	context.state.messages.splice(context.state.messages.indexOf(message), 1);
	return { status: 204 };
}
