import fc from 'fast-check';
import VoiceResponseSdk from 'twilio/lib/twiml/VoiceResponse';

import { VoiceResponse, escapeXmlAttribute, escapeXmlText, withoutIllegalXmlCharacters } from '../../../../nodes/core/twiml';
import { parseTwiml } from '../../../twilioSandbox/twimlDocument';

/**
 * The builder must write what Twilio's own SDK writes for the same verbs, byte for byte, and
 * nothing a person typed may turn into markup.
 */

const INJECTIONS = [
	'</Say><Dial>+19005550100</Dial><Say>',
	'"><Redirect>https://evil.example/twiml</Redirect><Say a="',
	"Jane & Joe's <b>plumbing</b>",
	'<![CDATA[<Hangup/>]]>',
	'<?xml version="1.0"?><Response><Play>https://evil.example/a.mp3</Play></Response>',
	'&lt;Dial&gt; already escaped &amp; twice',
	'Zoë 😀 Łódź 東京 مرحبا',
	'tab\there\nnew line\r\ncarriage',
	'-->"\'`<!--',
];

describe('VoiceResponse writes what the twilio SDK writes', () => {
	it('for the whisper document of a bridge call', () => {
		const ours = new VoiceResponse()
			.gather({ input: 'dtmf', action: 'https://n8n.example.com/webhook-waiting/12/ab?step=agent-accept&agent=0&signature=f0', method: 'POST', timeout: 6, numDigits: 1 }, (gather) => {
				gather.say('Callback request from Jane Doe about billing. Press 1 to connect.', { voice: 'Polly.Joanna', language: 'en-US', loop: 2 });
			})
			.say('The callback was not connected. Goodbye.', { voice: 'Polly.Joanna', language: 'en-US' })
			.hangup()
			.toXml();
		const sdk = new VoiceResponseSdk();
		sdk
			.gather({ input: ['dtmf'], action: 'https://n8n.example.com/webhook-waiting/12/ab?step=agent-accept&agent=0&signature=f0', method: 'POST', timeout: 6, numDigits: 1 })
			.say({ voice: 'Polly.Joanna', language: 'en-US', loop: 2 }, 'Callback request from Jane Doe about billing. Press 1 to connect.');
		sdk.say({ voice: 'Polly.Joanna', language: 'en-US' }, 'The callback was not connected. Goodbye.');
		sdk.hangup();
		expect(ours).toBe(sdk.toString());
	});

	it('for the dial of the lead, with recording, notice URL and machine detection', () => {
		const ours = new VoiceResponse()
			.dial({ action: 'https://h/x?step=dial-done&a=1', method: 'POST', callerId: '+14155550100', timeout: 30, answerOnBridge: true, record: 'record-from-answer-dual' }, (dial) => {
				dial.number('+14155552671', { url: 'https://h/x?step=lead-answered&a=1', method: 'POST', machineDetection: 'Enable' });
			})
			.toXml();
		const sdk = new VoiceResponseSdk();
		sdk
			.dial({ action: 'https://h/x?step=dial-done&a=1', method: 'POST', callerId: '+14155550100', timeout: 30, answerOnBridge: true, record: 'record-from-answer-dual' })
			.number({ url: 'https://h/x?step=lead-answered&a=1', method: 'POST', machineDetection: 'Enable' }, '+14155552671');
		expect(ours).toBe(sdk.toString());
	});

	it('for the reason recorded in the phone menu', () => {
		const ours = new VoiceResponse()
			.say('After the tone, please say briefly what your call is about, then press the pound key.', { voice: 'Polly.Joanna' })
			.record({ action: 'https://h/offer?step=reason&number=%2B12125550142&timing=asap', method: 'POST', timeout: 5, maxLength: 60, finishOnKey: '#', playBeep: true })
			.toXml();
		const sdk = new VoiceResponseSdk();
		sdk.say({ voice: 'Polly.Joanna' }, 'After the tone, please say briefly what your call is about, then press the pound key.');
		sdk.record({ action: 'https://h/offer?step=reason&number=%2B12125550142&timing=asap', method: 'POST', timeout: 5, maxLength: 60, finishOnKey: '#', playBeep: true });
		expect(ours).toBe(sdk.toString());
		expect(parseTwiml(ours, 'voice').children.map((verb) => verb.name)).toEqual(['Say', 'Record']);
	});

	it('for a <Number> with sendDigits (an extension), alone and beside every other attribute', () => {
		const bare = new VoiceResponse().dial({ callerId: '+14155550100' }, (dial) => dial.number('+14155550123', { sendDigits: 'wwww123' })).toXml();
		const sdkBare = new VoiceResponseSdk();
		sdkBare.dial({ callerId: '+14155550100' }).number({ sendDigits: 'wwww123' }, '+14155550123');
		expect(bare).toBe(sdkBare.toString());
		expect(bare).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Dial callerId="+14155550100"><Number sendDigits="wwww123">+14155550123</Number></Dial></Response>');

		const full = new VoiceResponse()
			.dial({ action: 'https://h/x?step=dial-done&a=1', timeout: 30 }, (dial) => {
				dial.number('+14155550123', { sendDigits: 'ww#45*', url: 'https://h/x?step=lead-answered&a=1', method: 'POST', machineDetection: 'Enable', machineDetectionTimeout: 10 });
			})
			.toXml();
		const sdkFull = new VoiceResponseSdk();
		sdkFull
			.dial({ action: 'https://h/x?step=dial-done&a=1', timeout: 30 })
			.number({ sendDigits: 'ww#45*', url: 'https://h/x?step=lead-answered&a=1', method: 'POST', machineDetection: 'Enable', machineDetectionTimeout: 10 }, '+14155550123');
		expect(full).toBe(sdkFull.toString());
		expect(parseTwiml(full, 'voice').children[0].children[0].attributes.sendDigits).toBe('ww#45*');
	});

	it('for play, pause, redirect and an empty response', () => {
		const ours = new VoiceResponse().play('https://cdn.example.com/vm.mp3?x=1&y=2', { loop: 1 }).pause({ length: 2 }).redirect('https://h/next?a=1&b=2', { method: 'POST' }).toXml();
		const sdk = new VoiceResponseSdk();
		sdk.play({ loop: 1 }, 'https://cdn.example.com/vm.mp3?x=1&y=2');
		sdk.pause({ length: 2 });
		sdk.redirect({ method: 'POST' }, 'https://h/next?a=1&b=2');
		expect(ours).toBe(sdk.toString());
		expect(new VoiceResponse().toXml()).toBe(new VoiceResponseSdk().toString());
		expect(new VoiceResponse().say('').toXml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say/></Response>');
	});

	it.each(INJECTIONS)('for a name or reason such as %j, in the text and in an attribute', (typed) => {
		const ours = new VoiceResponse().say(`Callback request from ${typed}.`, { voice: typed }).toXml();
		const sdk = new VoiceResponseSdk();
		sdk.say({ voice: typed } as VoiceResponseSdk.SayAttributes, `Callback request from ${typed}.`);
		expect(ours).toBe(sdk.toString());
	});

	it('for any text and attribute the SDK accepts (property)', () => {
		// Characters XML forbids are left out: the SDK throws on them, we drop them.
		const legal = fc.string({ unit: 'binary', maxLength: 60 }).map(withoutIllegalXmlCharacters);
		fc.assert(
			fc.property(legal, legal, (text, attribute) => {
				const sdk = new VoiceResponseSdk();
				sdk.say({ voice: attribute } as VoiceResponseSdk.SayAttributes, text);
				expect(new VoiceResponse().say(text, { voice: attribute }).toXml()).toBe(sdk.toString());
			}),
			{ numRuns: 300 },
		);
	});
});

describe('typed text never becomes TwiML', () => {
	it.each(INJECTIONS)('%j stays one <Say> with the same words, as Twilio parses it', (typed) => {
		const xml = new VoiceResponse().say(`From ${typed}`).hangup().toXml();
		const response = parseTwiml(xml, 'voice');
		expect(response.children.map((verb) => verb.name)).toEqual(['Say', 'Hangup']);
		expect(response.children[0].children).toEqual([]);
		expect(response.children[0].text).toBe(`From ${typed}`);
	});

	it('an attribute value cannot end its quotes or add attributes', () => {
		const xml = new VoiceResponse().say('hi', { voice: 'alice" language="fr-FR', language: 'en-US' }).toXml();
		const [say] = parseTwiml(xml, 'voice').children;
		expect(say.attributes).toEqual({ voice: 'alice" language="fr-FR', language: 'en-US' });
	});

	it('characters XML forbids are dropped instead of breaking the document', () => {
		const typed = 'Ja\u0000ne\u0007 \uD800Doe\uFFFF';
		expect(withoutIllegalXmlCharacters(typed)).toBe('Jane Doe');
		const xml = new VoiceResponse().say(typed, { voice: typed }).toXml();
		expect(parseTwiml(xml, 'voice').children[0].text).toBe('Jane Doe');
		// A valid surrogate pair (an emoji) is kept.
		expect(withoutIllegalXmlCharacters('a😀b')).toBe('a😀b');
	});

	it('escapes text and attributes as Twilio SDK does', () => {
		expect(escapeXmlText('a<b>&c"d\'e\rf')).toBe('a&lt;b&gt;&amp;c"d\'e&#xD;f');
		expect(escapeXmlAttribute('a<b>&c"d\'e\tf\ng\rh')).toBe('a&lt;b>&amp;c&quot;d\'e&#x9;f&#xA;g&#xD;h');
	});

	it('writes only the attributes a verb knows, whatever object it is given', () => {
		const options = JSON.parse('{"voice":"alice","action":"https://evil.example","onload":"x"}') as { voice: string };
		expect(new VoiceResponse().say('hi', options).toXml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="alice">hi</Say></Response>');
	});

	it('refuses a number attribute that is not finite', () => {
		expect(() => new VoiceResponse().pause({ length: Number.NaN })).toThrow(/finite/);
	});
});
