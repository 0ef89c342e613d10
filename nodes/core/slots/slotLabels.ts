import { DateTime } from 'luxon';

import { leadLocalTimeText, zoneAbbreviation } from '../schedule/leadLocalTime';
import type { Slot } from './slotCalendar';

/** A slot as a lead reads it on their own clock, for pages, texts and booking tools. */
export interface SlotLabel {
	/** ISO 8601, UTC: the value a booking sends back. */
	readonly start: string;
	readonly end: string;
	/** The lead's date, "2026-12-07": slots are grouped by it. */
	readonly dayKey: string;
	/** "Monday 7 December". */
	readonly day: string;
	/** "9:30 AM". */
	readonly time: string;
	/** "EST", or the offset where the zone has no common abbreviation ("GMT+5:30"). */
	readonly zone: string;
	/** "Mon 7 Dec, 9:30 AM EST": the slot in one line, as texts state it. */
	readonly text: string;
}

export function labelSlot(slot: Pick<Slot, 'start' | 'end'>, zone: string): SlotLabel {
	const local = DateTime.fromMillis(slot.start, { zone, locale: 'en-US' });
	return {
		start: new Date(slot.start).toISOString(),
		end: new Date(slot.end).toISOString(),
		dayKey: local.toISODate() as string,
		day: local.toFormat('cccc d LLLL'),
		time: local.toFormat('h:mm a'),
		zone: zoneAbbreviation(slot.start, zone),
		text: leadLocalTimeText(slot.start, zone),
	};
}

export function labelSlots(slots: ReadonlyArray<Pick<Slot, 'start' | 'end'>>, zone: string): SlotLabel[] {
	return slots.map((slot) => labelSlot(slot, zone));
}
