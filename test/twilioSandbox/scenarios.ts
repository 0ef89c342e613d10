import { lastDigitScenario } from './lastDigitPhones';
import { isRoutablePhoneNumber } from './twilioFormats';

/** What Twilio's answering machine detection can report in `AnsweredBy`. */
export type AnsweredBy =
	| 'human'
	| 'machine_start'
	| 'machine_end_beep'
	| 'machine_end_silence'
	| 'machine_end_other'
	| 'fax'
	| 'unknown';

export const ANSWERED_BY_VALUES: readonly AnsweredBy[] = [
	'human',
	'machine_start',
	'machine_end_beep',
	'machine_end_silence',
	'machine_end_other',
	'fax',
	'unknown',
];

export type SmsOutcome = 'deliver' | 'fail' | 'undelivered';

/**
 * How the person (or machine) behind one phone number behaves, as a test describes it.
 * Durations are in call seconds (scaled by the sandbox's `timeScale`).
 */
export interface NumberScenario {
	number: string;
	/** Rings this long, then picks up (default 1). */
	answerAfter?: number;
	/** Lets it ring until the caller's timeout. */
	noAnswer?: boolean;
	/** Line busy after a short ring. */
	busy?: boolean;
	/** The call cannot be placed (unreachable, not in service). */
	fail?: boolean;
	/** An answering machine picks up after `answerAfter`, plays a greeting, then beeps. */
	voicemail?: boolean | { greeting?: number; beep?: boolean };
	/** A person picks up (the default). */
	human?: boolean;
	/** Overrides what answering machine detection reports (e.g. `fax`, `unknown`). */
	answeredBy?: AnsweredBy;
	/** Keys pressed into a <Gather>: one string for every Gather, or one per Gather in turn. */
	pressDigits?: string | string[] | null;
	/** Words spoken into a <Gather input="speech">. */
	speech?: string;
	/** Hangs up this long after answering, wherever the call is. */
	hangUpAfter?: number;
	/** Once bridged to someone by <Dial>, talks this long, then hangs up (default 10). */
	talkFor?: number;
	/** Speaks this long into a <Record> (default 5; 0 leaves nothing). */
	recordFor?: number;
	/** Fate of SMS sent to this number (default deliver). */
	sms?: SmsOutcome;
	/** Error code reported for a failed or undelivered SMS (defaults 30008 and 30003). */
	smsErrorCode?: number;
}

export type PickUp =
	| { kind: 'answer'; after: number }
	| { kind: 'no-answer' }
	| { kind: 'busy'; after: number }
	| { kind: 'fail' };

/** A scenario resolved into the behaviour the call and message engines act on. */
export interface PartyBehaviour {
	number: string;
	pickUp: PickUp;
	party: 'human' | 'voicemail';
	greetingSeconds: number;
	beep: boolean;
	answeredBy: AnsweredBy;
	digitsPerGather: string[];
	digitsForEveryGather: boolean;
	speech: string | undefined;
	hangUpAfter: number | undefined;
	talkFor: number;
	recordFor: number;
	sms: SmsOutcome;
	smsErrorCode: number | undefined;
}

export class ScenarioError extends Error {}

const DEFAULT_ANSWER_AFTER = 1;
const DEFAULT_GREETING = 5;
const BUSY_AFTER = 2;

const KNOWN_KEYS = new Set<keyof NumberScenario>([
	'number',
	'answerAfter',
	'noAnswer',
	'busy',
	'fail',
	'voicemail',
	'human',
	'answeredBy',
	'pressDigits',
	'speech',
	'hangUpAfter',
	'talkFor',
	'recordFor',
	'sms',
	'smsErrorCode',
]);

export interface ScenarioBookOptions {
	/** Numbers without a scenario behave by their last digit (see `lastDigitPhones.ts`). */
	phonesByLastDigit?: boolean;
}

/**
 * Scenarios per phone number. Numbers without one behave like a person who answers after 1 s,
 * or, with `phonesByLastDigit`, as the demo's last-digit rule says.
 */
export class ScenarioBook {
	private readonly scenarios = new Map<string, NumberScenario>();
	readonly phonesByLastDigit: boolean;

	constructor(options: ScenarioBookOptions = {}) {
		this.phonesByLastDigit = options.phonesByLastDigit === true;
	}

	set(input: unknown): NumberScenario {
		const scenario = parseScenario(input);
		this.scenarios.set(scenario.number, scenario);
		return scenario;
	}

	list(): NumberScenario[] {
		return [...this.scenarios.values()];
	}

	reset(): void {
		this.scenarios.clear();
	}

	behaviourFor(number: string): PartyBehaviour {
		return resolveBehaviour(this.scenarios.get(number) ?? (this.phonesByLastDigit ? lastDigitScenario(number) : { number }));
	}
}

export function resolveBehaviour(scenario: NumberScenario): PartyBehaviour {
	const answerAfter = scenario.answerAfter ?? DEFAULT_ANSWER_AFTER;
	let pickUp: PickUp = { kind: 'answer', after: answerAfter };
	if (scenario.noAnswer === true) pickUp = { kind: 'no-answer' };
	if (scenario.busy === true) pickUp = { kind: 'busy', after: BUSY_AFTER };
	if (scenario.fail === true) pickUp = { kind: 'fail' };
	const voicemail = scenario.voicemail === undefined || scenario.voicemail === false ? undefined : scenario.voicemail === true ? {} : scenario.voicemail;
	const beep = voicemail?.beep ?? true;
	const party = voicemail === undefined ? 'human' : 'voicemail';
	const defaultAnsweredBy: AnsweredBy = party === 'human' ? 'human' : 'machine_start';
	const digits = scenario.pressDigits;
	return {
		number: scenario.number,
		pickUp,
		party,
		greetingSeconds: voicemail?.greeting ?? DEFAULT_GREETING,
		beep,
		answeredBy: scenario.answeredBy ?? defaultAnsweredBy,
		digitsPerGather: digits === undefined || digits === null ? [] : Array.isArray(digits) ? digits : [digits],
		digitsForEveryGather: typeof digits === 'string',
		speech: scenario.speech,
		hangUpAfter: scenario.hangUpAfter,
		talkFor: scenario.talkFor ?? 10,
		recordFor: scenario.recordFor ?? (party === 'voicemail' ? 0 : 5),
		sms: scenario.sms ?? 'deliver',
		smsErrorCode: scenario.smsErrorCode,
	};
}

function parseScenario(input: unknown): NumberScenario {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ScenarioError('a scenario must be an object');
	const record = input as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		if (!KNOWN_KEYS.has(key as keyof NumberScenario)) throw new ScenarioError(`unknown scenario field '${key}'`);
	}
	const number = record.number;
	if (typeof number !== 'string' || !isRoutablePhoneNumber(number)) {
		throw new ScenarioError(`scenario.number must be a valid E.164 phone number, got ${JSON.stringify(number)}`);
	}
	const scenario: NumberScenario = { number };
	for (const key of ['answerAfter', 'hangUpAfter', 'talkFor', 'recordFor'] as const) {
		const value = record[key];
		if (value === undefined) continue;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ScenarioError(`scenario.${key} must be a number of seconds >= 0`);
		scenario[key] = value;
	}
	for (const key of ['noAnswer', 'busy', 'fail', 'human'] as const) {
		const value = record[key];
		if (value === undefined) continue;
		if (typeof value !== 'boolean') throw new ScenarioError(`scenario.${key} must be a boolean`);
		scenario[key] = value;
	}
	const outcomes = (['noAnswer', 'busy', 'fail'] as const).filter((key) => scenario[key] === true);
	if (outcomes.length > 1) throw new ScenarioError(`scenario can only be one of noAnswer, busy, fail (got ${outcomes.join(', ')})`);
	const voicemail = record.voicemail;
	if (voicemail !== undefined) {
		if (typeof voicemail === 'boolean') scenario.voicemail = voicemail;
		else if (typeof voicemail === 'object' && voicemail !== null) {
			const { greeting, beep, ...rest } = voicemail as Record<string, unknown>;
			if (Object.keys(rest).length > 0) throw new ScenarioError(`unknown voicemail field(s) ${Object.keys(rest).join(', ')}`);
			if (greeting !== undefined && (typeof greeting !== 'number' || greeting < 0)) throw new ScenarioError('scenario.voicemail.greeting must be seconds >= 0');
			if (beep !== undefined && typeof beep !== 'boolean') throw new ScenarioError('scenario.voicemail.beep must be a boolean');
			scenario.voicemail = { ...(greeting !== undefined ? { greeting: greeting as number } : {}), ...(beep !== undefined ? { beep: beep as boolean } : {}) };
		} else throw new ScenarioError('scenario.voicemail must be a boolean or { greeting, beep }');
		if (scenario.voicemail !== false && scenario.human === true) throw new ScenarioError('scenario cannot be both human and voicemail');
	}
	if (record.answeredBy !== undefined) {
		if (!ANSWERED_BY_VALUES.includes(record.answeredBy as AnsweredBy)) {
			throw new ScenarioError(`scenario.answeredBy must be one of ${ANSWERED_BY_VALUES.join(', ')}`);
		}
		scenario.answeredBy = record.answeredBy as AnsweredBy;
	}
	const digits = record.pressDigits;
	if (digits !== undefined) {
		const valid = (value: unknown): value is string => typeof value === 'string' && /^[0-9*#]*$/.test(value);
		if (digits === null || valid(digits) || (Array.isArray(digits) && digits.every(valid))) scenario.pressDigits = digits as string | string[] | null;
		else throw new ScenarioError('scenario.pressDigits must be keys 0-9 * #, a list of them, or null');
	}
	if (record.speech !== undefined) {
		if (typeof record.speech !== 'string') throw new ScenarioError('scenario.speech must be a string');
		scenario.speech = record.speech;
	}
	if (record.sms !== undefined) {
		if (record.sms !== 'deliver' && record.sms !== 'fail' && record.sms !== 'undelivered') {
			throw new ScenarioError("scenario.sms must be 'deliver', 'fail' or 'undelivered'");
		}
		scenario.sms = record.sms;
	}
	if (record.smsErrorCode !== undefined) {
		if (typeof record.smsErrorCode !== 'number' || !Number.isInteger(record.smsErrorCode)) throw new ScenarioError('scenario.smsErrorCode must be an integer');
		scenario.smsErrorCode = record.smsErrorCode;
	}
	return scenario;
}
