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
}

/** The slots with a place left for this booking, in order. */
export function freeSlots(slots: readonly Slot[], counts: SlotCounts, rules: BookingRules): Slot[] {
	return slots.filter((slot) => (counts.get(slot.start) ?? 0) < placesFor(slot.capacity, rules.reservedForPriority, rules.priority));
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
	const places = placesFor(slot.capacity, rules.reservedForPriority, rules.priority);
	if (places <= 0) return { booked: false, reason: 'full' };
	const decision = await takeSlot(store, [slotCounter(scope, slot, places)], slot.start);
	if (!decision.admitted) return { booked: false, reason: decision.reason };
	return { booked: true, slot, place: decision.counts.slot ?? 1 };
}

/**
 * Gives a booked place back (the callback was cancelled or moved), by compare-and-set so that a
 * booking made meanwhile is never lost. If the counter stays busy the place stays taken: the slot
 * then refuses one lead early, never takes one too many.
 */
export async function releaseSlot(store: CounterStore, scope: string, slotStart: number, maxTries = 20): Promise<boolean> {
	const key = slotCounterKey(scope, slotStart);
	for (let attempt = 0; attempt < maxTries; attempt++) {
		const row = await store.read(key);
		if (row === null || row.count <= 0) return false;
		if (await store.compareAndSet(key, row.version, { ...row, count: row.count - 1, version: row.version + 1 })) return true;
	}
	return false;
}

/** The callbacks a slot's counter row holds: a row made in advance, or left from another window, holds none. */
export function bookedInRow(row: CounterRow, slot: Slot): number {
	return row.windowStart === windowStartOf(slot.start, slot.end - slot.start) ? row.count : 0;
}
