import { STATUS_LABELS, type CallbackStatus } from './callbackStatus';

/**
 * The moves a callback may make. Repeating Pending or Incomplete is allowed because each attempt
 * records itself (a second missed call is Incomplete → Incomplete). Repeating a finished status
 * changes nothing and is allowed so a replayed webhook does not fail. Leaving a finished status is
 * the one thing refused: a completed callback that is asked to be Pending again is a new request.
 */
const ALLOWED_MOVES: Record<CallbackStatus, readonly CallbackStatus[]> = {
	pending: ['pending', 'incomplete', 'complete', 'cancelled', 'failed'],
	incomplete: ['incomplete', 'pending', 'complete', 'cancelled', 'failed'],
	complete: ['complete'],
	cancelled: ['cancelled'],
	failed: ['failed'],
};

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether a callback in status `from` (null: not recorded yet, so its history is unknown and any
 * status may be its first) may move to `to`.
 */
export function checkTransition(from: CallbackStatus | null, to: CallbackStatus): TransitionCheck {
	if (from === null || ALLOWED_MOVES[from].includes(to)) return { allowed: true };
	return {
		allowed: false,
		reason: `A callback that is ${STATUS_LABELS[from]} cannot become ${STATUS_LABELS[to]}: ${STATUS_LABELS[from]} is final for that callback. Start a new callback for a new request.`,
	};
}

export function allowedNextStatuses(from: CallbackStatus | null): readonly CallbackStatus[] {
	return from === null ? (Object.keys(ALLOWED_MOVES) as CallbackStatus[]) : ALLOWED_MOVES[from];
}
