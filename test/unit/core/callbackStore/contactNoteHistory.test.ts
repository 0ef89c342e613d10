import fc from 'fast-check';

import {
	applyStatusChange,
	callbacksFromContactNotes,
	DEFAULT_OPT_OUT_TAG,
	NOTE_DATA_PREFIX,
	readSystemNoteText,
	systemNoteText,
	type CallbackRecord,
	type CallbackStatus,
	type NoteFacts,
	type SystemNote,
} from '../../../../nodes/core/callbackStore';
import { fromCallbackRecord } from '../../../../nodes/core/report/fromCallbackRecord';
import { statusChangeRequest } from './statusChangeRequest';

const note = (status: CallbackStatus, at: string, extra: Partial<SystemNote> = {}): SystemNote => ({ at, status, previousStatus: null, attempt: null, outcome: null, ...extra });

describe('the data line of a CRM note', () => {
	it('keeps the lines a person reads and ends with the change as data', () => {
		const text = systemNoteText(note('incomplete', '2025-03-03T15:00:00.000Z', { previousStatus: 'pending', attempt: 2, outcome: 'no-answer' }));
		const lines = text.split('\n');
		expect(lines.slice(0, 4)).toEqual(['Callback status: Incomplete (was Pending)', 'Time: 2025-03-03T15:00:00.000Z', 'Attempt: 2', 'Outcome: no-answer']);
		expect(lines[4].startsWith(NOTE_DATA_PREFIX)).toBe(true);
	});

	it('reads back every fact a change records, and the booked time', () => {
		const written = note('complete', '2026-11-30T14:35:00.000Z', {
			previousStatus: 'incomplete',
			attempt: 3,
			outcome: 'completed',
			plannedFor: '2026-11-30T14:30:00.000Z',
			call: { placedAt: '2026-11-30T14:30:00.000Z', connectedAt: '2026-11-30T14:30:20.000Z', talkSeconds: 280 },
			voicemail: { placedAt: '2026-11-30T14:31:00.000Z', left: true },
		});
		expect(readSystemNoteText(systemNoteText(written, '2026-11-30T14:30:00.000Z'))).toEqual({ note: written, bookedFor: '2026-11-30T14:30:00.000Z' });
		const cancelled = note('cancelled', '2026-11-30T15:00:00.000Z', { previousStatus: 'pending', cancelledBy: 'lead' });
		expect(readSystemNoteText(systemNoteText(cancelled))).toEqual({ note: cancelled, bookedFor: null });
	});

	it('reads any note it wrote back to the same change (property)', () => {
		const iso = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
		const status = fc.constantFrom<CallbackStatus>('pending', 'incomplete', 'complete', 'cancelled', 'failed');
		const facts: fc.Arbitrary<NoteFacts> = fc.record(
			{
				source: fc.string({ minLength: 1, maxLength: 20 }),
				plannedFor: iso,
				call: fc.record({ placedAt: iso, connectedAt: fc.option(iso, { nil: null }), talkSeconds: fc.option(fc.nat(7200), { nil: null }) }),
				voicemail: fc.record({ placedAt: iso, left: fc.boolean() }),
				cancelledBy: fc.constantFrom<'lead' | 'auto'>('lead', 'auto'),
				duplicate: fc.constant(true as const),
			},
			{ requiredKeys: [] },
		);
		fc.assert(
			fc.property(iso, status, fc.option(status, { nil: null }), fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }), fc.option(fc.string({ maxLength: 30 }), { nil: null }), facts, fc.option(iso, { nil: null }), (at, to, from, attempt, outcome, extra, bookedFor) => {
				const written: SystemNote = { at, status: to, previousStatus: from, attempt, outcome, ...extra };
				expect(readSystemNoteText(systemNoteText(written, bookedFor))).toEqual({ note: written, bookedFor });
			}),
		);
	});

	it('skips notes a person wrote, and a data line edited past reading', () => {
		expect(readSystemNoteText('Called back, she wants a quote on Monday')).toBeNull();
		expect(readSystemNoteText(`Callback status: Pending\n${NOTE_DATA_PREFIX}{"status":"pending","at":"not a time"}`)).toBeNull();
		expect(readSystemNoteText(`Callback status: Pending\n${NOTE_DATA_PREFIX}{"status":"pending"`)).toBeNull();
		expect(readSystemNoteText(`${NOTE_DATA_PREFIX}{"status":"archived","at":"2026-11-30T14:35:00.000Z"}`)).toBeNull();
	});
});

/** The notes a CRM keeps for a phone, and the records the status table keeps, after the same changes. */
function bothStores(changes: Array<{ status: CallbackStatus; minute: number; attempt?: number; facts?: NoteFacts; bookedFor?: string; optOut?: boolean }>): { table: CallbackRecord[]; noteTexts: string[] } {
	const table: CallbackRecord[] = [];
	const noteTexts: string[] = [];
	let ids = 0;
	for (const change of changes) {
		const current = table[table.length - 1] ?? null;
		const outcome = applyStatusChange(
			current,
			statusChangeRequest({
				status: change.status,
				attempt: change.attempt ?? null,
				facts: change.facts,
				bookedFor: change.bookedFor,
				optOut: change.optOut ?? null,
				onIllegalMove: 'newCallback',
				now: new Date(Date.parse('2026-11-30T14:00:00Z') + change.minute * 60_000),
			}),
			() => `cb_${++ids}`,
		);
		if (outcome.kind !== 'changed') throw new Error(outcome.reason);
		if (outcome.startedNewCallback || current === null) table.push(outcome.record);
		else table[table.length - 1] = outcome.record;
		noteTexts.push(systemNoteText(outcome.note, outcome.record.bookedFor));
	}
	return { table, noteTexts };
}

const withoutId = (record: CallbackRecord) => ({ ...fromCallbackRecord(record), callbackId: '' });

describe('callbacks read back from a CRM contact', () => {
	const call = (minute: number, connected: boolean) => ({
		placedAt: new Date(Date.parse('2026-11-30T14:00:00Z') + minute * 60_000).toISOString(),
		connectedAt: connected ? new Date(Date.parse('2026-11-30T14:00:20Z') + minute * 60_000).toISOString() : null,
		talkSeconds: connected ? 120 : null,
	});

	it('reads what the status table reads: a missed call, a reached retry, then a new request cancelled by the lead', () => {
		const { table, noteTexts } = bothStores([
			{ status: 'pending', minute: 0, facts: { source: 'hosted-form' } },
			{ status: 'incomplete', minute: 2, attempt: 1, facts: { call: call(1, false), plannedFor: '2026-11-30T14:01:00.000Z' } },
			{ status: 'pending', minute: 3 },
			{ status: 'complete', minute: 12, attempt: 2, facts: { call: call(10, true) } },
			{ status: 'pending', minute: 60, facts: { source: 'sms' }, bookedFor: '2026-12-01T15:00:00.000Z' },
			{ status: 'cancelled', minute: 70, facts: { cancelledBy: 'lead' } },
		]);
		// HighLevel answers notes newest first, with a note a person wrote among them.
		const read = callbacksFromContactNotes({ contactId: 'c1', phone: '+14155552671', tags: ['cancelled'], noteTexts: ['Spoke to her, nice lead', ...noteTexts].reverse() }, DEFAULT_OPT_OUT_TAG);
		expect(read).toHaveLength(2);
		expect(read.map(withoutId)).toEqual(table.map(withoutId));
		expect(read[0]).toMatchObject({ status: 'complete', attempts: 2, requestedAt: '2026-11-30T14:00:00.000Z', statusChangedAt: '2026-11-30T14:12:00.000Z' });
		expect(read[1]).toMatchObject({ status: 'cancelled', bookedFor: '2026-12-01T15:00:00.000Z', requestedAt: '2026-11-30T15:00:00.000Z' });
		expect(fromCallbackRecord(read[0]).attempts.map((attempt) => attempt.connectedAt !== null)).toEqual([false, true]);
		expect(fromCallbackRecord(read[1])).toMatchObject({ channel: 'sms', cancelledBy: 'lead' });
	});

	it('counts the lead as opted out when the contact carries the opt-out tag', () => {
		const { noteTexts } = bothStores([{ status: 'pending', minute: 0 }]);
		expect(callbacksFromContactNotes({ contactId: 'c1', phone: null, tags: ['sms opt-out'], noteTexts }, DEFAULT_OPT_OUT_TAG)[0].optOut).toBe(true);
		expect(callbacksFromContactNotes({ contactId: 'c1', phone: null, tags: [], noteTexts }, DEFAULT_OPT_OUT_TAG)[0].optOut).toBe(false);
	});

	it('reads no callback from a contact whose notes people wrote', () => {
		expect(callbacksFromContactNotes({ contactId: 'c1', phone: null, tags: [], noteTexts: ['Called, no answer'] }, DEFAULT_OPT_OUT_TAG)).toEqual([]);
	});

	it('reads the same callbacks as the status table for any run of changes (property)', () => {
		const step = fc.record({
			status: fc.constantFrom<CallbackStatus>('pending', 'incomplete', 'complete', 'cancelled', 'failed'),
			gap: fc.integer({ min: 1, max: 600 }),
			attempt: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
			connected: fc.boolean(),
		});
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
				let minute = 0;
				const changes = steps.map((s) => {
					minute += s.gap;
					const facts: NoteFacts = ['incomplete', 'complete', 'failed'].includes(s.status) ? { call: call(minute - 1, s.connected && s.status === 'complete') } : {};
					return { status: s.status, minute, attempt: s.attempt, facts };
				});
				const { table, noteTexts } = bothStores(changes);
				const read = callbacksFromContactNotes({ contactId: 'c1', phone: '+14155552671', tags: [], noteTexts: [...noteTexts].reverse() }, DEFAULT_OPT_OUT_TAG);
				expect(read.map(withoutId)).toEqual(table.map(withoutId));
			}),
		);
	});
});
