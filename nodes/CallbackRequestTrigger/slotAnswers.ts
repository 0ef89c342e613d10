import { DateTime } from 'luxon';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { CallbackRequest } from '../core/callbackRequest/CallbackRequest';
import { CALLBACK_FORM_FIELDS } from '../core/form/renderCallbackFormPage';
import { parseLeadPhoneNumber } from '../core/phone/parseLeadPhoneNumber';
import { labelSlots, readPriority, type CallbackPriority } from '../core/slots';
import { rejectSubmission } from './formAnswers';
import { messagePage } from './pages';
import { bookRequestedSlot, freeSlotsFor, noShowPauseFor, requestedZone, slotSchedule, slotZone, type SlotBooking, type TimeSlotSettings } from './timeSlots';
import { sendJson, sendPage } from './webhookRequest';
import type { WebhookSettings } from './webhookSettings';

/**
 * `GET ?slots=1&timezone=…` (or `&phone=…`): the free slots as data, for the form's zone
 * choice, an SMS or phone-menu flow, or another booking page. Public, so it never claims priority.
 */
export async function answerSlotList(context: IWebhookFunctions, settings: WebhookSettings, timeSlots: TimeSlotSettings): Promise<IWebhookResponseData> {
	const query = context.getQueryData() as IDataObject;
	const schedule = slotSchedule(context);
	const phoneText = typeof query.phone === 'string' ? query.phone : '';
	const parsed = phoneText === '' ? null : parseLeadPhoneNumber(phoneText, settings.rules.phone);
	const zone = slotZone(schedule, requestedZone(query), parsed?.ok ? parsed.e164 : null);
	if (zone === null) {
		return sendJson(context, 422, { ok: false, error: 'timezone-unknown', message: 'Add timezone (an IANA zone such as America/New_York) or a phone number whose timezone can be told.' });
	}
	try {
		const listing = { ok: true, timezone: zone, slotMinutes: timeSlots.slots.slotMinutes, asapAllowed: timeSlots.asapAllowed };
		// A no-show's number is offered nothing until its pause ends (as booking would refuse it).
		const pausedUntil = parsed?.ok ? await noShowPauseFor(context, timeSlots, parsed.e164, Date.now()) : null;
		if (pausedUntil !== null) return sendJson(context, 200, { ...listing, slots: [], noShowPausedUntil: pausedUntil });
		const free = await freeSlotsFor(context, timeSlots, schedule, zone, 'normal', Date.now());
		return sendJson(context, 200, { ...listing, slots: labelSlots(free, zone) as unknown as IDataObject[] });
	} catch (error) {
		context.logger?.error(`Callback Request Trigger could not read the slot bookings: ${(error as Error).message}`);
		return sendJson(context, 503, { ok: false, error: 'slots-unavailable', message: 'The free times cannot be read right now. Please try again in a minute.' }, { 'Retry-After': '60' });
	}
}

/** A priority only a request the trigger authenticated can claim. */
function priorityOf(settings: WebhookSettings, timeSlots: TimeSlotSettings, body: IDataObject): CallbackPriority {
	if (settings.authentication === 'none' || timeSlots.priorityField === '') return 'normal';
	return readPriority(body[timeSlots.priorityField]);
}

function slotRefusalMessage(booking: Extract<SlotBooking, { booked: false }>): string {
	const offer = booking.offered.length > 0 ? ' Please choose another time.' : ' No other time is free; please choose "As soon as possible" or call us.';
	if (booking.reason === 'not-offered') return `That time cannot be booked.${offer}`;
	return `That time was just taken.${offer}`;
}

/**
 * Books the slot the lead chose (or lets an "as soon as possible" request through when the
 * business allows it), writing it on the callback; null when the request may go on, else the
 * answer: 422 with the free slots to choose instead (the form again for a person).
 */
export async function bookChosenSlot(
	context: IWebhookFunctions,
	settings: WebhookSettings,
	timeSlots: TimeSlotSettings,
	asPage: boolean,
	body: IDataObject,
	callback: CallbackRequest,
	passedToken: string | undefined,
	now: number,
): Promise<IWebhookResponseData | null> {
	const priority = priorityOf(settings, timeSlots, body);
	if (settings.authentication !== 'none') callback.priority = priority;
	const field = CALLBACK_FORM_FIELDS.preferredTime;
	if (callback.preferredTime === null) {
		if (timeSlots.asapAllowed) return null;
		return await rejectSubmission(context, settings, asPage, 422, [{ field, message: 'Choose a time for our call.' }], body, passedToken);
	}
	const schedule = slotSchedule(context);
	const zone = slotZone(schedule, callback.timezone, callback.contact.phone);
	if (zone === null) {
		return await rejectSubmission(context, settings, asPage, 422, [{ field: CALLBACK_FORM_FIELDS.timezone, message: 'Choose the timezone you are in.' }], body, passedToken);
	}
	const pausedUntil = await noShowPauseFor(context, timeSlots, callback.contact.phone, now);
	if (pausedUntil !== null) {
		const message = `Our recent calls to this number were not answered, so it cannot book a time for now.${timeSlots.asapAllowed ? ' Please choose "As soon as possible" or call us.' : ' Please call us.'}`;
		context.logger?.info('Callback Request Trigger refused a slot: the number is a no-show');
		if (asPage) return await rejectSubmission(context, settings, asPage, 422, [{ field, message }], { ...body, [field]: 'none' }, passedToken, message);
		return sendJson(context, 422, { ok: false, error: 'no-show-paused', message, pausedUntil, errors: [{ field, message }] });
	}
	let booking: SlotBooking;
	try {
		booking = await bookRequestedSlot(context, timeSlots, schedule, zone, Date.parse(callback.preferredTime), priority, now);
	} catch (error) {
		context.logger?.error(`Callback Request Trigger could not book a time slot, so the request was refused: ${(error as Error).message}`);
		const message = 'Bookings cannot be taken right now. Please try again in a minute.';
		if (asPage) return sendPage(context, { ...messagePage(503, 'Please try again later', message, settings.form.businessName), headers: { 'Retry-After': '60' } });
		return sendJson(context, 503, { ok: false, error: 'slots-unavailable', message }, { 'Retry-After': '60' });
	}
	if (!booking.booked) {
		const message = slotRefusalMessage(booking);
		context.logger?.info(`Callback Request Trigger refused a slot: ${booking.reason}`);
		if (asPage) {
			const values = { ...body, [field]: 'none' };
			return await rejectSubmission(context, settings, asPage, 422, [{ field, message }], values, passedToken, message);
		}
		return sendJson(context, 422, {
			ok: false,
			error: `slot-${booking.reason}`,
			message,
			errors: [{ field, message }],
			nextFreeSlots: booking.offered as unknown as IDataObject[],
		});
	}
	callback.preferredTime = DateTime.fromMillis(booking.slot.start, { zone }).toISO({ suppressMilliseconds: true });
	callback.mode = 'scheduled';
	callback.timezone = zone;
	callback.slot = { start: booking.label.start, end: booking.label.end, text: booking.label.text, timezone: zone, place: booking.place };
	return null;
}
