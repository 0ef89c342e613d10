import fc from 'fast-check';
import VoiceResponseSdk from 'twilio/lib/twiml/VoiceResponse';

import { PhoneNumberSettingError } from '../../../../nodes/core/calls';
import { afterTeamDial, InboundSettingError, readRingSeconds, ringTeam, ringTeamTwiml, type RingTeam, type RingTeamCall, type TeamDialResult } from '../../../../nodes/core/inbound';
import { parseTwiml } from '../../../twilioSandbox/twimlDocument';

const DONE = 'https://n8n.example.com/webhook/inbound?step=dial-done&signature=9a8b';
const WHISPER = 'https://n8n.example.com/webhook/inbound?step=whisper&signature=9a8b';
const VOICE = { voice: 'Polly.Joanna', language: 'en-US' } as const;
const TEAM = '+1 415 555 0101, +14155550102\n+44 20 7946 0958';

const ended = (dial: Partial<TeamDialResult>): TeamDialResult => ({ callStatus: 'in-progress', dialCallStatus: 'no-answer', dialCallSeconds: null, dialBridged: null, answeredBy: null, ...dial });

describe('ringTeam', () => {
	it('reads the team as E.164, in order', () => {
		expect(ringTeam(TEAM, 'one-by-one', 20)).toEqual({ numbers: ['+14155550101', '+14155550102', '+442079460958'], order: 'one-by-one', ringSeconds: 20 });
	});

	it.each([5, 60, 30])('takes a ring time of %p seconds', (seconds) => {
		expect(readRingSeconds(seconds)).toBe(seconds);
	});

	it.each([4, 61, 0, 12.5, Number.NaN])('refuses a ring time of %p seconds', (seconds) => {
		expect(() => readRingSeconds(seconds)).toThrow(new InboundSettingError(`Ring Time must be a whole number of seconds from 5 to 60, got ${seconds}`));
		expect(() => ringTeam(TEAM, 'all-at-once', seconds)).toThrow(InboundSettingError);
	});

	it('refuses a premium-rate team number, an empty team, and more than ten at once', () => {
		expect(() => ringTeam('+14155550101, +1 900 555 0123', 'one-by-one', 20)).toThrow(PhoneNumberSettingError);
		expect(() => ringTeam(' ', 'one-by-one', 20)).toThrow(/Team Numbers is empty/);
		const eleven = Array.from({ length: 11 }, (_, index) => `+1415555${String(110 + index).padStart(4, '0')}`).join(',');
		expect(() => ringTeam(eleven, 'all-at-once', 20)).toThrow(/Team Numbers has 11 numbers; Twilio rings at most 10 at once/);
		expect(ringTeam(eleven, 'one-by-one', 20).numbers).toHaveLength(11);
	});
});

describe('afterTeamDial', () => {
	const oneByOne = ringTeam(TEAM, 'one-by-one', 20);
	const allAtOnce = ringTeam(TEAM, 'all-at-once', 20);

	it('one by one: the next member is rung while the caller waits, until the last', () => {
		expect(afterTeamDial(oneByOne, 0, ended({}))).toEqual({ kind: 'ringNext', position: 1 });
		expect(afterTeamDial(oneByOne, 1, ended({ dialCallStatus: 'busy' }))).toEqual({ kind: 'ringNext', position: 2 });
		expect(afterTeamDial(oneByOne, 2, ended({ dialCallStatus: 'failed' }))).toEqual({ kind: 'nobodyAnswered' });
	});

	it('a member who took the call ends the ringing', () => {
		expect(afterTeamDial(oneByOne, 0, ended({ callStatus: 'completed', dialCallStatus: 'completed', dialCallSeconds: 80 }))).toEqual({ kind: 'answered' });
		expect(afterTeamDial(allAtOnce, 0, ended({ dialCallStatus: 'completed', dialBridged: true, dialCallSeconds: 3 }))).toEqual({ kind: 'answered' });
	});

	it('a member’s voicemail, or a pick-up that was never joined, is not someone taking the call', () => {
		expect(afterTeamDial(oneByOne, 0, ended({ dialCallStatus: 'completed', dialCallSeconds: 25, answeredBy: 'machine_end_beep' }))).toEqual({ kind: 'ringNext', position: 1 });
		expect(afterTeamDial(oneByOne, 0, ended({ dialCallStatus: 'completed', dialBridged: false, dialCallSeconds: 6 }))).toEqual({ kind: 'ringNext', position: 1 });
	});

	it('stops when the caller is gone', () => {
		expect(afterTeamDial(oneByOne, 0, ended({ callStatus: 'completed', dialCallStatus: 'canceled' }))).toEqual({ kind: 'callerHungUp' });
	});

	it('all at once: one <Dial>, no next', () => {
		expect(afterTeamDial(allAtOnce, 0, ended({}))).toEqual({ kind: 'nobodyAnswered' });
	});

	it('refuses a position outside the team', () => {
		expect(() => afterTeamDial(oneByOne, 3, ended({}))).toThrow(RangeError);
		expect(() => afterTeamDial(oneByOne, -1, ended({}))).toThrow(RangeError);
	});

	it('rings every member once, in order, when nobody answers (property)', () => {
		const statuses = fc.constantFrom('no-answer', 'busy', 'failed', 'canceled');
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 12 }), fc.infiniteStream(statuses), (size, stream) => {
				const team: RingTeam = { numbers: Array.from({ length: size }, (_, index) => `+1415555${String(200 + index).padStart(4, '0')}`), order: 'one-by-one', ringSeconds: 15 };
				const rung = [0];
				let next = afterTeamDial(team, 0, ended({ dialCallStatus: stream.next().value }));
				while (next.kind === 'ringNext') {
					rung.push(next.position);
					next = afterTeamDial(team, next.position, ended({ dialCallStatus: stream.next().value }));
				}
				expect(next).toEqual({ kind: 'nobodyAnswered' });
				expect(rung).toEqual(Array.from({ length: size }, (_, index) => index));
			}),
		);
	});
});

describe('ringTeamTwiml', () => {
	const call = (order: 'one-by-one' | 'all-at-once', extra: Partial<RingTeamCall> = {}): RingTeamCall => ({
		team: ringTeam(TEAM, order, 20),
		greeting: 'Thanks for calling Acme Plumbing.',
		voice: VOICE,
		whisperUrl: WHISPER,
		callerId: null,
		...extra,
	});

	it('one by one: the greeting, then a <Dial> of the first member with its own timeout and action, as the SDK writes it', () => {
		const sdk = new VoiceResponseSdk();
		sdk.say(VOICE, 'Thanks for calling Acme Plumbing.');
		sdk.dial({ action: DONE, method: 'POST', timeout: 20 }).number({ url: WHISPER, method: 'POST' }, '+14155550101');
		expect(ringTeamTwiml(call('one-by-one'), 0, DONE)).toBe(sdk.toString());
	});

	it('one by one: a later member is rung without the greeting', () => {
		const sdk = new VoiceResponseSdk();
		sdk.dial({ action: `${DONE}&position=2`, method: 'POST', callerId: '+14155550100', timeout: 20 }).number({ url: WHISPER, method: 'POST' }, '+442079460958');
		expect(ringTeamTwiml(call('one-by-one', { callerId: '+14155550100' }), 2, `${DONE}&position=2`)).toBe(sdk.toString());
	});

	it('all at once: one <Dial> with every member, without a whisper when none is set', () => {
		const sdk = new VoiceResponseSdk();
		sdk.say(VOICE, 'Thanks for calling Acme Plumbing.');
		const dial = sdk.dial({ action: DONE, method: 'POST', timeout: 20 });
		dial.number('+14155550101');
		dial.number('+14155550102');
		dial.number('+442079460958');
		expect(ringTeamTwiml(call('all-at-once', { whisperUrl: null }), 0, DONE)).toBe(sdk.toString());
		expect(() => ringTeamTwiml(call('all-at-once'), 1, DONE)).toThrow(RangeError);
	});

	it('no greeting, no <Say>', () => {
		expect(parseTwiml(ringTeamTwiml(call('one-by-one', { greeting: '  ' }), 0, DONE), 'voice').children.map((verb) => verb.name)).toEqual(['Dial']);
	});

	it('escapes a greeting with <, & and quotes: it stays the words of one <Say>', () => {
		const greeting = 'Tom & Jerry\'s "Plumbing" <Dial>+19005550100</Dial> </Say><Hangup/>';
		const xml = ringTeamTwiml(call('one-by-one', { greeting }), 0, DONE);
		expect(xml).toContain('<Say voice="Polly.Joanna" language="en-US">Tom &amp; Jerry\'s "Plumbing" &lt;Dial&gt;+19005550100&lt;/Dial&gt; &lt;/Say&gt;&lt;Hangup/&gt;</Say>');
		const response = parseTwiml(xml, 'voice');
		expect(response.children.map((verb) => [verb.name, verb.text])).toEqual([
			['Say', greeting],
			['Dial', ''],
		]);
		expect(response.children[1].children.map((verb) => verb.text)).toEqual(['+14155550101']);
	});

	it('any greeting changes only the words said, never the verbs (property)', () => {
		const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '<', '>', '&', '"', "'", '/', '=', 'é', '😀', 'D', 'i', 'l') });
		fc.assert(
			fc.property(text, (greeting) => {
				const response = parseTwiml(ringTeamTwiml(call('all-at-once', { greeting }), 0, DONE), 'voice');
				const said = greeting.trim() === '' ? [] : [['Say', greeting.trim()]];
				expect(response.children.map((verb) => [verb.name, verb.text])).toEqual([...said, ['Dial', '']]);
				expect(response.children.at(-1)?.children.map((verb) => verb.text)).toEqual(['+14155550101', '+14155550102', '+442079460958']);
			}),
		);
	});
});
