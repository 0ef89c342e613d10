/**
 * Where a callback stands. Pending → Incomplete → Pending (retry) → Complete | Cancelled |
 * Failed (all attempts missed); see statusTransitions.ts for the moves allowed between them.
 */
export const CALLBACK_STATUSES = ['pending', 'incomplete', 'complete', 'cancelled', 'failed'] as const;

export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** Statuses after which the callback is over: nobody calls the lead for it again. */
export const FINISHED_STATUSES: ReadonlySet<CallbackStatus> = new Set(['complete', 'cancelled', 'failed']);

export const STATUS_LABELS: Record<CallbackStatus, string> = {
	pending: 'Pending',
	incomplete: 'Incomplete',
	complete: 'Complete',
	cancelled: 'Cancelled',
	failed: 'Failed',
};

/** Spellings people and other tools use for the same statuses. */
const STATUS_ALIASES: Record<string, CallbackStatus> = {
	completed: 'complete',
	canceled: 'cancelled',
	missed: 'incomplete',
	retry: 'pending',
};

export function isCallbackStatus(value: unknown): value is CallbackStatus {
	return typeof value === 'string' && (CALLBACK_STATUSES as readonly string[]).includes(value);
}

/** Reads a status typed by a person or sent by another tool; null when it names none. */
export function parseCallbackStatus(value: unknown): CallbackStatus | null {
	if (typeof value !== 'string') return null;
	const text = value.trim().toLowerCase();
	if (isCallbackStatus(text)) return text;
	return STATUS_ALIASES[text] ?? null;
}

export function isFinishedStatus(status: CallbackStatus | null): boolean {
	return status !== null && FINISHED_STATUSES.has(status);
}
