/**
 * Waits `ms`, or less when `signal` aborts (the execution was cancelled), then rejects with the
 * abort reason. The package's own: n8n-workflow's `sleepWithAbort` is not in n8n 2.x.
 */
export async function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw abortError(signal);
	await new Promise<void>((resolve, reject) => {
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(abortError(signal!));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

function abortError(signal: AbortSignal): Error {
	return signal.reason instanceof Error ? signal.reason : new Error('The execution was cancelled');
}
