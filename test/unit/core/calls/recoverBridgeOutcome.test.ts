import { recoverBridgeOutcome, type FetchedAgentCall, type FetchedCall } from '../../../../nodes/core/calls';

const call = (sid: string, status: string, seconds: number | null = 0, answeredBy: string | null = null): FetchedCall => ({ sid, status, seconds, answeredBy });
const agent = (sid: string, status: string, leadLegs: FetchedCall[] = []): FetchedAgentCall => ({ ...call(sid, status, 20), leadLegs });

describe('recoverBridgeOutcome', () => {
	it('no lead leg on any business call: nobody accepted', () => {
		const result = recoverBridgeOutcome([agent('CA1', 'no-answer'), agent('CA2', 'completed')]);
		expect(result.outcome).toEqual({ connected: false, outcome: 'agent-unavailable' });
		expect(result.leadLeg).toBeNull();
		expect(result.toCancel).toEqual([]);
	});

	it('a business call still ringing is canceled', () => {
		const result = recoverBridgeOutcome([agent('CA1', 'no-answer'), agent('CA2', 'ringing')]);
		expect(result.outcome).toEqual({ connected: false, outcome: 'agent-unavailable' });
		expect(result.toCancel).toEqual(['CA2']);
	});

	it('a completed lead leg with talk time is connected', () => {
		const result = recoverBridgeOutcome([agent('CA1', 'completed', [call('CA9', 'completed', 95)])]);
		expect(result).toMatchObject({ outcome: { connected: true }, agentCallSid: 'CA1', leadLeg: { sid: 'CA9', seconds: 95 }, stillTalking: false });
	});

	it('a lead leg still up is connected and still talking', () => {
		expect(recoverBridgeOutcome([agent('CA1', 'in-progress', [call('CA9', 'in-progress', null)])])).toMatchObject({ outcome: { connected: true }, stillTalking: true });
	});

	it('the lead leg found on the second business number decides', () => {
		const result = recoverBridgeOutcome([agent('CA1', 'no-answer'), agent('CA2', 'completed', [call('CA9', 'busy')])]);
		expect(result).toMatchObject({ outcome: { connected: false, outcome: 'lead-busy' }, agentCallSid: 'CA2' });
	});

	it.each([
		['no-answer', null, 'lead-no-answer'],
		['failed', null, 'lead-failed'],
		['canceled', null, 'canceled'],
		['completed', 'machine_start', 'lead-voicemail'],
		['completed', 'fax', 'lead-failed'],
	])('a lead leg %s (%s) is %s', (status, answeredBy, outcome) => {
		expect(recoverBridgeOutcome([agent('CA1', 'completed', [call('CA9', status, 12, answeredBy)])]).outcome).toEqual({ connected: false, outcome });
	});

	it('a lead leg answered but ended at once never talked; one still ringing is canceled', () => {
		expect(recoverBridgeOutcome([agent('CA1', 'completed', [call('CA9', 'completed', 0)])]).outcome).toEqual({ connected: false, outcome: 'lead-no-answer' });
		const ringing = recoverBridgeOutcome([agent('CA1', 'in-progress', [call('CA9', 'ringing')])]);
		expect(ringing.outcome).toEqual({ connected: false, outcome: 'lead-no-answer' });
		expect(ringing.toCancel).toEqual(['CA9']);
	});

	it('nothing found at all: nobody accepted', () => {
		expect(recoverBridgeOutcome([])).toMatchObject({ outcome: { connected: false, outcome: 'agent-unavailable' }, agentCallSid: null });
	});
});
