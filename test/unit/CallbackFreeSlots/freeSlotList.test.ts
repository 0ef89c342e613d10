import { FreeSlotListError, readFreeSlotList } from '../../../nodes/CallbackFreeSlots/freeSlotList';

const slot = { start: '2026-12-01T20:15:00.000Z', end: '2026-12-01T20:45:00.000Z', text: 'Tue 1 Dec, 3:15 PM EST' };

describe("reading the booking form's slot list", () => {
	it('reads the slots, the zone and a no-show pause', () => {
		expect(readFreeSlotList(200, { ok: true, timezone: 'America/New_York', slotMinutes: 30, asapAllowed: true, slots: [slot] })).toEqual({
			timezone: 'America/New_York',
			slotMinutes: 30,
			asapAllowed: true,
			slots: [slot],
			noShowPausedUntil: null,
		});
		expect(readFreeSlotList(200, { ok: true, timezone: 'America/New_York', slotMinutes: 30, slots: [], noShowPausedUntil: '2026-12-30T10:00:00.000Z' }).noShowPausedUntil).toBe(
			'2026-12-30T10:00:00.000Z',
		);
	});

	it("passes on the form's own refusal, and says what to fix when the URL is not a slot list", () => {
		expect(() => readFreeSlotList(422, { ok: false, error: 'timezone-unknown', message: 'Add timezone (an IANA zone such as America/New_York).' })).toThrow(
			new FreeSlotListError('The booking form refused the slot list: Add timezone (an IANA zone such as America/New_York).'),
		);
		// The form page of a trigger without time slots, or any other page.
		expect(() => readFreeSlotList(200, '<!doctype html><title>Request a callback</title>')).toThrow(/did not answer with free slots.*Time Slots are on.*\(HTTP 200\)/);
		expect(() => readFreeSlotList(404, { code: 404, message: 'The requested webhook is not registered.' })).toThrow(/did not answer with free slots.*\(HTTP 404\)/);
		expect(() => readFreeSlotList(200, { ok: true, timezone: 'UTC' })).toThrow(/did not answer with free slots/);
	});
});
