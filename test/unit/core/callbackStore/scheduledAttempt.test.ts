import fc from 'fast-check';

import {
	fromCallbackRow,
	isUpcoming,
	parseScheduledAttempt,
	scheduledAttemptColumn,
	TableCallbackStore,
	toCallbackRow,
	waitingCancelUrl,
	type ScheduledAttempt,
	type StatusChange,
} from '../../../../nodes/core/callbackStore';
import { MemoryCallbackTable } from './memoryCallbackTable';
import { statusChangeRequest } from './statusChangeRequest';

const NOW = new Date('2025-03-03T15:00:00Z');
const LATER: ScheduledAttempt = { attempt: 2, at: '2025-03-03T17:30:00.000Z', leadTimezone: 'America/Chicago', cancelUrl: 'https://n8n.example.com/webhook-waiting/42/node?token=t' };

function change(overrides: Partial<StatusChange>): StatusChange {
	return statusChangeRequest({ key: { callbackId: 'cb_waits', phone: '+14155552671' }, now: NOW, ...overrides });
}

function storeOver(table: MemoryCallbackTable): TableCallbackStore {
	return new TableCallbackStore(table, { newCallbackId: () => 'cb_new', sleep: async () => undefined, backoffMs: () => 0 });
}

describe('scheduled attempt kept with a callback', () => {
	it('round-trips through the table column, and reads a hand-edited cell as none', () => {
		expect(parseScheduledAttempt(scheduledAttemptColumn(LATER))).toEqual(LATER);
		expect(scheduledAttemptColumn(null)).toBeNull();
		for (const cell of [null, '', '   ', 'tomorrow', '{"at":"soon"}', '[]', '{"attempt":1,"at":"2025-03-03T17:30:00Z","leadTimezone":"UTC"}']) {
			expect(parseScheduledAttempt(cell)).toBeNull();
		}
	});

	it('is upcoming only while its time is ahead, and only then offers its cancel link', () => {
		fc.assert(
			fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (offsetMs) => {
				const attempt = { ...LATER, at: new Date(NOW.getTime() + offsetMs).toISOString() };
				expect(isUpcoming(attempt, NOW)).toBe(offsetMs > 0);
				expect(waitingCancelUrl(attempt, NOW)).toBe(offsetMs > 0 ? LATER.cancelUrl : null);
			}),
		);
		expect(waitingCancelUrl(null, NOW)).toBeNull();
	});

	it('is recorded on the open callback and survives a status write; a finished callback drops it', async () => {
		const table = new MemoryCallbackTable();
		const store = storeOver(table);
		await store.setStatus(change({ status: 'pending' }));
		expect(await store.recordScheduledAttempt({ callbackId: null, phone: '+14155552671' }, LATER)).toEqual({ recorded: true });
		const recorded = await store.read({ callbackId: 'cb_waits', phone: null });
		expect(recorded).toMatchObject({ scheduledAttempt: LATER, version: 2, status: 'pending' });
		expect(fromCallbackRow(toCallbackRow(recorded!) as Record<string, unknown>).scheduledAttempt).toEqual(LATER);

		const missed = await store.setStatus(change({ status: 'incomplete', attempt: 1 }));
		expect(missed.kind === 'changed' && missed.record.scheduledAttempt).toEqual(LATER);

		const cancelled = await store.setStatus(change({ status: 'cancelled' }));
		expect(cancelled.kind === 'changed' && cancelled.record.scheduledAttempt).toBeNull();
		// The change still names what waited, for whoever ends the wait.
		expect(cancelled.kind === 'changed' && cancelled.previous?.scheduledAttempt).toEqual(LATER);
		// Cancelled while the attempt was being planned: nothing is recorded, and the caller must not wait to call.
		expect(await store.recordScheduledAttempt({ callbackId: 'cb_waits', phone: null }, LATER)).toEqual({ recorded: false, because: 'finished', status: 'cancelled' });
	});

	it('is not recorded for a callback the store does not know', async () => {
		const store = storeOver(new MemoryCallbackTable());
		expect(await store.recordScheduledAttempt({ callbackId: 'cb_unknown', phone: null }, LATER)).toEqual({ recorded: false, because: 'unknown', status: null });
	});
});
