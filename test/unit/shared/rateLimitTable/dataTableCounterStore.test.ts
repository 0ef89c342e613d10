import { takeSlot } from '../../../../nodes/core/abuse/rateLimit';
import { allBucketKeys, rateLimitKeys } from '../../../../nodes/core/abuse/rateLimitKeys';
import { parseRateLimitSettings } from '../../../../nodes/core/abuse/rateLimitLimits';
import { TALLY_RETENTION_MS, tallyKey, tallyKeyPattern } from '../../../../nodes/core/abuse/refusalTally';
import { dataTableCounterStore, deleteCounterRowsBefore, findOrCreateCounterTable, makeCounterRows } from '../../../../nodes/shared/rateLimitTable/dataTableCounterStore';
import { FakeDataTableApi } from '../../../dataTableDouble/fakeDataTableApi';

const SCOPE = 'wf1:trigger';
const NOW = Date.UTC(2026, 10, 29, 16, 5, 0);
const LIMITS = parseRateLimitSettings({ ip: '5/10m', prefix: '10/1h', global: '60/1h' });
const BUCKETS = 16;

async function preparedTable(api: FakeDataTableApi): Promise<string> {
	const tableId = await findOrCreateCounterTable(api.call, 'callback_rate_limits');
	await makeCounterRows(api.call, tableId, allBucketKeys(SCOPE, BUCKETS, LIMITS), SCOPE);
	return tableId;
}

function countersFor(ip: string, phone: string) {
	return rateLimitKeys({ ip, phoneE164: phone, scope: SCOPE, limits: LIMITS, buckets: BUCKETS });
}

describe('the Data Table counter store', () => {
	it('makes the table and one row per counter once, whatever number of publishes', async () => {
		const api = new FakeDataTableApi();
		const tableId = await preparedTable(api);
		expect(api.rows(tableId)).toHaveLength(BUCKETS * 2 + 1);
		expect(await findOrCreateCounterTable(api.call, 'callback_rate_limits')).toBe(tableId);
		expect(await makeCounterRows(api.call, tableId, allBucketKeys(SCOPE, BUCKETS, LIMITS), SCOPE)).toBe(0);
		// Another form sharing the table gets its own rows.
		expect(await makeCounterRows(api.call, tableId, allBucketKeys('wf2:trigger', BUCKETS, LIMITS), 'wf2:trigger')).toBe(BUCKETS * 2 + 1);
		expect(api.rows(tableId)).toHaveLength(2 * (BUCKETS * 2 + 1));
	});

	it("removes only this form's refusal tallies past their keeping time, spare rows included", async () => {
		const api = new FakeDataTableApi();
		const tableId = await preparedTable(api);
		const cutoff = NOW - TALLY_RETENTION_MS;
		const tally = (counter: string, windowStart: number) => ({ counter, windowStart, count: 3, version: 3 });
		await api.call('POST', `/data-tables/${tableId}/rows`, {
			body: {
				data: [
					tally(tallyKey('rateLimit', cutoff - 15 * 60_000, 0, SCOPE), cutoff - 15 * 60_000),
					tally(tallyKey('humanCheck', cutoff - 86_400_000, 'xspare1', SCOPE), cutoff - 86_400_000),
					tally(tallyKey('rateLimit', cutoff, 1, SCOPE), cutoff),
					tally(tallyKey('heldForReview', NOW - 60_000, 2, SCOPE), NOW - 60_000),
					tally(tallyKey('rateLimit', cutoff - 86_400_000, 0, 'wf2:trigger'), cutoff - 86_400_000),
				],
			},
		});
		const before = api.rows(tableId).length;
		await deleteCounterRowsBefore(api.call, tableId, tallyKeyPattern(SCOPE), cutoff);
		const left = api.rows(tableId).map((row) => String(row.counter));
		expect(before - left.length).toBe(2);
		expect(left.filter((key) => key.startsWith('tally|'))).toEqual([
			tallyKey('rateLimit', cutoff, 1, SCOPE),
			tallyKey('heldForReview', NOW - 60_000, 2, SCOPE),
			tallyKey('rateLimit', cutoff - 86_400_000, 0, 'wf2:trigger'),
		]);
		// The limits' own rows (window 0 until first used) are not tallies, and stay.
		expect(left.filter((key) => !key.startsWith('tally|'))).toHaveLength(BUCKETS * 2 + 1);
	});

	it('says what failed when old counters cannot be removed', async () => {
		const api = new FakeDataTableApi();
		const tableId = await preparedTable(api);
		api.failWith = { status: 403, body: { message: 'Forbidden' } };
		await expect(deleteCounterRowsBefore(api.call, tableId, tallyKeyPattern(SCOPE), NOW)).rejects.toThrow(/Removing old counters/);
	});

	it('uses the table another publish made meanwhile', async () => {
		const api = new FakeDataTableApi();
		let firstLookup = true;
		const call: typeof api.call = async (method, path, options) => {
			const answer = await api.call(method, path, options);
			if (method === 'GET' && path === '/data-tables' && firstLookup) {
				firstLookup = false;
				// Someone else makes it between our lookup and our create.
				await api.call('POST', '/data-tables', { body: { name: 'callback_rate_limits', columns: [] } });
				return { status: 200, body: { data: [], nextCursor: null } };
			}
			return answer;
		};
		const id = await findOrCreateCounterTable(call, 'callback_rate_limits');
		expect([...api.tables.keys()]).toEqual([id]);
	});

	it('admits exactly the limit from one address, counting in the rows made in advance', async () => {
		const api = new FakeDataTableApi();
		const tableId = await preparedTable(api);
		const store = () => dataTableCounterStore(api.call, tableId);
		const decisions = [];
		for (let index = 0; index < 8; index++) decisions.push(await takeSlot(store(), countersFor('203.0.113.7', `+1212555${String(1000 + index)}`), NOW));
		expect(decisions.filter((decision) => decision.admitted)).toHaveLength(5);
		expect(decisions[5]).toMatchObject({ admitted: false, limit: 'ip', reason: 'full' });
		// Nothing was inserted while counting: the same rows, one of them at 5.
		expect(api.rows(tableId)).toHaveLength(BUCKETS * 2 + 1);
		expect(api.rows(tableId).filter((row) => String(row.counter).startsWith('ip|10m|')).map((row) => row.count)).toContain(5);
		// The refused requests gave back what they took: the total counts the 5 admitted only.
		expect(api.rows(tableId).find((row) => String(row.counter).startsWith('global|'))?.count).toBe(5);
	});

	it('admits no more than the limit when 40 requests race with every call interleaved', async () => {
		const api = new FakeDataTableApi();
		const tableId = await preparedTable(api);
		let tick = 0;
		api.pause = async () => {
			tick += 1;
			await new Promise((resolve) => setTimeout(resolve, (tick * 7) % 5));
		};
		const decisions = await Promise.all(
			Array.from({ length: 40 }, (_, index) => takeSlot(dataTableCounterStore(api.call, tableId), countersFor('203.0.113.7', `+1212555${String(2000 + index)}`), NOW)),
		);
		const admitted = decisions.filter((decision) => decision.admitted).length;
		expect(admitted).toBeGreaterThanOrEqual(1);
		expect(admitted).toBeLessThanOrEqual(5);
		expect(api.rows(tableId).find((row) => String(row.counter).startsWith('global|'))?.count).toBe(admitted);
	});

	it('reads the counters it needs in one request and changes each with one update', async () => {
		const api = new FakeDataTableApi();
		const tableId = await preparedTable(api);
		api.calls.length = 0;
		expect(await takeSlot(dataTableCounterStore(api.call, tableId), countersFor('203.0.113.7', '+12125551000'), NOW)).toMatchObject({ admitted: true });
		expect(api.calls.map((call) => call.method)).toEqual(['GET', 'PATCH', 'PATCH', 'PATCH']);
	});

	it('makes a row someone deleted, and of two racing inserts keeps one', async () => {
		const api = new FakeDataTableApi();
		const tableId = await findOrCreateCounterTable(api.call, 'callback_rate_limits');
		const counters = countersFor('203.0.113.7', '+12125551000');
		const decisions = await Promise.all([0, 1, 2].map(() => takeSlot(dataTableCounterStore(api.call, tableId), counters, NOW)));
		expect(decisions.every((decision) => decision.admitted)).toBe(true);
		for (const counter of counters) {
			const rows = api.rows(tableId).filter((row) => row.counter === counter.key);
			expect(rows).toHaveLength(1);
			expect(rows[0].count).toBe(3);
		}
	});

	it('says to check the credential when n8n refuses the key, and never shows the key', async () => {
		const api = new FakeDataTableApi();
		api.failWith = { status: 401, body: { message: 'unauthorized' } };
		await expect(findOrCreateCounterTable(api.call, 'callback_rate_limits')).rejects.toThrow(/refused the API key .*Callback Data Tables API/);
	});

	it('says rate limits need n8n 2.x when the API has no Data Tables', async () => {
		const api = new FakeDataTableApi();
		api.failWith = { status: 404, body: { message: 'not found' } };
		await expect(findOrCreateCounterTable(api.call, 'callback_rate_limits')).rejects.toThrow(/need n8n 2\.x/);
	});
});
