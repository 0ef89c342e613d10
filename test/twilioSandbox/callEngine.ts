import { LegControl, LegInterrupted, type HangupCause } from './callLeg';
import {
	isFinalCallStatus,
	type ActiveLeg,
	type CallbackEvent,
	type CallRecord,
	type CallStatus,
	type TwimlFetch,
} from './calls';
import { numberWebhook, type IncomingNumber } from './phoneNumbers';
import { newRecording, type RecordingInfo, type RecordingSource } from './recordings';
import type { SandboxAccount, SandboxState } from './sandboxState';
import type { AnsweredBy, PartyBehaviour } from './scenarios';
import type { WebhookParams } from './signature';
import { newSid } from './sids';
import { DEBUGGER_CODES, type DebuggerCode } from './twilioErrors';
import { geoParameters, rfc2822 } from './twilioFormats';
import { TwimlError, parseTwiml } from './twimlDocument';
import {
	runTwimlSession,
	type DialLeg,
	type DialOutcome,
	type DialTarget,
	type DocumentSource,
	type LoadedDocument,
	type TranscriptNote,
	type VoiceHost,
} from './twimlInterpreter';

/** What `POST Calls.json` asks for, once validated. */
export interface OutboundCallRequest {
	to: string;
	from: string;
	url: string | undefined;
	twiml: string | undefined;
	method: 'GET' | 'POST';
	fallbackUrl: string | undefined;
	fallbackMethod: 'GET' | 'POST';
	statusCallback: string | undefined;
	statusCallbackMethod: 'GET' | 'POST';
	statusCallbackEvents: string[];
	machineDetection: CallRecord['machineDetection'];
	machineDetectionTimeout: number;
	asyncAmd: boolean;
	asyncAmdStatusCallback: string | undefined;
	asyncAmdStatusCallbackMethod: 'GET' | 'POST';
	timeout: number;
	timeLimit: number | null;
	record: boolean;
}

export interface CallUpdate {
	status: 'canceled' | 'completed' | undefined;
	url: string | undefined;
	twiml: string | undefined;
	method: 'GET' | 'POST';
	statusCallback: string | undefined;
	statusCallbackMethod: 'GET' | 'POST' | undefined;
	fallbackUrl: string | undefined;
	fallbackMethod: 'GET' | 'POST' | undefined;
}

export type InboundCallOutcome = 'answered' | 'no-answer' | 'busy' | 'canceled';

/** Call seconds between the steps of placing a call. */
const QUEUE_SECONDS = 0.1;
const INITIATE_SECONDS = 0.2;
const FAIL_SECONDS = 0.5;
const HUMAN_DETECTION_SECONDS = 2.5;
const MACHINE_START_SECONDS = 3.5;
const FAX_DETECTION_SECONDS = 2;
const BEEP_AFTER_GREETING_SECONDS = 0.5;
const SILENCE_AFTER_GREETING_SECONDS = 3;

const SIP_RESPONSE: Record<CallStatus, string> = {
	queued: '',
	ringing: '',
	'in-progress': '',
	completed: '200',
	busy: '486',
	'no-answer': '487',
	canceled: '487',
	failed: '404',
};

/**
 * Drives calls through their life as Twilio does: queued, initiated, ringing, answered (or
 * busy, no-answer, failed, canceled), TwiML, completed, with status callbacks for the events
 * asked for and answering machine detection. Every party's behaviour comes from its scenario.
 */
export class CallEngine implements VoiceHost {
	private readonly active = new Map<string, ActiveLeg & { resolveFinished: () => void }>();

	constructor(private readonly state: SandboxState) {}

	// -------------------------------------------------------------------------------------------
	// Starting calls

	placeOutboundCall(account: SandboxAccount, request: OutboundCallRequest): CallRecord {
		const leg = this.newLeg(account, this.state.scenarios.behaviourFor(request.to), {
			direction: 'outbound-api',
			parentCallSid: null,
			to: request.to,
			from: request.from,
			status: 'queued',
			phoneNumberSid: this.state.ownedNumber(account.sid, request.from)?.sid ?? null,
			url: request.url ?? null,
			method: request.method,
			twiml: request.twiml ?? null,
			fallbackUrl: request.fallbackUrl ?? null,
			fallbackMethod: request.fallbackMethod,
			statusCallback: request.statusCallback ?? null,
			statusCallbackMethod: request.statusCallbackMethod,
			statusCallbackEvents: request.statusCallbackEvents,
			machineDetection: request.machineDetection,
			machineDetectionTimeout: request.machineDetectionTimeout,
			asyncAmd: request.asyncAmd,
			asyncAmdStatusCallback: request.asyncAmdStatusCallback ?? null,
			asyncAmdStatusCallbackMethod: request.asyncAmdStatusCallbackMethod,
			timeout: request.timeout,
			timeLimit: request.timeLimit,
			record: request.record,
		});
		this.state.log(`call ${leg.record.sid} ${request.from} -> ${request.to} placed`);
		void this.runOutbound(leg).catch((error: unknown) => this.crashed(leg, error));
		return leg.record;
	}

	/** A phone calls one of the account's numbers. */
	receiveInboundCall(number: IncomingNumber, from: string, outcome: InboundCallOutcome, ringFor: number): CallRecord {
		const account = this.state.account(number.accountSid);
		if (account === undefined) throw new Error(`number ${number.phoneNumber} has no account`);
		const status = numberWebhook(number, 'status');
		const voice = numberWebhook(number, 'voice');
		const fallbackUrl = number.settings.voice_fallback_url;
		const leg = this.newLeg(account, this.state.scenarios.behaviourFor(from), {
			direction: 'inbound',
			parentCallSid: null,
			to: number.phoneNumber,
			from,
			status: 'ringing',
			phoneNumberSid: number.sid,
			url: voice?.url ?? null,
			method: voice?.method ?? 'POST',
			twiml: null,
			fallbackUrl: typeof fallbackUrl === 'string' && fallbackUrl !== '' ? fallbackUrl : null,
			fallbackMethod: number.settings.voice_fallback_method === 'GET' ? 'GET' : 'POST',
			statusCallback: status?.url ?? null,
			statusCallbackMethod: status?.method ?? 'POST',
			// A number's status callback only hears about the end of the call.
			statusCallbackEvents: [],
			machineDetection: null,
			machineDetectionTimeout: 30,
			asyncAmd: false,
			asyncAmdStatusCallback: null,
			asyncAmdStatusCallbackMethod: 'POST',
			timeout: 60,
			timeLimit: null,
			record: false,
		});
		leg.record.startTime = this.state.clock.now();
		this.recordEvent(leg, 'ringing', 'not-requested');
		this.state.log(`call ${leg.record.sid} inbound ${from} -> ${number.phoneNumber} (${outcome})`);
		void this.runInbound(leg, outcome, ringFor).catch((error: unknown) => this.crashed(leg, error));
		return leg.record;
	}

	startDialLeg(parent: ActiveLeg, target: DialTarget): DialLeg {
		const leg = this.newLeg(parent.account, this.state.scenarios.behaviourFor(target.number), {
			direction: 'outbound-dial',
			parentCallSid: parent.record.sid,
			to: target.number,
			from: target.callerId,
			status: 'queued',
			phoneNumberSid: null,
			url: target.url ?? null,
			method: target.method,
			twiml: null,
			fallbackUrl: null,
			fallbackMethod: 'POST',
			statusCallback: target.statusCallback ?? null,
			statusCallbackMethod: target.statusCallbackMethod,
			statusCallbackEvents: target.statusCallbackEvents,
			machineDetection: target.machineDetection ?? null,
			machineDetectionTimeout: target.machineDetectionTimeout,
			asyncAmd: false,
			asyncAmdStatusCallback: null,
			asyncAmdStatusCallbackMethod: 'POST',
			timeout: target.timeout,
			timeLimit: null,
			record: false,
		});
		parent.record.legs.push(leg.record.sid);
		return { leg, outcome: this.runDialLeg(leg).catch((error: unknown) => this.crashed(leg, error)).then((outcome) => outcome ?? 'failed') };
	}

	updateCall(record: CallRecord, update: CallUpdate): void {
		const leg = this.active.get(record.sid);
		if (update.statusCallback !== undefined) record.statusCallback = update.statusCallback === '' ? null : update.statusCallback;
		if (update.statusCallbackMethod !== undefined) record.statusCallbackMethod = update.statusCallbackMethod;
		if (update.fallbackUrl !== undefined) record.fallbackUrl = update.fallbackUrl === '' ? null : update.fallbackUrl;
		if (update.fallbackMethod !== undefined) record.fallbackMethod = update.fallbackMethod;
		record.dateUpdated = this.state.clock.now();
		if (leg === undefined) return;
		if (update.status === 'canceled') {
			// Canceling only stops a call that has not been answered yet; Twilio ignores it otherwise.
			if (record.status === 'queued' || record.status === 'ringing') this.hangup(leg, 'api');
			return;
		}
		if (update.status === 'completed') {
			this.hangup(leg, 'api');
			return;
		}
		if (update.url !== undefined || update.twiml !== undefined) {
			leg.control.interrupt({ kind: 'redirect', url: update.url, method: update.method, twiml: update.twiml });
		}
	}

	/** On reset: every call still going stops at once, silently, so no test sees another's traffic. */
	abandonAll(): void {
		for (const leg of [...this.active.values()]) {
			leg.abandoned = true;
			leg.control.interrupt({ kind: 'hangup', cause: 'error' });
			this.active.delete(leg.record.sid);
			leg.resolveFinished();
		}
	}

	// -------------------------------------------------------------------------------------------
	// Lifecycles

	private async runOutbound(leg: ActiveLeg): Promise<void> {
		try {
			await leg.control.wait(QUEUE_SECONDS);
			leg.record.startTime = this.state.clock.now();
			this.emit(leg, 'initiated');
			if (leg.party.pickUp.kind === 'fail') {
				await leg.control.wait(FAIL_SECONDS);
				this.finish(leg, 'failed', 'party');
				return;
			}
			await leg.control.wait(INITIATE_SECONDS);
			this.setStatus(leg, 'ringing');
			this.emit(leg, 'ringing');
			const rang = await this.ring(leg, leg.record.timeout);
			if (rang !== 'answered') {
				this.finish(leg, rang, 'party');
				return;
			}
			this.answer(leg);
			let first: DocumentSource = {
				kind: 'voice',
				url: leg.record.url ?? undefined,
				method: leg.record.method,
				twiml: leg.record.twiml ?? undefined,
				fallback: leg.record.fallbackUrl === null ? undefined : { url: leg.record.fallbackUrl, method: leg.record.fallbackMethod },
			};
			try {
				await this.detectMachine(leg);
			} catch (error) {
				const redirect = error instanceof LegInterrupted ? leg.control.takeRedirect() : undefined;
				if (redirect === undefined) throw error;
				first = { kind: 'voice', url: redirect.url, method: redirect.method, twiml: redirect.twiml };
			}
			await runTwimlSession(this, leg, first, true);
		} catch (error) {
			if (!(error instanceof LegInterrupted)) throw error;
		}
	}

	private async runInbound(leg: ActiveLeg, outcome: InboundCallOutcome, ringFor: number): Promise<void> {
		try {
			if (outcome !== 'answered') {
				// A missed call: it rings out (or the caller gives up) before anything answers.
				await leg.control.wait(ringFor);
				this.finish(leg, outcome, 'party');
				return;
			}
			const first: DocumentSource = {
				kind: 'voice',
				url: leg.record.url ?? undefined,
				method: leg.record.method,
				fallback: leg.record.fallbackUrl === null ? undefined : { url: leg.record.fallbackUrl, method: leg.record.fallbackMethod },
			};
			await runTwimlSession(this, leg, first, true);
		} catch (error) {
			if (!(error instanceof LegInterrupted)) throw error;
		}
	}

	/** A <Dial>led leg: it skips `queued` and goes straight to initiated and ringing. */
	private async runDialLeg(leg: ActiveLeg): Promise<DialOutcome> {
		try {
			leg.record.startTime = this.state.clock.now();
			this.emit(leg, 'initiated');
			if (leg.party.pickUp.kind === 'fail') {
				await leg.control.wait(FAIL_SECONDS);
				this.finish(leg, 'failed', 'party');
				return 'failed';
			}
			await leg.control.wait(INITIATE_SECONDS);
			this.setStatus(leg, 'ringing');
			this.emit(leg, 'ringing');
			const rang = await this.ring(leg, leg.record.timeout);
			if (rang !== 'answered') {
				this.finish(leg, rang, 'party');
				return rang;
			}
			this.answer(leg);
			return 'answered';
		} catch (error) {
			if (!(error instanceof LegInterrupted)) throw error;
			return 'canceled';
		}
	}

	private async ring(leg: ActiveLeg, limit: number): Promise<'answered' | 'busy' | 'no-answer' | 'failed'> {
		const pickUp = leg.party.pickUp;
		switch (pickUp.kind) {
			case 'fail':
				return 'failed';
			case 'busy':
				await leg.control.wait(Math.min(pickUp.after, limit));
				return 'busy';
			case 'no-answer':
				await leg.control.wait(limit);
				return 'no-answer';
			case 'answer':
				if (pickUp.after >= limit) {
					await leg.control.wait(limit);
					return 'no-answer';
				}
				await leg.control.wait(pickUp.after);
				return 'answered';
		}
	}

	private answer(leg: ActiveLeg): void {
		const { record, party } = leg;
		record.answeredAt = this.state.clock.now();
		this.setStatus(leg, 'in-progress');
		this.emit(leg, 'answered');
		if (party.hangUpAfter !== undefined) void this.state.clock.sleep(party.hangUpAfter).then(() => this.hangup(leg, 'party'));
		if (record.timeLimit !== null) void this.state.clock.sleep(record.timeLimit).then(() => this.hangup(leg, 'api'));
		if (party.party === 'voicemail') {
			leg.greetingEndsAt = this.callSeconds() + party.greetingSeconds;
			this.note(leg, { kind: 'greeting', text: `answering machine greeting (${party.greetingSeconds} s)${party.beep ? ', then a beep' : ''}` });
		}
	}

	/**
	 * Answering machine detection. Synchronous detection holds the TwiML until the result is
	 * known (after the greeting and beep with DetectMessageEnd); AsyncAmd runs the TwiML at once
	 * and posts the result to AsyncAmdStatusCallback when it is known.
	 */
	async detectMachine(leg: ActiveLeg): Promise<void> {
		const { record, party } = leg;
		if (record.machineDetection === null) return;
		const { result, seconds } = machineDetectionResult(record.machineDetection, party, record.machineDetectionTimeout);
		const conclude = (): void => {
			record.answeredBy = result;
			this.note(leg, { kind: 'amd', text: `AnsweredBy=${result} after ${seconds} s` });
		};
		if (!record.asyncAmd) {
			await leg.control.wait(seconds);
			conclude();
			return;
		}
		void this.state.clock.sleep(seconds).then(() => {
			if (isFinalCallStatus(record.status)) return;
			conclude();
			if (record.asyncAmdStatusCallback === null) return;
			const params: WebhookParams = {
				AccountSid: record.accountSid,
				CallSid: record.sid,
				AnsweredBy: result,
				MachineDetectionDuration: String(Math.round(seconds * 1000)),
			};
			this.sendCallback(leg, 'amd-status', record.asyncAmdStatusCallback, record.asyncAmdStatusCallbackMethod, params);
		});
	}

	// -------------------------------------------------------------------------------------------
	// Ending calls

	hangup(leg: ActiveLeg, cause: HangupCause): void {
		const { record } = leg;
		if (isFinalCallStatus(record.status)) return;
		let status: CallStatus;
		if (record.answeredAt !== null) status = 'completed';
		else if (cause === 'error') status = 'failed';
		else if (cause === 'twiml') status = 'no-answer';
		else status = 'canceled';
		this.finish(leg, status, cause);
	}

	reject(leg: ActiveLeg, reason: 'rejected' | 'busy'): void {
		if (leg.record.answeredAt !== null) {
			this.hangup(leg, 'twiml');
			return;
		}
		this.finish(leg, reason === 'busy' ? 'busy' : 'no-answer', 'twiml');
	}

	answerIfRinging(leg: ActiveLeg): void {
		if (leg.record.direction === 'inbound' && leg.record.status === 'ringing') this.answer(leg);
	}

	applicationError(leg: ActiveLeg): void {
		if (leg.control.isHungUp) return;
		this.answerIfRinging(leg);
		this.note(leg, { kind: 'error', text: 'We are sorry, an application error has occurred. Goodbye.' });
		this.hangup(leg, 'error');
	}

	private finish(leg: ActiveLeg, status: CallStatus, cause: HangupCause): void {
		const { record } = leg;
		if (isFinalCallStatus(record.status) || leg.abandoned) return;
		const now = this.state.clock.now();
		record.status = status;
		record.endTime = now;
		record.dateUpdated = now;
		record.duration = record.answeredAt === null ? 0 : Math.round((now.getTime() - record.answeredAt.getTime()) / 1000);
		if (record.record && record.answeredAt !== null) this.newRecording(leg, record.duration, 'OutboundAPI', 1);
		leg.control.interrupt({ kind: 'hangup', cause });
		this.emit(leg, 'completed');
		for (const childSid of record.legs) {
			const child = this.active.get(childSid);
			if (child !== undefined) this.hangup(child, 'parent');
		}
		this.state.log(`call ${record.sid} ended ${status} (${cause}) after ${record.duration} s`);
		const active = this.active.get(record.sid);
		this.active.delete(record.sid);
		active?.resolveFinished();
	}

	private crashed(leg: ActiveLeg, error: unknown): undefined {
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		this.state.log(`call ${leg.record.sid}: sandbox error ${text}`);
		this.note(leg, { kind: 'error', text: `sandbox error: ${text}` });
		this.hangup(leg, 'error');
		return undefined;
	}

	// -------------------------------------------------------------------------------------------
	// Webhooks

	callParameters(leg: ActiveLeg): WebhookParams {
		const { record } = leg;
		const params: WebhookParams = {
			AccountSid: record.accountSid,
			ApiVersion: '2010-04-01',
			CallSid: record.sid,
			CallStatus: record.status,
			Called: record.to,
			Caller: record.from,
			Direction: record.direction,
			From: record.from,
			To: record.to,
			...geoParameters('From', record.from),
			...geoParameters('To', record.to),
			...geoParameters('Caller', record.from),
			...geoParameters('Called', record.to),
		};
		if (record.parentCallSid !== null) params.ParentCallSid = record.parentCallSid;
		if (record.answeredBy !== null) params.AnsweredBy = record.answeredBy;
		return params;
	}

	private emit(leg: ActiveLeg, event: CallbackEvent): void {
		const { record } = leg;
		if (leg.abandoned) return;
		const status = event === 'initiated' ? 'initiated' : record.status;
		if (record.statusCallback === null) {
			this.recordEvent(leg, status, 'no-url');
			return;
		}
		if (event !== 'completed' && !record.statusCallbackEvents.includes(event)) {
			this.recordEvent(leg, status, 'not-requested');
			return;
		}
		const params: WebhookParams = {
			...this.callParameters(leg),
			CallStatus: status,
			CallbackSource: 'call-progress-events',
			SequenceNumber: String(record.callbackSequence++),
			Timestamp: rfc2822(this.state.clock.now()),
		};
		if (event === 'completed') {
			const duration = record.duration ?? 0;
			params.CallDuration = String(duration);
			params.Duration = String(Math.ceil(duration / 60));
			params.SipResponseCode = SIP_RESPONSE[record.status];
			const recording = record.recordings.find((candidate) => candidate.source === 'OutboundAPI');
			if (record.record && recording !== undefined) {
				params.RecordingUrl = recording.url;
				params.RecordingSid = recording.sid;
				params.RecordingDuration = String(recording.duration);
			}
		}
		const dropped = this.sendCallback(leg, 'call-status', record.statusCallback, record.statusCallbackMethod, params);
		this.recordEvent(leg, status, dropped ? 'dropped' : 'sent');
	}

	/** Sends a status or AMD callback in order; returns whether a fault rule dropped it. */
	private sendCallback(leg: ActiveLeg, kind: 'call-status' | 'amd-status', url: string, method: 'GET' | 'POST', params: WebhookParams): boolean {
		const { record } = leg;
		if (leg.abandoned) return false;
		const dropped = this.state.faults.shouldDrop(kind, record.sid, [record.to, record.from]);
		void this.state.webhooks
			.sendInOrder(record.sid, { kind, url, method, params, authToken: leg.account.authToken, relatedSid: record.sid, dropped })
			.then((delivery) => {
				if (delivery.dropped || (delivery.status !== undefined && delivery.status >= 200 && delivery.status < 400)) return;
				this.notify(leg, DEBUGGER_CODES.httpRetrievalFailure, delivery.error ?? `${kind} callback answered ${delivery.status}`, url, true);
			});
		return dropped;
	}

	private recordEvent(leg: ActiveLeg, status: CallStatus | 'initiated', callback: 'sent' | 'dropped' | 'not-requested' | 'no-url'): void {
		leg.record.events.push({ at: this.state.clock.now().toISOString(), status, callback });
	}

	async loadDocument(leg: ActiveLeg, source: DocumentSource): Promise<LoadedDocument | undefined> {
		const { record } = leg;
		if (leg.abandoned) return undefined;
		const fetch: TwimlFetch = {
			at: this.state.clock.now().toISOString(),
			kind: source.kind,
			url: source.url ?? null,
			method: source.method,
			params: {},
			status: null,
			twiml: null,
			outcome: 'ok',
			error: null,
		};
		record.documents.push(fetch);
		let body: string;
		if (source.url === undefined) {
			body = source.twiml ?? '';
		} else {
			const params: WebhookParams = { ...this.callParameters(leg), ...source.extraParams };
			if (source.callStatus !== undefined) params.CallStatus = source.callStatus;
			fetch.params = params;
			const delivery = await this.state.webhooks.send({
				kind: source.kind,
				url: source.url,
				method: source.method,
				params,
				authToken: leg.account.authToken,
				relatedSid: record.sid,
			});
			fetch.status = delivery.status ?? null;
			fetch.twiml = delivery.body ?? null;
			const fail = (outcome: TwimlFetch['outcome'], error: DebuggerCode, detail: string): Promise<LoadedDocument | undefined> => {
				fetch.outcome = outcome;
				fetch.error = detail;
				this.notify(leg, error, detail, source.url, false, delivery.body);
				if (source.fallback === undefined) return Promise.resolve(undefined);
				return this.loadDocument(leg, {
					kind: source.kind,
					url: source.fallback.url,
					method: source.fallback.method,
					extraParams: { ...source.extraParams, ErrorCode: error.code, ErrorUrl: source.url ?? '' },
				});
			};
			if (delivery.error !== undefined) return fail('connection-error', DEBUGGER_CODES.httpConnectionFailure, delivery.error);
			if (delivery.status === undefined || delivery.status < 200 || delivery.status >= 300) {
				return fail('http-error', DEBUGGER_CODES.httpRetrievalFailure, `${source.url} answered ${delivery.status}`);
			}
			const contentType = (delivery.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
			if (contentType !== 'text/xml' && contentType !== 'application/xml') {
				return fail('content-type', DEBUGGER_CODES.invalidContentType, `TwiML must be served as text/xml or application/xml, got '${contentType}'`);
			}
			body = delivery.body ?? '';
		}
		fetch.twiml = body;
		try {
			return { response: parseTwiml(body, 'voice'), url: source.url };
		} catch (error) {
			if (!(error instanceof TwimlError)) throw error;
			fetch.outcome = error.problem === 'parse' ? 'parse-error' : error.problem === 'schema' ? 'schema-error' : 'unsimulated';
			fetch.error = error.message;
			this.notify(leg, error.problem === 'parse' ? DEBUGGER_CODES.documentParseFailure : DEBUGGER_CODES.schemaValidation, error.message, source.url, false, body);
			return undefined;
		}
	}

	// -------------------------------------------------------------------------------------------
	// What the interpreter asks for

	note(leg: ActiveLeg, note: TranscriptNote): void {
		const { record, party } = leg;
		const now = this.state.clock.now();
		const entry = {
			...note,
			at: now.toISOString(),
			offset: Math.round((now.getTime() - record.dateCreated.getTime()) / 100) / 10,
			callSid: record.sid,
		};
		if (note.kind === 'say' || note.kind === 'play') {
			entry.heardBy =
				party.party === 'human' ? 'human' : leg.greetingEndsAt !== undefined && this.callSeconds() < leg.greetingEndsAt ? 'voicemail-greeting' : 'voicemail';
		}
		record.transcript.push(entry);
	}

	notify(leg: ActiveLeg, error: DebuggerCode, detail: string, url?: string, warning = false, responseBody?: string): void {
		if (leg.abandoned) return;
		const record = this.state.notify({
			accountSid: leg.record.accountSid,
			callSid: leg.record.sid,
			error,
			detail,
			warning,
			requestUrl: url,
			requestMethod: url === undefined ? undefined : leg.record.method,
			responseBody,
		});
		leg.record.notifications.push(record.sid);
	}

	isAllowedCallerId(leg: ActiveLeg, callerId: string): boolean {
		return this.state.ownedNumber(leg.record.accountSid, callerId) !== undefined || callerId === leg.record.from || callerId === leg.record.to;
	}

	nextDigits(leg: ActiveLeg): string {
		const { party } = leg;
		if (party.party !== 'human') return '';
		const index = leg.gathers;
		leg.gathers += 1;
		if (party.digitsForEveryGather) return party.digitsPerGather[0] ?? '';
		return party.digitsPerGather[index] ?? '';
	}

	newRecording(leg: ActiveLeg, seconds: number, source: RecordingSource, channels: 1 | 2): RecordingInfo {
		const recording = newRecording({
			accountSid: leg.record.accountSid,
			callSid: leg.record.sid,
			source,
			channels,
			seconds,
			now: this.state.clock.now(),
			baseUrl: this.state.baseUrl,
		});
		leg.record.recordings.push(recording);
		return recording;
	}

	sleep(seconds: number): Promise<void> {
		return this.state.clock.sleep(seconds);
	}

	callSeconds(): number {
		return this.state.clock.elapsedMs() / 1000;
	}

	// -------------------------------------------------------------------------------------------

	private setStatus(leg: ActiveLeg, status: CallStatus): void {
		leg.record.status = status;
		leg.record.dateUpdated = this.state.clock.now();
	}

	private newLeg(
		account: SandboxAccount,
		party: PartyBehaviour,
		fields: Omit<
			CallRecord,
			| 'sid'
			| 'accountSid'
			| 'dateCreated'
			| 'dateUpdated'
			| 'startTime'
			| 'answeredAt'
			| 'endTime'
			| 'duration'
			| 'answeredBy'
			| 'legs'
			| 'events'
			| 'documents'
			| 'transcript'
			| 'recordings'
			| 'notifications'
			| 'callbackSequence'
		>,
	): ActiveLeg {
		const now = this.state.clock.now();
		const record: CallRecord = {
			...fields,
			sid: newSid('CA'),
			accountSid: account.sid,
			dateCreated: now,
			dateUpdated: now,
			startTime: null,
			answeredAt: null,
			endTime: null,
			duration: null,
			answeredBy: null,
			legs: [],
			events: [],
			documents: [],
			transcript: [],
			recordings: [],
			notifications: [],
			callbackSequence: 0,
		};
		this.state.calls.push(record);
		let resolveFinished: () => void = () => undefined;
		const finished = new Promise<void>((resolve) => {
			resolveFinished = resolve;
		});
		const leg = {
			record,
			control: new LegControl(this.state.clock),
			party,
			account,
			finished,
			gathers: 0,
			greetingEndsAt: undefined,
			abandoned: false,
			resolveFinished,
		};
		if (fields.status === 'queued') this.recordEvent(leg, 'queued', 'not-requested');
		this.active.set(record.sid, leg);
		return leg;
	}
}

/** What answering machine detection concludes about a party, and after how long. */
export function machineDetectionResult(
	mode: 'Enable' | 'DetectMessageEnd',
	party: PartyBehaviour,
	timeout: number,
): { result: AnsweredBy; seconds: number } {
	const actual = party.answeredBy;
	let found: { result: AnsweredBy; seconds: number };
	if (actual === 'human') found = { result: 'human', seconds: HUMAN_DETECTION_SECONDS };
	else if (actual === 'fax') found = { result: 'fax', seconds: FAX_DETECTION_SECONDS };
	else if (actual === 'unknown') found = { result: 'unknown', seconds: timeout };
	else if (mode === 'Enable') found = { result: 'machine_start', seconds: Math.min(MACHINE_START_SECONDS, party.greetingSeconds + BEEP_AFTER_GREETING_SECONDS) };
	else if (actual === 'machine_start') {
		found = party.beep
			? { result: 'machine_end_beep', seconds: party.greetingSeconds + BEEP_AFTER_GREETING_SECONDS }
			: { result: 'machine_end_silence', seconds: party.greetingSeconds + SILENCE_AFTER_GREETING_SECONDS };
	} else found = { result: actual, seconds: party.greetingSeconds + BEEP_AFTER_GREETING_SECONDS };
	// Detection that would take longer than MachineDetectionTimeout gives up with `unknown`.
	return found.seconds > timeout ? { result: 'unknown', seconds: timeout } : found;
}
