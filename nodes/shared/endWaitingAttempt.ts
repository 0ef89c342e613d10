import type { IExecuteFunctions } from 'n8n-workflow';

/** What became of a callback's waiting attempt when the callback finished. */
export type WaitingAttemptEnd =
	/** Its execution stopped waiting without calling. */
	| 'ended'
	/** Nothing was waiting any more (it had already gone ahead, or was ended before). */
	| 'notWaiting'
	/** n8n could not be reached; the attempt will find the callback finished only if it rechecks. */
	| 'unreachable';

/**
 * Ends the execution waiting for a callback's next attempt through Schedule Attempt's cancel
 * link (a resume URL of this n8n, signed by n8n itself), so that a callback cancelled from
 * another execution is not called.
 */
export async function endWaitingAttempt(context: IExecuteFunctions, cancelUrl: string): Promise<WaitingAttemptEnd> {
	try {
		const response = (await context.helpers.httpRequest({
			method: 'POST',
			url: cancelUrl,
			json: true,
			body: {},
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10_000,
		})) as { statusCode?: number; body?: { cancelled?: unknown } };
		const ok = (response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300;
		return ok && response.body?.cancelled === true ? 'ended' : 'notWaiting';
	} catch (error) {
		context.logger.warn(`The waiting attempt of a finished callback could not be ended: ${(error as Error).message}`);
		return 'unreachable';
	}
}
