import type { IDataObject } from 'n8n-workflow';

import { twilioRequest, type TwilioContext } from './twilioRequest';

export interface NewMessage {
	/** E.164. */
	to: string;
	/** One of the account's numbers; or leave it out and give a messaging service. */
	from?: string;
	messagingServiceSid?: string;
	body: string;
	statusCallback?: string;
}

/**
 * How far Twilio's clock may be behind ours when telling whether a listed message is the one
 * we just sent. Twilio stamps `date_created` to the second.
 */
const CLOCK_TOLERANCE_MS = 60_000;
/** Recent messages to the number looked at; our message is among the newest. */
const RECENT_PAGE_SIZE = 20;

/**
 * Sends one SMS (Twilio's Create Message). After an answer that does not say whether Twilio
 * took the message (a 5xx, a lost connection), it lists the latest messages to the same number
 * and takes an outbound one with the same text and sender, created since this send began, as
 * ours; only when there is none is the message sent again. A second identical text to the same
 * number within a minute therefore counts as already sent: the safe side, as a lead must
 * never get the same text twice.
 */
export async function createMessage(this: TwilioContext, message: NewMessage, itemIndex?: number): Promise<IDataObject> {
	const startedAt = Date.now();
	const findCreated = async (): Promise<IDataObject | undefined> => {
		const page = await twilioRequest.call(this, {
			method: 'GET',
			path: 'Messages.json',
			query: { To: message.to, PageSize: RECENT_PAGE_SIZE },
			idempotent: true,
			itemIndex,
		});
		const messages = Array.isArray(page.messages) ? (page.messages as IDataObject[]) : [];
		return messages.find((candidate) => isSameMessage(candidate, message, startedAt));
	};
	return await twilioRequest.call(this, {
		method: 'POST',
		path: 'Messages.json',
		body: {
			To: message.to,
			From: message.from,
			MessagingServiceSid: message.messagingServiceSid,
			Body: message.body,
			StatusCallback: message.statusCallback,
		},
		findCreated,
		itemIndex,
	});
}

function isSameMessage(candidate: IDataObject, message: NewMessage, startedAt: number): boolean {
	if (candidate.direction !== 'outbound-api' || candidate.to !== message.to || candidate.body !== message.body) return false;
	const sameSender =
		message.messagingServiceSid !== undefined ? candidate.messaging_service_sid === message.messagingServiceSid : candidate.from === message.from;
	const created = Date.parse(String(candidate.date_created ?? ''));
	return sameSender && Number.isFinite(created) && created >= startedAt - CLOCK_TOLERANCE_MS;
}
