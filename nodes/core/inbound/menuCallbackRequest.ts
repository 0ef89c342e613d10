import type { CallbackRequest } from '../callbackRequest/CallbackRequest';
import { leadTimezone } from '../schedule/leadTimezone';
import type { CallbackTiming } from './callbackMenu';

/** What the phone menu adds for the funnel: the number dialled, and when the caller was told to expect the call. */
export interface MenuCallbackDetails {
	calledNumber: string;
	menuCallSid: string;
	/** ISO 8601: now plus the estimated wait, the time the caller was told. */
	expectedCallbackAt: string;
	/** As the caller heard it: "around 3:45 PM". */
	expectedCallbackText: string;
}

/** The menu choices, kept as context data (the Tag Router's allow-listed keys). */
export interface MenuChoices {
	/** `keep-place` (1) or `choose-time` (2). */
	ivrChoice: 'keep-place' | 'choose-time';
	estimatedWaitMinutes: number;
	/** Whether the caller keyed in another number than their caller ID. */
	numberKeyedIn: boolean;
}

export type MenuCallbackRequest = CallbackRequest & { callback: MenuCallbackDetails };

export interface MenuCallbackRequestInput {
	callbackId: string;
	/** The number to call back (E.164) and its country. */
	number: { e164: string; country: string };
	timing: CallbackTiming;
	numberKeyedIn: boolean;
	estimatedWaitMinutes: number;
	calledNumber: string;
	callSid: string;
	/** ISO 8601 UTC. */
	requestedAt: string;
	expectedCallbackAt: string;
	expectedCallbackText: string;
	/** The business's zone, used when the number does not tell the caller's. */
	businessTimezone: string;
}

/**
 * A callback asked for in the phone menu, in the Callback Request Trigger's shape (source
 * `phone-menu`), the choices in `custom` where the Tag Router's Context Data reads them.
 * "Choose a time" is a scheduled callback whose time the workflow asks for next.
 */
export function menuCallbackRequest(input: MenuCallbackRequestInput): MenuCallbackRequest {
	const zone = leadTimezone({ phoneE164: input.number.e164, fallback: 'businessTimezone', businessTimezone: input.businessTimezone });
	const choices: MenuChoices = {
		ivrChoice: input.timing === 'asap' ? 'keep-place' : 'choose-time',
		estimatedWaitMinutes: input.estimatedWaitMinutes,
		numberKeyedIn: input.numberKeyedIn,
	};
	return {
		callbackId: input.callbackId,
		requestedAt: input.requestedAt,
		contact: { firstName: '', lastName: '', phone: input.number.e164, phoneCountry: input.number.country, email: null },
		reason: null,
		mode: input.timing === 'asap' ? 'asap' : 'scheduled',
		preferredTime: null,
		timezone: zone.zone,
		consent: {
			given: true,
			text: input.timing === 'asap' ? 'Pressed 1 in the phone menu to keep their place and get a call back' : 'Pressed 2 in the phone menu to choose a time for a call back',
			at: input.requestedAt,
			ip: null,
			userAgent: null,
			pageUrl: null,
		},
		source: 'phone-menu',
		custom: { ...choices },
		callback: { calledNumber: input.calledNumber, menuCallSid: input.callSid, expectedCallbackAt: input.expectedCallbackAt, expectedCallbackText: input.expectedCallbackText },
	};
}
