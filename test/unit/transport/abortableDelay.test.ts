import { abortableDelay } from '../../../nodes/transport/abortableDelay';

describe('abortableDelay', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('resolves after the delay, not before', async () => {
		let done = false;
		const waiting = abortableDelay(1000).then(() => (done = true));
		await jest.advanceTimersByTimeAsync(999);
		expect(done).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		await waiting;
		expect(done).toBe(true);
	});

	it('rejects at once when the execution is cancelled while waiting, with the reason', async () => {
		const controller = new AbortController();
		const waiting = abortableDelay(60_000, controller.signal);
		controller.abort(new Error('cancelled by the user'));
		await expect(waiting).rejects.toThrow('cancelled by the user');
		expect(jest.getTimerCount()).toBe(0);
	});

	it('rejects without waiting when already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(abortableDelay(60_000, controller.signal)).rejects.toThrow();
		expect(jest.getTimerCount()).toBe(0);
	});
});
