import VoiceResponseSdk from 'twilio/lib/twiml/VoiceResponse';

import { detectsLeadVoicemail, EXTENSION_WAIT, extensionDigits } from '../../../../nodes/core/calls/bridgeTwiml';
import {
	agentPickedUpTwiml,
	agentWhisperTwiml,
	dialLeadTwiml,
	emptyTwiml,
	leadAnsweredTwiml,
	sayAndHangUpTwiml,
	voicemailAnsweredTwiml,
	whisperText,
	type PersonAnswers,
	type VoicemailMessage,
} from '../../../../nodes/core/calls';
import { parseTwiml, type TwimlVerb } from '../../../twilioSandbox/twimlDocument';

const RESUME = 'https://n8n.example.com/webhook-waiting/42/5f1c';
const url = (step: string): string => `${RESUME}?step=${step}&agent=0&signature=9a8b`;
const VOICE = { voice: 'Polly.Joanna', language: 'en-US' } as const;

/** The verbs of a document as Twilio sees them: names, attributes and text, nested. */
function shape(verb: TwimlVerb): unknown {
	return { name: verb.name, attributes: verb.attributes, text: verb.text, children: verb.children.map(shape) };
}

const NAMES_AND_REASONS: Array<[string, string]> = [
	['Jane Doe', 'billing'],
	['</Say><Dial>+19005550100</Dial><Say>', 'refund'],
	['Jane', '"><Redirect>https://evil.example/twiml</Redirect>'],
	['Tom & Jerry', '<Play>https://evil.example/a.mp3</Play>'],
	['Zoë Ångström 😀', 'Rückruf wegen Rechnung & Mahnung'],
	['<Hangup/>', ']]><Dial><Number>+19005550100</Number></Dial>'],
];

describe('the bridge call documents', () => {
	it('first document of a business call: a second of silence, then the whisper from the node', () => {
		const sdk = new VoiceResponseSdk();
		sdk.pause({ length: 1 });
		sdk.redirect({ method: 'POST' }, url('agent-answer'));
		expect(agentPickedUpTwiml(url('agent-answer'))).toBe(sdk.toString());
		expect(parseTwiml(agentPickedUpTwiml(url('agent-answer')), 'voice').children.map((verb) => [verb.name, verb.text])).toEqual([
			['Pause', ''],
			['Redirect', url('agent-answer')],
		]);
	});

	it('whisper: a one-key Gather around the repeated whisper, then goodbye and hang up, as the SDK writes it', () => {
		const ours = agentWhisperTwiml({ whisper: 'Callback request from Jane Doe about billing. Press 1 to connect.', acceptUrl: url('agent-accept'), pressTimeoutSeconds: 6, repeat: 2, goodbye: 'Goodbye.', voice: VOICE });
		const sdk = new VoiceResponseSdk();
		sdk.gather({ input: ['dtmf'], action: url('agent-accept'), method: 'POST', timeout: 6, numDigits: 1 }).say({ ...VOICE, loop: 2 }, 'Callback request from Jane Doe about billing. Press 1 to connect.');
		sdk.say(VOICE, 'Goodbye.');
		sdk.hangup();
		expect(ours).toBe(sdk.toString());
	});

	it.each(NAMES_AND_REASONS)('a lead named %j asking about %j only changes the words of the whisper', (leadName, reason) => {
		const whisper = whisperText({ leadName, reason });
		const xml = agentWhisperTwiml({ whisper, acceptUrl: url('agent-accept'), pressTimeoutSeconds: 6, repeat: 1, goodbye: 'Goodbye.', voice: {} });
		const sdk = new VoiceResponseSdk();
		sdk.gather({ input: ['dtmf'], action: url('agent-accept'), method: 'POST', timeout: 6, numDigits: 1 }).say({ loop: 1 }, whisper);
		sdk.say({}, 'Goodbye.');
		sdk.hangup();
		expect(xml).toBe(sdk.toString());
		const response = parseTwiml(xml, 'voice');
		expect(response.children.map((verb) => verb.name)).toEqual(['Gather', 'Say', 'Hangup']);
		const [gather] = response.children;
		expect(gather.attributes.action).toBe(url('agent-accept'));
		expect(gather.children.map((verb) => [verb.name, verb.text, verb.children.length])).toEqual([['Say', whisper, 0]]);
		expect(xml).not.toMatch(/<(Dial|Redirect|Play|Number)\b/);
	});

	it('dial of the lead: caller ID, ring time, action, recording, notice URL and detection', () => {
		const ours = dialLeadTwiml({ lead: '+14155552671', extension: null, callerId: '+14155550100', leadRingSeconds: 30, dialDoneUrl: url('dial-done'), record: true, leadAnsweredUrl: url('lead-answered'), detectVoicemail: true });
		const sdk = new VoiceResponseSdk();
		sdk
			.dial({ action: url('dial-done'), method: 'POST', callerId: '+14155550100', timeout: 30, answerOnBridge: true, record: 'record-from-answer-dual' })
			.number({ url: url('lead-answered'), method: 'POST', machineDetection: 'Enable' }, '+14155552671');
		expect(ours).toBe(sdk.toString());
		expect(shape(parseTwiml(ours, 'voice'))).toEqual({
			name: 'Response',
			attributes: {},
			text: '',
			children: [
				{
					name: 'Dial',
					attributes: { action: url('dial-done'), method: 'POST', callerId: '+14155550100', timeout: '30', answerOnBridge: 'true', record: 'record-from-answer-dual' },
					text: '',
					children: [{ name: 'Number', attributes: { url: url('lead-answered'), method: 'POST', machineDetection: 'Enable' }, text: '+14155552671', children: [] }],
				},
			],
		});
	});

	it('dial of the lead without recording, notice or detection has a bare <Number>', () => {
		const ours = dialLeadTwiml({ lead: '+14155552671', extension: null, callerId: '+14155550100', leadRingSeconds: 25, dialDoneUrl: url('dial-done'), record: false, leadAnsweredUrl: null, detectVoicemail: false });
		const sdk = new VoiceResponseSdk();
		sdk.dial({ action: url('dial-done'), method: 'POST', callerId: '+14155550100', timeout: 25, answerOnBridge: true }).number('+14155552671');
		expect(ours).toBe(sdk.toString());
	});

	it('dial of a lead with an extension: sendDigits waits two seconds then keys it, as the SDK writes it', () => {
		const ours = dialLeadTwiml({ lead: '+14155550123', extension: '123', callerId: '+14155550100', leadRingSeconds: 30, dialDoneUrl: url('dial-done'), record: false, leadAnsweredUrl: null, detectVoicemail: false });
		const sdk = new VoiceResponseSdk();
		sdk.dial({ action: url('dial-done'), method: 'POST', callerId: '+14155550100', timeout: 30, answerOnBridge: true }).number({ sendDigits: 'wwww123' }, '+14155550123');
		expect(ours).toBe(sdk.toString());
		expect(ours).toContain('<Number sendDigits="wwww123">+14155550123</Number>');
		const [number] = parseTwiml(ours, 'voice').children[0].children;
		expect(number).toEqual(expect.objectContaining({ name: 'Number', attributes: { sendDigits: 'wwww123' }, text: '+14155550123' }));
	});

	it('dial of a lead with an extension, recorded with a notice: digits, notice URL, and no voicemail detection', () => {
		const ours = dialLeadTwiml({ lead: '+14155550123', extension: '0045', callerId: '+14155550100', leadRingSeconds: 30, dialDoneUrl: url('dial-done'), record: true, leadAnsweredUrl: url('lead-answered'), detectVoicemail: true });
		const sdk = new VoiceResponseSdk();
		sdk
			.dial({ action: url('dial-done'), method: 'POST', callerId: '+14155550100', timeout: 30, answerOnBridge: true, record: 'record-from-answer-dual' })
			.number({ sendDigits: 'wwww0045', url: url('lead-answered'), method: 'POST' }, '+14155550123');
		expect(ours).toBe(sdk.toString());
		expect(ours).not.toContain('machineDetection');
	});

	it('keys an extension after half-second waits, refusing anything but digits', () => {
		expect(EXTENSION_WAIT).toBe('wwww');
		expect(extensionDigits('9')).toBe('wwww9');
		for (const bad of ['', '12a', '1w', '#9', '1"><Hangup/>']) expect(() => extensionDigits(bad)).toThrow(/digits/);
	});

	it('runs voicemail detection on the lead only when asked and there is no extension', () => {
		expect(detectsLeadVoicemail(true, null)).toBe(true);
		expect(detectsLeadVoicemail(true, '123')).toBe(false);
		expect(detectsLeadVoicemail(false, null)).toBe(false);
		expect(detectsLeadVoicemail(false, '123')).toBe(false);
	});

	it('the lead answered: a machine is hung up on, a person hears the notice (text or audio) or nothing', () => {
		expect(leadAnsweredTwiml({ machine: true, notice: { kind: 'text', text: 'Recorded.' }, voice: VOICE })).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
		const said = new VoiceResponseSdk();
		said.say(VOICE, 'This call may be recorded & kept.');
		expect(leadAnsweredTwiml({ machine: false, notice: { kind: 'text', text: 'This call may be recorded & kept.' }, voice: VOICE })).toBe(said.toString());
		const played = new VoiceResponseSdk();
		played.play('https://cdn.example.com/notice.mp3?v=1&x=2');
		expect(leadAnsweredTwiml({ machine: false, notice: { kind: 'audio', url: 'https://cdn.example.com/notice.mp3?v=1&x=2' }, voice: VOICE })).toBe(played.toString());
		expect(leadAnsweredTwiml({ machine: false, notice: { kind: 'none' }, voice: VOICE })).toBe(emptyTwiml());
	});

	it.each(NAMES_AND_REASONS)('the message to the business after the dial stays one <Say> for %j', (leadName) => {
		const xml = sayAndHangUpTwiml(`${leadName} did not answer. Goodbye.`, VOICE);
		const response = parseTwiml(xml, 'voice');
		expect(response.children.map((verb) => [verb.name, verb.text])).toEqual([
			['Say', `${leadName} did not answer. Goodbye.`],
			['Hangup', ''],
		]);
	});
});

describe('the voicemail drop documents', () => {
	const audio: VoicemailMessage = { kind: 'audio', url: 'https://cdn.example.com/vm.mp3' };
	const spoken: VoicemailMessage = { kind: 'text', text: 'Hi Jane & co, sorry we missed you.', voice: VOICE };
	const live: PersonAnswers = { kind: 'liveMessage', text: 'We will call again.', voice: VOICE };

	it('a machine gets the recording, or the spoken text, then the call ends', () => {
		const sdk = new VoiceResponseSdk();
		sdk.play('https://cdn.example.com/vm.mp3');
		sdk.hangup();
		expect(voicemailAnsweredTwiml('machine', audio, live)).toBe(sdk.toString());
		const said = new VoiceResponseSdk();
		said.say(VOICE, 'Hi Jane & co, sorry we missed you.');
		said.hangup();
		expect(voicemailAnsweredTwiml('machine', spoken, live)).toBe(said.toString());
	});

	it('a fax gets nothing', () => {
		expect(voicemailAnsweredTwiml('fax', audio, live)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
	});

	it.each(['person', 'unknown', null] as const)('%s gets the option: a short message', (party) => {
		const sdk = new VoiceResponseSdk();
		sdk.say(VOICE, 'We will call again.');
		sdk.hangup();
		expect(voicemailAnsweredTwiml(party, audio, live)).toBe(sdk.toString());
	});

	it('a person is put through to the business, or hung up on', () => {
		const connect: PersonAnswers = { kind: 'connect', intro: 'Please hold.', voice: VOICE, business: '+14155550123', callerId: '+14155550100', ringSeconds: 20 };
		const sdk = new VoiceResponseSdk();
		sdk.say(VOICE, 'Please hold.');
		sdk.dial({ callerId: '+14155550100', timeout: 20 }).number('+14155550123');
		sdk.hangup();
		expect(voicemailAnsweredTwiml('person', audio, connect)).toBe(sdk.toString());
		expect(voicemailAnsweredTwiml('person', audio, { ...connect, intro: '' })).not.toContain('<Say');
		expect(voicemailAnsweredTwiml('person', audio, { kind: 'hangUp' })).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
	});

	it('a spoken text with markup in it stays words', () => {
		const xml = voicemailAnsweredTwiml('machine', { kind: 'text', text: 'Hi </Say><Dial>+19005550100</Dial>', voice: {} }, live);
		expect(parseTwiml(xml, 'voice').children.map((verb) => [verb.name, verb.text])).toEqual([
			['Say', 'Hi </Say><Dial>+19005550100</Dial>'],
			['Hangup', ''],
		]);
	});
});
