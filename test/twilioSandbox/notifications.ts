import { newSid } from './sids';
import { moreInfo, type DebuggerCode } from './twilioErrors';
import { rfc2822 } from './twilioFormats';

/**
 * A Debugger record, as Twilio keeps one when a webhook or a TwiML document fails. The REST
 * API exposes them as Notifications (account-wide and per call).
 */
export interface NotificationRecord {
	sid: string;
	accountSid: string;
	callSid: string | null;
	/** The message the failure concerns, when not a call (not part of the REST resource). */
	messageSid: string | null;
	dateCreated: Date;
	errorCode: string;
	/** '0' error, '1' warning, as Twilio's `log` field. */
	log: '0' | '1';
	messageText: string;
	requestUrl: string | null;
	requestMethod: 'GET' | 'POST' | null;
	responseBody: string | null;
}

export interface NotificationInput {
	accountSid: string;
	callSid?: string;
	messageSid?: string;
	error: DebuggerCode;
	detail: string;
	warning?: boolean;
	requestUrl?: string;
	requestMethod?: 'GET' | 'POST';
	responseBody?: string;
}

export function newNotification(input: NotificationInput, now: Date): NotificationRecord {
	return {
		sid: newSid('NO'),
		accountSid: input.accountSid,
		callSid: input.callSid ?? null,
		messageSid: input.messageSid ?? null,
		dateCreated: now,
		errorCode: input.error.code,
		log: input.warning === true ? '1' : '0',
		messageText: `${input.error.text}: ${input.detail}`,
		requestUrl: input.requestUrl ?? null,
		requestMethod: input.requestMethod ?? null,
		responseBody: input.responseBody ?? null,
	};
}

/** The Notification resource as the list endpoints return it. */
export function notificationResource(record: NotificationRecord): Record<string, unknown> {
	const base = record.callSid === null ? `/2010-04-01/Accounts/${record.accountSid}` : `/2010-04-01/Accounts/${record.accountSid}/Calls/${record.callSid}`;
	return {
		account_sid: record.accountSid,
		api_version: '2010-04-01',
		call_sid: record.callSid,
		date_created: rfc2822(record.dateCreated),
		date_updated: rfc2822(record.dateCreated),
		error_code: record.errorCode,
		log: record.log,
		message_date: rfc2822(record.dateCreated),
		message_text: record.messageText,
		more_info: moreInfo(record.errorCode),
		request_method: record.requestMethod,
		request_url: record.requestUrl,
		sid: record.sid,
		uri: `${base}/Notifications/${record.sid}.json`,
	};
}
