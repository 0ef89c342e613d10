import fc from 'fast-check';

import {
	claimColumnValue,
	claimFromColumn,
	decideClaim,
	fromCallbackRow,
	nextTicket,
	TableCallbackStore,
	toCallbackRow,
	type CallbackRecord,
	type CallbackTable,
	type ClaimRow,
	type PhoneClaim,
	type SetStatusOutcome,
	type StatusChange,
	type StoredCallback,
} from '../../../../nodes/core/callbackStore';
import { MemoryCallbackTable } from './memoryCallbackTable';
import { statusChangeRequest } from './statusChangeRequest';

const PHONE = '+14155552671';
const NOW = new Date('2025-03-03T15:00:00Z');
const sleep = async (ms: number): Promise<void> => await new Promise((resolve) => setTimeout(resolve, ms));

function opening(callbackId: string, overrides: Partial<StatusChange> = {}): StatusChange {
	return statusChangeRequest({ key: { callbackId, phone: PHONE }, now: NOW, oneOpenPerPhone: true, ...overrides });
}

function storeOver(table: CallbackTable, wait: (ms: number) => Promise<void> = sleep): TableCallbackStore {
	return new TableCallbackStore(table, { newCallbackId: () => 'cb_unused', sleep: wait, maxTries: 200, backoffMs: (n) => Math.random() * Math.min(n, 8) });
}

function winners(outcomes: SetStatusOutcome[]): string[] {
	return outcomes.flatMap((outcome) => (outcome.kind === 'changed' ? [outcome.record.callbackId] : []));
}

function row(rowId: number, callbackId: string, claim: PhoneClaim, status: CallbackRecord['status'] = 'pending', statusChangedAt = NOW.toISOString()): ClaimRow {
	const record = fromCallbackRow({ callbackId, phone: PHONE, status, statusChangedAt, requestedAt: statusChangedAt, version: '1' });
	return { rowId, record, claim };
}

describe('phone claim: the rules', () => {
	it('writes and reads the claim column', () => {
		for (const claim of [{ kind: 'choosing' }, { kind: 'ticket', number: 7 }, { kind: 'settled' }] as PhoneClaim[]) {
			expect(claimFromColumn(claimColumnValue(claim))).toEqual(claim);
		}
		expect(claimFromColumn(null)).toEqual({ kind: 'settled' });
		expect(claimFromColumn('-3')).toEqual({ kind: 'settled' });
	});

	it('takes a ticket above every ticket in sight (rows written before tickets count as 0)', () => {
		expect(nextTicket([])).toBe(1);
		expect(nextTicket([row(1, 'cb_a', { kind: 'settled' })])).toBe(1);
		expect(nextTicket([row(1, 'cb_a', { kind: 'ticket', number: 4 }), row(2, 'cb_b', { kind: 'choosing' })])).toBe(5);
	});

	it('waits while another new callback is choosing, unless that one was abandoned', () => {
		const mine = row(9, 'cb_mine', { kind: 'ticket', number: 2 });
		expect(decideClaim(mine, [mine, row(3, 'cb_other', { kind: 'choosing' })], NOW)).toEqual({ kind: 'wait' });
		const abandoned = row(3, 'cb_other', { kind: 'choosing' }, 'pending', new Date(NOW.getTime() - 61_000).toISOString());
		expect(decideClaim(mine, [mine, abandoned], NOW)).toEqual({ kind: 'won' });
	});

	it('loses to an open callback with a lower ticket, never to a finished one', () => {
		const mine = row(9, 'cb_mine', { kind: 'ticket', number: 2 });
		const open = row(1, 'cb_open', { kind: 'settled' }, 'incomplete');
		expect(decideClaim(mine, [open, mine], NOW)).toMatchObject({ kind: 'lost', open: { record: { callbackId: 'cb_open' } } });
		expect(decideClaim(mine, [row(1, 'cb_done', { kind: 'ticket', number: 1 }, 'complete'), mine], NOW)).toEqual({ kind: 'won' });
	});

	it('breaks a tie of tickets by callback id, the same way on both sides', () => {
		const a = row(5, 'cb_a', { kind: 'ticket', number: 3 });
		const b = row(4, 'cb_b', { kind: 'ticket', number: 3 });
		expect(decideClaim(a, [a, b], NOW)).toEqual({ kind: 'won' });
		expect(decideClaim(b, [a, b], NOW)).toMatchObject({ kind: 'lost', open: { record: { callbackId: 'cb_a' } } });
	});
});

describe('table callback store: one open callback per phone', () => {
	it('opens the first, answers a repeat with the open one, and opens again once it is finished', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		expect((await store.setStatus(opening('cb_first'))).kind).toBe('changed');
		expect(await store.setStatus(opening('cb_second'))).toMatchObject({ kind: 'alreadyOpen', open: { callbackId: 'cb_first', status: 'pending' } });
		expect(table.rows.size).toBe(1);
		// The open callback notes the repeat, for the report's count of duplicates.
		expect((await store.read({ callbackId: 'cb_first', phone: null }))?.notes.filter((note) => note.duplicate === true)).toHaveLength(1);
		await store.setStatus(opening('cb_first', { status: 'complete', oneOpenPerPhone: false }));
		expect((await store.setStatus(opening('cb_third'))).kind).toBe('changed');
		expect((await store.read({ callbackId: null, phone: PHONE }))?.callbackId).toBe('cb_third');
	});

	it('keeps the claim when the open callback changes status later', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		await store.setStatus(opening('cb_first'));
		await store.setStatus(opening('cb_first', { status: 'incomplete', attempt: 1 }));
		expect([...table.rows.values()][0].claim).toBe('1');
		expect(await store.setStatus(opening('cb_second'))).toMatchObject({ kind: 'alreadyOpen', open: { callbackId: 'cb_first', status: 'incomplete' } });
	});

	it('opens exactly one of 30 requests for one number arriving at once', async () => {
		const table = new MemoryCallbackTable();
		const outcomes = await Promise.all(Array.from({ length: 30 }, async (_, index) => await storeOver(table).setStatus(opening(`cb_${index}`))));
		const [winner] = winners(outcomes);
		expect(winners(outcomes)).toHaveLength(1);
		for (const outcome of outcomes) {
			if (outcome.kind === 'alreadyOpen') expect(outcome.open.callbackId).toBe(winner);
		}
		expect([...table.rows.values()].map((stored) => stored.callbackId)).toEqual([winner]);
		// Every repeat is counted once on the open callback, though they wrote at the same moment.
		expect((await storeOver(table).read({ callbackId: winner, phone: null }))?.notes.filter((note) => note.duplicate === true)).toHaveLength(29);
	});

	it('20 executions creating the same callback at once keep one row and every note', async () => {
		const table = new MemoryCallbackTable();
		const outcomes = await Promise.all(Array.from({ length: 20 }, async (_, index) => await storeOver(table).setStatus(opening('cb_same', { outcome: `request #${index}` }))));
		expect(outcomes.every((outcome) => outcome.kind === 'changed')).toBe(true);
		expect(table.rows.size).toBe(1);
		const record = await storeOver(table).read({ callbackId: 'cb_same', phone: null });
		expect(record?.notes).toHaveLength(20);
	});

	it('without the claim, simultaneous requests open several callbacks (what the claim prevents)', async () => {
		const table = new MemoryCallbackTable();
		const outcomes = await Promise.all(Array.from({ length: 10 }, async (_, index) => await storeOver(table).setStatus(opening(`cb_${index}`, { oneOpenPerPhone: false }))));
		expect(winners(outcomes)).toHaveLength(10);
	});
});

/**
 * A table that behaves like Postgres under load: an inserted row's id is drawn at once but the
 * row becomes visible to readers only later, so a lower id can appear after a higher one. Every
 * operation is a step of fast-check's scheduler, which tries the interleavings.
 */
class LaggingTable implements CallbackTable {
	private nextRowId = 1;
	readonly rows = new Map<number, Record<string, string | null>>();

	constructor(private readonly scheduler: fc.Scheduler) {}

	private async step<T>(label: string, action: () => T): Promise<T> {
		return await this.scheduler.schedule(Promise.resolve(label)).then(action);
	}

	private stored(filter: (record: CallbackRecord) => boolean): StoredCallback[] {
		return [...this.rows]
			.map(([rowId, values]) => ({ rowId, record: fromCallbackRow(values), claim: claimFromColumn(values.claim) }))
			.filter((stored) => filter(stored.record));
	}

	async findByCallbackId(callbackId: string): Promise<StoredCallback[]> {
		return await this.step('find id', () => this.stored((record) => record.callbackId === callbackId));
	}

	async findByPhone(phone: string): Promise<StoredCallback[]> {
		return await this.step('find phone', () => this.stored((record) => record.phone === phone));
	}

	async insert(record: CallbackRecord, claim?: PhoneClaim): Promise<number> {
		const rowId = this.nextRowId++;
		await this.step(`insert #${rowId} visible`, () => this.rows.set(rowId, { ...toCallbackRow(record), claim: claim === undefined ? null : claimColumnValue(claim) }));
		return rowId;
	}

	async replaceIfVersion(rowId: number, expectedVersion: number, record: CallbackRecord): Promise<boolean> {
		return await this.step('replace', () => {
			const values = this.rows.get(rowId);
			if (values === undefined || values.version !== String(expectedVersion)) return false;
			this.rows.set(rowId, { ...toCallbackRow(record), claim: values.claim });
			return true;
		});
	}

	async setClaim(rowId: number, claim: PhoneClaim): Promise<void> {
		await this.step('set claim', () => {
			const values = this.rows.get(rowId);
			if (values !== undefined) this.rows.set(rowId, { ...values, claim: claimColumnValue(claim) });
		});
	}

	async remove(rowId: number): Promise<void> {
		await this.step('remove', () => this.rows.delete(rowId));
	}
}

describe('table callback store: the claim under every interleaving (property)', () => {
	it('exactly one new callback opens per phone, whatever order the writes become visible in', async () => {
		await fc.assert(
			fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 6 }), fc.constantFrom<'none' | 'finished' | 'open'>('none', 'finished', 'open'), async (scheduler, requests, before) => {
				const table = new LaggingTable(scheduler);
				if (before !== 'none') {
					const status = before === 'open' ? 'incomplete' : 'complete';
					table.rows.set(0, { ...toCallbackRow({ ...fromCallbackRow({ callbackId: 'cb_earlier', phone: PHONE, status, version: '2' }), requestedAt: NOW.toISOString(), statusChangedAt: NOW.toISOString() }), claim: '' });
				}
				const wait = async (): Promise<void> => {
					await scheduler.schedule(Promise.resolve('sleep'));
				};
				const all = Promise.all(Array.from({ length: requests }, async (_, index) => await storeOver(table, wait).setStatus(opening(`cb_${index}`))));
				const outcomes = await scheduler.waitFor(all);
				const opened = winners(outcomes);
				const openRows = [...table.rows.values()].map((values) => fromCallbackRow(values)).filter((record) => record.status === 'pending' || record.status === 'incomplete');
				if (before === 'open') {
					expect(opened).toEqual([]);
					expect(outcomes.every((outcome) => outcome.kind === 'alreadyOpen' && outcome.open.callbackId === 'cb_earlier')).toBe(true);
				} else {
					expect(opened).toHaveLength(1);
					expect(outcomes.filter((outcome) => outcome.kind === 'alreadyOpen').every((outcome) => outcome.kind === 'alreadyOpen' && outcome.open.callbackId === opened[0])).toBe(true);
				}
				expect(openRows).toHaveLength(1);
			}),
			{ numRuns: 300 },
		);
	});
});
