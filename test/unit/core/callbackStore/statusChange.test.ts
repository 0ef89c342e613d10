import {
	applyStatusChange,
	fromCallbackRow,
	latestCallbackForPhone,
	liveContext,
	mergeContext,
	parseAllowedKeys,
	checkRetentionHours,
	systemNoteText,
	toCallbackRow,
	ContextDataError,
	CallbackRowError,
	type StatusChange,
} from '../../../../nodes/core/callbackStore';
import { statusChangeRequest } from './statusChangeRequest';

const now = new Date('2025-03-03T15:00:00Z');

function change(overrides: Partial<StatusChange>): StatusChange {
	return statusChangeRequest({ contextSettings: { allowedKeys: ['service', 'ivrChoice'], retentionHours: 24 }, ...overrides });
}

describe('applyStatusChange', () => {
	it('creates a Pending record with a note, and counts a missed attempt without a number', () => {
		const first = applyStatusChange(null, change({ context: { service: 'Roof', password: 'x' } }), () => 'cb_unused');
		expect(first.kind).toBe('changed');
		if (first.kind !== 'changed') return;
		expect(first.record).toMatchObject({ callbackId: 'cb_1', status: 'pending', attempts: 0, version: 1, requestedAt: now.toISOString() });
		expect(first.record.context.values).toEqual({ service: 'Roof' });
		const missed = applyStatusChange(first.record, change({ status: 'incomplete', outcome: 'busy' }), () => 'cb_unused');
		expect(missed.kind === 'changed' && missed.record).toMatchObject({ attempts: 1, lastOutcome: 'busy', version: 2, context: { values: { service: 'Roof' } } });
	});

	it('keeps the highest attempt number given and the time the status last changed', () => {
		const a = applyStatusChange(null, change({ status: 'incomplete', attempt: 2 }), () => 'x');
		if (a.kind !== 'changed') throw new Error('expected a change');
		const later = new Date(now.getTime() + 60_000);
		const b = applyStatusChange(a.record, change({ status: 'incomplete', attempt: 1, now: later }), () => 'x');
		if (b.kind !== 'changed') throw new Error('expected a change');
		expect(b.record.attempts).toBe(2);
		expect(b.record.statusChangedAt).toBe(now.toISOString());
	});

	it('adds the opt-out tag beside the status tag and keeps it afterwards', () => {
		const a = applyStatusChange(null, change({ optOut: true }), () => 'x', ['vip']);
		if (a.kind !== 'changed') throw new Error('expected a change');
		expect(a.diff.tagsToAdd).toEqual(['Request to Callback Pending', 'SMS Opt-Out']);
		const b = applyStatusChange(a.record, change({ status: 'complete' }), () => 'x');
		if (b.kind !== 'changed') throw new Error('expected a change');
		expect(b.record.tags).toEqual(['vip', 'SMS Opt-Out', 'Complete']);
		expect(b.record.optOut).toBe(true);
	});

	it('writes a note a person can read', () => {
		expect(systemNoteText({ at: '2025-03-03T15:00:00.000Z', status: 'incomplete', previousStatus: 'pending', attempt: 2, outcome: 'no-answer' })).toBe(
			'Callback status: Incomplete (was Pending)\nTime: 2025-03-03T15:00:00.000Z\nAttempt: 2\nOutcome: no-answer\n' +
				'Report data: {"at":"2025-03-03T15:00:00.000Z","status":"incomplete","previousStatus":"pending","attempt":2,"outcome":"no-answer"}',
		);
	});

	it('picks the newest open callback for a phone, else the newest', () => {
		const records = [
			{ status: 'complete' as const, requestedAt: '2025-03-03T10:00:00Z', id: 'a' },
			{ status: 'incomplete' as const, requestedAt: '2025-03-02T10:00:00Z', id: 'b' },
			{ status: 'pending' as const, requestedAt: '2025-03-01T10:00:00Z', id: 'c' },
		];
		expect(latestCallbackForPhone(records)?.id).toBe('b');
		expect(latestCallbackForPhone(records.slice(0, 1))?.id).toBe('a');
		expect(latestCallbackForPhone([])).toBeNull();
	});
});

describe('context data', () => {
	const settings = { allowedKeys: ['service', 'budget'], retentionHours: 2 };

	it('keeps only allowed keys with plain values, and expires after the retention period', () => {
		const context = mergeContext(null, { service: 'Boiler', budget: 1200, ssn: '123', nested: { a: 1 }, budgetNote: 'x' }, settings, now);
		expect(context).toEqual({ values: { service: 'Boiler', budget: 1200 }, expiresAt: '2025-03-03T17:00:00.000Z' });
		expect(liveContext(context, new Date('2025-03-03T16:59:59Z')).values).toEqual({ service: 'Boiler', budget: 1200 });
		expect(liveContext(context, new Date('2025-03-03T17:00:00Z')).values).toEqual({});
	});

	it('drops everything with an empty allow-list and restarts retention on each write', () => {
		expect(mergeContext(null, { service: 'x' }, { allowedKeys: [], retentionHours: 24 }, now)).toEqual({ values: {}, expiresAt: null });
		const first = mergeContext(null, { service: 'Boiler' }, settings, now);
		const later = new Date(now.getTime() + 3_600_000);
		expect(mergeContext(first, { budget: 5 }, settings, later)).toEqual({ values: { service: 'Boiler', budget: 5 }, expiresAt: '2025-03-03T18:00:00.000Z' });
		expect(mergeContext(first, { other: 5 }, settings, later)).toBe(first);
	});

	it('reads the allow-list and checks the retention range 1–48 hours', () => {
		expect(parseAllowedKeys(' service, budget\nivrChoice,, service ')).toEqual(['service', 'budget', 'ivrChoice']);
		expect(checkRetentionHours(1)).toBe(1);
		expect(checkRetentionHours(48)).toBe(48);
		expect(() => checkRetentionHours(0)).toThrow(ContextDataError);
		expect(() => checkRetentionHours(49)).toThrow(/between 1 and 48/);
	});
});

describe('callback rows', () => {
	it('round-trips a record through the text columns of the Data Table', () => {
		const outcome = applyStatusChange(null, change({ status: 'incomplete', attempt: 1, outcome: 'voicemail', optOut: true, context: { service: 'Roof' } }), () => 'x');
		if (outcome.kind !== 'changed') throw new Error('expected a change');
		const row = toCallbackRow(outcome.record);
		expect(Object.values(row).every((value) => value === null || typeof value === 'string')).toBe(true);
		expect(fromCallbackRow({ ...row, id: 7, createdAt: new Date() })).toEqual(outcome.record);
	});

	it('reads numbers typed as numbers and refuses a row without a known status', () => {
		const outcome = applyStatusChange(null, change({}), () => 'x');
		if (outcome.kind !== 'changed') throw new Error('expected a change');
		const row = { ...toCallbackRow(outcome.record), version: 4, attempts: 2 } as Record<string, unknown>;
		expect(fromCallbackRow(row)).toMatchObject({ version: 4, attempts: 2 });
		expect(() => fromCallbackRow({ ...row, status: 'maybe' })).toThrow(CallbackRowError);
		expect(() => fromCallbackRow({ ...row, notes: '{broken' })).toThrow(/does not hold valid JSON/);
	});
});
