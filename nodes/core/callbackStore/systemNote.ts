import { STATUS_LABELS, type CallbackStatus } from './callbackStatus';
import type { NoteFacts } from './noteFacts';

/**
 * One line of a callback's history, as the CRM note and the store's notes column keep it; the
 * store's column also keeps the facts the report reads (noteFacts.ts).
 */
export interface SystemNote extends NoteFacts {
	/** ISO 8601, UTC. */
	at: string;
	status: CallbackStatus;
	previousStatus: CallbackStatus | null;
	attempt: number | null;
	outcome: string | null;
}

/** The note text a person reads in the CRM: time, status, attempt, outcome. */
export function systemNoteText(note: SystemNote): string {
	const parts = [
		`Callback status: ${STATUS_LABELS[note.status]}${note.previousStatus !== null && note.previousStatus !== note.status ? ` (was ${STATUS_LABELS[note.previousStatus]})` : ''}`,
		`Time: ${note.at}`,
	];
	if (note.attempt !== null) parts.push(`Attempt: ${note.attempt}`);
	if (note.outcome) parts.push(`Outcome: ${note.outcome}`);
	return parts.join('\n');
}
