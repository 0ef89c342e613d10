import { reminderAt } from '../../../../nodes/core/schedule/reminder';

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
});
