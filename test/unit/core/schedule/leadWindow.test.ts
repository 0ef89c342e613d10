import { parseCallingWindow } from '../../../../nodes/core/schedule/callingWindow';
import { checkLeadWindow } from '../../../../nodes/core/schedule/leadWindow';

const NY = 'America/New_York';
const defaultWindow = parseCallingWindow();

describe('checkLeadWindow: the same lead-local window as calls', () => {
	it('allows a text at 10:00 and at 20:59 on the lead’s clock', () => {
		expect(checkLeadWindow(Date.parse('2026-11-18T15:00:00Z'), NY, defaultWindow, 'texting')).toEqual({ allowed: true });
		expect(checkLeadWindow(Date.parse('2026-11-19T01:59:00Z'), NY, defaultWindow, 'texting')).toEqual({ allowed: true });
	});

	it('refuses 21:00 and says when the window opens (08:00 next morning)', () => {
		const check = checkLeadWindow(Date.parse('2026-11-19T02:00:00Z'), NY, defaultWindow, 'texting');
		expect(check).toEqual({
			allowed: false,
			opensAt: Date.parse('2026-11-19T13:00:00Z'),
			reason: '21:00 Wed for the lead (America/New_York) is outside the texting window; it opens Thu 19 Nov, 8:00 AM EST',
		});
	});

	it('follows a narrowed window and closed weekends', () => {
		const window = parseCallingWindow({ weekdays: '09:00-17:00', weekends: 'closed' });
		// Friday 17:30 in New York: next opening is Monday 09:00.
		const check = checkLeadWindow(Date.parse('2026-11-20T22:30:00Z'), NY, window, 'texting');
		expect(check.allowed).toBe(false);
		expect(!check.allowed && check.opensAt).toBe(Date.parse('2026-11-23T14:00:00Z'));
	});

	it('uses the lead’s zone, not the server’s: 07:30 in Los Angeles is 10:30 in New York', () => {
		const check = checkLeadWindow(Date.parse('2026-11-18T15:30:00Z'), 'America/Los_Angeles', defaultWindow, 'texting');
		expect(check.allowed).toBe(false);
		expect(!check.allowed && check.opensAt).toBe(Date.parse('2026-11-18T16:00:00Z'));
	});

	it('has no opening time when the window is closed every day', () => {
		const closed = parseCallingWindow({ weekdays: 'closed', weekends: 'closed' });
		const check = checkLeadWindow(Date.parse('2026-11-18T15:00:00Z'), NY, closed, 'texting');
		expect(check).toMatchObject({ allowed: false, opensAt: null });
	});
});
