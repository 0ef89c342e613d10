import { releaseLine, takeLine } from '../../../../nodes/core/lines/lineLeases';
import { dataTableLineStore, LINE_COLUMNS } from '../../../../nodes/shared/lineTable/dataTableLineStore';
import { findOrCreateApiTable } from '../../../../nodes/shared/rateLimitTable/dataTableCounterStore';
import { FakeDataTableApi } from '../../../dataTableDouble/fakeDataTableApi';

const NOW = Date.UTC(2026, 10, 30, 15, 0, 0);
const LEASE = 35 * 60_000;

async function lines(api: FakeDataTableApi) {
	const tableId = await findOrCreateApiTable(api.call, 'callback_lines', LINE_COLUMNS);
	return { tableId, store: () => dataTableLineStore(api.call, tableId) };
}

describe('the Data Table line store', () => {
	it('hands out at most the limit, to many callers racing, one row per line', async () => {
		const api = new FakeDataTableApi();
		const { tableId, store } = await lines(api);
		const takes = await Promise.all(Array.from({ length: 6 }, (_, index) => takeLine(store(), { business: '+14155550190', maxLines: 2, holder: `exec-${index}`, now: NOW, leaseMs: LEASE })));
		const taken = takes.filter((take) => take.kind === 'taken');
		expect(taken).toHaveLength(2);
		expect(new Set(taken.map((take) => (take.kind === 'taken' ? take.line : 0)))).toEqual(new Set([1, 2]));
		expect(takes.filter((take) => take.kind === 'full')).toEqual(expect.arrayContaining([{ kind: 'full', freesAt: NOW + LEASE, priorityWaiting: 0 }]));
		expect(api.rows(tableId).map((row) => row.line).sort()).toEqual(['line:+14155550190:1', 'line:+14155550190:2']);
	});

	it('frees a line on release by its holder only, and keeps other businesses apart', async () => {
		const api = new FakeDataTableApi();
		const { store } = await lines(api);
		const first = await takeLine(store(), { business: '+14155550190', maxLines: 1, holder: 'exec-1', now: NOW, leaseMs: LEASE });
		expect(first).toMatchObject({ kind: 'taken', line: 1 });
		expect(await takeLine(store(), { business: '+14155550199', maxLines: 1, holder: 'exec-9', now: NOW, leaseMs: LEASE })).toMatchObject({ kind: 'taken', line: 1 });
		expect(await takeLine(store(), { business: '+14155550190', maxLines: 1, holder: 'exec-2', now: NOW, leaseMs: LEASE })).toMatchObject({ kind: 'full' });
		expect(await releaseLine(store(), { business: '+14155550190', holder: 'exec-2', now: NOW })).toEqual({ kind: 'notHeld' });
		expect(await releaseLine(store(), { business: '+14155550190', holder: 'exec-1', now: NOW + 1000 })).toEqual({ kind: 'released', lines: [1] });
		expect(await takeLine(store(), { business: '+14155550190', maxLines: 1, holder: 'exec-2', now: NOW + 2000, leaseMs: LEASE })).toMatchObject({ kind: 'taken', line: 1 });
	});

	it('takes a line whose lease ran out', async () => {
		const api = new FakeDataTableApi();
		const { store } = await lines(api);
		await takeLine(store(), { business: 'b', maxLines: 1, holder: 'gone', now: NOW, leaseMs: LEASE });
		expect(await takeLine(store(), { business: 'b', maxLines: 1, holder: 'next', now: NOW + LEASE - 1, leaseMs: LEASE })).toMatchObject({ kind: 'full' });
		expect(await takeLine(store(), { business: 'b', maxLines: 1, holder: 'next', now: NOW + LEASE + 1, leaseMs: LEASE })).toMatchObject({ kind: 'taken', line: 1 });
	});
});
