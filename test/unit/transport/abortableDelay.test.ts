import { abortableDelay } from '../../../nodes/transport/abortableDelay';

describe('abortableDelay', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('resolves after the delay, not before', async () => {
		let done = false;
		const waiting = abortableDelay(1000).then(() => (done = true));
		await jest.advanceTimersByTimeAsync(990);
		expect(done).toBe(false);
		await jest.advanceTimersByTimeAsync(20);
		await waiting;
		expect(done).toBe(true);
	});

	it('rejects soon after the execution is cancelled while waiting, with the reason, long before the delay', async () => {
		const controller = new AbortController();
		let outcome: unknown = 'still waiting';
		const waiting = abortableDelay(60_000, controller.signal).catch((error: Error) => (outcome = error.message));
		await jest.advanceTimersByTimeAsync(1000);
		controller.abort(new Error('cancelled by the user'));
		await jest.advanceTimersByTimeAsync(250);
		await waiting;
		expect(outcome).toBe('cancelled by the user');
	});

	it('rejects without waiting when already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(abortableDelay(60_000, controller.signal)).rejects.toThrow();
		expect(jest.getTimerCount()).toBe(0);
	});
});
