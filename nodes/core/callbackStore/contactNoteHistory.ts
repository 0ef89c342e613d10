import type { CallbackRecord } from './callbackRecord';
import { EMPTY_CONTEXT } from './contextData';
import { sameTag } from './statusTags';
import { readSystemNoteText, type NoteFromText } from './systemNote';

/** A CRM contact as the report reads it: its tags and the text of its notes, in any order. */
export interface ContactNoteHistory {
	contactId: string;
	/** E.164, or null when the CRM has none. */
	phone: string | null;
	tags: readonly string[];
	noteTexts: readonly string[];
}

/** The callback the notes of one request record, oldest note first. */
function recordOf(history: ContactNoteHistory, notes: readonly NoteFromText[], optedOut: boolean): CallbackRecord {
	const first = notes[0].note;
	const last = notes[notes.length - 1].note;
	// The status was reached by the first note of the run that ends the history.
	let reached = notes.length - 1;
	while (reached > 0 && notes[reached - 1].note.status === last.status) reached--;
	const attempts = notes.map(({ note }) => note.attempt ?? 0);
	return {
		callbackId: `${history.contactId}@${first.at}`,
		phone: history.phone,
		contactId: history.contactId,
		status: last.status,
		tags: [...history.tags],
		attempts: Math.max(0, ...attempts),
		lastOutcome: [...notes].reverse().find(({ note }) => note.outcome !== null)?.note.outcome ?? null,
		requestedAt: first.at,
		statusChangedAt: notes[reached].note.at,
		notes: notes.map(({ note }) => note),
		optOut: optedOut,
		context: EMPTY_CONTEXT,
		scheduledAttempt: null,
		bookedFor: [...notes].reverse().find(({ bookedFor }) => bookedFor !== null)?.bookedFor ?? null,
		missedInARow: 0,
		noShowUntil: null,
		version: notes.length,
	};
}

/**
 * The callbacks a CRM contact's notes record, oldest first. Each status change left a note with
 * its data line (systemNote.ts); a change with no previous status starts a new callback (the
 * first request, or a new one after a finished callback). Notes a person wrote are skipped.
 * `optOutTag`: the contact carrying it has opted out of texts.
 */
export function callbacksFromContactNotes(history: ContactNoteHistory, optOutTag: string): CallbackRecord[] {
	const read = history.noteTexts
		.map((text) => readSystemNoteText(text))
		.filter((entry): entry is NoteFromText => entry !== null)
		.sort((a, b) => Date.parse(a.note.at) - Date.parse(b.note.at));
	const optedOut = history.tags.some((tag) => sameTag(tag, optOutTag));
	const callbacks: NoteFromText[][] = [];
	for (const entry of read) {
		if (entry.note.previousStatus === null || callbacks.length === 0) callbacks.push([entry]);
		else callbacks[callbacks.length - 1].push(entry);
	}
	return callbacks.map((notes) => recordOf(history, notes, optedOut));
}
