import { parseSlotCapacity, placesFor } from '../../../../nodes/core/slots/slotCapacity';
import { parseDuration, parseSlotSettings } from '../../../../nodes/core/slots/slotSettings';

const MINUTE = 60_000;

describe('slot settings', () => {
	it('reads a capacity for every day, or per day and day range', () => {
		expect(parseSlotCapacity('3')).toEqual({ 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3 });
		expect(parseSlotCapacity('Mon-Fri 3, Sat 1')).toEqual({ 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 1, 7: 0 });
		expect(parseSlotCapacity('2; Sun: 0')).toEqual({ 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 0 });
		expect(parseSlotCapacity('Fri-Mon 4')).toEqual({ 1: 4, 2: 0, 3: 0, 4: 0, 5: 4, 6: 4, 7: 4 });
	});

	it('says what to fix in a capacity it cannot read', () => {
		expect(() => parseSlotCapacity('')).toThrow('Capacity per slot is empty');
		expect(() => parseSlotCapacity('three')).toThrow('needs a whole number');
		expect(() => parseSlotCapacity('Funday 3')).toThrow('does not start with a day');
		expect(() => parseSlotCapacity('Mon -2')).toThrow('needs a whole number');
	});

	it('keeps reserved places for priority callbacks, never below zero', () => {
		expect(placesFor(3, 1, false)).toBe(2);
		expect(placesFor(3, 1, true)).toBe(3);
		expect(placesFor(1, 2, false)).toBe(0);
	});

	it('reads lengths of time as people write them', () => {
		expect(parseDuration('7 days', 'Booking horizon', '7 days')).toBe(7 * 24 * 60 * MINUTE);
		expect(parseDuration('4 hours', 'Booking horizon', '7 days')).toBe(4 * 60 * MINUTE);
		expect(parseDuration('90min', 'x', 'y')).toBe(90 * MINUTE);
		expect(parseDuration('2w', 'x', 'y')).toBe(14 * 24 * 60 * MINUTE);
		expect(() => parseDuration('soon', 'Booking horizon', '7 days')).toThrow('Booking horizon: "soon" is not a length of time; write e.g. "7 days"');
	});

	it('checks the settings together', () => {
		const settings = parseSlotSettings({ slotMinutes: 30, bookingHorizon: '7 days', minimumNotice: '10 minutes', capacity: '3', reservedForPriority: 1 });
		expect(settings).toMatchObject({ slotMinutes: 30, horizonMs: 7 * 24 * 60 * MINUTE, noticeMs: 10 * MINUTE, reservedForPriority: 1 });
		expect(() => parseSlotSettings({ slotMinutes: 20, bookingHorizon: '7 days', minimumNotice: '0 minutes', capacity: '3', reservedForPriority: 0 })).toThrow('choose 15, 30 or 60');
		expect(() => parseSlotSettings({ slotMinutes: 30, bookingHorizon: '1 hour', minimumNotice: '2 hours', capacity: '3', reservedForPriority: 0 })).toThrow('leaves nothing to book');
		expect(() => parseSlotSettings({ slotMinutes: 30, bookingHorizon: '90 days', minimumNotice: '0 minutes', capacity: '3', reservedForPriority: 0 })).toThrow('at most 60 days');
		expect(() => parseSlotSettings({ slotMinutes: 30, bookingHorizon: '7 days', minimumNotice: '0 minutes', capacity: '3', reservedForPriority: -1 })).toThrow('0 or more');
	});
});
