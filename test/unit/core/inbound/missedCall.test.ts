import fc from 'fast-check';

import {
	classifyInboundCall,
	InboundSettingError,
	MISSED_CALL_REASON_NAMES,
	MISSED_CALL_REASONS,
	missedCallReasons,
	readFlowReport,
	readInboundCall,
	type InboundCall,
	type MissedCallReason,
} from '../../../../nodes/core/inbound';

const ALL = missedCallReasons(undefined);

/** A call to the business as Twilio posts it, with only the fields a test sets. */
const call = (params: Record<string, string>): InboundCall =>
	readInboundCall({ CallSid: 'CA0123456789abcdef0123456789abcdef', From: '+14155550123', To: '+14155550100', Direction: 'inbound', ...params });

describe('readInboundCall', () => {
	it('reads what Twilio posts to a <Dial> action', () => {
		expect(
			readInboundCall({
				CallSid: 'CA1',
				From: '+14155550123',
				To: '+14155550100',
				Caller: '+14155550123',
				Called: '+14155550100',
				Direction: 'inbound',
				CallStatus: 'in-progress',
				DialCallStatus: 'no-answer',
				DialCallDuration: '0',
				DialBridged: 'false',
			}),
		).toEqual({
			callSid: 'CA1',
			from: '+14155550123',
			to: '+14155550100',
			direction: 'inbound',
			callStatus: 'in-progress',
			callSeconds: null,
			dialCallStatus: 'no-answer',
			dialCallSeconds: 0,
			dialBridged: false,
			answeredBy: null,
		});
	});

	it('falls back on Caller and Called, takes the first of a repeated field, and leaves out what is not a number', () => {
		expect(readInboundCall({ Caller: ' +14155550123 ', Called: '+14155550100', CallDuration: ['42', '7'], DialCallDuration: 'soon', DialBridged: 'maybe' })).toEqual(
			expect.objectContaining({ from: '+14155550123', to: '+14155550100', callSeconds: 42, dialCallSeconds: null, dialBridged: null, dialCallStatus: null, callStatus: '' }),
		);
		expect(readInboundCall({})).toEqual(expect.objectContaining({ callSid: '', from: '', to: '', direction: '' }));
	});
});

describe('classifyInboundCall', () => {
	it.each<[string, Record<string, string>, MissedCallReason]>([
		['the business number rang out', { CallStatus: 'no-answer' }, 'no-answer'],
		['the business number was busy', { CallStatus: 'busy', CallDuration: '0' }, 'busy'],
		['the caller hung up while it rang', { CallStatus: 'canceled' }, 'canceled'],
		['the call failed', { CallStatus: 'failed' }, 'failed'],
		['the team rang out while the caller waited', { CallStatus: 'in-progress', DialCallStatus: 'no-answer' }, 'team-no-answer'],
		['the team member was busy', { CallStatus: 'in-progress', DialCallStatus: 'busy' }, 'team-no-answer'],
		['the team number failed', { CallStatus: 'in-progress', DialCallStatus: 'failed' }, 'team-no-answer'],
		['the team leg was canceled', { CallStatus: 'in-progress', DialCallStatus: 'canceled' }, 'team-no-answer'],
		['the team picked up but was never joined', { CallStatus: 'in-progress', DialCallStatus: 'completed', DialBridged: 'false', DialCallDuration: '4' }, 'team-no-answer'],
		['the team leg completed with no talk time', { CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallDuration: '0' }, 'team-no-answer'],
		['the caller hung up while the team rang', { CallStatus: 'completed', DialCallStatus: 'no-answer' }, 'canceled'],
		['a team member’s voicemail took the forwarded call', { CallStatus: 'completed', DialCallStatus: 'completed', DialBridged: 'true', DialCallDuration: '35', AnsweredBy: 'machine_end_beep' }, 'voicemail'],
		['detection heard a machine start', { CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallDuration: '20', AnsweredBy: 'machine_start' }, 'voicemail'],
	])('%s: missed, %s', (_, params, reason) => {
		expect(classifyInboundCall(call(params), ALL)).toEqual({ kind: 'missed', reason });
	});

	it('the flow reports a voicemail or a hang-up in the menu that Twilio cannot tell', () => {
		expect(classifyInboundCall(call({ CallStatus: 'completed', CallDuration: '48' }), ALL, 'voicemail')).toEqual({ kind: 'missed', reason: 'voicemail' });
		expect(classifyInboundCall(call({ CallStatus: 'completed', CallDuration: '12' }), ALL, 'caller-hung-up')).toEqual({ kind: 'missed', reason: 'canceled' });
		// A reported answer outweighs a team leg that rang out earlier in the flow.
		expect(classifyInboundCall(call({ CallStatus: 'in-progress', DialCallStatus: 'no-answer' }), ALL, 'answered')).toEqual({ kind: 'answered' });
	});

	it.each<[string, Record<string, string>]>([
		['a team member took the call', { CallStatus: 'completed', DialCallStatus: 'completed', DialCallDuration: '95' }],
		['a joined team member, DialBridged sent', { CallStatus: 'in-progress', DialCallStatus: 'completed', DialBridged: 'true', DialCallDuration: '1' }],
		['answered (a conference)', { CallStatus: 'in-progress', DialCallStatus: 'answered' }],
		['a person took it, as a status callback says behind a flow', { CallStatus: 'in-progress', AnsweredBy: 'human' }],
		['the flow completed without reporting a miss', { CallStatus: 'completed', CallDuration: '61' }],
	])('%s: answered', (_, params) => {
		expect(classifyInboundCall(call(params), ALL)).toEqual({ kind: 'answered' });
	});

	it.each(['queued', 'initiated', 'ringing', 'in-progress', ''])('CallStatus %p with nothing else said is still going on', (status) => {
		expect(classifyInboundCall(call({ CallStatus: status }), ALL)).toEqual({ kind: 'ongoing' });
	});

	it('a call the business placed is its own kind, with the number called', () => {
		expect(classifyInboundCall(call({ Direction: 'outbound-api', To: '+14155550123', From: '+14155550100', CallStatus: 'no-answer' }), ALL)).toEqual({
			kind: 'outboundToNumber',
			number: '+14155550123',
		});
		expect(classifyInboundCall(call({ Direction: 'outbound-dial', To: '+14155550188', CallStatus: 'completed' }), ALL)).toEqual({ kind: 'outboundToNumber', number: '+14155550188' });
	});

	it('a reason the user left out is reported, not counted', () => {
		const onlyVoicemail = missedCallReasons(['voicemail']);
		expect(classifyInboundCall(call({ CallStatus: 'busy' }), onlyVoicemail)).toEqual({ kind: 'notCounted', reason: 'busy' });
		expect(classifyInboundCall(call({ CallStatus: 'completed' }), onlyVoicemail, 'voicemail')).toEqual({ kind: 'missed', reason: 'voicemail' });
	});

	it('counts exactly the chosen reasons, and the reason never depends on the choice (property)', () => {
		const params = fc.record(
			{
				Direction: fc.constantFrom('inbound', 'inbound', 'inbound', 'outbound-api', 'outbound-dial'),
				CallStatus: fc.constantFrom('queued', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'canceled', 'failed'),
				DialCallStatus: fc.constantFrom('completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled'),
				DialCallDuration: fc.nat({ max: 120 }).map(String),
				DialBridged: fc.constantFrom('true', 'false'),
				AnsweredBy: fc.constantFrom('human', 'machine_start', 'machine_end_beep', 'fax', 'unknown'),
				CallDuration: fc.nat({ max: 600 }).map(String),
			},
			{ requiredKeys: ['Direction', 'CallStatus'] },
		);
		const chosen = fc.subarray([...MISSED_CALL_REASONS], { minLength: 1 });
		const report = fc.constantFrom(null, 'voicemail' as const, 'caller-hung-up' as const, 'answered' as const);
		fc.assert(
			fc.property(params, chosen, report, (posted, reasons, flowReport) => {
				const inbound = call(posted);
				const withAll = classifyInboundCall(inbound, ALL, flowReport);
				const withChosen = classifyInboundCall(inbound, missedCallReasons(reasons), flowReport);
				if (withAll.kind === 'missed') {
					expect(withChosen).toEqual({ kind: reasons.includes(withAll.reason) ? 'missed' : 'notCounted', reason: withAll.reason });
				} else {
					expect(withAll.kind).not.toBe('notCounted');
					expect(withChosen).toEqual(withAll);
				}
				if (posted.Direction !== 'inbound') expect(withAll.kind).toBe('outboundToNumber');
				if (posted.Direction === 'inbound' && flowReport === 'voicemail') expect(withAll).toEqual({ kind: 'missed', reason: 'voicemail' });
			}),
		);
	});
});

describe('missedCallReasons', () => {
	it('is every reason when not set, in a fixed order whatever the order chosen', () => {
		expect([...missedCallReasons(undefined)]).toEqual(['no-answer', 'busy', 'canceled', 'failed', 'voicemail', 'team-no-answer']);
		expect([...missedCallReasons(['team-no-answer', 'busy'])]).toEqual(['busy', 'team-no-answer']);
		expect(Object.keys(MISSED_CALL_REASON_NAMES).sort()).toEqual([...MISSED_CALL_REASONS].sort());
	});

	it('refuses an unknown reason and an empty choice', () => {
		expect(() => missedCallReasons(['busy', 'voicemial'])).toThrow(new InboundSettingError('Missed Call Reasons: "voicemial" is not a reason; choose from no-answer, busy, canceled, failed, voicemail, team-no-answer'));
		expect(() => missedCallReasons([])).toThrow(/Missed Call Reasons is empty/);
	});
});

describe('readFlowReport', () => {
	it.each([
		['voicemail', 'voicemail'],
		[' Voicemail ', 'voicemail'],
		['hung-up', 'caller-hung-up'],
		['caller-hung-up', 'caller-hung-up'],
		['ANSWERED', 'answered'],
		['', null],
		['missed', null],
		[undefined, null],
		[42, null],
	])('%p is %p', (value, report) => {
		expect(readFlowReport(value)).toBe(report);
	});
});
