import { sleep, type IExecuteFunctions } from 'n8n-workflow';

/** What became of a callback's waiting attempt when the callback finished. */
export type WaitingAttemptEnd =
	/** Its execution stopped waiting without calling. */
	| 'ended'
	/** Nothing was waiting any more (it had already gone ahead, or was ended before). */
	| 'notWaiting'
	/** n8n could not be reached; the attempt will find the callback finished only if it rechecks. */
	| 'unreachable';

/** How long an execution that is just going to wait is given: a few seconds in all. */
const STARTING_TRIES = 5;
const STARTING_RETRY_MS = 1000;

/**
 * Ends the execution waiting for a callback's next attempt through Schedule Attempt's cancel
 * link (a resume URL of this n8n, signed by n8n itself), so that a callback cancelled from
 * another execution is not called.
 */
export async function endWaitingAttempt(context: IExecuteFunctions, cancelUrl: string): Promise<WaitingAttemptEnd> {
	for (let tryNumber = 1; ; tryNumber++) {
		let response: { statusCode?: number; body?: { cancelled?: unknown; message?: unknown } };
		try {
			response = (await context.helpers.httpRequest({
				method: 'POST',
				url: cancelUrl,
				json: true,
				body: {},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 10_000,
			})) as typeof response;
		} catch (error) {
			context.logger.warn(`The waiting attempt of a finished callback could not be ended: ${(error as Error).message}`);
			return 'unreachable';
		}
		const status = response.statusCode ?? 0;
		if (status >= 200 && status < 300) return response.body?.cancelled === true ? 'ended' : 'notWaiting';
		// Schedule Attempt recorded the attempt but its execution has not gone to wait yet.
		const stillStarting = status === 409 && /running/i.test(String(response.body?.message ?? ''));
		if (!stillStarting || tryNumber >= STARTING_TRIES) return 'notWaiting';
		await sleep(STARTING_RETRY_MS);
	}
}

