import type { CallbackRequest } from '../callbackRequest/CallbackRequest';
import { leadTimezone } from '../schedule/leadTimezone';
import type { InboundCall } from './inboundCall';
import type { MissedCallReason } from './missedCall';

/** What the funnel's nodes read about the missed call: Bridge Call calls back from `calledNumber`. */
export interface MissedCallDetails {
	/** The business number the caller dialled, so the callback comes from the number they know. */
	calledNumber: string;
	missedCallReason: MissedCallReason;
	missedCallSid: string;
}

/** The trigger's item: a callback request as the Callback Request Trigger starts one (source `missed-call`). */
export type MissedCallRequest = CallbackRequest & { callback: MissedCallDetails };

export type MissedCallRequestResult = { ok: true; request: MissedCallRequest } | { ok: false; reason: 'timezone-unknown'; message: string };

export interface MissedCallRequestInput {
	call: InboundCall;
	/** The caller's number as the screening read it (E.164) and its country. */
	caller: { e164: string; country: string };
	reason: MissedCallReason;
	callbackId: string;
	/** ISO 8601 UTC of the moment the miss was known. */
	missedAt: string;
	/** IANA zone used when the caller's number does not tell theirs; null for none. */
	fallbackTimezone: string | null;
}

/**
 * A missed call as a callback request, so the same funnel (Schedule Attempt, Bridge Call, Tag
 * Router, SMS) handles it. The caller's zone comes from their number, else the node's fallback;
 * with neither there is no callback, as nobody can tell when calling them is allowed.
 */
export function missedCallRequest(input: MissedCallRequestInput): MissedCallRequestResult {
	const zone = leadTimezone({ phoneE164: input.caller.e164, fallback: input.fallbackTimezone === null ? 'doNotCall' : 'businessTimezone', businessTimezone: input.fallbackTimezone ?? '' });
	if (zone.zone === null) {
		return {
			ok: false,
			reason: 'timezone-unknown',
			message: `The caller's local time cannot be told from ${input.caller.e164} and the node has no Caller Timezone When the Number Does Not Tell, so no callback is started.`,
		};
	}
	return {
		ok: true,
		request: {
			callbackId: input.callbackId,
			requestedAt: input.missedAt,
			contact: { firstName: '', lastName: '', phone: input.caller.e164, phoneCountry: input.caller.country, email: null },
			reason: null,
			mode: 'asap',
			preferredTime: null,
			timezone: zone.zone,
			// The caller asked to reach the business by calling it; the record says so in words.
			consent: { given: true, text: `Called ${input.call.to} and was not answered (${input.reason})`, at: input.missedAt, ip: null, userAgent: null, pageUrl: null },
			source: 'missed-call',
			custom: {},
			callback: { calledNumber: input.call.to, missedCallReason: input.reason, missedCallSid: input.call.callSid },
		},
	};
}
