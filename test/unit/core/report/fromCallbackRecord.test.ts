import type { CallbackRecord, SystemNote } from '../../../../nodes/core/callbackStore';
import { EMPTY_CONTEXT } from '../../../../nodes/core/callbackStore';
import { channelOfSource, fromCallbackRecord } from '../../../../nodes/core/report/fromCallbackRecord';

function record(notes: SystemNote[], extra: Partial<CallbackRecord> = {}): CallbackRecord {
	return {
		callbackId: 'cb_1',
		phone: '+12125550147',
		contactId: null,
		status: notes[notes.length - 1]?.status ?? 'pending',
		tags: [],
		attempts: 0,
		lastOutcome: null,
		requestedAt: '2026-11-27T23:00:00.000Z',
		statusChangedAt: notes[notes.length - 1]?.at ?? '2026-11-27T23:00:00.000Z',
		notes,
		optOut: false,
		context: EMPTY_CONTEXT,
		scheduledAttempt: null,
		bookedFor: null,
		missedInARow: 0,
		noShowUntil: null,
		version: notes.length,
		...extra,
	};
}

const note = (status: SystemNote['status'], at: string, extra: Partial<SystemNote> = {}): SystemNote => ({ at, status, previousStatus: null, attempt: null, outcome: null, ...extra });

describe('a stored callback as the report reads it', () => {
	it('reads the channel, the calls and the hours from the notes', () => {
		const read = fromCallbackRecord(
			record([
				note('pending', '2026-11-27T23:00:00.000Z', { source: 'missed-call' }),
				note('incomplete', '2026-11-30T14:01:00.000Z', { attempt: 1, plannedFor: '2026-11-30T14:00:00.000Z', call: { placedAt: '2026-11-30T14:00:00.000Z', connectedAt: null, talkSeconds: null } }),
				note('complete', '2026-11-30T14:35:00.000Z', { attempt: 2, call: { placedAt: '2026-11-30T14:30:00.000Z', connectedAt: '2026-11-30T14:30:20.000Z', talkSeconds: 280 } }),
			]),
		);
		expect(read).toEqual({
			callbackId: 'cb_1',
			channel: 'missedCall',
			requestedAt: '2026-11-27T23:00:00.000Z',
			requestedOutsideHours: true,
			bookedFor: null,
			status: 'complete',
			statusChangedAt: '2026-11-30T14:35:00.000Z',
			cancelledBy: null,
			optedOut: false,
			duplicatesSuppressed: 0,
			noShow: false,
			attempts: [
				{ attempt: 1, placedAt: '2026-11-30T14:00:00.000Z', connectedAt: null, talkSeconds: null, voicemailLeft: false },
				{ attempt: 2, placedAt: '2026-11-30T14:30:00.000Z', connectedAt: '2026-11-30T14:30:20.000Z', talkSeconds: 280, voicemailLeft: false },
			],
		});
	});

	it('a booked callback is never "outside hours", and one that failed is a no-show; a lead\'s cancel is theirs', () => {
		const booked = fromCallbackRecord(record([note('pending', '2026-11-27T23:00:00.000Z'), note('failed', '2026-11-30T15:00:00.000Z', { attempt: 2, plannedFor: '2026-11-30T14:00:00.000Z' })], { bookedFor: '2026-11-30T14:00:00.000Z' }));
		expect(booked).toEqual(expect.objectContaining({ requestedOutsideHours: false, noShow: true, channel: 'other' }));
		const cancelled = fromCallbackRecord(record([note('pending', '2026-11-27T23:00:00.000Z', { source: 'hosted-form' }), note('cancelled', '2026-11-27T23:05:00.000Z', { cancelledBy: 'lead' })]));
		expect(cancelled).toEqual(expect.objectContaining({ status: 'cancelled', cancelledBy: 'lead', attempts: [], channel: 'form' }));
	});

	it('counts a call two changes report once, and a voicemail on the attempt it followed', () => {
		const second = { placedAt: '2026-11-30T14:10:00.000Z', connectedAt: null, talkSeconds: null };
		const read = fromCallbackRecord(
			record([
				note('pending', '2026-11-30T14:00:00.000Z', { source: 'hosted-form' }),
				note('incomplete', '2026-11-30T14:01:00.000Z', { attempt: 1, call: { placedAt: '2026-11-30T14:00:05.000Z', connectedAt: null, talkSeconds: null } }),
				note('incomplete', '2026-11-30T14:11:00.000Z', { attempt: 2, call: second }),
				note('failed', '2026-11-30T14:12:00.000Z', { attempt: 2, call: second, voicemail: { placedAt: '2026-11-30T14:11:30.000Z', left: true } }),
			]),
		);
		expect(read.attempts.map((attempt) => [attempt.attempt, attempt.voicemailLeft])).toEqual([
			[1, false],
			[2, true],
		]);
		expect(read.requestedOutsideHours).toBe(false);
	});

	it('a callback still waiting for its first call is outside hours when that call is planned later than 5 minutes', () => {
		const waiting = fromCallbackRecord(record([note('pending', '2026-11-27T23:00:00.000Z')], { scheduledAttempt: { attempt: 1, at: '2026-11-30T14:00:00.000Z', leadTimezone: 'America/New_York', cancelUrl: null } }));
		expect(waiting.requestedOutsideHours).toBe(true);
	});

	it('names each channel; a source a form posts of its own is a form', () => {
		expect(['hosted-form', 'highlevel', 'missed-call', 'phone-menu', 'sms', 'spring-campaign', undefined].map(channelOfSource)).toEqual(['form', 'highlevel', 'missedCall', 'menu', 'sms', 'form', 'other']);
	});
});
