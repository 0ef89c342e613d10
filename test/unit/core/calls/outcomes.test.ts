import { afterDialMessage, dialOutcome, pickedUpBy, voicemailOutcome, type DialResult } from '../../../../nodes/core/calls';

const dial = (result: Partial<DialResult>): ReturnType<typeof dialOutcome> =>
	dialOutcome({ dialCallStatus: 'completed', bridged: null, leadSeconds: null, leadAnsweredBy: null, ...result });

describe('pickedUpBy', () => {
	it.each([
		['human', 'person'],
		['machine_start', 'machine'],
		['machine_end_beep', 'machine'],
		['machine_end_silence', 'machine'],
		['machine_end_other', 'machine'],
		['fax', 'fax'],
		['unknown', 'unknown'],
		['', null],
		[null, null],
	])('%j is %j', (answeredBy, party) => {
		expect(pickedUpBy(answeredBy)).toBe(party);
	});
});

describe('dialOutcome', () => {
	it('a bridged lead leg is connected', () => {
		expect(dial({ bridged: true, leadSeconds: 42 })).toEqual({ connected: true });
		expect(dial({ dialCallStatus: 'answered' })).toEqual({ connected: true });
		// Without DialBridged the conversation's length tells.
		expect(dial({ leadSeconds: 3 })).toEqual({ connected: true });
	});

	it('an answered leg that was never joined is not answered', () => {
		expect(dial({ bridged: false, leadSeconds: 4 })).toEqual({ connected: false, outcome: 'lead-no-answer' });
		expect(dial({ leadSeconds: 0 })).toEqual({ connected: false, outcome: 'lead-no-answer' });
	});

	it.each([
		['busy', 'lead-busy'],
		['no-answer', 'lead-no-answer'],
		['failed', 'lead-failed'],
		['canceled', 'canceled'],
		['something-new', 'lead-failed'],
	])('DialCallStatus %s is %s', (dialCallStatus, outcome) => {
		expect(dial({ dialCallStatus })).toEqual({ connected: false, outcome });
	});

	it('a machine on the lead side is voicemail even if it was bridged; a fax is a failed call', () => {
		expect(dial({ bridged: true, leadSeconds: 30, leadAnsweredBy: 'machine_start' })).toEqual({ connected: false, outcome: 'lead-voicemail' });
		expect(dial({ bridged: false, leadAnsweredBy: 'machine_end_beep' })).toEqual({ connected: false, outcome: 'lead-voicemail' });
		expect(dial({ leadAnsweredBy: 'fax' })).toEqual({ connected: false, outcome: 'lead-failed' });
		expect(dial({ bridged: true, leadSeconds: 30, leadAnsweredBy: 'human' })).toEqual({ connected: true });
	});
});

describe('afterDialMessage', () => {
	it('tells the business how the dial went, with the lead\'s name', () => {
		expect(afterDialMessage({ connected: true }, 'Jane')).toBe('The call has ended. Goodbye.');
		expect(afterDialMessage({ connected: false, outcome: 'lead-no-answer' }, 'Jane')).toBe('Jane did not answer. The callback was not connected. Goodbye.');
		expect(afterDialMessage({ connected: false, outcome: 'lead-busy' }, '')).toBe('The lead was busy. The callback was not connected. Goodbye.');
		expect(afterDialMessage({ connected: false, outcome: 'lead-voicemail' }, 'Jane')).toBe("Jane's voicemail answered, so the callback was not connected. Goodbye.");
		expect(afterDialMessage({ connected: false, outcome: 'lead-failed' }, '')).toBe('The call to the lead could not be placed. Goodbye.');
	});
});

describe('voicemailOutcome', () => {
	it('a machine that answered got the message', () => {
		expect(voicemailOutcome({ status: 'completed', answeredBy: 'machine_end_beep', seconds: 21 })).toEqual({ kind: 'voicemail-left' });
		expect(voicemailOutcome({ status: 'completed', answeredBy: 'machine_end_silence', seconds: 21 })).toEqual({ kind: 'voicemail-left' });
	});

	it('a person, or a party detection could not tell, answered', () => {
		expect(voicemailOutcome({ status: 'completed', answeredBy: 'human', seconds: 8 })).toEqual({ kind: 'person-answered' });
		expect(voicemailOutcome({ status: 'completed', answeredBy: 'unknown', seconds: 31 })).toEqual({ kind: 'person-answered' });
		expect(voicemailOutcome({ status: 'in-progress', answeredBy: 'human', seconds: null })).toEqual({ kind: 'person-answered' });
	});

	it.each([
		['busy', 'busy'],
		['no-answer', 'no-answer'],
		['failed', 'failed'],
		['canceled', 'canceled'],
		['ringing', 'no-answer'],
		['queued', 'no-answer'],
	])('a %s call reached nobody (%s)', (status, reason) => {
		expect(voicemailOutcome({ status, answeredBy: null, seconds: 0 })).toEqual({ kind: 'not-reached', reason });
	});

	it('a fax reached nobody; a completed call without detection and without time reached nobody', () => {
		expect(voicemailOutcome({ status: 'completed', answeredBy: 'fax', seconds: 4 })).toEqual({ kind: 'not-reached', reason: 'fax' });
		expect(voicemailOutcome({ status: 'completed', answeredBy: null, seconds: 0 })).toEqual({ kind: 'not-reached', reason: 'no-answer' });
	});
});
