import fc from 'fast-check';

import {
	applyStatusChange,
	applyTagDiff,
	CALLBACK_STATUSES,
	DEFAULT_OPT_OUT_TAG,
	DEFAULT_STATUS_TAGS,
	isStatusTag,
	resolveStatusTagNames,
	sameTag,
	statusFromTags,
	statusTagDiff,
	StatusTagNamesError,
	type CallbackRecord,
	type CallbackStatus,
	type StatusChange,
	type StatusTagNames,
} from '../../../../nodes/core/callbackStore';

const names = DEFAULT_STATUS_TAGS;

describe('status tag diff', () => {
	it('adds the new status tag and removes the old one, leaving other tags alone', () => {
		const diff = statusTagDiff(['facebook lead', 'Request to Callback Pending', 'vip'], 'incomplete', names);
		expect(diff).toEqual({ tagsToAdd: ['Incomplete'], tagsToRemove: ['Request to Callback Pending'] });
		expect(applyTagDiff(['facebook lead', 'Request to Callback Pending', 'vip'], diff)).toEqual(['facebook lead', 'vip', 'Incomplete']);
	});

	it('compares tags without letter case, as HighLevel stores them in lower case', () => {
		const diff = statusTagDiff(['request to callback pending', 'incomplete'], 'incomplete', names);
		expect(diff).toEqual({ tagsToAdd: [], tagsToRemove: ['request to callback pending'] });
	});

	it('lists every other status tag for removal when the current tags are unknown', () => {
		const diff = statusTagDiff(null, 'complete', names);
		expect(diff.tagsToAdd).toEqual(['Complete']);
		expect(diff.tagsToRemove.sort()).toEqual(['Cancelled', 'Failed', 'Incomplete', 'Request to Callback Pending']);
	});

	it('refuses two statuses sharing a tag, and fills blanks with the defaults', () => {
		expect(() => resolveStatusTagNames({ complete: 'Done', cancelled: 'done' })).toThrow(StatusTagNamesError);
		expect(resolveStatusTagNames({ complete: ' Called back ', pending: '' })).toEqual({ ...names, complete: 'Called back' });
	});
});

/** A tag that may or may not be a status tag, in any letter case. */
function tagArbitrary(tagNames: StatusTagNames): fc.Arbitrary<string> {
	return fc.oneof(
		fc.constantFrom('facebook lead', 'VIP', 'roofing', 'Spring 2025', 'complete-ish', 'Pending review'),
		fc.string({ minLength: 1, maxLength: 12 }).filter((tag) => tag.trim() !== ''),
		fc.tuple(fc.constantFrom(...CALLBACK_STATUSES), fc.boolean()).map(([status, upper]) => (upper ? tagNames[status].toUpperCase() : tagNames[status].toLowerCase())),
	);
}

const customNamesArbitrary: fc.Arbitrary<StatusTagNames> = fc
	.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }).map((tag) => tag.trim()).filter((tag) => tag !== ''), {
		minLength: 5,
		maxLength: 5,
		selector: (tag) => tag.toLowerCase(),
	})
	.map(([pending, incomplete, complete, cancelled, failed]) => ({ pending, incomplete, complete, cancelled, failed }));

interface Operation {
	status: CallbackStatus;
	onIllegalMove: 'refuse' | 'newCallback';
	optOut: boolean;
}

const operationArbitrary: fc.Arbitrary<Operation> = fc.record({
	status: fc.constantFrom(...CALLBACK_STATUSES),
	onIllegalMove: fc.constantFrom('refuse' as const, 'newCallback' as const),
	optOut: fc.boolean(),
});

function changeFor(operation: Operation, tagNames: StatusTagNames, step: number): StatusChange {
	return {
		key: { callbackId: 'cb_property', phone: '+14155552671' },
		status: operation.status,
		attempt: null,
		outcome: null,
		optOut: operation.optOut ? true : null,
		contactId: null,
		context: {},
		contextSettings: { allowedKeys: [], retentionHours: 24 },
		onIllegalMove: operation.onIllegalMove,
		tagNames,
		optOutTag: DEFAULT_OPT_OUT_TAG,
		now: new Date(Date.UTC(2025, 0, 1, 12, step)),
	};
}

describe('status tags after any sequence of operations (property)', () => {
	it('leave exactly one status tag, the current status, and never touch the other tags', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.constant(DEFAULT_STATUS_TAGS), customNamesArbitrary).chain((tagNames) =>
					fc.tuple(
						fc.constant(tagNames),
						// A contact's tags are a set; CRMs do not keep one tag twice in two letter cases.
						fc.uniqueArray(tagArbitrary(tagNames), { maxLength: 8, selector: (tag) => tag.trim().toLowerCase() }),
						fc.array(operationArbitrary, { minLength: 1, maxLength: 25 }),
					),
				),
				([tagNames, initialTags, operations]) => {
					const otherTags = initialTags.filter((tag) => !isStatusTag(tag, tagNames));
					let record: CallbackRecord | null = null;
					let contactTags: string[] = initialTags;
					let optedOut = false;
					operations.forEach((operation, step) => {
						const outcome = applyStatusChange(record, changeFor(operation, tagNames, step), () => `cb_new_${step}`, contactTags);
						if (outcome.kind === 'refused') {
							// A refused move changes nothing.
							expect(record).not.toBeNull();
							expect(outcome.previous).toBe(record);
							return;
						}
						// What a CRM does with the diff gives the tags the record keeps.
						expect(applyTagDiff(contactTags, outcome.diff)).toEqual(outcome.record.tags);
						record = outcome.record;
						contactTags = outcome.record.tags;
						optedOut ||= operation.optOut;
						const statusTags = contactTags.filter((tag) => isStatusTag(tag, tagNames));
						expect(statusTags).toHaveLength(1);
						expect(statusFromTags(contactTags, tagNames)).toBe(operation.status);
						const addedOptOut = (tag: string): boolean => sameTag(tag, DEFAULT_OPT_OUT_TAG) && !otherTags.some((other) => sameTag(other, tag));
						expect(contactTags.filter((tag) => !isStatusTag(tag, tagNames) && !addedOptOut(tag))).toEqual(otherTags);
						expect(contactTags.some(addedOptOut) || otherTags.some((tag) => sameTag(tag, DEFAULT_OPT_OUT_TAG))).toBe(optedOut || otherTags.some((tag) => sameTag(tag, DEFAULT_OPT_OUT_TAG)));
					});
				},
			),
			{ numRuns: 400 },
		);
	});
});
