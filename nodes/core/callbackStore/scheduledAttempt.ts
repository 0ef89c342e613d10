/**
 * The attempt a callback waits for: when it is due, on which clock the lead lives, and the link
 * that ends the wait without calling. Schedule Attempt records it before its execution waits,
 * so that a text from the lead can be answered with the time ("@status") or end the wait
 * ("@cancel", RESCHEDULE) from another execution.
 */
export interface ScheduledAttempt {
	attempt: number;
	/** ISO 8601, UTC. */
	at: string;
	/** IANA zone the time is shown in to the lead. */
	leadTimezone: string;
	/** POSTing this ends the waiting execution without calling; null when nothing waits. */
	cancelUrl: string | null;
}

function isScheduledAttempt(value: unknown): value is ScheduledAttempt {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Record<string, unknown>;
	return (
		typeof candidate.attempt === 'number' &&
		typeof candidate.at === 'string' &&
		Number.isFinite(Date.parse(candidate.at)) &&
		typeof candidate.leadTimezone === 'string' &&
		(candidate.cancelUrl === null || typeof candidate.cancelUrl === 'string')
	);
}

/** The stored column text; null when empty or not a scheduled attempt (a hand-edited cell). */
export function parseScheduledAttempt(text: string | null): ScheduledAttempt | null {
	if (text === null || text.trim() === '') return null;
	try {
		const value = JSON.parse(text) as unknown;
		return isScheduledAttempt(value) ? { attempt: value.attempt, at: value.at, leadTimezone: value.leadTimezone, cancelUrl: value.cancelUrl } : null;
	} catch {
		return null;
	}
}

export function scheduledAttemptColumn(attempt: ScheduledAttempt | null): string | null {
	return attempt === null ? null : JSON.stringify(attempt);
}

/** The attempt is still ahead at `now`: its execution is (or should be) waiting for it. */
export function isUpcoming(attempt: ScheduledAttempt | null, now: Date): attempt is ScheduledAttempt {
	return attempt !== null && Date.parse(attempt.at) > now.getTime();
}

/** The link that ends the waiting attempt, when one is still ahead; null otherwise. */
export function waitingCancelUrl(attempt: ScheduledAttempt | null, now: Date): string | null {
	return isUpcoming(attempt, now) ? attempt.cancelUrl : null;
}
