import { hasOptOutLanguage, OPT_OUT_NOTICE, withOptOutLanguage } from '../../../../nodes/core/sms/optOutLanguage';

describe('hasOptOutLanguage', () => {
	it.each([
		'Reply STOP to opt out.',
		'Text STOP to end these texts',
		'txt stop to cancel',
		'Respond with "STOP" to unsubscribe',
		'To opt-out, reply here.',
		'You can opt out at any time.',
		'Unsubscribe: reply to this text.',
		'STOP=no more texts',
		'Reply STOPALL to stop all texts',
	])('finds opt-out wording in %j', (text) => {
		expect(hasOptOutLanguage(text)).toBe(true);
	});

	it.each([
		'We will stop by at 3 pm.',
		'Reply YES to confirm your call.',
		'See you at the end of the day',
		"Can't stop thinking about your boiler",
		'We call you from +1 415 555 0100.',
	])('finds none in %j', (text) => {
		expect(hasOptOutLanguage(text)).toBe(false);
	});
});

describe('withOptOutLanguage', () => {
	const text = 'Hi Jane, we call you shortly.';

	it('adds the notice on its own line to the first text to a number', () => {
		expect(withOptOutLanguage(text, 'firstMessage', true)).toEqual({ text: `${text}\n${OPT_OUT_NOTICE}`, added: true });
		expect(OPT_OUT_NOTICE).toBe('Reply STOP to opt out.');
	});

	it('leaves later texts alone under the first-message rule', () => {
		expect(withOptOutLanguage(text, 'firstMessage', false)).toEqual({ text, added: false });
	});

	it('adds it to every text under the every-message rule, and never under never', () => {
		expect(withOptOutLanguage(text, 'everyMessage', false).added).toBe(true);
		expect(withOptOutLanguage(text, 'never', true)).toEqual({ text, added: false });
	});

	it('does not repeat it when the text already has opt-out wording', () => {
		const own = 'Hi Jane, we call you shortly. Text STOP to end.';
		expect(withOptOutLanguage(own, 'firstMessage', true)).toEqual({ text: own, added: false });
	});
});
