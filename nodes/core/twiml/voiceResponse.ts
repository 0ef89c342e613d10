import { escapeXmlAttribute, escapeXmlText } from './xmlEscape';

/**
 * A small builder for the voice TwiML the calling nodes answer Twilio with. Every text and
 * every attribute value is escaped, and each verb writes only the attributes it knows, in a
 * fixed order: whatever a lead typed can change what is said, never which verbs run, which
 * number is dialled or which URL is requested.
 */

type AttributeValue = string | number | boolean | undefined;

export type TwimlMethod = 'GET' | 'POST';

export interface SayOptions {
	/** Twilio's voice name, e.g. `Polly.Joanna`, `Google.en-US-Neural2-F`, `alice`. */
	voice?: string;
	/** BCP 47 tag, e.g. `en-US`. */
	language?: string;
	loop?: number;
}

export interface PlayOptions {
	loop?: number;
}

export interface PauseOptions {
	length?: number;
}

export interface GatherOptions {
	input?: 'dtmf' | 'speech' | 'dtmf speech';
	action?: string;
	method?: TwimlMethod;
	timeout?: number;
	numDigits?: number;
	finishOnKey?: string;
	actionOnEmptyResult?: boolean;
}

export type DialRecording = 'do-not-record' | 'record-from-answer' | 'record-from-ringing' | 'record-from-answer-dual' | 'record-from-ringing-dual';

export interface DialOptions {
	action?: string;
	method?: TwimlMethod;
	callerId?: string;
	timeout?: number;
	timeLimit?: number;
	answerOnBridge?: boolean;
	record?: DialRecording;
	recordingStatusCallback?: string;
}

export interface NumberOptions {
	/**
	 * Keys played once the number answers: digits, `*`, `#`, and `w` for a half-second wait
	 * (`wwww123` waits two seconds, then keys extension 123).
	 */
	sendDigits?: string;
	url?: string;
	method?: TwimlMethod;
	machineDetection?: 'Enable' | 'DetectMessageEnd';
	machineDetectionTimeout?: number;
}

export interface RecordOptions {
	action?: string;
	method?: TwimlMethod;
	/** Seconds of silence that end the recording. */
	timeout?: number;
	/** Longest recording, in seconds. */
	maxLength?: number;
	finishOnKey?: string;
	playBeep?: boolean;
}

export interface RedirectOptions {
	method?: TwimlMethod;
}

/** Attribute names per verb, in the order they are written; nothing else is ever written. */
const SAY_ATTRIBUTES = ['voice', 'language', 'loop'] as const;
const PLAY_ATTRIBUTES = ['loop'] as const;
const PAUSE_ATTRIBUTES = ['length'] as const;
const GATHER_ATTRIBUTES = ['input', 'action', 'method', 'timeout', 'numDigits', 'finishOnKey', 'actionOnEmptyResult'] as const;
const DIAL_ATTRIBUTES = ['action', 'method', 'callerId', 'timeout', 'timeLimit', 'answerOnBridge', 'record', 'recordingStatusCallback'] as const;
const NUMBER_ATTRIBUTES = ['sendDigits', 'url', 'method', 'machineDetection', 'machineDetectionTimeout'] as const;
const REDIRECT_ATTRIBUTES = ['method'] as const;
const RECORD_ATTRIBUTES = ['action', 'method', 'timeout', 'maxLength', 'finishOnKey', 'playBeep'] as const;

interface TwimlElement {
	name: string;
	attributes: Array<[string, string]>;
	children: Array<TwimlElement | string>;
}

function element<Options extends object>(name: string, names: readonly (keyof Options & string)[], options: Options, children: Array<TwimlElement | string> = []): TwimlElement {
	const attributes: Array<[string, string]> = [];
	for (const attribute of names) {
		const value = options[attribute] as AttributeValue;
		if (value === undefined) continue;
		if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`TwiML attribute ${name}.${attribute} must be a finite number`);
		attributes.push([attribute, String(value)]);
	}
	return { name, attributes, children };
}

function serialize(node: TwimlElement | string): string {
	if (typeof node === 'string') return escapeXmlText(node);
	const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`).join('');
	const content = node.children.map(serialize).join('');
	return content === '' ? `<${node.name}${attributes}/>` : `<${node.name}${attributes}>${content}</${node.name}>`;
}

/** Verbs that speak or wait: allowed at the top of a response and inside <Gather>. */
class Prompts {
	protected readonly children: TwimlElement[] = [];

	say(text: string, options: SayOptions = {}): this {
		this.children.push(element('Say', SAY_ATTRIBUTES, options, text === '' ? [] : [text]));
		return this;
	}

	play(url: string, options: PlayOptions = {}): this {
		this.children.push(element('Play', PLAY_ATTRIBUTES, options, url === '' ? [] : [url]));
		return this;
	}

	pause(options: PauseOptions = {}): this {
		this.children.push(element('Pause', PAUSE_ATTRIBUTES, options));
		return this;
	}

	/** @internal */
	elements(): TwimlElement[] {
		return this.children;
	}
}

export class GatherPrompts extends Prompts {}

export class DialTargets {
	private readonly numbers: TwimlElement[] = [];

	number(phoneNumber: string, options: NumberOptions = {}): this {
		this.numbers.push(element('Number', NUMBER_ATTRIBUTES, options, [phoneNumber]));
		return this;
	}

	/** @internal */
	elements(): TwimlElement[] {
		return this.numbers;
	}
}

export class VoiceResponse extends Prompts {
	gather(options: GatherOptions, prompts?: (gather: GatherPrompts) => void): this {
		const inner = new GatherPrompts();
		prompts?.(inner);
		this.children.push(element('Gather', GATHER_ATTRIBUTES, options, inner.elements()));
		return this;
	}

	dial(options: DialOptions, targets: (dial: DialTargets) => void): this {
		const inner = new DialTargets();
		targets(inner);
		this.children.push(element('Dial', DIAL_ATTRIBUTES, options, inner.elements()));
		return this;
	}

	hangup(): this {
		this.children.push(element('Hangup', [], {}));
		return this;
	}

	/** Records what the caller says; Twilio posts the recording's URL to `action` when it ends. */
	record(options: RecordOptions = {}): this {
		this.children.push(element('Record', RECORD_ATTRIBUTES, options));
		return this;
	}

	redirect(url: string, options: RedirectOptions = {}): this {
		this.children.push(element('Redirect', REDIRECT_ATTRIBUTES, options, [url]));
		return this;
	}

	/** The document as Twilio reads it, written exactly as Twilio's SDK writes the same verbs. */
	toXml(): string {
		return `<?xml version="1.0" encoding="UTF-8"?>${serialize({ name: 'Response', attributes: [], children: this.children })}`;
	}
}
