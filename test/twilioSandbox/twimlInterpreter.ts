import { LegInterrupted, type HangupCause } from './callLeg';
import type { ActiveLeg, CallStatus, TranscriptEntry } from './calls';
import type { RecordingInfo, RecordingSource } from './recordings';
import type { WebhookParams } from './signature';
import { DEBUGGER_CODES, type DebuggerCode } from './twilioErrors';
import type { TwimlVerb } from './twimlDocument';
import { isRoutablePhoneNumber } from './twilioFormats';
import type { WebhookKind } from './webhooks';

/**
 * Executes voice TwiML on a call leg the way Twilio does: verb after verb, with the time each
 * one takes, asking the party's scenario what it keys in or says, requesting `action` URLs
 * with Twilio's parameters, and bridging <Dial>led legs. The call engine (`VoiceHost`) owns
 * the legs, their status and their webhooks; this module only decides what happens next.
 */

/** Where the next TwiML document comes from. */
export interface DocumentSource {
	kind: Extract<WebhookKind, 'voice' | 'voice-action'>;
	url?: string;
	method: 'GET' | 'POST';
	twiml?: string;
	extraParams?: WebhookParams;
	/** Overrides CallStatus in the request (a Dial action after the caller hung up says completed). */
	callStatus?: CallStatus;
	/** Used when the request to `url` fails (the call's FallbackUrl). */
	fallback?: { url: string; method: 'GET' | 'POST' };
}

export interface LoadedDocument {
	response: TwimlVerb;
	/** The URL the document came from; undefined for inline TwiML. */
	url: string | undefined;
}

export type DialOutcome = 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface DialTarget {
	number: string;
	callerId: string;
	timeout: number;
	url: string | undefined;
	method: 'GET' | 'POST';
	statusCallback: string | undefined;
	statusCallbackMethod: 'GET' | 'POST';
	statusCallbackEvents: string[];
	/** <Number machineDetection>: detection runs once the leg answers, before its `url` and the bridge. */
	machineDetection: 'Enable' | 'DetectMessageEnd' | undefined;
	machineDetectionTimeout: number;
	/** <Number sendDigits>: keys played to the dialled party as soon as it answers (`w` waits half a second). */
	sendDigits?: string;
}

export interface DialLeg {
	leg: ActiveLeg;
	/** Settles when the dialled party answers or the attempt ends without an answer. */
	outcome: Promise<DialOutcome>;
}

export type TranscriptNote = Omit<TranscriptEntry, 'at' | 'offset' | 'callSid'>;

/** What the interpreter needs from the call engine. */
export interface VoiceHost {
	loadDocument(leg: ActiveLeg, source: DocumentSource): Promise<LoadedDocument | undefined>;
	/** Twilio's "an application error has occurred": the caller hears it, then the call ends. */
	applicationError(leg: ActiveLeg): void;
	/** An inbound call is answered by the first verb that is not <Reject> or a bridging <Dial>. */
	answerIfRinging(leg: ActiveLeg): void;
	hangup(leg: ActiveLeg, cause: HangupCause): void;
	reject(leg: ActiveLeg, reason: 'rejected' | 'busy'): void;
	startDialLeg(parent: ActiveLeg, target: DialTarget): DialLeg;
	/** Answering machine detection on an answered leg; sets its AnsweredBy. */
	detectMachine(leg: ActiveLeg): Promise<void>;
	note(leg: ActiveLeg, note: TranscriptNote): void;
	notify(leg: ActiveLeg, error: DebuggerCode, detail: string, url?: string): void;
	isAllowedCallerId(leg: ActiveLeg, callerId: string): boolean;
	nextDigits(leg: ActiveLeg): string;
	/** A finished recording of `seconds`, listed on the leg's call (`leg.record.recordings`). */
	newRecording(leg: ActiveLeg, seconds: number, source: RecordingSource, channels: 1 | 2): RecordingInfo;
	/** Resolves after `seconds` of call time (not interrupted by the leg). */
	sleep(seconds: number): Promise<void>;
	/** Call seconds since the sandbox started, to measure how long something lasted. */
	callSeconds(): number;
}

/** Twilio stops following a call that keeps redirecting; so does the sandbox. */
const MAX_DOCUMENTS_PER_CALL = 50;
const SECONDS_PER_PLAY = 3;
const WORDS_PER_SECOND = 2.5;
const SECONDS_TO_KEY_IN = 1;
const SECONDS_TO_SPEAK = 2;

/** A failure inside a document that ends the call like a broken document does. */
class TwimlRuntimeError extends Error {
	constructor(
		readonly error: DebuggerCode,
		message: string,
	) {
		super(message);
	}
}

/**
 * Runs TwiML on a leg until it runs out, the leg hangs up, or it fails. With `endWhenDone`
 * (a call's own TwiML) the call ends when the verbs run out; without it (the whisper of a
 * <Number url>) the leg stays up so that it can be bridged.
 */
export async function runTwimlSession(host: VoiceHost, leg: ActiveLeg, first: DocumentSource, endWhenDone: boolean): Promise<void> {
	let source: DocumentSource | undefined = first;
	let documents = 0;
	while (source !== undefined) {
		documents += 1;
		if (documents > MAX_DOCUMENTS_PER_CALL) {
			host.notify(leg, DEBUGGER_CODES.schemaValidation, `more than ${MAX_DOCUMENTS_PER_CALL} TwiML documents in one call: the sandbox stops a redirect loop`);
			host.applicationError(leg);
			return;
		}
		try {
			const document = await leg.control.race(host.loadDocument(leg, source));
			if (document === undefined) {
				host.applicationError(leg);
				return;
			}
			source = await executeVerbs(host, leg, document.response.children, document.url);
		} catch (error) {
			if (error instanceof LegInterrupted) {
				const redirect = leg.control.takeRedirect();
				if (redirect === undefined) return;
				host.note(leg, { kind: 'redirect', text: `redirected through the API to ${redirect.url ?? 'inline TwiML'}` });
				source = { kind: 'voice', url: redirect.url, method: redirect.method, twiml: redirect.twiml };
				continue;
			}
			if (error instanceof TwimlRuntimeError) {
				host.notify(leg, error.error, error.message);
				host.applicationError(leg);
				return;
			}
			throw error;
		}
	}
	if (endWhenDone && !leg.control.isHungUp) host.hangup(leg, 'twiml');
}

/** Returns the next document to fetch, or undefined when the verbs ran out. */
async function executeVerbs(host: VoiceHost, leg: ActiveLeg, verbs: TwimlVerb[], documentUrl: string | undefined): Promise<DocumentSource | undefined> {
	for (const verb of verbs) {
		leg.control.throwIfInterrupted();
		// An inbound call is picked up by the first verb that needs the line: not by <Reject>
		// (which refuses it), <Redirect> (which only fetches more TwiML) or <Dial answerOnBridge>.
		const bridgesFirst = verb.name === 'Dial' && verb.attributes.answerOnBridge === 'true';
		if (verb.name !== 'Reject' && verb.name !== 'Redirect' && !bridgesFirst) host.answerIfRinging(leg);
		switch (verb.name) {
			case 'Say':
			case 'Play':
			case 'Pause':
				await playPrompt(host, leg, verb);
				break;
			case 'Gather': {
				const next = await gather(host, leg, verb, documentUrl);
				if (next !== undefined) return next;
				break;
			}
			case 'Dial': {
				const next = await dial(host, leg, verb, documentUrl);
				if (next !== undefined) return next;
				break;
			}
			case 'Record': {
				const next = await record(host, leg, verb, documentUrl);
				if (next !== undefined) return next;
				break;
			}
			case 'Hangup':
				host.note(leg, { kind: 'hangup', text: '<Hangup>' });
				host.hangup(leg, 'twiml');
				leg.control.throwIfInterrupted();
				break;
			case 'Redirect': {
				const url = resolveUrl(verb.text, documentUrl);
				host.note(leg, { kind: 'redirect', text: `<Redirect> to ${url}` });
				return { kind: 'voice-action', url, method: methodOf(verb) };
			}
			case 'Reject': {
				const reason = verb.attributes.reason === 'busy' ? 'busy' : 'rejected';
				host.note(leg, { kind: 'reject', text: `<Reject reason="${reason}">` });
				host.reject(leg, reason);
				leg.control.throwIfInterrupted();
				break;
			}
			default:
				throw new TwimlRuntimeError(DEBUGGER_CODES.schemaValidation, `<${verb.name}> cannot be executed here`);
		}
	}
	return undefined;
}

function methodOf(verb: TwimlVerb): 'GET' | 'POST' {
	return verb.attributes.method === 'GET' ? 'GET' : 'POST';
}

/** Relative `action` and <Redirect> URLs resolve against the document's own URL, as on Twilio. */
function resolveUrl(reference: string, documentUrl: string | undefined): string {
	try {
		return new URL(reference.trim(), documentUrl).toString();
	} catch {
		throw new TwimlRuntimeError(
			DEBUGGER_CODES.invalidUrl,
			documentUrl === undefined ? `relative URL '${reference}' in inline TwiML has nothing to resolve against` : `'${reference}' is not a URL`,
		);
	}
}

function loops(verb: TwimlVerb): number {
	const loop = verb.attributes.loop === undefined ? 1 : Number(verb.attributes.loop);
	// loop="0" repeats until the call ends; a hundred rounds is "until the call ends" here.
	return loop === 0 ? 100 : loop;
}

async function playPrompt(host: VoiceHost, leg: ActiveLeg, verb: TwimlVerb): Promise<void> {
	switch (verb.name) {
		case 'Say': {
			const words = verb.text.split(/\s+/).filter((word) => word !== '').length;
			const seconds = Math.max(1, words / WORDS_PER_SECOND) * loops(verb);
			host.note(leg, {
				kind: 'say',
				text: verb.text,
				voice: verb.attributes.voice ?? 'man',
				language: verb.attributes.language ?? 'en-US',
			});
			await leg.control.wait(seconds);
			return;
		}
		case 'Play': {
			const digits = verb.attributes.digits;
			host.note(leg, digits === undefined ? { kind: 'play', text: verb.text } : { kind: 'play', text: `digits ${digits}` });
			await leg.control.wait(digits === undefined ? SECONDS_PER_PLAY * loops(verb) : digits.length * 0.5);
			return;
		}
		case 'Pause': {
			const length = Number(verb.attributes.length ?? '1');
			host.note(leg, { kind: 'pause', text: `${length} s` });
			await leg.control.wait(length);
			return;
		}
		default:
			throw new TwimlRuntimeError(DEBUGGER_CODES.schemaValidation, `<${verb.name}> cannot be nested in <Gather>`);
	}
}

async function gather(host: VoiceHost, leg: ActiveLeg, verb: TwimlVerb, documentUrl: string | undefined): Promise<DocumentSource | undefined> {
	const { attributes } = verb;
	const input = attributes.input ?? 'dtmf';
	const timeout = Number(attributes.timeout ?? '5');
	const numDigits = attributes.numDigits === undefined ? undefined : Number(attributes.numDigits);
	const finishOnKey = attributes.finishOnKey ?? '#';
	host.note(leg, { kind: 'gather', text: `<Gather input="${input}"${numDigits === undefined ? '' : ` numDigits="${numDigits}"`} timeout="${timeout}">` });
	for (const prompt of verb.children) await playPrompt(host, leg, prompt);
	const pressed = input.includes('dtmf') ? host.nextDigits(leg) : '';
	const speech = input.includes('speech') && leg.party.party === 'human' ? leg.party.speech : undefined;
	let params: WebhookParams | undefined;
	if (pressed !== '') {
		await leg.control.wait(SECONDS_TO_KEY_IN);
		const finishAt = finishOnKey === '' ? -1 : pressed.indexOf(finishOnKey);
		let digits = pressed;
		let finishedOnKey = '';
		if (finishAt >= 0) {
			digits = pressed.slice(0, finishAt);
			finishedOnKey = finishOnKey;
		} else if (numDigits !== undefined && pressed.length >= numDigits) {
			digits = pressed.slice(0, numDigits);
		} else {
			// Fewer keys than asked for and no finishing key: Twilio waits out the timeout.
			await leg.control.wait(timeout);
		}
		host.note(leg, { kind: 'digits', text: digits });
		params = { Digits: digits, FinishedOnKey: finishedOnKey, msg: 'Gather End' };
	} else if (speech !== undefined) {
		await leg.control.wait(SECONDS_TO_SPEAK);
		host.note(leg, { kind: 'speech', text: speech });
		params = { SpeechResult: speech, Confidence: '0.92', msg: 'Gather End' };
	} else {
		await leg.control.wait(timeout);
		host.note(leg, { kind: 'gather', text: 'no input before the timeout' });
		if (attributes.actionOnEmptyResult !== 'true') return undefined;
		params = { Digits: '', msg: 'Gather End' };
	}
	// Without an action Twilio posts the input back to the document that asked for it.
	const target = attributes.action === undefined ? documentUrl : resolveUrl(attributes.action, documentUrl);
	if (target === undefined) return undefined;
	return { kind: 'voice-action', url: target, method: methodOf(verb), extraParams: params };
}

async function record(host: VoiceHost, leg: ActiveLeg, verb: TwimlVerb, documentUrl: string | undefined): Promise<DocumentSource | undefined> {
	const { attributes } = verb;
	const timeout = Number(attributes.timeout ?? '5');
	const maxLength = Number(attributes.maxLength ?? '3600');
	const target = attributes.action === undefined ? documentUrl : resolveUrl(attributes.action, documentUrl);
	if (attributes.playBeep !== 'false') host.note(leg, { kind: 'beep', text: 'beep' });
	const speaking = Math.min(leg.party.recordFor, maxLength);
	if (speaking === 0) {
		await leg.control.wait(timeout);
		host.note(leg, { kind: 'record', text: 'silence: nothing recorded' });
		return undefined;
	}
	const started = host.callSeconds();
	try {
		await leg.control.wait(speaking);
	} catch (error) {
		if (!(error instanceof LegInterrupted) || error.interrupt.kind !== 'hangup') throw error;
		// Hanging up ends the recording; Twilio still posts it to the action URL.
		const seconds = Math.max(1, Math.round(host.callSeconds() - started));
		const recording = host.newRecording(leg, Math.min(seconds, speaking), 'RecordVerb', 1);
		host.note(leg, { kind: 'record', text: `recorded ${recording.duration} s, then the caller hung up` });
		if (target !== undefined) {
			await host.loadDocument(leg, {
				kind: 'voice-action',
				url: target,
				method: methodOf(verb),
				extraParams: recordingParams(recording, 'hangup'),
				callStatus: 'completed',
			});
		}
		throw error;
	}
	const recording = host.newRecording(leg, speaking, 'RecordVerb', 1);
	host.note(leg, { kind: 'record', text: `recorded ${recording.duration} s` });
	if (target === undefined) return undefined;
	return { kind: 'voice-action', url: target, method: methodOf(verb), extraParams: recordingParams(recording, undefined) };
}

function recordingParams(recording: RecordingInfo, digits: string | undefined): WebhookParams {
	const params: WebhookParams = {
		RecordingUrl: recording.url,
		RecordingSid: recording.sid,
		RecordingDuration: String(recording.duration),
	};
	if (digits !== undefined) params.Digits = digits;
	return params;
}

async function dial(host: VoiceHost, leg: ActiveLeg, verb: TwimlVerb, documentUrl: string | undefined): Promise<DocumentSource | undefined> {
	const { attributes } = verb;
	const action = attributes.action === undefined ? undefined : resolveUrl(attributes.action, documentUrl);
	const callerId = attributes.callerId ?? leg.record.from;
	const timeout = Number(attributes.timeout ?? '30');
	const timeLimit = Number(attributes.timeLimit ?? '14400');
	const nouns: TwimlVerb[] = verb.children.length > 0 ? verb.children : [{ name: 'Number', attributes: {}, text: verb.text, children: [] }];

	const recorded = ['record-from-answer', 'record-from-ringing', 'record-from-answer-dual', 'record-from-ringing-dual', 'true'].includes(attributes.record ?? '');
	const recordingChannels = (attributes.record ?? '').endsWith('-dual') ? 2 : 1;
	const finish = (status: DialOutcome | 'completed', child: ActiveLeg | undefined, bridged: boolean, callStatus?: CallStatus): DocumentSource | undefined => {
		const params: WebhookParams = { DialCallStatus: status, DialBridged: String(bridged) };
		if (child !== undefined) {
			params.DialCallSid = child.record.sid;
			if (child.record.duration !== null && child.record.answeredAt !== null) params.DialCallDuration = String(child.record.duration);
		}
		if (recorded && bridged && child !== undefined) {
			// <Dial record> records the bridged conversation, lists it on the call that ran <Dial>
			// and hands it to the action.
			const recording = host.newRecording(leg, child.record.duration ?? 0, 'DialVerb', recordingChannels);
			Object.assign(params, recordingParams(recording, undefined));
		}
		host.note(leg, { kind: 'dial', text: `dial ended: ${status}${bridged ? ' (bridged)' : ''}` });
		if (action === undefined) return undefined;
		return { kind: 'voice-action', url: action, method: methodOf(verb), extraParams: params, callStatus };
	};

	if (!host.isAllowedCallerId(leg, callerId)) {
		host.notify(leg, DEBUGGER_CODES.dialInvalidCallerId, `callerId ${callerId} is not a number of this account nor a party of this call`);
		return finish('failed', undefined, false);
	}
	const targets: DialTarget[] = [];
	for (const noun of nouns) {
		const number = noun.text.trim();
		if (!isRoutablePhoneNumber(number)) {
			host.notify(leg, DEBUGGER_CODES.dialInvalidNumber, `'${number}' is not a valid phone number`);
			continue;
		}
		targets.push({
			number,
			callerId,
			timeout,
			url: noun.attributes.url === undefined ? undefined : resolveUrl(noun.attributes.url, documentUrl),
			method: methodOf(noun),
			statusCallback: noun.attributes.statusCallback === undefined ? undefined : resolveUrl(noun.attributes.statusCallback, documentUrl),
			statusCallbackMethod: noun.attributes.statusCallbackMethod === 'GET' ? 'GET' : 'POST',
			statusCallbackEvents: (noun.attributes.statusCallbackEvent ?? '').split(/\s+/).filter((event) => event !== ''),
			machineDetection: noun.attributes.machineDetection === 'Enable' || noun.attributes.machineDetection === 'DetectMessageEnd' ? noun.attributes.machineDetection : undefined,
			machineDetectionTimeout: Number(noun.attributes.machineDetectionTimeout ?? '30'),
			sendDigits: noun.attributes.sendDigits,
		});
	}
	if (targets.length === 0) return finish('failed', undefined, false);
	host.note(leg, { kind: 'dial', text: `dialing ${targets.map((target) => target.number).join(', ')} (timeout ${timeout} s)` });

	const attempts = targets.map((target) => host.startDialLeg(leg, target));
	const hangUpAll = (except: ActiveLeg | undefined, cause: HangupCause): void => {
		for (const attempt of attempts) if (attempt.leg !== except) host.hangup(attempt.leg, cause);
	};

	// Ringing: the first to answer wins; the others stop ringing.
	let winner: DialLeg | undefined;
	let outcomes: DialOutcome[];
	try {
		winner = await leg.control.race(firstAnswer(attempts));
		outcomes = winner === undefined ? await Promise.all(attempts.map((attempt) => attempt.outcome)) : [];
	} catch (error) {
		if (!(error instanceof LegInterrupted)) throw error;
		hangUpAll(undefined, 'parent');
		if (error.interrupt.kind === 'hangup') await requestAfterHangup(host, leg, finish('canceled', attempts[0]?.leg, false, 'completed'));
		throw error;
	}
	if (winner === undefined) {
		const status = outcomes.includes('busy') ? 'busy' : outcomes.includes('failed') ? 'failed' : outcomes.includes('canceled') ? 'canceled' : 'no-answer';
		return finish(status, attempts.length === 1 ? attempts[0]?.leg : undefined, false);
	}
	hangUpAll(winner.leg, 'parent');
	const child = winner.leg;
	host.answerIfRinging(leg);

	try {
		const target = targets[attempts.indexOf(winner)];
		if (target?.sendDigits !== undefined) {
			// As on Twilio, the keys go to the dialled party as soon as it answers, before detection,
			// its `url` and the bridge; each key or `w` takes half a second.
			const digits = target.sendDigits;
			host.note(child, { kind: 'play', text: `digits ${digits}` });
			try {
				await leg.control.race(child.control.wait(digits.length * 0.5));
			} catch (error) {
				if (!(error instanceof LegInterrupted) || !child.control.isHungUp) throw error;
			}
			if (child.control.isHungUp) return finish('completed', child, false);
		}
		if (target?.machineDetection !== undefined) {
			// As on Twilio, the answered leg is held until detection decides; its `url` then hears AnsweredBy.
			try {
				await leg.control.race(host.detectMachine(child));
			} catch (error) {
				if (!(error instanceof LegInterrupted) || !child.control.isHungUp) throw error;
			}
			if (child.control.isHungUp) return finish('completed', child, false);
		}
		if (target?.url !== undefined) {
			// The whisper plays to the called party before the bridge; hanging up there refuses it.
			host.note(child, { kind: 'whisper', text: `whisper TwiML from ${target.url}` });
			await leg.control.race(runTwimlSession(host, child, { kind: 'voice', url: target.url, method: target.method }, false));
			if (child.control.isHungUp) return finish('completed', child, false);
		}
		host.note(leg, { kind: 'bridge', text: `bridged with ${child.record.to} (${child.record.sid})` });
		host.note(child, { kind: 'bridge', text: `bridged with ${leg.record.to === child.record.to ? leg.record.from : leg.record.to} (${leg.record.sid})` });
		void host.sleep(child.party.talkFor).then(() => host.hangup(child, 'party'));
		void host.sleep(timeLimit).then(() => host.hangup(child, 'bridge-ended'));
		await leg.control.race(child.finished);
		return finish('completed', child, true);
	} catch (error) {
		if (!(error instanceof LegInterrupted)) throw error;
		host.hangup(child, 'parent');
		await child.finished;
		if (error.interrupt.kind === 'hangup') await requestAfterHangup(host, leg, finish('completed', child, true, 'completed'));
		throw error;
	}
}

/** Twilio still requests a Dial action after the caller hung up; the answer is ignored. */
async function requestAfterHangup(host: VoiceHost, leg: ActiveLeg, source: DocumentSource | undefined): Promise<void> {
	if (source !== undefined) await host.loadDocument(leg, source);
}

/** Resolves with the first attempt that is answered, or undefined when none is. */
function firstAnswer(attempts: DialLeg[]): Promise<DialLeg | undefined> {
	return new Promise((resolve) => {
		let pending = attempts.length;
		for (const attempt of attempts) {
			void attempt.outcome.then((outcome) => {
				if (outcome === 'answered') resolve(attempt);
				pending -= 1;
				if (pending === 0) resolve(undefined);
			});
		}
	});
}
