import { TwimlError, parseTwiml, parseXml } from '../../twilioSandbox/twimlDocument';

function problemOf(source: string, flavour: 'voice' | 'messaging' = 'voice'): string {
	try {
		parseTwiml(source, flavour);
	} catch (error) {
		if (error instanceof TwimlError) return `${error.problem}: ${error.message}`;
		throw error;
	}
	return 'ok';
}

describe('parseXml', () => {
	it('reads elements, attributes, entities, CDATA and skips comments and the declaration', () => {
		const root = parseXml(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>
			<!-- a comment -->
			<Response><Say voice='Polly.Joanna'>Tom &amp; Jerry &#x263A; &#65;</Say><Play><![CDATA[https://x.test/a?b=1&c=2]]></Play><Hangup/></Response>`);
		expect(root).toEqual({
			name: 'Response',
			attributes: {},
			children: [
				{ name: 'Say', attributes: { voice: 'Polly.Joanna' }, children: ['Tom & Jerry ☺ A'] },
				{ name: 'Play', attributes: {}, children: ['https://x.test/a?b=1&c=2'] },
				{ name: 'Hangup', attributes: {}, children: [] },
			],
		});
	});

	it.each([
		['', 'empty'],
		['<Response>', 'never closed'],
		['<Response></Respons>', 'closes'],
		['<Response><Say>a & b</Say></Response>', "unescaped '&'"],
		['<Response><Say>&nbsp;</Say></Response>', 'unknown entity'],
		['<Response a=1/>', 'must be quoted'],
		['<Response a="1" a="2"/>', 'twice'],
		['<Response/><Response/>', 'after the root'],
		['Hello <Response/>', 'text before'],
		['<!DOCTYPE x><Response/>', 'DOCTYPE'],
		['{"ok":true}', 'text before'],
	])('refuses %j', (source, message) => {
		expect(() => parseXml(source)).toThrow(message);
		expect(() => parseXml(source)).toThrow(TwimlError);
	});
});

describe('parseTwiml (voice)', () => {
	it('accepts the documents the product serves: Gather with prompts, Dial with Number and its attributes', () => {
		expect(
			problemOf(`<Response>
				<Gather input="dtmf" numDigits="1" timeout="6" action="/gathered" method="POST">
					<Say voice="Polly.Joanna" language="en-US">Press <emphasis>1</emphasis> to be connected.</Say>
					<Pause length="1"/>
				</Gather>
				<Say>No key pressed. Goodbye.</Say>
				<Dial callerId="+14155550101" timeout="20" answerOnBridge="true" record="record-from-answer" action="https://n8n.test/dial">
					<Number url="https://n8n.test/whisper" statusCallback="https://n8n.test/leg" statusCallbackEvent="initiated ringing answered completed">+14155552671</Number>
				</Dial>
				<Record maxLength="30" playBeep="true" action="/recorded"/>
				<Redirect method="GET">/next</Redirect>
				<Play digits="1w2"/>
				<Reject reason="busy"/>
				<Hangup/>
			</Response>`),
		).toBe('ok');
	});

	it('keeps the text of SSML inside <Say>', () => {
		const response = parseTwiml('<Response><Say>Hello <break time="1s"/><prosody rate="slow">there</prosody></Say></Response>', 'voice');
		expect(response.children[0]?.text).toBe('Hello there');
	});

	it.each([
		['<Say>Hi</Say>', 'schema: the root element must be <Response>'],
		['<Response><Speak>Hi</Speak></Response>', 'schema: <Speak> is not a voice TwiML verb'],
		['<Response><Number>+14155552671</Number></Response>', 'schema: <Number> is not allowed inside <Response>'],
		['<Response><Gather><Gather/></Gather></Response>', 'schema: <Gather> is not allowed inside <Gather>'],
		['<Response><Gather><Dial>+14155552671</Dial></Gather></Response>', 'schema: <Dial> is not allowed inside <Gather>'],
		['<Response><Say loud="true">Hi</Say></Response>', "schema: <Say> has no attribute 'loud'"],
		['<Response><Gather numDigits="0"/></Response>', 'schema: <Gather numDigits="0"> must be an integer'],
		['<Response><Gather input="keys"/></Response>', 'schema: <Gather input="keys"> must be one of'],
		['<Response><Dial answerOnBridge="yes">+14155552671</Dial></Response>', 'schema: <Dial answerOnBridge="yes"> must be one of true, false'],
		['<Response><Dial/></Response>', 'schema: <Dial> needs a number to dial'],
		['<Response><Say/></Response>', 'schema: <Say> needs text content'],
		['<Response>Hello</Response>', 'schema: <Response> cannot contain text'],
		['<Response><Hangup>now</Hangup></Response>', 'schema: <Hangup> cannot contain text'],
		['<Response><Dial><Conference>room</Conference></Dial></Response>', 'unsimulated: <Conference> is valid TwiML but not simulated'],
		['<Response><Message>Hi</Message></Response>', 'schema: <Message> is not a voice TwiML verb'],
		['<Response><Say>Hi</Response>', 'parse: </Response> closes <Say>'],
	])('%s → %s', (source, expected) => {
		expect(problemOf(source)).toContain(expected);
	});
});

describe('parseTwiml (messaging)', () => {
	it('accepts <Message> with text, with <Body> and <Media>, and <Redirect>', () => {
		expect(problemOf('<Response><Message>Thanks!</Message></Response>', 'messaging')).toBe('ok');
		expect(problemOf('<Response><Message to="+14155552671" statusCallback="/sms-status"><Body>Hi</Body><Media>https://x.test/a.png</Media></Message></Response>', 'messaging')).toBe('ok');
		expect(problemOf('<Response/>', 'messaging')).toBe('ok');
	});

	it.each([
		['<Response><Say>Hi</Say></Response>', '<Say> is not a messaging TwiML verb'],
		['<Response><Message to="555">Hi</Message></Response>', 'must be an E.164 phone number'],
		['<Response><Message>Hi<Body>Hi</Body></Message></Response>', 'mixes text with child elements'],
	])('%s → %s', (source, expected) => {
		expect(problemOf(source, 'messaging')).toContain(expected);
	});
});
