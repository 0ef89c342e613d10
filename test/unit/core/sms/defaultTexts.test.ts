import { composeSms } from '../../../../nodes/core/sms/composeSms';
import { DEFAULT_NO_SHOW_TEXT, DEFAULT_TEXTS, SMS_MESSAGE_TYPES, withSurveyLink } from '../../../../nodes/core/sms/defaultTexts';
import { hasOptOutLanguage } from '../../../../nodes/core/sms/optOutLanguage';
import { placeholderValues } from '../../../../nodes/core/sms/placeholderValues';
import { markPlaceholders } from '../../../../nodes/core/sms/placeholders';

/** A lead with a longish name and business, asked at 10:00 on a Wednesday in New York. */
const lead = {
	firstName: 'Christopher',
	phone: '+14155552671',
	callerId: '+14155550100',
	businessName: 'Riverside Plumbing & Heating',
	callbackTime: '2026-11-18T10:20:00-05:00',
	leadZone: 'America/New_York',
	now: Date.parse('2026-11-18T15:00:00Z'),
};

function render(template: string, isFirstMessage = false) {
	return composeSms({
		marked: markPlaceholders(template, { expressionMode: false }),
		values: placeholderValues(lead),
		optOutLanguage: 'firstMessage',
		isFirstMessage,
	});
}

describe('default texts', () => {
	it.each(SMS_MESSAGE_TYPES.filter((type) => type !== 'custom'))('%s fits one GSM-7 segment within 140 characters', (type) => {
		const sms = render(DEFAULT_TEXTS[type]);
		expect(sms).toMatchObject({ encoding: 'GSM-7', segmentCount: 1, notice: null });
		expect(sms.characters).toBeLessThanOrEqual(140);
	});

	it('the confirmation says which number will call, when, and how to opt out', () => {
		const sms = render(DEFAULT_TEXTS.confirmation, true);
		expect(sms.text).toBe(
			'Hi Christopher, Riverside Plumbing & Heating will call you in about 20 minutes from +1 415 555 0100. Reply STOP to opt out.',
		);
		// It has its own opt-out wording, so nothing is added even to a first text.
		expect(sms.optOutLanguageAdded).toBe(false);
		expect(sms.characters).toBe(123);
	});

	it('the reminder says we call within 15 minutes', () => {
		expect(render(DEFAULT_TEXTS.reminder).text).toBe('Hi Christopher, Riverside Plumbing & Heating will call you within 15 minutes from +1 415 555 0100.');
	});

	it('the missed-call text says when we try again, and the final attempt invites a new request', () => {
		expect(render(DEFAULT_TEXTS.missedCall).text).toContain('We will try again in about 20 minutes');
		expect(render(DEFAULT_TEXTS.finalAttempt).text).toMatch(/new callback request/);
	});

	it('the no-show text asks the lead to call, fits one segment, and invites no new booking', () => {
		const sms = render(DEFAULT_NO_SHOW_TEXT);
		expect(sms.text).toBe('Hi Christopher, Riverside Plumbing & Heating tried to reach you several times. Please call us at +1 415 555 0100 when it suits you.');
		expect(sms).toMatchObject({ encoding: 'GSM-7', segmentCount: 1, notice: null });
		expect(sms.characters).toBeLessThanOrEqual(140);
	});

	it('the success text can carry a survey link before the opt-out notice', () => {
		const sms = composeSms({
			marked: markPlaceholders(DEFAULT_TEXTS.success, { expressionMode: false }),
			values: placeholderValues(lead),
			optOutLanguage: 'firstMessage',
			isFirstMessage: true,
			extend: (text) => withSurveyLink(text, 'https://example.com/s/1'),
		});
		expect(sms.text).toBe('Thank you for talking with Riverside Plumbing & Heating, Christopher. How did we do? https://example.com/s/1\nReply STOP to opt out.');
		expect(sms.optOutLanguageAdded).toBe(true);
		expect(hasOptOutLanguage(sms.text)).toBe(true);
	});
});
