import { isCallbackStatus, STATUS_LABELS, type CallbackStatus } from './callbackStatus';
import type { NoteCall, NoteFacts, NoteVoicemail } from './noteFacts';

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

/** A note read back from a CRM: the history line, and the time the lead booked when the change named one. */
export interface NoteFromText {
	note: SystemNote;
	bookedFor: string | null;
}

/**
 * The last line of a CRM note: the same change as data, so the report can read the callback's
 * history back from the CRM (readSystemNoteText). People read the lines above it.
 */
export const NOTE_DATA_PREFIX = 'Report data: ';

/**
 * The note text a person reads in the CRM (time, status, attempt, outcome), ending with the
 * change as one line of data for the report. `bookedFor`: the time the lead booked, when known.
 */
export function systemNoteText(note: SystemNote, bookedFor: string | null = null): string {
	const parts = [
		`Callback status: ${STATUS_LABELS[note.status]}${note.previousStatus !== null && note.previousStatus !== note.status ? ` (was ${STATUS_LABELS[note.previousStatus]})` : ''}`,
		`Time: ${note.at}`,
	];
	if (note.attempt !== null) parts.push(`Attempt: ${note.attempt}`);
	if (note.outcome) parts.push(`Outcome: ${note.outcome}`);
	parts.push(`${NOTE_DATA_PREFIX}${JSON.stringify(bookedFor === null ? note : { ...note, bookedFor })}`);
	return parts.join('\n');
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoOrNull(value: unknown): string | null {
	return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? new Date(value).toISOString() : null;
}

function secondsOrNull(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function callOf(value: unknown): NoteCall | null {
	if (!isObject(value)) return null;
	const placedAt = isoOrNull(value.placedAt);
	return placedAt === null ? null : { placedAt, connectedAt: isoOrNull(value.connectedAt), talkSeconds: secondsOrNull(value.talkSeconds) };
}

function voicemailOf(value: unknown): NoteVoicemail | null {
	if (!isObject(value)) return null;
	const placedAt = isoOrNull(value.placedAt);
	return placedAt === null ? null : { placedAt, left: value.left === true };
}

/**
 * The change a CRM note records, read from its data line; null for a note without one (written
 * by a person, or before the line was kept) or one edited past reading. Unknown fields are left out.
 */
export function readSystemNoteText(text: string): NoteFromText | null {
	const line = text
		.split('\n')
		.reverse()
		.find((candidate) => candidate.startsWith(NOTE_DATA_PREFIX));
	if (line === undefined) return null;
	let data: unknown;
	try {
		data = JSON.parse(line.slice(NOTE_DATA_PREFIX.length));
	} catch {
		return null;
	}
	if (!isObject(data) || !isCallbackStatus(data.status)) return null;
	const at = isoOrNull(data.at);
	if (at === null) return null;
	const note: SystemNote = {
		at,
		status: data.status,
		previousStatus: isCallbackStatus(data.previousStatus) ? data.previousStatus : null,
		attempt: typeof data.attempt === 'number' && Number.isInteger(data.attempt) && data.attempt > 0 ? data.attempt : null,
		outcome: typeof data.outcome === 'string' ? data.outcome : null,
	};
	if (typeof data.source === 'string' && data.source !== '') note.source = data.source;
	const plannedFor = isoOrNull(data.plannedFor);
	if (plannedFor !== null) note.plannedFor = plannedFor;
	const call = callOf(data.call);
	if (call !== null) note.call = call;
	const voicemail = voicemailOf(data.voicemail);
	if (voicemail !== null) note.voicemail = voicemail;
	if (data.cancelledBy === 'lead' || data.cancelledBy === 'auto') note.cancelledBy = data.cancelledBy;
	if (data.duplicate === true) note.duplicate = true;
	return { note, bookedFor: isoOrNull(data.bookedFor) };
}
