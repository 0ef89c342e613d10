import { CALLBACK_STATUSES, checkTransition, isFinishedStatus, parseCallbackStatus, type CallbackStatus } from '../../../../nodes/core/callbackStore';

describe('callback status transitions', () => {
	it('follows Pending → Incomplete → Pending (retry) → Complete', () => {
		const path: CallbackStatus[] = ['pending', 'incomplete', 'pending', 'incomplete', 'complete'];
		let from: CallbackStatus | null = null;
		for (const to of path) {
			expect(checkTransition(from, to)).toEqual({ allowed: true });
			from = to;
		}
	});

	it.each(['complete', 'cancelled', 'failed'] as const)('reaches %s from Pending and from Incomplete', (to) => {
		expect(checkTransition('pending', to).allowed).toBe(true);
		expect(checkTransition('incomplete', to).allowed).toBe(true);
	});

	it('allows any first status for a callback with no history', () => {
		for (const to of CALLBACK_STATUSES) expect(checkTransition(null, to).allowed).toBe(true);
	});

	it('refuses to leave a final status, naming both statuses', () => {
		const check = checkTransition('complete', 'pending');
		expect(check.allowed).toBe(false);
		expect(check.allowed === false && check.reason).toMatch(/Complete cannot become Pending/);
		for (const from of ['complete', 'cancelled', 'failed'] as const) {
			for (const to of CALLBACK_STATUSES) expect(checkTransition(from, to).allowed).toBe(to === from);
		}
	});

	it('lets Pending and Incomplete repeat, one per attempt', () => {
		expect(checkTransition('pending', 'pending').allowed).toBe(true);
		expect(checkTransition('incomplete', 'incomplete').allowed).toBe(true);
	});

	it('reads statuses people and other tools spell differently', () => {
		expect(parseCallbackStatus(' Completed ')).toBe('complete');
		expect(parseCallbackStatus('canceled')).toBe('cancelled');
		expect(parseCallbackStatus('PENDING')).toBe('pending');
		expect(parseCallbackStatus('done-ish')).toBeNull();
		expect(parseCallbackStatus(3)).toBeNull();
		expect(isFinishedStatus('failed')).toBe(true);
		expect(isFinishedStatus('incomplete')).toBe(false);
	});
});
