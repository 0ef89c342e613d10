import { TableCallbackStore, type StatusChange } from '../../../../nodes/core/callbackStore';
import { MemoryCallbackTable } from './memoryCallbackTable';
import { statusChangeRequest } from './statusChangeRequest';

const sleep = async (ms: number): Promise<void> => await new Promise((resolve) => setTimeout(resolve, ms));

let ids = 0;
function storeOver(table: MemoryCallbackTable, maxTries = 60): TableCallbackStore {
	return new TableCallbackStore(table, { newCallbackId: () => `cb_generated_${++ids}`, sleep, maxTries, backoffMs: (n) => Math.random() * Math.min(n, 8) });
}

function change(overrides: Partial<StatusChange>): StatusChange {
	return statusChangeRequest({ key: { callbackId: 'cb_race', phone: '+14155552671' }, ...overrides });
}

describe('table callback store', () => {
	it('moves a callback Pending → Incomplete → Complete with one row, notes and versions', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		await store.setStatus(change({ status: 'pending' }));
		await store.setStatus(change({ status: 'incomplete', attempt: 1, outcome: 'no-answer' }));
		const done = await store.setStatus(change({ status: 'complete', attempt: 2, outcome: 'answered' }));
		expect(done.kind).toBe('changed');
		expect(table.rows.size).toBe(1);
		const record = await store.read({ callbackId: 'cb_race', phone: null });
		expect(record).toMatchObject({ status: 'complete', attempts: 2, lastOutcome: 'answered', version: 3, tags: ['Complete'] });
		expect(record?.notes.map((note) => note.status)).toEqual(['pending', 'incomplete', 'complete']);
	});

	it('refuses Complete → Pending, or starts a new callback id when configured', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		await store.setStatus(change({ status: 'complete' }));
		const refused = await store.setStatus(change({ status: 'pending' }));
		expect(refused).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/Complete cannot become Pending/) });
		const restarted = await store.setStatus(change({ status: 'pending', onIllegalMove: 'newCallback' }));
		expect(restarted.kind === 'changed' && restarted.startedNewCallback).toBe(true);
		const newId = restarted.kind === 'changed' ? restarted.record.callbackId : '';
		expect(newId).not.toBe('cb_race');
		expect((await store.read({ callbackId: 'cb_race', phone: null }))?.status).toBe('complete');
		expect((await store.read({ callbackId: newId, phone: null }))?.status).toBe('pending');
		// By phone, the open (new) callback is the one meant.
		expect((await store.read({ callbackId: null, phone: '+14155552671' }))?.callbackId).toBe(newId);
	});

	it('loses none of 20 concurrent updates to one callback', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		await store.setStatus(change({ status: 'pending' }));
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, async (_, index) => await storeOver(table).setStatus(change({ status: 'incomplete', outcome: `missed #${index + 1}` }))),
		);
		expect(outcomes.every((outcome) => outcome.kind === 'changed')).toBe(true);
		const record = await store.read({ callbackId: 'cb_race', phone: null });
		expect(record?.version).toBe(21);
		expect(record?.attempts).toBe(20);
		expect(record?.notes).toHaveLength(21);
		expect(new Set(record?.notes.map((note) => note.outcome))).toEqual(new Set([null, ...Array.from({ length: 20 }, (_, index) => `missed #${index + 1}`)]));
	});

	it('keeps one row when 20 executions create the same callback at once', async () => {
		const table = new MemoryCallbackTable();
		await Promise.all(Array.from({ length: 20 }, async (_, index) => await storeOver(table).setStatus(change({ status: 'incomplete', outcome: `first #${index}` }))));
		expect(table.rows.size).toBe(1);
		const record = await storeOver(table).read({ callbackId: 'cb_race', phone: null });
		expect(record?.notes).toHaveLength(20);
		expect(record?.attempts).toBe(20);
	});

	it('would lose updates without the version check (the race the check prevents)', async () => {
		const table = new MemoryCallbackTable(false);
		await storeOver(table).setStatus(change({ status: 'pending' }));
		await Promise.all(Array.from({ length: 20 }, async (_, index) => await storeOver(table).setStatus(change({ status: 'incomplete', outcome: `missed #${index}` }))));
		const record = await storeOver(table).read({ callbackId: 'cb_race', phone: null });
		expect(record?.notes.length).toBeLessThan(21);
	});

	it('gives up with a clear error when the callback never stops changing', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table, 3);
		await store.setStatus(change({ status: 'pending' }));
		jest.spyOn(table, 'replaceIfVersion').mockResolvedValue(false);
		await expect(store.setStatus(change({ status: 'incomplete' }))).rejects.toThrow(/gave up after 3 tries/);
	});
});
