import type { PhoneNumberRules } from '../phone/parseLeadPhoneNumber';
import { InboundSettingError } from './errors';
import { readKeyedNumber } from './keyedNumber';
import { lastFourDigits, spokenDigits } from './spokenDigits';

/** What the caller chose: a callback as soon as their turn comes, or a callback at a time they choose. */
export type CallbackTiming = 'asap' | 'choose-time';

/**
 * Where a caller is in the callback menu. A plain object, so the node can carry it from one
 * <Gather> to the next (in the action URL or the execution's data):
 * - `offer`: the callback is offered; `callerNumber` is the screened caller ID, or null when
 *   there is none to call back (withheld, refused), so the caller must key one in;
 * - `confirmNumber`: the number to call back is read out to be confirmed;
 * - `keyNumber`: the caller keys in the number to call back;
 * - `reason`: the caller records what the call is about (only when the node asks for it);
 * - `done`: the callback is requested on `number`;
 * - `declined`: no callback; the caller stays in line for the team.
 * `notice` is said first at the step (why the step is asked again); `attempts` counts the tries
 * at the step that did not work.
 */
export type CallbackMenuStep =
	| { step: 'offer'; callerNumber: string | null; attempts: number; notice: string }
	| { step: 'confirmNumber'; timing: CallbackTiming; number: string; attempts: number; notice: string }
	| { step: 'keyNumber'; timing: CallbackTiming; attempts: number; notice: string }
	| { step: 'reason'; timing: CallbackTiming; number: string }
	| { step: 'done'; timing: CallbackTiming; number: string }
	| { step: 'declined' };

/** The steps that ask for keys with a <Gather>. */
export type GatherStep = Extract<CallbackMenuStep, { step: 'offer' | 'confirmNumber' | 'keyNumber' }>;

export interface CallbackMenuRules {
	/** The number policy a keyed-in number must pass. */
	phone: PhoneNumberRules;
	/** Ask the caller to record what the call is about before the callback is requested. */
	askReason: boolean;
	/** Tries at one step that did not work before the caller is put back in line. */
	maxAttempts: number;
}

export const DEFAULT_MENU_ATTEMPTS = 3;

/** The menu's rules as set in the node; the tries are a whole number of at least 1. */
export function callbackMenuRules(phone: PhoneNumberRules, askReason: boolean, maxAttempts: number = DEFAULT_MENU_ATTEMPTS): CallbackMenuRules {
	if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new InboundSettingError(`Menu Tries must be a whole number of at least 1, got ${maxAttempts}`);
	return { phone, askReason, maxAttempts };
}

/**
 * The keys of the menu. At the offer: 1 keeps the caller's place and books a callback, 2 books a
 * callback at a time they choose, * repeats, no key keeps them waiting for the team. At the
 * confirmation: 1 confirms, 2 keys in another number, * repeats. A number is keyed in ending
 * with #. Any other key is "not an option" and asked again.
 */
export const MENU_KEYS = { keepPlace: '1', chooseTime: '2', confirm: '1', otherNumber: '2', repeat: '*', endNumber: '#' } as const;

export const NOT_AN_OPTION = 'Sorry, that is not an option.';
export const NO_CHOICE_HEARD = 'Sorry, we did not get your choice.';

/** The first step: the offer, after the wait was announced. */
export function startCallbackMenu(callerNumber: string | null): CallbackMenuStep {
	return { step: 'offer', callerNumber, attempts: 0, notice: '' };
}

/** The same step asked again with a notice, or back in line once the tries are used up. */
function askAgain<Step extends GatherStep>(step: Step, notice: string, rules: CallbackMenuRules): CallbackMenuStep {
	const attempts = step.attempts + 1;
	return attempts >= rules.maxAttempts ? { step: 'declined' } : { ...step, attempts, notice };
}

function confirm(timing: CallbackTiming, number: string): CallbackMenuStep {
	return { step: 'confirmNumber', timing, number, attempts: 0, notice: '' };
}

function keyNumber(timing: CallbackTiming): CallbackMenuStep {
	return { step: 'keyNumber', timing, attempts: 0, notice: '' };
}

/**
 * The step after the caller's keys (<Gather>'s Digits, empty when they pressed nothing) at
 * `current`. At the reason step any input (the recording's end) finishes; `done` and `declined`
 * are where the menu ends and stay as they are.
 */
export function nextMenuStep(current: CallbackMenuStep, digits: string, rules: CallbackMenuRules): CallbackMenuStep {
	const keys = digits.trim();
	switch (current.step) {
		case 'offer': {
			if (keys === '') return { step: 'declined' };
			if (keys === MENU_KEYS.repeat) return { ...current, notice: '' };
			const timing: CallbackTiming | null = keys === MENU_KEYS.keepPlace ? 'asap' : keys === MENU_KEYS.chooseTime ? 'choose-time' : null;
			if (timing === null) return askAgain(current, NOT_AN_OPTION, rules);
			return current.callerNumber === null ? keyNumber(timing) : confirm(timing, current.callerNumber);
		}
		case 'confirmNumber':
			if (keys === MENU_KEYS.confirm) {
				return rules.askReason ? { step: 'reason', timing: current.timing, number: current.number } : { step: 'done', timing: current.timing, number: current.number };
			}
			if (keys === MENU_KEYS.otherNumber) return keyNumber(current.timing);
			if (keys === MENU_KEYS.repeat) return { ...current, notice: '' };
			return askAgain(current, keys === '' ? NO_CHOICE_HEARD : NOT_AN_OPTION, rules);
		case 'keyNumber': {
			const keyed = readKeyedNumber(keys, rules.phone);
			return keyed.ok ? confirm(current.timing, keyed.e164) : askAgain(current, keyed.spoken, rules);
		}
		case 'reason':
			return { step: 'done', timing: current.timing, number: current.number };
		default:
			return current;
	}
}

/**
 * What is said at a step. At the offer, after the wait announcement: "Press 1 to keep your place
 * in line and get a call back. …". At the confirmation: "We will call you back on the number
 * ending in 4, 5, 6, 7. …".
 */
export function callbackMenuPrompt(step: CallbackMenuStep, expectedTime = ''): string {
	const withNotice = (notice: string, text: string): string => (notice === '' ? text : `${notice} ${text}`);
	switch (step.step) {
		case 'offer':
			return withNotice(
				step.notice,
				'Press 1 to keep your place in line and get a call back. Press 2 to choose a time for your call back. To keep waiting, stay on the line. To hear this again, press star.',
			);
		case 'confirmNumber':
			return withNotice(step.notice, `We will call you back on the number ending in ${spokenDigits(lastFourDigits(step.number))}. Press 1 to confirm, or press 2 to enter a different number.`);
		case 'keyNumber':
			return withNotice(step.notice, 'Please enter the number we should call you back on, including the area code, then press the pound key.');
		case 'reason':
			return 'After the tone, please say briefly what your call is about, then press the pound key.';
		case 'done':
			return step.timing === 'asap'
				? `Thank you. You keep your place in line, and we will call you back ${expectedTime === '' ? '' : `${expectedTime} `}on the number ending in ${spokenDigits(lastFourDigits(step.number))}. You can hang up now.`
				: 'Thank you. Next, choose a time for your call back.';
		case 'declined':
			return 'Please stay on the line, and the next available team member will take your call.';
	}
}
