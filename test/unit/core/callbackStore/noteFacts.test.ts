import { applyStatusChange, noteFactsFromItem } from '../../../../nodes/core/callbackStore';
import { statusChangeRequest } from './statusChangeRequest';

const bridgeResult = (extra: Record<string, unknown> = {}) => ({
	phase: 'reported',
	connected: true,
	outcome: 'connected',
	attempt: 2,
	placedAt: '2026-11-30T15:00:00.000Z',
	endedAt: '2026-11-30T15:02:10.000Z',
	talkSeconds: 100,
	...extra,
});

describe('the facts a status change keeps for the report', () => {
	it('a connected bridge call: placed, joined at its end less the talk time, the planned time', () => {
		const facts = noteFactsFromItem({ callback: { attemptAt: '2026-11-30T10:00:00-05:00' }, bridgeCall: bridgeResult() }, 'complete');
		expect(facts).toEqual({
			call: { placedAt: '2026-11-30T15:00:00.000Z', connectedAt: '2026-11-30T15:00:30.000Z', talkSeconds: 100 },
			plannedFor: '2026-11-30T15:00:00.000Z',
		});
	});

	it('a missed call is not joined and has no talk time; a voicemail after it is kept beside it', () => {
		const missed = bridgeResult({ connected: false, outcome: 'lead-no-answer', talkSeconds: null });
		const call = { placedAt: '2026-11-30T15:00:00.000Z', connectedAt: null, talkSeconds: null };
		expect(noteFactsFromItem({ bridgeCall: missed }, 'incomplete').call).toEqual(call);
		const voicemail = { phase: 'reported', outcome: 'voicemail-left', placedAt: '2026-11-30T16:00:00Z' };
		expect(noteFactsFromItem({ bridgeCall: missed, voicemailDrop: voicemail }, 'failed')).toEqual({ call, voicemail: { placedAt: '2026-11-30T16:00:00.000Z', left: true } });
	});

	it('a call only placed (not yet reported) and a call on a status that is no outcome give no call', () => {
		expect(noteFactsFromItem({ bridgeCall: bridgeResult({ phase: 'placed' }) }, 'complete')).toEqual({});
		expect(noteFactsFromItem({ bridgeCall: bridgeResult() }, 'cancelled')).toEqual({ cancelledBy: 'auto' });
	});

	it('the source is kept when the callback is asked for; a lead who texts cancels it themselves', () => {
		expect(noteFactsFromItem({ source: 'missed-call' }, 'pending')).toEqual({ source: 'missed-call' });
		expect(noteFactsFromItem({ source: 'sms', reply: { intent: 'cancel' } }, 'cancelled')).toEqual({ cancelledBy: 'lead' });
		expect(noteFactsFromItem({ source: '   ' }, 'pending')).toEqual({});
	});

	it('ignores what is not a time or a number', () => {
		expect(noteFactsFromItem({ bridgeCall: bridgeResult({ placedAt: 'soon' }) }, 'complete')).toEqual({});
		expect(noteFactsFromItem({ bridgeCall: bridgeResult({ talkSeconds: 'long' }) }, 'complete').call?.talkSeconds).toBeNull();
	});

	it('the facts land in the change\'s note', () => {
		const change = statusChangeRequest({ facts: { source: 'hosted-form' } });
		const outcome = applyStatusChange(null, change, () => 'cb_new');
		expect(outcome.kind === 'changed' && outcome.record.notes[0]).toEqual(expect.objectContaining({ status: 'pending', source: 'hosted-form' }));
	});
});
