import { sleep, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

/**
 * Waits shorter than this are kept in memory instead of n8n's database. n8n looks for due waits
 * in its database once a minute, so a short wait parked there can end up to a minute late; n8n's
 * own Wait node keeps waits under 65 seconds in memory for the same reason.
 */
export const IN_MEMORY_WAIT_LIMIT_MS = 65_000;

/** Whether a wait until `until` is short enough to be kept in memory. */
export function waitsInMemory(until: Date, now: number): boolean {
	return until.getTime() - now < IN_MEMORY_WAIT_LIMIT_MS;
}

/**
 * Puts the execution to wait in n8n's database until `until`, handing `item` on when it resumes.
 * n8n resumes a waiting execution without running the node again: it passes the node's input on
 * to the node's first output. So the input is replaced by the item to continue with (the
 * scheduled attempt, the placed call, the text still to send). This is the one place the package
 * relies on that behaviour of n8n's engine.
 */
export async function waitAndHandOn(context: IExecuteFunctions, item: INodeExecutionData, until: Date): Promise<void> {
	context.getExecuteData().data = { main: [[item]] };
	await context.putExecutionToWait(until);
}

/**
 * Sleeps in this process for a short wait (see IN_MEMORY_WAIT_LIMIT_MS), then returns so the node
 * sends its item on itself. Ends early when the execution is stopped.
 */
export async function sleepInMemory(context: IExecuteFunctions, until: Date, now: number): Promise<void> {
	const ms = Math.max(0, until.getTime() - now);
	const signal = typeof context.getExecutionCancelSignal === 'function' ? context.getExecutionCancelSignal() : undefined;
	if (ms === 0 || signal?.aborted) return;
	// n8n's sleep keeps to the package's rules on timers; the execution's stop ends the wait early.
	const stopped = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
	await Promise.race([sleep(ms), stopped]);
}
