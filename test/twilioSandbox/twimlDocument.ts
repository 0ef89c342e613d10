/**
 * TwiML documents: a small strict XML reader and the grammar of the verbs the sandbox knows,
 * for voice and for messaging. A document that is not well-formed XML is a parse failure
 * (Twilio's 12100); an unknown verb, a verb in the wrong place, an unknown attribute or an
 * attribute value Twilio would refuse is a schema failure (12200). Real TwiML verbs that the
 * sandbox does not simulate (<Conference>, <Enqueue>, ...) fail as "unsimulated" instead of
 * pretending to work.
 */

export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export type TwimlProblem = 'parse' | 'schema' | 'unsimulated';

export class TwimlError extends Error {
	constructor(
		readonly problem: TwimlProblem,
		message: string,
	) {
		super(message);
		this.name = 'TwimlError';
	}
}

/** A checked TwiML element: its attributes, its own text, and its child verbs or nouns. */
export interface TwimlVerb {
	name: string;
	attributes: Record<string, string>;
	/** Text content, trimmed; for <Say> the text of nested SSML elements too. */
	text: string;
	children: TwimlVerb[];
}

export type TwimlFlavour = 'voice' | 'messaging';

// ---------------------------------------------------------------------------------------------
// XML

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
	const reader = new XmlReader(source.replace(/^\uFEFF/, ''));
	return reader.document();
}

class XmlReader {
	private position = 0;

	constructor(private readonly source: string) {}

	document(): XmlElement {
		if (this.source.startsWith('<?xml')) this.skipProcessingInstruction();
		this.skipMisc();
		if (this.position >= this.source.length) this.fail('the document is empty');
		if (this.source[this.position] !== '<') this.fail('text before the root element');
		const root = this.element();
		this.skipMisc();
		if (this.position < this.source.length) this.fail('content after the root element');
		return root;
	}

	private fail(message: string): never {
		const line = this.source.slice(0, this.position).split('\n').length;
		throw new TwimlError('parse', `${message} (line ${line})`);
	}

	private skipMisc(): void {
		for (;;) {
			const rest = this.source.slice(this.position);
			const whitespace = /^\s+/.exec(rest);
			if (whitespace !== null) {
				this.position += whitespace[0].length;
				continue;
			}
			if (rest.startsWith('<!--')) this.skipComment();
			else if (rest.startsWith('<?')) this.skipProcessingInstruction();
			else if (rest.startsWith('<!')) this.fail('DOCTYPE and other declarations are not accepted');
			else return;
		}
	}

	private skipComment(): void {
		const end = this.source.indexOf('-->', this.position + 4);
		if (end === -1) this.fail('unterminated comment');
		this.position = end + 3;
	}

	private skipProcessingInstruction(): void {
		const end = this.source.indexOf('?>', this.position + 2);
		if (end === -1) this.fail('unterminated processing instruction');
		this.position = end + 2;
	}

	private name(): string {
		NAME.lastIndex = this.position;
		const match = NAME.exec(this.source);
		if (match === null) this.fail('expected a name');
		this.position += match[0].length;
		return match[0];
	}

	private skipSpaces(): void {
		while (/\s/.test(this.source[this.position] ?? '')) this.position += 1;
	}

	private element(): XmlElement {
		this.position += 1;
		const name = this.name();
		const attributes: Record<string, string> = {};
		for (;;) {
			const before = this.position;
			this.skipSpaces();
			const next = this.source[this.position];
			if (next === undefined) this.fail(`unterminated start tag <${name}>`);
			if (this.source.startsWith('/>', this.position)) {
				this.position += 2;
				return { name, attributes, children: [] };
			}
			if (next === '>') {
				this.position += 1;
				break;
			}
			if (before === this.position) this.fail(`expected white space before an attribute of <${name}>`);
			const attribute = this.name();
			this.skipSpaces();
			if (this.source[this.position] !== '=') this.fail(`attribute ${attribute} of <${name}> has no value`);
			this.position += 1;
			this.skipSpaces();
			const quote = this.source[this.position];
			if (quote !== '"' && quote !== "'") this.fail(`attribute ${attribute} of <${name}> must be quoted`);
			const end = this.source.indexOf(quote, this.position + 1);
			if (end === -1) this.fail(`unterminated value of attribute ${attribute}`);
			const raw = this.source.slice(this.position + 1, end);
			if (raw.includes('<')) this.fail(`'<' in the value of attribute ${attribute}`);
			if (attribute in attributes) this.fail(`attribute ${attribute} appears twice on <${name}>`);
			attributes[attribute] = this.decode(raw);
			this.position = end + 1;
		}
		const children: XmlNode[] = [];
		for (;;) {
			if (this.position >= this.source.length) this.fail(`<${name}> is never closed`);
			if (this.source.startsWith('</', this.position)) {
				this.position += 2;
				const closing = this.name();
				if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
				this.skipSpaces();
				if (this.source[this.position] !== '>') this.fail(`malformed end tag </${closing}`);
				this.position += 1;
				return { name, attributes, children };
			}
			if (this.source.startsWith('<!--', this.position)) {
				this.skipComment();
				continue;
			}
			if (this.source.startsWith('<![CDATA[', this.position)) {
				const end = this.source.indexOf(']]>', this.position);
				if (end === -1) this.fail('unterminated CDATA section');
				children.push(this.source.slice(this.position + 9, end));
				this.position = end + 3;
				continue;
			}
			if (this.source.startsWith('<?', this.position)) {
				this.skipProcessingInstruction();
				continue;
			}
			if (this.source[this.position] === '<') {
				children.push(this.element());
				continue;
			}
			const next = this.source.indexOf('<', this.position);
			const end = next === -1 ? this.source.length : next;
			children.push(this.decode(this.source.slice(this.position, end)));
			this.position = end;
		}
	}

	private decode(text: string): string {
		return text.replace(/&([^;\s&]*);?/g, (match, entity: string) => {
			if (!match.endsWith(';')) this.fail(`unescaped '&' in "${text.slice(0, 40)}"`);
			if (entity.startsWith('#x') && /^#x[0-9a-fA-F]+$/.test(entity)) return String.fromCodePoint(parseInt(entity.slice(2), 16));
			if (/^#\d+$/.test(entity)) return String.fromCodePoint(Number(entity.slice(1)));
			const named = NAMED_ENTITIES[entity];
			if (named === undefined) this.fail(`unknown entity &${entity};`);
			return named;
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Grammar

/** Returns what is wrong with an attribute value, or undefined when Twilio accepts it. */
type AttributeCheck = (value: string) => string | undefined;

const anyValue: AttributeCheck = () => undefined;
const oneOf =
	(...allowed: string[]): AttributeCheck =>
	(value) =>
		allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`;
const booleanValue = oneOf('true', 'false');
const method = oneOf('GET', 'POST');
const integer =
	(min: number, max = Number.MAX_SAFE_INTEGER): AttributeCheck =>
	(value) =>
		/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? undefined : `must be an integer from ${min} to ${max}`;
const url: AttributeCheck = (value) => (value.trim() !== '' && !/\s/.test(value.trim()) ? undefined : 'must be a URL');
const e164: AttributeCheck = (value) => (/^\+[1-9]\d{1,14}$/.test(value) ? undefined : 'must be an E.164 phone number');
const keys =
	(pattern: RegExp): AttributeCheck =>
	(value) =>
		pattern.test(value) ? undefined : `must be keys matching ${pattern.source}`;
const callEvents: AttributeCheck = (value) =>
	value
		.trim()
		.split(/\s+/)
		.every((event) => ['initiated', 'ringing', 'answered', 'completed'].includes(event))
		? undefined
		: 'must be space-separated events among initiated, ringing, answered, completed';
const recordingEvents: AttributeCheck = (value) =>
	value
		.trim()
		.split(/\s+/)
		.every((event) => ['in-progress', 'completed', 'absent'].includes(event))
		? undefined
		: 'must be space-separated events among in-progress, completed, absent';
const language: AttributeCheck = (value) => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$/.test(value) ? undefined : 'must be a language tag such as en-US');
const speechTimeout: AttributeCheck = (value) => (value === 'auto' || /^\d+$/.test(value) ? undefined : "must be 'auto' or whole seconds");

interface ElementRule {
	attributes: Record<string, AttributeCheck>;
	children: string[];
	text: 'none' | 'optional' | 'required';
	/** Children are SSML markup with free-form attributes (inside <Say>). */
	ssml?: true;
}

const SSML_ELEMENTS = new Set(['break', 'emphasis', 'lang', 'p', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'w', 'amazon:effect', 'amazon:domain']);

const recordingAttributes = {
	recordingStatusCallback: url,
	recordingStatusCallbackMethod: method,
	recordingStatusCallbackEvent: recordingEvents,
	trim: oneOf('trim-silence', 'do-not-trim'),
};

const VOICE_GRAMMAR: Record<string, ElementRule> = {
	Response: {
		attributes: {},
		children: ['Say', 'Play', 'Pause', 'Gather', 'Dial', 'Record', 'Hangup', 'Redirect', 'Reject'],
		text: 'none',
	},
	Say: { attributes: { voice: anyValue, language, loop: integer(0, 1000) }, children: [], text: 'required', ssml: true },
	Play: { attributes: { loop: integer(0, 1000), digits: keys(/^[0-9wW*#]+$/) }, children: [], text: 'optional' },
	Pause: { attributes: { length: integer(1, 600) }, children: [], text: 'none' },
	Gather: {
		attributes: {
			action: url,
			method,
			timeout: integer(1, 600),
			finishOnKey: keys(/^[0-9*#]?$/),
			numDigits: integer(1, 255),
			input: oneOf('dtmf', 'speech', 'dtmf speech', 'speech dtmf'),
			speechTimeout,
			maxSpeechTime: integer(1, 60),
			language,
			hints: anyValue,
			profanityFilter: booleanValue,
			speechModel: anyValue,
			enhanced: booleanValue,
			bargeIn: booleanValue,
			debug: booleanValue,
			actionOnEmptyResult: booleanValue,
			partialResultCallback: url,
			partialResultCallbackMethod: method,
		},
		children: ['Say', 'Play', 'Pause'],
		text: 'none',
	},
	Dial: {
		attributes: {
			action: url,
			method,
			timeout: integer(5, 600),
			hangupOnStar: booleanValue,
			timeLimit: integer(1, 86400),
			callerId: anyValue,
			record: oneOf('do-not-record', 'record-from-answer', 'record-from-ringing', 'record-from-answer-dual', 'record-from-ringing-dual', 'true', 'false'),
			answerOnBridge: booleanValue,
			ringTone: anyValue,
			recordingTrack: oneOf('both', 'inbound', 'outbound'),
			sequential: booleanValue,
			referUrl: url,
			referMethod: method,
			events: anyValue,
			...recordingAttributes,
		},
		children: ['Number'],
		text: 'optional',
	},
	Number: {
		attributes: {
			sendDigits: keys(/^[0-9wW*#]+$/),
			url,
			method,
			statusCallback: url,
			statusCallbackEvent: callEvents,
			statusCallbackMethod: method,
			byoc: anyValue,
			machineDetection: oneOf('Enable', 'DetectMessageEnd'),
			amdStatusCallback: url,
			amdStatusCallbackMethod: method,
			machineDetectionTimeout: integer(3, 59),
			machineDetectionSpeechThreshold: integer(1000, 6000),
			machineDetectionSpeechEndThreshold: integer(500, 5000),
			machineDetectionSilenceTimeout: integer(2000, 10000),
		},
		children: [],
		text: 'required',
	},
	Record: {
		attributes: {
			action: url,
			method,
			timeout: integer(0, 600),
			finishOnKey: keys(/^[0-9*#]*$/),
			maxLength: integer(1, 14400),
			playBeep: booleanValue,
			transcribe: booleanValue,
			transcribeCallback: url,
			...recordingAttributes,
		},
		children: [],
		text: 'none',
	},
	Hangup: { attributes: {}, children: [], text: 'none' },
	Redirect: { attributes: { method }, children: [], text: 'required' },
	Reject: { attributes: { reason: oneOf('rejected', 'busy') }, children: [], text: 'none' },
};

const MESSAGING_GRAMMAR: Record<string, ElementRule> = {
	Response: { attributes: {}, children: ['Message', 'Redirect'], text: 'none' },
	Message: { attributes: { to: e164, from: e164, action: url, method, statusCallback: url }, children: ['Body', 'Media'], text: 'optional' },
	Body: { attributes: {}, children: [], text: 'required' },
	Media: { attributes: {}, children: [], text: 'required' },
	Redirect: { attributes: { method }, children: [], text: 'required' },
};

/** Real TwiML that the sandbox refuses to fake. */
const UNSIMULATED: Record<TwimlFlavour, Set<string>> = {
	voice: new Set(['Enqueue', 'Leave', 'Connect', 'Start', 'Stop', 'Pay', 'Prompt', 'Refer', 'Sms', 'Echo', 'Client', 'Conference', 'Queue', 'Sip', 'Sim', 'Application', 'WhatsApp', 'Stream', 'Siprec', 'Transcription']),
	messaging: new Set([]),
};

/** Parses and checks a TwiML document; throws TwimlError with Twilio's failure class. */
export function parseTwiml(source: string, flavour: TwimlFlavour): TwimlVerb {
	const root = parseXml(source);
	if (root.name !== 'Response') throw new TwimlError('schema', `the root element must be <Response>, not <${root.name}>`);
	return checkElement(root, flavour === 'voice' ? VOICE_GRAMMAR : MESSAGING_GRAMMAR, flavour, undefined);
}

function checkElement(element: XmlElement, grammar: Record<string, ElementRule>, flavour: TwimlFlavour, parent: string | undefined): TwimlVerb {
	const rule = grammar[element.name];
	if (rule === undefined) {
		if (UNSIMULATED[flavour].has(element.name)) throw new TwimlError('unsimulated', `<${element.name}> is valid TwiML but not simulated by the sandbox`);
		throw new TwimlError('schema', `<${element.name}> is not a ${flavour} TwiML verb or noun`);
	}
	if (parent !== undefined && !grammar[parent]?.children.includes(element.name)) {
		throw new TwimlError('schema', `<${element.name}> is not allowed inside <${parent}>`);
	}
	for (const [attribute, value] of Object.entries(element.attributes)) {
		const check = rule.attributes[attribute];
		if (check === undefined) throw new TwimlError('schema', `<${element.name}> has no attribute '${attribute}'`);
		const problem = check(value);
		if (problem !== undefined) throw new TwimlError('schema', `<${element.name} ${attribute}="${value}"> ${problem}`);
	}
	const children: TwimlVerb[] = [];
	let text = '';
	for (const child of element.children) {
		if (typeof child === 'string') {
			text += child;
			continue;
		}
		if (rule.ssml === true) {
			if (!SSML_ELEMENTS.has(child.name)) throw new TwimlError('schema', `<${child.name}> is not SSML allowed inside <${element.name}>`);
			text += ssmlText(child);
			continue;
		}
		children.push(checkElement(child, grammar, flavour, element.name));
	}
	text = text.trim();
	if (rule.text === 'none' && text !== '') throw new TwimlError('schema', `<${element.name}> cannot contain text ("${text.slice(0, 40)}")`);
	if (rule.text === 'required' && text === '' && !(element.name === 'Play' && 'digits' in element.attributes)) {
		throw new TwimlError('schema', `<${element.name}> needs text content`);
	}
	if (element.name === 'Play' && text === '' && !('digits' in element.attributes)) throw new TwimlError('schema', '<Play> needs a URL or a digits attribute');
	if (text !== '' && children.length > 0 && rule.ssml !== true) {
		throw new TwimlError('schema', `<${element.name}> mixes text with child elements`);
	}
	if (element.name === 'Dial' && text === '' && children.length === 0) throw new TwimlError('schema', '<Dial> needs a number to dial');
	if (element.name === 'Message' && text !== '' && children.some((child) => child.name === 'Body')) {
		throw new TwimlError('schema', '<Message> has both text and a <Body>');
	}
	return { name: element.name, attributes: element.attributes, text, children };
}

function ssmlText(element: XmlElement): string {
	if (!SSML_ELEMENTS.has(element.name)) throw new TwimlError('schema', `<${element.name}> is not SSML`);
	return element.children.map((child) => (typeof child === 'string' ? child : ssmlText(child))).join('');
}
