import { MINUTE_MS } from '../schedule/wallClockRanges';
import { SLOT_MINUTES, type SlotMinutes } from './slotCalendar';
import { parseSlotCapacity, SlotSettingsError, type SlotCapacity } from './slotCapacity';

/** The business's bookable slots, as the user sets them. */
export interface SlotSettingsText {
	readonly slotMinutes: number | string;
	/** How far ahead a lead can book: "4 hours", "7 days". */
	readonly bookingHorizon: string;
	/** The least time between booking and the slot: "10 minutes". */
	readonly minimumNotice: string;
	/** "3", or "Mon-Fri 3, Sat 1". */
	readonly capacity: string | number;
	/** Places of each slot only priority callbacks may take. */
	readonly reservedForPriority: number | string;
}

export interface SlotSettings {
	readonly slotMinutes: SlotMinutes;
	readonly horizonMs: number;
	readonly noticeMs: number;
	readonly capacity: SlotCapacity;
	readonly reservedForPriority: number;
}

const UNIT_MS: Record<string, number> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: 24 * 60 * MINUTE_MS, week: 7 * 24 * 60 * MINUTE_MS };
const MAX_HORIZON_MS = 60 * UNIT_MS.day;

/** "90 minutes", "4 hours", "7 days", "2 weeks" (also "1h", "7d"), in milliseconds. */
export function parseDuration(text: string, what: string, example: string): number {
	const match = /^\s*(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s*$/i.exec(text);
	if (match === null) throw new SlotSettingsError(`${what}: "${text}" is not a length of time; write e.g. "${example}"`);
	const unit = match[2].toLowerCase();
	const base = unit.startsWith('mi') || unit === 'm' ? 'minute' : unit.startsWith('h') ? 'hour' : unit.startsWith('d') ? 'day' : 'week';
	return Number(match[1]) * UNIT_MS[base];
}

export function parseSlotSettings(text: SlotSettingsText): SlotSettings {
	const slotMinutes = Number(text.slotMinutes);
	if (!(SLOT_MINUTES as readonly number[]).includes(slotMinutes)) {
		throw new SlotSettingsError(`Slot length: ${String(text.slotMinutes)} minutes is not offered; choose 15, 30 or 60`);
	}
	const horizonMs = parseDuration(text.bookingHorizon, 'Booking horizon', '7 days');
	if (horizonMs < slotMinutes * MINUTE_MS || horizonMs > MAX_HORIZON_MS) {
		throw new SlotSettingsError(`Booking horizon: "${text.bookingHorizon}" must be at least one slot long and at most 60 days`);
	}
	const noticeMs = parseDuration(text.minimumNotice, 'Minimum notice', '10 minutes');
	if (noticeMs >= horizonMs) throw new SlotSettingsError(`Minimum notice: "${text.minimumNotice}" leaves nothing to book inside the booking horizon (${text.bookingHorizon})`);
	const reserved = Number(text.reservedForPriority);
	if (!Number.isInteger(reserved) || reserved < 0) {
		throw new SlotSettingsError(`Places kept for priority callbacks: "${String(text.reservedForPriority)}" needs a whole number, 0 or more`);
	}
	return { slotMinutes: slotMinutes as SlotMinutes, horizonMs, noticeMs, capacity: parseSlotCapacity(text.capacity), reservedForPriority: reserved };
}
