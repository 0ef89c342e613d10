import { DEFAULT_SUBMISSION_RULES } from '../../../nodes/core/callbackRequest/normalizeSubmission';
import { formPage, thankYouPage } from '../../../nodes/CallbackRequestTrigger/pages';
import type { HostedFormSettings } from '../../../nodes/CallbackRequestTrigger/readTriggerSettings';
import { controlNamed, labelHtml, textOf } from '../core/form/htmlInspection';

const FORM: HostedFormSettings = {
	enabled: true,
	businessName: 'Acme Plumbing',
	title: 'Request a callback',
	introText: '',
	nameFields: 'firstAndLast',
	optionalFields: ['email', 'reason'],
	consentText: 'I agree to be called.',
	submitLabel: 'Call me back',
	afterSubmit: 'thankYouPage',
	thankYouMessage: '',
	redirectUrl: '',
};

const base = { status: 200, honeypotFieldName: 'website', values: {}, errors: [] };
const required = (html: string) => ['first_name', 'last_name', 'email', 'reason', 'consent'].filter((name) => 'required' in (controlNamed(html, name)?.attributes ?? {}));

describe('formPage', () => {
	it("takes lengths, required fields and messages from the trigger's rules", () => {
		const { html } = formPage(FORM, { ...base, rules: { ...DEFAULT_SUBMISSION_RULES, requiredFields: ['lastName', 'reason'], maxReasonLength: 900 } });
		expect(required(html)).toEqual(['last_name', 'reason']);
		expect(controlNamed(html, 'reason')?.attributes['data-max-length']).toBe('900');
		expect(controlNamed(html, 'reason')?.attributes['data-required-message']).toBe('Tell us briefly what the call is about.');
		expect(textOf(labelHtml(html, 'first_name') ?? '')).toBe('First name (optional)');
	});

	it('without the rules, uses the defaults and the email and consent switches', () => {
		expect(required(formPage(FORM, base).html)).toEqual(['first_name']);
		expect(required(formPage(FORM, { ...base, requireEmail: true, requireConsent: true }).html)).toEqual(['first_name', 'email', 'consent']);
		expect(controlNamed(formPage(FORM, base).html, 'reason')?.attributes['data-max-length']).toBe('500');
	});

	it("shows the phone example of the trigger's country", () => {
		const { html } = formPage(FORM, { ...base, rules: { ...DEFAULT_SUBMISSION_RULES, phone: { defaultCountry: 'GB', allowedCountries: ['GB'] } } });
		expect(html).toContain('With an extension, add it after an x, for example x123.');
		expect(formPage(FORM, base).html).toContain('For example (415) 555-2671, or (415) 555-2671 x123 with an extension.');
	});
});

describe('thankYouPage', () => {
	it('says when we call, then the business message', () => {
		const page = thankYouPage({ ...FORM, thankYouMessage: 'We call from (415) 555-0100.' }, { timeText: 'Mon 23 Nov, 9:00 AM EST', withinMinutes: false });
		expect(page.status).toBe(200);
		expect(page.headers['Content-Security-Policy']).toContain("default-src 'none'");
		expect(page.html).toContain('<p class="lead">We&#39;ll call you at Mon 23 Nov, 9:00 AM EST.</p>');
		expect(page.html).toContain('<p class="notice-note">We call from (415) 555-0100.</p>');
	});

	it('promises no time without one, and adds no note without a message', () => {
		const { html } = thankYouPage(FORM);
		expect(html).toContain('<p class="lead">We&#39;ve got your request. We&#39;ll text you to confirm when we&#39;ll call.</p>');
		expect(html).not.toContain('class="notice-note"');
		expect(html).not.toMatch(/shortly/i);
	});
});
