/** Where a Twilio call stands (the Call resource's `status`, a callback's `CallStatus`). */
export type CallStatus = 'queued' | 'initiated' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const NOT_ANSWERED_YET: ReadonlySet<string> = new Set(['queued', 'initiated', 'ringing']);

/** The call is over and will not change any more. */
export function isFinalCallStatus(status: string): boolean {
	return FINAL_STATUSES.has(status);
}

/** The call is still being placed or rings: it can be canceled without anyone hearing anything. */
export function isStillRinging(status: string): boolean {
	return NOT_ANSWERED_YET.has(status);
}
