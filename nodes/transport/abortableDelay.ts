import { sleep } from 'n8n-workflow';

/** How often a wait looks whether the execution was cancelled. */
const CHECK_EVERY_MS = 200;

/**
 * Waits `ms`, or less when `signal` aborts (the execution was cancelled), then rejects with the
 * abort reason. The package's own: n8n-workflow's `sleepWithAbort` is not in n8n 2.x, and its
 * `sleep`, which both have, cannot be cut short, so the wait is made of short sleeps.
 */
export async function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
	const until = Date.now() + ms;
	for (;;) {
		if (signal?.aborted) throw abortError(signal);
		const left = until - Date.now();
		if (left <= 0) return;
		await sleep(Math.min(left, CHECK_EVERY_MS));
	}
}

function abortError(signal: AbortSignal): Error {
	return signal.reason instanceof Error ? signal.reason : new Error('The execution was cancelled');
}
