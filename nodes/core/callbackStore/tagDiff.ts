import { CALLBACK_STATUSES, type CallbackStatus } from './callbackStatus';
import { isStatusTag, sameTag, type StatusTagNames } from './statusTags';

export interface TagDiff {
	tagsToAdd: string[];
	tagsToRemove: string[];
}

/**
 * The tag changes that leave exactly one status tag (the new status's) and every other tag as it
 * was. With the contact's current tags known, only tags it carries are removed, spelt as it
 * spells them; unknown (null), every other status tag is listed for removal, which is harmless
 * in CRMs where removing an absent tag does nothing.
 */
export function statusTagDiff(currentTags: readonly string[] | null, status: CallbackStatus, names: StatusTagNames): TagDiff {
	const wanted = names[status];
	if (currentTags === null) {
		return { tagsToAdd: [wanted], tagsToRemove: CALLBACK_STATUSES.filter((other) => other !== status).map((other) => names[other]) };
	}
	const tagsToRemove = currentTags.filter((tag) => isStatusTag(tag, names) && !sameTag(tag, wanted));
	const tagsToAdd = currentTags.some((tag) => sameTag(tag, wanted)) ? [] : [wanted];
	return { tagsToAdd, tagsToRemove: [...new Set(tagsToRemove)] };
}

/** What a CRM does with a diff: removes (ignoring case), then adds tags not already there. */
export function applyTagDiff(tags: readonly string[], diff: TagDiff): string[] {
	const kept = tags.filter((tag) => !diff.tagsToRemove.some((removed) => sameTag(removed, tag)));
	for (const added of diff.tagsToAdd) if (!kept.some((tag) => sameTag(tag, added))) kept.push(added);
	return kept;
}

/** Adds one plain tag (e.g. the opt-out tag) unless the contact has it. */
export function withTag(tags: readonly string[], tag: string): string[] {
	return tags.some((existing) => sameTag(existing, tag)) ? [...tags] : [...tags, tag];
}
