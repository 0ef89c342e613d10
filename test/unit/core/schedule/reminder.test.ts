import fc from 'fast-check';

import { checkReminder, reminderAt, REMINDER_BEFORE_MINUTES, REMINDER_MIN_NOTICE_MINUTES } from '../../../../nodes/core/schedule/reminder';

const MINUTE = 60_000;

describe('reminderAt', () => {
	const now = Date.UTC(2026, 10, 20, 15, 0);

	it('is 15 minutes before a callback at least 30 minutes ahead', () => {
		expect(reminderAt(now + 30 * MINUTE, now)).toBe(now + 15 * MINUTE);
		expect(reminderAt(now + 3 * 60 * MINUTE, now)).toBe(now + 165 * MINUTE);
	});

	it('is left out for a callback less than 30 minutes ahead', () => {
		expect(reminderAt(now + 29 * MINUTE, now)).toBeNull();
		expect(reminderAt(now, now)).toBeNull();
	});

	it('is always 15 minutes before, never before the booking, and only with 30 minutes notice', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: -60 * MINUTE, max: 14 * 24 * 60 * MINUTE }), (booked, ahead) => {
				const at = reminderAt(booked + ahead, booked);
				if (ahead < REMINDER_MIN_NOTICE_MINUTES * MINUTE) return at === null;
				return at === booked + ahead - REMINDER_BEFORE_MINUTES * MINUTE && at > booked;
			}),
		);
	});
});

describe('checkReminder', () => {
	const callbackAt = Date.UTC(2026, 11, 8, 20, 15);
	const due = callbackAt - 15 * MINUTE;

	it('sends when due, before the call', () => {
		expect(checkReminder(due, callbackAt, due)).toEqual({ send: true });
		expect(checkReminder(due, callbackAt, due - 30_000)).toEqual({ send: true });
		expect(checkReminder(due, callbackAt, callbackAt - 1)).toEqual({ send: true });
	});

	it('refuses with a reason when there is no reminder, it is early, or the call is due', () => {
		expect(checkReminder(null, callbackAt, due)).toMatchObject({ send: false, reason: 'no-reminder-due' });
		expect(checkReminder(due, callbackAt, due - 5 * MINUTE)).toMatchObject({ send: false, reason: 'reminder-not-yet-due' });
		expect(checkReminder(due, callbackAt, callbackAt)).toMatchObject({ send: false, reason: 'call-already-due' });
	});
});
