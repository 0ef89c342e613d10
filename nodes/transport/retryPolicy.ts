/**
 * When to try a Twilio request again. Twilio answers 429 when the account sends faster than
 * its rate, and a 5xx when something failed on its side; both usually pass within seconds.
 * Retries are bounded so a node never hangs on an outage: at most MAX_RETRIES, and no more than
 * MAX_TOTAL_WAIT_MS of waiting in all.
 */
export const MAX_RETRIES = 3;
export const MAX_TOTAL_WAIT_MS = 30_000;
const FIRST_BACKOFF_MS = 1_000;

export interface RetryState {
	/** Retries already made (0 after the first failure). */
	readonly retriesMade: number;
	/** Milliseconds already spent waiting between attempts. */
	readonly waitedMs: number;
}

/** Whether an HTTP status is one that may pass on its own. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before the next attempt, or null to give up. A Retry-After header (in
 * seconds or as an HTTP date) is honoured as it is; without one the wait doubles from 1 s.
 * A wait that would break the budget means giving up now rather than failing later.
 */
export function retryDelayMs(state: RetryState, retryAfter: string | undefined, now = Date.now()): number | null {
	if (state.retriesMade >= MAX_RETRIES) return null;
	const asked = parseRetryAfter(retryAfter, now);
	const delay = asked ?? FIRST_BACKOFF_MS * 2 ** state.retriesMade;
	if (state.waitedMs + delay > MAX_TOTAL_WAIT_MS) return null;
	return delay;
}

/** Retry-After as milliseconds: "3" or "Wed, 21 Oct 2026 07:28:00 GMT"; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
