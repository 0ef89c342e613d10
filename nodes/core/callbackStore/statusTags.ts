import { CALLBACK_STATUSES, type CallbackStatus } from './callbackStatus';

/** The tag each status puts on the contact. */
export type StatusTagNames = Record<CallbackStatus, string>;

/**
 * The seed funnel's tag names: "Request to Callback Pending", "Incomplete" and "Complete".
 * Cancelled and Failed had no tag there; they follow the same one-word style.
 */
export const DEFAULT_STATUS_TAGS: StatusTagNames = {
	pending: 'Request to Callback Pending',
	incomplete: 'Incomplete',
	complete: 'Complete',
	cancelled: 'Cancelled',
	failed: 'Failed',
};

/** The tag that says the lead replied STOP; kept beside the status tags, never swapped with them. */
export const DEFAULT_OPT_OUT_TAG = 'SMS Opt-Out';

export class StatusTagNamesError extends Error {}

/** CRMs differ in letter case (HighLevel stores tags in lower case), so tags compare without it. */
export function sameTag(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Fills blanks with the defaults and refuses two statuses sharing one tag (the diff could not tell them apart). */
export function resolveStatusTagNames(overrides: Partial<Record<CallbackStatus, string | undefined>>): StatusTagNames {
	const names = { ...DEFAULT_STATUS_TAGS };
	for (const status of CALLBACK_STATUSES) {
		const given = overrides[status]?.trim();
		if (given) names[status] = given;
	}
	for (const status of CALLBACK_STATUSES) {
		const twin = CALLBACK_STATUSES.find((other) => other !== status && sameTag(names[other], names[status]));
		if (twin !== undefined) {
			throw new StatusTagNamesError(`The ${status} and ${twin} statuses both use the tag "${names[status]}"; give each status its own tag.`);
		}
	}
	return names;
}

/** The status a set of tags shows; the first in status order when a contact carries several. */
export function statusFromTags(tags: readonly string[], names: StatusTagNames): CallbackStatus | null {
	return CALLBACK_STATUSES.find((status) => tags.some((tag) => sameTag(tag, names[status]))) ?? null;
}

export function isStatusTag(tag: string, names: StatusTagNames): boolean {
	return CALLBACK_STATUSES.some((status) => sameTag(tag, names[status]));
}
