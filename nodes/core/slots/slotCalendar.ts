import { IANAZone } from 'luxon';

import { daysThatMayCover, openingRangesOn, type SchedulingRules } from '../schedule/nextValidInstant';
import { MINUTE_MS, openInstantsOn, type InstantRange } from '../schedule/wallClockRanges';
import { rangesOn } from '../schedule/weeklyHours';
import type { SlotCapacity } from './slotCapacity';

/** Slot lengths the business can offer, in minutes. */
export const SLOT_MINUTES = [15, 30, 60] as const;
export type SlotMinutes = (typeof SLOT_MINUTES)[number];

/** One bookable stretch of time, epoch ms (end exclusive), with how many callbacks it takes. */
export interface Slot {
	readonly start: number;
	readonly end: number;
	readonly capacity: number;
}

export interface SlotCalendarRequest {
	/** The business's hours and closures, and the lead's zone and calling window. */
	readonly rules: SchedulingRules;
	readonly slotMinutes: SlotMinutes;
	/** No slot starts before this (now, plus any notice the business needs). */
	readonly from: number;
	/** No slot starts at or after this (the end of the booking horizon). */
	readonly until: number;
	readonly capacity: SlotCapacity;
}

/** Sorted ranges with the ones that touch or overlap joined. */
function joined(ranges: InstantRange[]): InstantRange[] {
	const sorted = [...ranges].sort((a, b) => a.start - b.start);
	const out: InstantRange[] = [];
	for (const range of sorted) {
		const last = out[out.length - 1];
		if (last !== undefined && range.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
		else out.push(range);
	}
	return out;
}

/** The lead's calling window as real-time stretches that may meet [from, to). */
function leadWindowStretches(rules: SchedulingRules, from: number, to: number): InstantRange[] {
	const zone = IANAZone.create(rules.leadZone);
	const stretches: InstantRange[] = [];
	for (const day of daysThatMayCover(from, to)) stretches.push(...openInstantsOn(zone, day, rangesOn(rules.callingWindow, day.weekday)));
	return joined(stretches);
}

function insideOne(stretches: readonly InstantRange[], start: number, end: number): boolean {
	return stretches.some((stretch) => stretch.start <= start && end <= stretch.end);
}

/**
 * The slots a lead may book, in order: each opening stretch of each business day is cut into
 * slots from its opening time on the business's clock (9:00, 9:30, …); a slot is offered only
 * when it lies wholly inside the business's opening hours on a day that is not closed, wholly
 * inside the lead's calling window, starts in [from, until), and its weekday has capacity.
 * Daylight saving needs no special case: opening stretches are real time (see
 * `wallClockRangesToInstants`), so slots on a change day follow the clock as it is that day.
 */
export function slotCalendar(request: SlotCalendarRequest): Slot[] {
	const { rules, from, until } = request;
	if (until <= from) return [];
	const length = request.slotMinutes * MINUTE_MS;
	const businessZone = IANAZone.create(rules.businessZone);
	const leadStretches = leadWindowStretches(rules, from, until + length);
	const slots: Slot[] = [];
	for (const day of daysThatMayCover(from, until)) {
		const capacity = request.capacity[day.weekday as keyof SlotCapacity] ?? 0;
		if (capacity <= 0) continue;
		for (const open of openInstantsOn(businessZone, day, openingRangesOn(rules, day))) {
			for (let start = open.start; start + length <= open.end; start += length) {
				if (start < from || start >= until) continue;
				if (!insideOne(leadStretches, start, start + length)) continue;
				slots.push({ start, end: start + length, capacity });
			}
		}
	}
	slots.sort((a, b) => a.start - b.start);
	return slots.filter((slot, index) => index === 0 || slot.start !== slots[index - 1].start);
}
