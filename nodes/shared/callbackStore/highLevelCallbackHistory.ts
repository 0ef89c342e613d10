import { callbacksFromContactNotes, type CallbackRecord, type StatusTagNames } from '../../core/callbackStore';
import type { HighLevelClient } from './highLevelCallbackStore';

/** Contacts asked for per search page (HighLevel allows up to 500). */
export const CONTACTS_PAGE_SIZE = 100;
/** HighLevel's page-numbered contact search reaches this many contacts, no more. */
export const MAX_CONTACTS_READ = 10_000;
/** Contacts whose notes are read at the same time: HighLevel allows about 100 requests in 10 s per location. */
const NOTE_READS_AT_ONCE = 4;

export interface HighLevelHistorySettings {
	locationId: string;
	tagNames: StatusTagNames;
	optOutTag: string;
}

/** Every callback HighLevel's notes record, and how many contacts with a status tag were past the search's reach. */
export interface HighLevelCallbackHistory {
	records: CallbackRecord[];
	contactsNotRead: number;
}

interface FoundContact {
	id: string;
	phone: string | null;
	tags: string[];
}

function contactsOf(body: unknown): { contacts: FoundContact[]; total: number | null } {
	const answer = (body ?? {}) as { contacts?: unknown; total?: unknown };
	const contacts = (Array.isArray(answer.contacts) ? answer.contacts : []).flatMap((value: unknown): FoundContact[] => {
		const contact = value as { id?: unknown; phone?: unknown; tags?: unknown } | null;
		if (typeof contact?.id !== 'string') return [];
		return [{ id: contact.id, phone: typeof contact.phone === 'string' && contact.phone !== '' ? contact.phone : null, tags: Array.isArray(contact.tags) ? contact.tags.filter((tag): tag is string => typeof tag === 'string') : [] }];
	});
	return { contacts, total: typeof answer.total === 'number' ? answer.total : null };
}

function noteTextsOf(body: unknown): string[] {
	const notes = (body as { notes?: unknown } | null)?.notes;
	return (Array.isArray(notes) ? notes : []).flatMap((note: unknown) => (typeof (note as { body?: unknown } | null)?.body === 'string' ? [(note as { body: string }).body] : []));
}

/** The contacts carrying any status tag (HighLevel keeps tags in lower case), page by page. */
async function contactsWithStatusTags(send: HighLevelClient, settings: HighLevelHistorySettings): Promise<{ contacts: FoundContact[]; total: number }> {
	const tagFilters = [...new Set(Object.values(settings.tagNames).map((tag) => tag.toLowerCase()))].map((tag) => ({ field: 'tags', operator: 'eq', value: tag }));
	const contacts: FoundContact[] = [];
	let total = 0;
	for (let page = 1; contacts.length < MAX_CONTACTS_READ; page++) {
		const found = contactsOf(
			await send({ method: 'POST', path: '/contacts/search', body: { locationId: settings.locationId, page, pageLimit: CONTACTS_PAGE_SIZE, filters: [{ group: 'OR', filters: tagFilters }] } }),
		);
		contacts.push(...found.contacts);
		total = Math.max(found.total ?? contacts.length, contacts.length);
		if (found.contacts.length < CONTACTS_PAGE_SIZE || contacts.length >= total) break;
	}
	return { contacts, total };
}

/**
 * Every callback the funnel recorded in HighLevel: the contacts carrying a status tag, and for
 * each its notes, which end with the data of each status change (systemNote.ts). One search
 * request per 100 contacts and one notes request per contact.
 */
export async function readHighLevelCallbackHistory(send: HighLevelClient, settings: HighLevelHistorySettings): Promise<HighLevelCallbackHistory> {
	const { contacts, total } = await contactsWithStatusTags(send, settings);
	const records: CallbackRecord[] = [];
	for (let start = 0; start < contacts.length; start += NOTE_READS_AT_ONCE) {
		const batch = contacts.slice(start, start + NOTE_READS_AT_ONCE);
		const notes = await Promise.all(batch.map(async (contact) => noteTextsOf(await send({ method: 'GET', path: `/contacts/${encodeURIComponent(contact.id)}/notes` }))));
		batch.forEach((contact, index) => records.push(...callbacksFromContactNotes({ contactId: contact.id, phone: contact.phone, tags: contact.tags, noteTexts: notes[index] }, settings.optOutTag)));
	}
	return { records, contactsNotRead: Math.max(0, total - contacts.length) };
}
