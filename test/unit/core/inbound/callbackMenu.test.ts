import fc from 'fast-check';
import VoiceResponseSdk from 'twilio/lib/twiml/VoiceResponse';

import {
	callbackMenuPrompt,
	callbackMenuRules,
	callbackMenuTwiml,
	InboundSettingError,
	lastFourDigits,
	nextMenuStep,
	readKeyedNumber,
	spokenDigits,
	startCallbackMenu,
	waitAnnouncementText,
	type CallbackMenuRules,
	type CallbackMenuStep,
} from '../../../../nodes/core/inbound';
import { parseLeadPhoneNumber } from '../../../../nodes/core/phone/parseLeadPhoneNumber';
import { parseTwiml } from '../../../twilioSandbox/twimlDocument';

const usAndCanada = { defaultCountry: 'US', allowedCountries: ['US', 'CA'] };
const CALLER = '+14155554567';
const ACTION = 'https://n8n.example.com/webhook/menu?step=offer&signature=9a8b';
const VOICE = { voice: 'Polly.Joanna', language: 'en-US' } as const;

/** Presses keys one <Gather> after another from the offer. */
function press(rules: CallbackMenuRules, callerNumber: string | null, ...inputs: string[]): CallbackMenuStep {
	return inputs.reduce((step, digits) => nextMenuStep(step, digits, rules), startCallbackMenu(callerNumber));
}

describe('spokenDigits and lastFourDigits', () => {
	it('reads digits one by one, separated so <Say> does not read a number', () => {
		expect(spokenDigits('4567')).toBe('4, 5, 6, 7');
		expect(spokenDigits('0')).toBe('0');
		expect(lastFourDigits('+1 (415) 555-4567')).toBe('4567');
		expect(() => spokenDigits('45a7')).toThrow(TypeError);
		expect(() => lastFourDigits('+12')).toThrow(TypeError);
	});

	it('gives back the digits and nothing else (property)', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{1,20}$/), (digits) => {
				const said = spokenDigits(digits);
				expect(said.split(', ')).toEqual([...digits]);
				expect(said).not.toMatch(/\d\d/);
			}),
		);
	});
});

describe('readKeyedNumber', () => {
	it.each([
		['4155550100', '+14155550100'],
		['14155550100', '+14155550100'],
		['6135550123', '+16135550123'],
	])('reads %p as %p', (digits, e164) => {
		expect(readKeyedNumber(digits, usAndCanada)).toEqual({ ok: true, e164 });
	});

	it('refuses a premium-rate number, in the policy’s words', () => {
		expect(readKeyedNumber('9005550123', usAndCanada)).toEqual({ ok: false, spoken: 'Premium-rate numbers cannot be called back.' });
		expect(readKeyedNumber('19005550123', usAndCanada)).toEqual({ ok: false, spoken: 'Premium-rate numbers cannot be called back.' });
	});

	it('reads a UK number keyed with its country code, with or without the exit code, if the UK is allowed', () => {
		expect(readKeyedNumber('447400123456', usAndCanada)).toEqual({ ok: false, spoken: 'We can only call numbers in the United States or Canada.' });
		const withUk = { defaultCountry: 'US', allowedCountries: ['US', 'CA', 'GB'] };
		expect(readKeyedNumber('447400123456', withUk)).toEqual({ ok: true, e164: '+447400123456' });
		expect(readKeyedNumber('011447400123456', withUk)).toEqual({ ok: true, e164: '+447400123456' });
		expect(readKeyedNumber('07400123456', { defaultCountry: 'GB', allowedCountries: ['GB'] })).toEqual({ ok: true, e164: '+447400123456' });
	});

	it.each([
		['', 'We did not get a number.'],
		['12345', 'Sorry, that is not a number we can call.'],
		['41555501*0', 'Sorry, that is not a number we can call.'],
		['+14155550100', 'Sorry, that is not a number we can call.'],
	])('asks again after %p: %p', (digits, spoken) => {
		expect(readKeyedNumber(digits, usAndCanada)).toEqual({ ok: false, spoken });
	});
});

describe('the callback menu', () => {
	const rules = callbackMenuRules(usAndCanada, false);
	const withReason = callbackMenuRules(usAndCanada, true);

	it('1 keeps the place: the caller ID is confirmed and the callback is booked', () => {
		const confirm = press(rules, CALLER, '1');
		expect(confirm).toEqual({ step: 'confirmNumber', timing: 'asap', number: CALLER, attempts: 0, notice: '' });
		expect(callbackMenuPrompt(confirm)).toBe('We will call you back on the number ending in 4, 5, 6, 7. Press 1 to confirm, or press 2 to enter a different number.');
		const done = nextMenuStep(confirm, '1', rules);
		expect(done).toEqual({ step: 'done', timing: 'asap', number: CALLER });
		expect(callbackMenuPrompt(done)).toBe('Thank you. You keep your place in line, and we will call you back on the number ending in 4, 5, 6, 7. You can hang up now.');
	});

	it('2 chooses a time; with a reason asked, the recording comes before done', () => {
		expect(press(withReason, CALLER, '2', '1')).toEqual({ step: 'reason', timing: 'choose-time', number: CALLER });
		expect(press(withReason, CALLER, '2', '1', '')).toEqual({ step: 'done', timing: 'choose-time', number: CALLER });
		expect(callbackMenuPrompt({ step: 'done', timing: 'choose-time', number: CALLER })).toBe('Thank you. Next, choose a time for your call back.');
	});

	it('another number is keyed in, then read back to confirm', () => {
		const keyNumber = press(rules, CALLER, '1', '2');
		expect(keyNumber).toEqual({ step: 'keyNumber', timing: 'asap', attempts: 0, notice: '' });
		expect(callbackMenuPrompt(keyNumber)).toBe('Please enter the number we should call you back on, including the area code, then press the pound key.');
		expect(press(rules, CALLER, '1', '2', '6135550123')).toEqual({ step: 'confirmNumber', timing: 'asap', number: '+16135550123', attempts: 0, notice: '' });
		expect(press(rules, CALLER, '1', '2', '6135550123', '1')).toEqual({ step: 'done', timing: 'asap', number: '+16135550123' });
	});

	it('a premium-rate number keyed in is refused and asked again, saying why', () => {
		const again = press(rules, CALLER, '1', '2', '9005550123');
		expect(again).toEqual({ step: 'keyNumber', timing: 'asap', attempts: 1, notice: 'Premium-rate numbers cannot be called back.' });
		expect(callbackMenuPrompt(again)).toBe(
			'Premium-rate numbers cannot be called back. Please enter the number we should call you back on, including the area code, then press the pound key.',
		);
	});

	it('a withheld caller goes straight to keying in a number', () => {
		expect(press(rules, null, '1')).toEqual({ step: 'keyNumber', timing: 'asap', attempts: 0, notice: '' });
	});

	it('no key at the offer keeps the caller in line for the team', () => {
		const declined = press(rules, CALLER, '');
		expect(declined).toEqual({ step: 'declined' });
		expect(callbackMenuPrompt(declined)).toBe('Please stay on the line, and the next available team member will take your call.');
		expect(nextMenuStep(declined, '1', rules)).toEqual({ step: 'declined' });
	});

	it('a wrong key is not an option; * repeats without counting', () => {
		const wrong = press(rules, CALLER, '7');
		expect(wrong).toEqual({ step: 'offer', callerNumber: CALLER, attempts: 1, notice: 'Sorry, that is not an option.' });
		expect(callbackMenuPrompt(wrong)).toBe(
			'Sorry, that is not an option. Press 1 to keep your place in line and get a call back. Press 2 to choose a time for your call back. To keep waiting, stay on the line. To hear this again, press star.',
		);
		expect(nextMenuStep(wrong, '*', rules)).toEqual({ step: 'offer', callerNumber: CALLER, attempts: 1, notice: '' });
		expect(press(rules, CALLER, '1', '')).toEqual({ step: 'confirmNumber', timing: 'asap', number: CALLER, attempts: 1, notice: 'Sorry, we did not get your choice.' });
	});

	it('puts the caller back in line once the tries are used up', () => {
		expect(press(rules, CALLER, '7', '8', '9')).toEqual({ step: 'declined' });
		expect(press(rules, CALLER, '7', '8')).toEqual(expect.objectContaining({ step: 'offer', attempts: 2 }));
		expect(press(rules, CALLER, '1', '2', '12', '', '9005550123')).toEqual({ step: 'declined' });
		expect(press(callbackMenuRules(usAndCanada, false, 1), CALLER, '5')).toEqual({ step: 'declined' });
	});

	it('refuses a number of tries below 1', () => {
		expect(() => callbackMenuRules(usAndCanada, false, 0)).toThrow(new InboundSettingError('Menu Tries must be a whole number of at least 1, got 0'));
	});

	it('whatever is pressed, it ends booked on a callable number or back in line, within the tries (property)', () => {
		const keys = fc.oneof(fc.constantFrom('', '1', '2', '*', '#', '0', '9'), fc.constantFrom('4155550100', '6135550123', '9005550123', '447400123456', '12345'), fc.stringMatching(/^[0-9*#]{0,12}$/));
		const callers = fc.constantFrom(CALLER, null);
		fc.assert(
			fc.property(callers, fc.boolean(), fc.integer({ min: 1, max: 4 }), fc.array(keys, { maxLength: 20 }), (caller, askReason, maxAttempts, inputs) => {
				const menu = callbackMenuRules(usAndCanada, askReason, maxAttempts);
				let step = startCallbackMenu(caller);
				for (const digits of inputs) {
					const next = nextMenuStep(step, digits, menu);
					if (step.step === 'done' || step.step === 'declined') expect(next).toEqual(step);
					if (next.step === 'reason') expect(askReason).toBe(true);
					if ('attempts' in next) expect(next.attempts).toBeLessThan(maxAttempts);
					if (next.step === 'done' || next.step === 'reason' || next.step === 'confirmNumber') {
						// Every number that gets this far is the caller ID or one the policy accepts.
						const parsed = parseLeadPhoneNumber(next.number, usAndCanada);
						expect(next.number === caller || (parsed.ok && parsed.e164 === next.number)).toBe(true);
					}
					expect(typeof callbackMenuPrompt(next)).toBe('string');
					step = next;
				}
			}),
		);
	});
});

describe('callbackMenuTwiml', () => {
	it('the offer: the wait announcement and the menu inside a one-key <Gather>, as the SDK writes it', () => {
		const announcement = waitAnnouncementText(14, 30);
		const offer = startCallbackMenu(CALLER);
		if (offer.step !== 'offer') throw new Error('the menu starts with the offer');
		const sdk = new VoiceResponseSdk();
		const gather = sdk.gather({ input: ['dtmf'], action: ACTION, method: 'POST', timeout: 6, numDigits: 1, actionOnEmptyResult: true });
		gather.say(VOICE, 'Your expected wait is about 15 minutes.');
		gather.say(VOICE, callbackMenuPrompt(offer));
		expect(callbackMenuTwiml(offer, { actionUrl: ACTION, voice: VOICE, announcement })).toBe(sdk.toString());
	});

	it('keying in a number: a <Gather> that ends with #', () => {
		const keyNumber = press(callbackMenuRules(usAndCanada, false), null, '1');
		if (keyNumber.step !== 'keyNumber') throw new Error('a withheld caller keys in a number');
		const sdk = new VoiceResponseSdk();
		sdk.gather({ input: ['dtmf'], action: ACTION, method: 'POST', timeout: 10, finishOnKey: '#', actionOnEmptyResult: true }).say(VOICE, callbackMenuPrompt(keyNumber));
		expect(callbackMenuTwiml(keyNumber, { actionUrl: ACTION, voice: VOICE, announcement: 'not said here' })).toBe(sdk.toString());
	});

	it('the confirmation reads the last four digits one by one, and Twilio accepts the document', () => {
		const xml = callbackMenuTwiml({ step: 'confirmNumber', timing: 'asap', number: CALLER, attempts: 0, notice: '' }, { actionUrl: ACTION, voice: {} });
		const [gather] = parseTwiml(xml, 'voice').children;
		expect(gather.attributes).toEqual({ input: 'dtmf', action: ACTION, method: 'POST', timeout: '6', numDigits: '1', actionOnEmptyResult: 'true' });
		expect(gather.children.map((verb) => verb.text)).toEqual(['We will call you back on the number ending in 4, 5, 6, 7. Press 1 to confirm, or press 2 to enter a different number.']);
	});
});
