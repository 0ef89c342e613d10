import type { CallbackKey, CallbackRecord } from './callbackRecord';
import type { CallbackStore } from './callbackStore';
import { EMPTY_CONTEXT } from './contextData';
import { applyStatusChange, type StatusChange, type StatusChangeOutcome } from './statusChange';
import { statusFromTags, type StatusTagNames } from './statusTags';

/**
 * No store: the status is whatever status tag the item says the contact carries, and a change
 * only computes tagsToAdd / tagsToRemove for another CRM node to apply. Nothing is remembered.
 */
export class TagsOnlyCallbackStore implements CallbackStore {
	readonly kind = 'none' as const;

	constructor(
		private readonly currentTags: readonly string[] | null,
		private readonly tagNames: StatusTagNames,
		private readonly newCallbackId: () => string,
	) {}

	async read(key: CallbackKey): Promise<CallbackRecord | null> {
		const status = statusFromTags(this.currentTags ?? [], this.tagNames);
		if (status === null) return null;
		return {
			callbackId: key.callbackId ?? '',
			phone: key.phone,
			contactId: null,
			status,
			tags: [...(this.currentTags ?? [])],
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

	async setStatus(change: StatusChange): Promise<StatusChangeOutcome> {
		return applyStatusChange(await this.read(change.key), change, this.newCallbackId, this.currentTags);
	}
}
