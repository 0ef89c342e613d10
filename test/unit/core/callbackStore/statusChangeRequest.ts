import { DEFAULT_OPT_OUT_TAG, DEFAULT_STATUS_TAGS, type StatusChange } from '../../../../nodes/core/callbackStore';

/** A "Set status" request as the Tag Router makes it: Pending for one lead at a fixed time, unless overridden. */
export function statusChangeRequest(overrides: Partial<StatusChange>): StatusChange {
	return {
		key: { callbackId: 'cb_1', phone: '+14155552671' },
		status: 'pending',
		attempt: null,
		outcome: null,
		optOut: null,
		contactId: null,
		context: {},
		contextSettings: { allowedKeys: [], retentionHours: 24 },
		onIllegalMove: 'refuse',
		tagNames: DEFAULT_STATUS_TAGS,
		optOutTag: DEFAULT_OPT_OUT_TAG,
		now: new Date('2025-03-03T15:00:00Z'),
		...overrides,
	};
}
