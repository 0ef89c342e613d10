import fc from 'fast-check';
import { DateTime } from 'luxon';

import { parseCallingWindow } from '../../../../nodes/core/schedule/callingWindow';
import { parseClosures } from '../../../../nodes/core/schedule/closures';
import type { SchedulingRules } from '../../../../nodes/core/schedule/nextValidInstant';
import { parseOpeningHours } from '../../../../nodes/core/schedule/openingHours';
import { parseWeeklyHours } from '../../../../nodes/core/schedule/weeklyHours';
import { slotCalendar, type SlotMinutes } from '../../../../nodes/core/slots/slotCalendar';
import { parseSlotCapacity } from '../../../../nodes/core/slots/slotCapacity';
import { instantArb, weekArb, weekText, zoneArb } from '../schedule/scheduleArbitraries';
import { callableAt, MINUTE, type OracleRules } from '../schedule/wallClockOracle';

const DAY = 24 * 60 * MINUTE;

function rulesFor(businessZone: string, leadZone: string, hours = { weekdays: '09:00-17:00', weekends: 'closed' }, closures: string[] = []): SchedulingRules {
	return {
		businessZone,
		openingHours: parseOpeningHours(hours),
		closures: parseClosures(closures),
		leadZone,
		callingWindow: parseCallingWindow({}),
	};
}

function clock(instant: number, zone: string): string {
	return DateTime.fromMillis(instant, { zone }).toFormat('ccc HH:mm');
}

describe('slot calendar', () => {
	const monday = DateTime.fromISO('2026-12-07T00:00', { zone: 'America/New_York' }).toMillis();

	it('cuts opening hours into slots from the opening time, on the business clock', () => {
		const slots = slotCalendar({ rules: rulesFor('America/New_York', 'America/New_York'), slotMinutes: 30, from: monday, until: monday + DAY, capacity: parseSlotCapacity('3') });
		expect(slots.map((slot) => clock(slot.start, 'America/New_York'))).toEqual(
			['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'].map((time) => `Mon ${time}`),
		);
		expect(slots.every((slot) => slot.capacity === 3 && slot.end - slot.start === 30 * MINUTE)).toBe(true);
	});

	it("offers only slots inside the lead's calling window (8:00-21:00 their time)", () => {
		// The business opens 9:00 in New York; a lead in Honolulu may be called from 8:00 there (13:00 New York), until 17:00 New York (12:00 there).
		const slots = slotCalendar({ rules: rulesFor('America/New_York', 'Pacific/Honolulu'), slotMinutes: 60, from: monday, until: monday + DAY, capacity: parseSlotCapacity('2') });
		expect(slots.map((slot) => clock(slot.start, 'Pacific/Honolulu'))).toEqual(['Mon 08:00', 'Mon 09:00', 'Mon 10:00', 'Mon 11:00']);
	});

	it('skips closures, days without capacity, slots that do not fit, and slots before the notice', () => {
		const hours = { weekdays: '09:00-10:45', weekends: '10:00-12:00' };
		const rules = rulesFor('America/New_York', 'America/New_York', hours, ['2026-12-08']);
		const slots = slotCalendar({ rules, slotMinutes: 30, from: monday + 9.5 * 60 * MINUTE, until: monday + 7 * DAY, capacity: parseSlotCapacity('Mon-Sat 2') });
		const days = new Set(slots.map((slot) => clock(slot.start, 'America/New_York').slice(0, 3)));
		expect([...days]).toEqual(['Mon', 'Wed', 'Thu', 'Fri', 'Sat']);
		expect(slots.filter((slot) => clock(slot.start, 'America/New_York').startsWith('Mon')).map((slot) => clock(slot.start, 'America/New_York'))).toEqual(['Mon 09:30', 'Mon 10:00']);
	});

	it('follows the clock on a daylight-saving day: no slot in the skipped hour', () => {
		const sunday = DateTime.fromISO('2026-03-08T00:00', { zone: 'America/New_York' }).toMillis();
		const rules = rulesFor('America/New_York', 'America/New_York', { weekdays: '00:00-24:00', weekends: '00:00-24:00' });
		const window = { ...rules, callingWindow: parseWeeklyHours({ weekdays: '00:00-24:00', weekends: '00:00-24:00' }, 'Calling window') };
		const nextMidnight = DateTime.fromISO('2026-03-09T00:00', { zone: 'America/New_York' }).toMillis();
		const slots = slotCalendar({ rules: window, slotMinutes: 60, from: sunday, until: nextMidnight, capacity: parseSlotCapacity('1') });
		const hours = slots.map((slot) => DateTime.fromMillis(slot.start, { zone: 'America/New_York' }).toFormat('HH:mm'));
		expect(hours).not.toContain('02:00');
		expect(hours).toHaveLength(23);
	});

	it('never offers a slot with a minute outside opening hours, closures or the lead window (any zones, across DST)', () => {
		let offered = 0;
		fc.assert(
			fc.property(
				zoneArb,
				zoneArb,
				weekArb,
				weekArb,
				instantArb,
				fc.constantFrom<SlotMinutes>(15, 30, 60),
				fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
				(businessZone, leadZone, businessWeek, leadWeek, from, slotMinutes, closedOffsets) => {
					const start = DateTime.fromMillis(from, { zone: businessZone }).startOf('day');
					const closedDates = closedOffsets.map((days) => start.plus({ days }).toISODate() as string);
					const oracle: OracleRules = { businessZone, businessWeek, closedDates: new Set(closedDates), closedEveryYear: new Set(), leadZone, leadWeek };
					const rules: SchedulingRules = {
						businessZone,
						openingHours: parseWeeklyHours(weekText(businessWeek), 'Opening hours'),
						closures: parseClosures(closedDates),
						leadZone,
						callingWindow: parseWeeklyHours(weekText(leadWeek), 'Calling window'),
					};
					const until = from + 2 * DAY;
					const slots = slotCalendar({ rules, slotMinutes, from, until, capacity: parseSlotCapacity('1') });
					offered += slots.length;
					for (const [index, slot] of slots.entries()) {
						expect(slot.start).toBeGreaterThanOrEqual(from);
						expect(slot.start).toBeLessThan(until);
						expect(slot.end - slot.start).toBe(slotMinutes * MINUTE);
						if (index > 0) expect(slot.start).toBeGreaterThanOrEqual(slots[index - 1].end);
						for (let minute = slot.start; minute < slot.end; minute += MINUTE) expect(callableAt(minute, oracle)).toBe(true);
					}
				},
			),
			{ numRuns: 80 },
		);
		expect(offered).toBeGreaterThan(250);
	});
});
