import { NodeOperationError, type IDataObject, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { canonicalZoneName } from '../core/schedule/ianaZone';
import { leadTimezone } from '../core/schedule/leadTimezone';
import type { ScheduleSettings } from '../core/schedule';
import {
	alternativesTo,
	bookedInRow,
	bookSlot,
	freeSlots,
	labelSlots,
	parseSlotSettings,
	slotCalendar,
	slotCounterKey,
	SlotSettingsError,
	type BookingOutcome,
	type CallbackPriority,
	type Slot,
	type SlotLabel,
	type SlotSettings,
} from '../core/slots';
import { workflowSchedule, workflowScheduleNode } from '../shared/expectedCall';
import { counterRowsLike, dataTableCounterStore, findOrCreateCounterTable } from '../shared/rateLimitTable/dataTableCounterStore';
import { n8nApiFromCredential, type N8nApiCall } from '../shared/rateLimitTable/n8nPublicApi';
import { cancelledBookings, noShowPausedUntil } from '../shared/rateLimitTable/statusTableRows';

/** Where the id of the bookings table is kept in the node's static data (written at publishing). */
const TABLE_ID_KEY = 'slotTableId';
const TABLE_NAME_KEY = 'slotTableName';

export interface TimeSlotSettings {
	tableName: string;
	slots: SlotSettings;
	/** Which form the bookings belong to: the workflow and the node. */
	scope: string;
	/** Whether "as soon as possible" may be chosen instead of a slot. */
	asapAllowed: boolean;
	/** Submission field read as the callback's priority. */
	priorityField: string;
	/** How many free slots a refusal offers instead. */
	alternatives: number;
	/** The Tag Router's status table: its cancelled bookings give places back, its no-shows may not book; empty: not read. */
	statusTable: string;
}

type Context = IWebhookFunctions | IHookFunctions;

const SCHEDULE_NEEDED =
	'Time Slots take the business hours from the Schedule Attempt node after this trigger: add one, with its hours typed in (not expressions).';

/** The trigger's time slots, or null when they are off. Settings that cannot be read fail with what to fix. */
export function readTimeSlotSettings(context: Context): TimeSlotSettings | null {
	if (context.getNodeParameter('timeSlots', 'off') !== 'dataTable') return null;
	if (context.getNodeParameter('rateLimits', 'off') !== 'dataTable') {
		throw new NodeOperationError(context.getNode(), 'Time Slots need Rate Limits on: bookings are counted through n8n\'s API with the same key.', {
			description: 'Set Rate Limits to "On (Counted in a Data Table)" (empty limits count nothing), or turn Time Slots off.',
		});
	}
	const text = (name: string, fallback: string): string => String(context.getNodeParameter(name, fallback) ?? '');
	const tableName = text('slotTable', 'callback_slot_bookings').trim();
	if (tableName === '') throw new NodeOperationError(context.getNode(), 'Slot Bookings Table is empty; name the n8n Data Table that counts the bookings, e.g. callback_slot_bookings.');
	try {
		const slots = parseSlotSettings({
			slotMinutes: text('slotMinutes', '30'),
			bookingHorizon: text('bookingHorizon', '7 days'),
			minimumNotice: text('minimumNotice', '15 minutes'),
			capacity: text('slotCapacity', '3'),
			reservedForPriority: text('slotsReservedForPriority', '0'),
		});
		const node = context.getNode();
		return {
			tableName,
			slots,
			scope: `${context.getWorkflow().id ?? 'workflow'}:${node.id || node.name}`,
			asapAllowed: context.getNodeParameter('slotAsap', true) as boolean,
			priorityField: text('priorityField', 'priority').trim(),
			alternatives: 5,
			statusTable: text('slotStatusTable', 'Callback statuses').trim(),
		};
	} catch (error) {
		const description = error instanceof SlotSettingsError ? 'Fix the setting under Time Slots.' : undefined;
		throw new NodeOperationError(context.getNode(), (error as Error).message, { description });
	}
}

/** The business's schedule the slots are cut from; fails with what to fix when the workflow has none. */
export function slotSchedule(context: Context): ScheduleSettings {
	const schedule = workflowSchedule(context);
	if (schedule === null) throw new NodeOperationError(context.getNode(), SCHEDULE_NEEDED);
	return schedule;
}

/** Run when the workflow is published: checks the schedule and finds or makes the bookings table. */
export async function prepareSlotTable(context: IHookFunctions): Promise<void> {
	const settings = readTimeSlotSettings(context);
	if (settings === null) return;
	// At publishing only a schedule stored as values can be read; one read from Business Settings
	// is checked when the first lead asks for the slots.
	if (workflowScheduleNode(context) === null) throw new NodeOperationError(context.getNode(), SCHEDULE_NEEDED);
	const api = await n8nApiFromCredential(context);
	let tableId: string;
	try {
		tableId = await findOrCreateCounterTable(api, settings.tableName);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Time slots could not be set up. ${(error as Error).message}`);
	}
	const staticData = context.getWorkflowStaticData('node');
	staticData[TABLE_ID_KEY] = tableId;
	staticData[TABLE_NAME_KEY] = settings.tableName;
}

async function openSlotTable(context: IWebhookFunctions, settings: TimeSlotSettings): Promise<{ api: N8nApiCall; tableId: string }> {
	const api = await n8nApiFromCredential(context);
	const staticData = context.getWorkflowStaticData('node') as IDataObject;
	let tableId = staticData[TABLE_NAME_KEY] === settings.tableName && typeof staticData[TABLE_ID_KEY] === 'string' ? (staticData[TABLE_ID_KEY] as string) : undefined;
	tableId ??= await findOrCreateCounterTable(api, settings.tableName);
	return { api, tableId };
}

/**
 * The lead's zone for the slots: the zone the lead chose (or the form reported), else the one
 * their number tells, else the schedule's rule for an unknown zone; null when it cannot be told.
 */
export function slotZone(schedule: ScheduleSettings, chosenZone: string | null, phone: string | null): string | null {
	return leadTimezone({ itemTimezone: chosenZone, phoneE164: phone, fallback: schedule.unknownLeadTimezone, businessTimezone: schedule.businessZone }).zone;
}

/** The slots the schedule offers a lead in `leadZone`, from now plus the notice to the end of the horizon. */
function calendarFor(settings: TimeSlotSettings, schedule: ScheduleSettings, leadZone: string, now: number): Slot[] {
	return slotCalendar({
		rules: { businessZone: schedule.businessZone, openingHours: schedule.openingHours, closures: schedule.closures, leadZone, callingWindow: schedule.callingWindow },
		slotMinutes: settings.slots.slotMinutes,
		from: now + settings.slots.noticeMs,
		until: now + settings.slots.horizonMs,
		capacity: settings.slots.capacity,
	});
}

/** How many callbacks each of these slots holds: the rows of this form's slots still ahead. */
async function bookedCounts(api: N8nApiCall, tableId: string, scope: string, slots: readonly Slot[], now: number): Promise<Map<number, number>> {
	const byKey = new Map(slots.map((slot) => [slotCounterKey(scope, slot.start), slot]));
	const counts = new Map<number, number>();
	for (const row of await counterRowsLike(api, tableId, `slot|%|${scope}`, now - 24 * 60 * 60_000)) {
		const slot = byKey.get(row.key);
		// The first row of a slot is the one counted, as the counter store does.
		if (slot !== undefined && !counts.has(slot.start)) counts.set(slot.start, bookedInRow(row, slot));
	}
	return counts;
}

/** The free slots for a lead in `leadZone`, in order. */
export async function freeSlotsFor(context: IWebhookFunctions, settings: TimeSlotSettings, schedule: ScheduleSettings, leadZone: string, priority: CallbackPriority, now: number): Promise<Slot[]> {
	const slots = calendarFor(settings, schedule, leadZone, now);
	if (slots.length === 0) return [];
	const { api, tableId } = await openSlotTable(context, settings);
	const counts = await bookedCounts(api, tableId, settings.scope, slots, now);
	return freeSlots(slots, counts, { reservedForPriority: settings.slots.reservedForPriority, priority: priority === 'high', givenBack: await placesGivenBack(context, api, settings, now) });
}

/**
 * Places given back by cancelled bookings, per slot start. Read as a courtesy: if the status
 * table cannot be read, slots count every booking, which refuses a lead early but never
 * overbooks.
 */
async function placesGivenBack(context: IWebhookFunctions, api: N8nApiCall, settings: TimeSlotSettings, now: number): Promise<Map<number, number>> {
	if (settings.statusTable === '') return new Map();
	try {
		return await cancelledBookings(api, settings.statusTable, new Date(now).toISOString());
	} catch (error) {
		context.logger?.warn(`Callback Request Trigger could not read the cancelled bookings in "${settings.statusTable}"; their places stay taken: ${(error as Error).message}`);
		return new Map();
	}
}

export type SlotBooking =
	| { booked: true; slot: Slot; place: number; label: SlotLabel }
	| { booked: false; reason: Exclude<BookingOutcome, { booked: true }>['reason']; offered: SlotLabel[] };

/**
 * Books the slot starting at `wanted` for a lead in `leadZone`, or answers with the free slots
 * to choose instead (the ones after it first).
 */
export async function bookRequestedSlot(
	context: IWebhookFunctions,
	settings: TimeSlotSettings,
	schedule: ScheduleSettings,
	leadZone: string,
	wanted: number,
	priority: CallbackPriority,
	now: number,
): Promise<SlotBooking> {
	const slots = calendarFor(settings, schedule, leadZone, now);
	const { api, tableId } = await openSlotTable(context, settings);
	const rules = { reservedForPriority: settings.slots.reservedForPriority, priority: priority === 'high', givenBack: await placesGivenBack(context, api, settings, now) };
	const outcome = await bookSlot(dataTableCounterStore(api, tableId), settings.scope, slots, wanted, rules);
	if (outcome.booked) return { ...outcome, label: labelSlots([outcome.slot], leadZone)[0] };
	const counts = await bookedCounts(api, tableId, settings.scope, slots, now);
	const offered = alternativesTo(wanted, freeSlots(slots, counts, rules), settings.alternatives);
	return { booked: false, reason: outcome.reason, offered: labelSlots(offered, leadZone) };
}

/**
 * Until when the lead at `phone` may not book (a no-show the Tag Router paused), or null. The
 * check is a courtesy to the team, so a status table that cannot be read lets the booking through.
 */
export async function noShowPauseFor(context: IWebhookFunctions, settings: TimeSlotSettings, phone: string, now: number): Promise<string | null> {
	if (settings.statusTable === '') return null;
	try {
		return await noShowPausedUntil(await n8nApiFromCredential(context), settings.statusTable, phone, now);
	} catch (error) {
		context.logger?.warn(`Callback Request Trigger could not read the no-show pauses in "${settings.statusTable}", so the booking goes ahead: ${(error as Error).message}`);
		return null;
	}
}

/** Zones a lead can choose on the form: every zone the runtime knows. */
export function zoneChoices(): string[] {
	const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
	return supported ? supported('timeZone') : [];
}

/** The zone asked for in the page's address or the slot list (`?timezone=`), when it is one. */
export function requestedZone(query: IDataObject): string | null {
	const value = Array.isArray(query.timezone) ? query.timezone[0] : query.timezone;
	return typeof value === 'string' ? canonicalZoneName(value) : null;
}
