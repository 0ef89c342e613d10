import {
	applyStatusChange,
	CallbackStoreError,
	EMPTY_CONTEXT,
	statusFromTags,
	systemNoteText,
	type CallbackKey,
	type CallbackRecord,
	type CallbackStatus,
	type CallbackStore,
	type StatusChange,
	type StatusChangeOutcome,
	type StatusTagNames,
} from '../../core/callbackStore';

/** One HighLevel API v2 request: path below the base URL, query and JSON body. */
export interface HighLevelRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	qs?: Record<string, string | number | boolean>;
	body?: Record<string, unknown>;
}

/** Sends a request with the credential's token and API version; answers the parsed JSON body. */
export type HighLevelClient = (request: HighLevelRequest) => Promise<unknown>;

export interface HighLevelStoreSettings {
	locationId: string;
	tagNames: StatusTagNames;
	/** Pipeline whose opportunity moves with the status; empty: stages are left alone. */
	pipelineId: string;
	/** Stage id per status; a status without one leaves the opportunity where it is. */
	stageIds: Partial<Record<CallbackStatus, string>>;
	newCallbackId: () => string;
}

/** Name and email to create the contact with when HighLevel has nobody with the phone number. */
export interface NewContactDetails {
	firstName?: string | null;
	lastName?: string | null;
	email?: string | null;
}

interface HighLevelContact {
	id: string;
	tags?: string[];
	phone?: string;
}

/** What a status change did in HighLevel beyond the tags: the note and the opportunity. */
export interface HighLevelEffects {
	contactId: string;
	contactCreated: boolean;
	noteId: string | null;
	opportunityId: string | null;
	/** moved, notFound (no open opportunity in the pipeline), or notMapped (no stage for this status). */
	opportunity: 'moved' | 'notFound' | 'notMapped';
}

function contactOf(body: unknown): HighLevelContact | null {
	const contact = (body as { contact?: unknown } | null)?.contact;
	if (contact === null || typeof contact !== 'object' || typeof (contact as HighLevelContact).id !== 'string') return null;
	return contact as HighLevelContact;
}

/**
 * HighLevel owns the status as a tag on the contact, found by phone. HighLevel's own tag
 * endpoints add and remove tags one request each, so other tags set by people or automations in
 * the CRM are never overwritten (the contact update endpoint would replace them all).
 */
export class HighLevelCallbackStore implements CallbackStore {
	readonly kind = 'highLevel' as const;
	/** Filled by setStatus for the node's output. */
	lastEffects: HighLevelEffects | null = null;

	constructor(
		private readonly send: HighLevelClient,
		private readonly settings: HighLevelStoreSettings,
		private readonly newContact: NewContactDetails = {},
	) {
		if (!settings.locationId.trim()) throw new CallbackStoreError('The HighLevel credential has no Location ID.');
	}

	private phoneOf(key: CallbackKey): string {
		if (!key.phone) throw new CallbackStoreError('HighLevel finds the contact by phone number, and this item has none.');
		return key.phone;
	}

	async findContact(phone: string): Promise<HighLevelContact | null> {
		const body = await this.send({ method: 'GET', path: '/contacts/search/duplicate', qs: { locationId: this.settings.locationId, number: phone } });
		return contactOf(body);
	}

	private async createContact(phone: string): Promise<HighLevelContact> {
		const details: Record<string, unknown> = { locationId: this.settings.locationId, phone };
		if (this.newContact.firstName) details.firstName = this.newContact.firstName;
		if (this.newContact.lastName) details.lastName = this.newContact.lastName;
		if (this.newContact.email) details.email = this.newContact.email;
		const contact = contactOf(await this.send({ method: 'POST', path: '/contacts/upsert', body: details }));
		if (contact === null) throw new CallbackStoreError(`HighLevel did not return the contact it created for ${phone}.`);
		return contact;
	}

	private recordOf(contact: HighLevelContact, key: CallbackKey): CallbackRecord | null {
		const tags = contact.tags ?? [];
		const status = statusFromTags(tags, this.settings.tagNames);
		if (status === null) return null;
		return {
			callbackId: key.callbackId ?? contact.id,
			phone: key.phone,
			contactId: contact.id,
			status,
			tags,
			attempts: 0,
			lastOutcome: null,
			requestedAt: '',
			statusChangedAt: '',
			notes: [],
			optOut: false,
			context: EMPTY_CONTEXT,
			scheduledAttempt: null,
			bookedFor: null,
			missedInARow: 0,
			noShowUntil: null,
			version: 0,
		};
	}

	async read(key: CallbackKey): Promise<CallbackRecord | null> {
		const contact = await this.findContact(this.phoneOf(key));
		return contact === null ? null : this.recordOf(contact, key);
	}

	async setStatus(change: StatusChange): Promise<StatusChangeOutcome> {
		const phone = this.phoneOf(change.key);
		let contact = await this.findContact(phone);
		const contactCreated = contact === null;
		if (contact === null) contact = await this.createContact(phone);
		const tags = contact.tags ?? [];
		const current = this.recordOf(contact, change.key);
		// The contact's real tags are known here, so only tags it carries are removed.
		const outcome = applyStatusChange(current, { ...change, contactId: contact.id }, this.settings.newCallbackId, tags);
		if (outcome.kind === 'refused') return outcome;
		const { diff } = outcome;
		if (diff.tagsToAdd.length > 0) await this.send({ method: 'POST', path: `/contacts/${encodeURIComponent(contact.id)}/tags`, body: { tags: diff.tagsToAdd } });
		if (diff.tagsToRemove.length > 0) await this.send({ method: 'DELETE', path: `/contacts/${encodeURIComponent(contact.id)}/tags`, body: { tags: diff.tagsToRemove } });
		const note = await this.send({ method: 'POST', path: `/contacts/${encodeURIComponent(contact.id)}/notes`, body: { body: systemNoteText(outcome.note, outcome.record.bookedFor) } });
		const noteId = (note as { note?: { id?: string } } | null)?.note?.id ?? null;
		const { opportunity, opportunityId } = await this.moveOpportunity(contact.id, change.status);

		this.lastEffects = { contactId: contact.id, contactCreated, noteId, opportunityId, opportunity };
		return outcome;
	}

	private async moveOpportunity(contactId: string, status: CallbackStatus): Promise<Pick<HighLevelEffects, 'opportunity' | 'opportunityId'>> {
		const stageId = this.settings.stageIds[status]?.trim();
		if (!this.settings.pipelineId.trim() || !stageId) return { opportunity: 'notMapped', opportunityId: null };
		const found = (await this.send({
			method: 'GET',
			path: '/opportunities/search',
			qs: { location_id: this.settings.locationId, contact_id: contactId, pipeline_id: this.settings.pipelineId, status: 'open' },
		})) as { opportunities?: Array<{ id?: string }> } | null;
		const id = found?.opportunities?.find((opportunity) => typeof opportunity.id === 'string')?.id;
		if (id === undefined) return { opportunity: 'notFound', opportunityId: null };
		await this.send({ method: 'PUT', path: `/opportunities/${encodeURIComponent(id)}`, body: { pipelineId: this.settings.pipelineId, pipelineStageId: stageId } });
		return { opportunity: 'moved', opportunityId: id };
	}
}
