import { DEFAULT_NO_SHOW_TAG, TableCallbackStore, type NoShowRule, type StatusChange } from '../../../../nodes/core/callbackStore';
import { MemoryCallbackTable } from './memoryCallbackTable';
import { statusChangeRequest } from './statusChangeRequest';

const PHONE = '+14155552671';
const RULE: NoShowRule = { limit: 3, pauseDays: 30, tag: DEFAULT_NO_SHOW_TAG };
const DAY = 24 * 60 * 60_000;
const START = Date.parse('2026-12-01T15:00:00Z');

let ids = 0;
function storeOver(table: MemoryCallbackTable): TableCallbackStore {
	return new TableCallbackStore(table, { newCallbackId: () => `cb_new_${++ids}`, sleep: async () => await Promise.resolve(), maxTries: 10 });
}

/** One callback of the lead from request to its end, `day` days after START. */
async function callback(store: TableCallbackStore, id: string, day: number, booked: boolean, ending: 'complete' | 'failed', extra: Partial<StatusChange> = {}) {
	const at = (hours: number) => new Date(START + day * DAY + hours * 3_600_000);
	const bookedFor = booked ? at(2).toISOString() : null;
	const base = { key: { callbackId: id, phone: PHONE }, noShow: RULE, ...extra };
	await store.setStatus(statusChangeRequest({ ...base, status: 'pending', bookedFor, now: at(0) }));
	return await store.setStatus(statusChangeRequest({ ...base, status: ending, outcome: ending === 'failed' ? 'no-answer' : 'answered', now: at(3) }));
}

describe('no-show count in the table store', () => {
	it('flags the third missed booked callback in a row: tag, counter on the row, pause from the last miss', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		const first = await callback(store, 'cb_1', 0, true, 'failed');
		const second = await callback(store, 'cb_2', 1, true, 'failed');
		expect(first.kind === 'changed' && first.noShow).toEqual({ missedInARow: 1, noShow: false, pausedUntil: null });
		expect(second.kind === 'changed' && second.noShow).toMatchObject({ missedInARow: 2, noShow: false });
		const third = await callback(store, 'cb_3', 2, true, 'failed');
		if (third.kind !== 'changed') throw new Error(`expected a change, got ${third.kind}`);
		const endedAt = START + 2 * DAY + 3 * 3_600_000;
		expect(third.noShow).toEqual({ missedInARow: 3, noShow: true, pausedUntil: new Date(endedAt + 30 * DAY).toISOString() });
		expect(third.diff.tagsToAdd).toEqual(['Failed', DEFAULT_NO_SHOW_TAG]);
		const row = await store.read({ callbackId: 'cb_3', phone: null });
		expect(row).toMatchObject({ missedInARow: 3, noShowUntil: new Date(endedAt + 30 * DAY).toISOString(), bookedFor: new Date(START + 2 * DAY + 2 * 3_600_000).toISOString() });
		expect(row?.tags).toEqual(['Failed', DEFAULT_NO_SHOW_TAG]);
	});

	it('does not count "as soon as possible" callbacks, and a reached callback starts again and removes the tag', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		await callback(store, 'cb_1', 0, true, 'failed');
		const asap = await callback(store, 'cb_2', 1, false, 'failed');
		expect(asap.kind === 'changed' && asap.noShow?.missedInARow).toBe(1);
		await callback(store, 'cb_3', 2, true, 'failed');
		const flagged = await callback(store, 'cb_4', 3, true, 'failed');
		expect(flagged.kind === 'changed' && flagged.noShow?.noShow).toBe(true);
		const reached = await callback(store, 'cb_5', 4, false, 'complete');
		if (reached.kind !== 'changed') throw new Error('expected a change');
		expect(reached.noShow).toEqual({ missedInARow: 0, noShow: false, pausedUntil: null });
		expect(reached.diff.tagsToRemove).toContain(DEFAULT_NO_SHOW_TAG);
		expect(reached.record.tags).not.toContain(DEFAULT_NO_SHOW_TAG);
	});

	it('counts nothing without a rule, and leaves open callbacks uncounted', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		for (const [index, id] of ['cb_1', 'cb_2', 'cb_3'].entries()) {
			const ended = await callback(store, id, index, true, 'failed', { noShow: null });
			expect(ended.kind === 'changed' && ended.noShow).toBeNull();
		}
		const pending = await store.setStatus(statusChangeRequest({ key: { callbackId: 'cb_4', phone: PHONE }, noShow: RULE, bookedFor: new Date(START).toISOString() }));
		expect(pending.kind === 'changed' && pending.noShow).toBeNull();
		expect(pending.kind === 'changed' && pending.record.missedInARow).toBe(0);
	});
});
