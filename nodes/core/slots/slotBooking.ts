import { takeSlot, windowStartOf, type CounterRow, type CounterStore } from '../abuse/rateLimit';
import type { Slot } from './slotCalendar';
import { placesFor } from './slotCapacity';

/** The counter of one slot; the scope (which form) comes last, as in every counter key. */
export function slotCounterKey(scope: string, slotStart: number): string {
	return `slot|${new Date(slotStart).toISOString()}|${scope}`;
}

/** A slot's counter never starts afresh: its one window is the slot itself. */
function slotCounter(scope: string, slot: Slot, places: number) {
	return { key: slotCounterKey(scope, slot.start), name: 'slot' as const, max: places, windowMs: slot.end - slot.start };
}

/** Booked callbacks per slot start, as read from the store. */
export type SlotCounts = ReadonlyMap<number, number>;

export interface BookingRules {
	readonly reservedForPriority: number;
	readonly priority: boolean;
	/**
	 * Bookings of each slot that were cancelled since (per slot start): each gives its place
	 * back. Safe without a write of its own because a cancellation is final, so the number only
	 * grows: a slot's counter may then go that much higher, and the live bookings never pass its
	 * capacity.
	 */
	readonly givenBack?: SlotCounts;
}

/** The places of `slot` this booking may use: its capacity (less the priority places), plus cancelled bookings. */
function placesOf(slot: Slot, rules: BookingRules): number {
	const places = placesFor(slot.capacity, rules.reservedForPriority, rules.priority);
	return places <= 0 ? 0 : places + (rules.givenBack?.get(slot.start) ?? 0);
}

/** The slots with a place left for this booking, in order. */
export function freeSlots(slots: readonly Slot[], counts: SlotCounts, rules: BookingRules): Slot[] {
	return slots.filter((slot) => (counts.get(slot.start) ?? 0) < placesOf(slot, rules));
}

/** The free slots to offer instead of `wanted`: the ones after it first, then the ones before. */
export function alternativesTo(wanted: number, free: readonly Slot[], howMany: number): Slot[] {
	const after = free.filter((slot) => slot.start > wanted);
	const before = free.filter((slot) => slot.start < wanted).reverse();
	return [...after, ...before].slice(0, howMany).sort((a, b) => a.start - b.start);
}

export type BookingOutcome =
	| { readonly booked: true; readonly slot: Slot; /** This booking's place in the slot, from 1. */ readonly place: number }
	| {
			readonly booked: false;
			/** 'full': no place left; 'busy': the counter kept changing (refused rather than risk one too many); 'not-offered': no such slot. */
			readonly reason: 'full' | 'busy' | 'not-offered';
	  };

/**
 * Takes a place in the slot starting at `wanted`, or none. The place is taken by compare-and-set
 * on the slot's counter while it is below the slot's places for this booking (a priority booking
 * may use the places reserved for priority), so however many leads book at once, a slot never
 * takes more than its capacity; a lead who loses a race is told the slot is full.
 */
export async function bookSlot(store: CounterStore, scope: string, slots: readonly Slot[], wanted: number, rules: BookingRules): Promise<BookingOutcome> {
	const slot = slots.find((candidate) => candidate.start === wanted);
	if (slot === undefined) return { booked: false, reason: 'not-offered' };
	const places = placesOf(slot, rules);
	if (places <= 0) return { booked: false, reason: 'full' };
	const decision = await takeSlot(store, [slotCounter(scope, slot, places)], slot.start);
	if (!decision.admitted) return { booked: false, reason: decision.reason };
	return { booked: true, slot, place: decision.counts.slot ?? 1 };
}

/** The callbacks a slot's counter row holds: a row made in advance, or left from another window, holds none. */
export function bookedInRow(row: CounterRow, slot: Slot): number {
	return row.windowStart === windowStartOf(slot.start, slot.end - slot.start) ? row.count : 0;
}
