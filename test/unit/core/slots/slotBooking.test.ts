import fc from 'fast-check';

import { alternativesTo, bookedInRow, bookSlot, freeSlots, slotCounterKey } from '../../../../nodes/core/slots/slotBooking';
import type { Slot } from '../../../../nodes/core/slots/slotCalendar';
import { MemoryCounterStore, randomPause, scheduledPause } from '../abuse/rateLimitMemoryStore';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 7, 14, 0);
const SCOPE = 'wf1:node1';

function slotsOf(count: number, capacity: number): Slot[] {
	return Array.from({ length: count }, (_, index) => ({ start: T0 + index * 30 * MINUTE, end: T0 + (index + 1) * 30 * MINUTE, capacity }));
}

function bookedIn(store: MemoryCounterStore, slot: Slot): number {
	const row = store.rows.get(slotCounterKey(SCOPE, slot.start));
	return row === undefined ? 0 : bookedInRow(row, slot);
}

describe('slot booking', () => {
	it('books places in order until the slot is full', async () => {
		const store = new MemoryCounterStore();
		const [slot] = slotsOf(1, 2);
		const normal = { reservedForPriority: 0, priority: false };
		expect(await bookSlot(store, SCOPE, [slot], slot.start, normal)).toEqual({ booked: true, slot, place: 1 });
		expect(await bookSlot(store, SCOPE, [slot], slot.start, normal)).toEqual({ booked: true, slot, place: 2 });
		expect(await bookSlot(store, SCOPE, [slot], slot.start, normal)).toEqual({ booked: false, reason: 'full' });
		expect(bookedIn(store, slot)).toBe(2);
	});

	it('refuses a time that is not one of the offered slots', async () => {
		const store = new MemoryCounterStore();
		const slots = slotsOf(2, 2);
		expect(await bookSlot(store, SCOPE, slots, slots[0].start + 5 * MINUTE, { reservedForPriority: 0, priority: false })).toEqual({ booked: false, reason: 'not-offered' });
		expect(store.rows.size).toBe(0);
	});

	it('keeps the reserved places for priority callbacks', async () => {
		const store = new MemoryCounterStore();
		const [slot] = slotsOf(1, 3);
		const normal = { reservedForPriority: 1, priority: false };
		const vip = { reservedForPriority: 1, priority: true };
		expect((await bookSlot(store, SCOPE, [slot], slot.start, normal)).booked).toBe(true);
		expect((await bookSlot(store, SCOPE, [slot], slot.start, normal)).booked).toBe(true);
		expect(await bookSlot(store, SCOPE, [slot], slot.start, normal)).toEqual({ booked: false, reason: 'full' });
		expect(freeSlots([slot], new Map([[slot.start, 2]]), normal)).toEqual([]);
		expect(freeSlots([slot], new Map([[slot.start, 2]]), vip)).toEqual([slot]);
		expect(await bookSlot(store, SCOPE, [slot], slot.start, vip)).toEqual({ booked: true, slot, place: 3 });
		expect(await bookSlot(store, SCOPE, [slot], slot.start, vip)).toEqual({ booked: false, reason: 'full' });
	});

	it('a cancelled booking gives its place back: the full slot is offered and booked again, once per cancellation', async () => {
		const store = new MemoryCounterStore();
		const [slot] = slotsOf(1, 1);
		const normal = { reservedForPriority: 0, priority: false };
		await bookSlot(store, SCOPE, [slot], slot.start, normal);
		expect(freeSlots([slot], new Map([[slot.start, 1]]), normal)).toEqual([]);
		const oneCancelled = { ...normal, givenBack: new Map([[slot.start, 1]]) };
		expect(freeSlots([slot], new Map([[slot.start, 1]]), oneCancelled)).toEqual([slot]);
		expect(await bookSlot(store, SCOPE, [slot], slot.start, oneCancelled)).toEqual({ booked: true, slot, place: 2 });
		expect(await bookSlot(store, SCOPE, [slot], slot.start, oneCancelled)).toEqual({ booked: false, reason: 'full' });
		// A slot kept for priority callbacks only stays closed to others, cancellations or not.
		expect(freeSlots([slot], new Map(), { reservedForPriority: 1, priority: false, givenBack: new Map([[slot.start, 3]]) })).toEqual([]);
	});

	it('with cancellations coming in while leads book, live bookings never pass the capacity (property)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 3 }), async (scheduler, capacity, leads, cancellations) => {
				const store = new MemoryCounterStore(scheduledPause(scheduler));
				const [slot] = slotsOf(1, capacity);
				// Each lead sees however many cancellations had happened when it read the status table (0..cancellations).
				const bookings = Array.from({ length: leads }, (_, index) =>
					bookSlot(store, SCOPE, [slot], slot.start, { reservedForPriority: 0, priority: false, givenBack: new Map([[slot.start, Math.min(cancellations, index % (cancellations + 1))]]) }),
				);
				const outcomes = await scheduler.waitFor(Promise.all(bookings));
				const booked = outcomes.filter((outcome) => outcome.booked).length;
				// At most `cancellations` of the bookings were cancelled: the live ones fit the slot.
				expect(booked).toBeLessThanOrEqual(capacity + cancellations);
				expect(bookedIn(store, slot)).toBe(booked);
			}),
			{ numRuns: 200 },
		);
	});

	it('offers the free slots after the wanted one first, then the ones before, in time order', () => {
		const slots = slotsOf(6, 1);
		const counts = new Map([[slots[2].start, 1], [slots[4].start, 1]]);
		const free = freeSlots(slots, counts, { reservedForPriority: 0, priority: false });
		expect(alternativesTo(slots[2].start, free, 3)).toEqual([slots[1], slots[3], slots[5]]);
		expect(alternativesTo(slots[2].start, free, 2)).toEqual([slots[3], slots[5]]);
	});

	it('a row made in advance or from another slot window counts nothing', () => {
		const [slot] = slotsOf(1, 2);
		expect(bookedInRow({ key: 'k', windowStart: 0, count: 5, version: 1 }, slot)).toBe(0);
	});

	it('never books more than the capacity, however the bookings interleave; no lead is lost', async () => {
		await fc.assert(
			fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 2 }), async (scheduler, capacity, leads, reserved) => {
				const store = new MemoryCounterStore(scheduledPause(scheduler));
				const [slot] = slotsOf(1, capacity);
				const bookings = Array.from({ length: leads }, (_, index) => bookSlot(store, SCOPE, [slot], slot.start, { reservedForPriority: reserved, priority: index % 3 === 0 }));
				const outcomes = await scheduler.waitFor(Promise.all(bookings));
				const booked = outcomes.filter((outcome) => outcome.booked).length;
				expect(booked).toBeLessThanOrEqual(capacity);
				expect(bookedIn(store, slot)).toBe(booked);
				// Every lead has an answer: booked, or told the slot is full (or busy, to try another).
				expect(outcomes.every((outcome) => outcome.booked || ['full', 'busy'].includes(outcome.reason))).toBe(true);
			}),
			{ numRuns: 200 },
		);
	});

	it('30 leads racing for a slot of 3: exactly 3 get it, the others are told it is full', async () => {
		const store = new MemoryCounterStore(randomPause);
		const slots = slotsOf(4, 3);
		const normal = { reservedForPriority: 0, priority: false };
		const outcomes = await Promise.all(Array.from({ length: 30 }, () => bookSlot(store, SCOPE, slots, slots[1].start, normal)));
		expect(outcomes.filter((outcome) => outcome.booked)).toHaveLength(3);
		expect(outcomes.filter((outcome) => !outcome.booked && outcome.reason === 'full').length + outcomes.filter((outcome) => !outcome.booked && outcome.reason === 'busy').length).toBe(27);
		expect(bookedIn(store, slots[1])).toBe(3);
	});
});
