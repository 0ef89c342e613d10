import fc from 'fast-check';
import { DateTime } from 'luxon';

import {
	cleanFieldText,
	DEFAULT_MAX_NAME_LENGTH,
	DEFAULT_MAX_REASON_LENGTH,
	fieldRules,
	type RequirableField,
} from '../../../../nodes/core/callbackRequest/fieldRules';
import { DEFAULT_SUBMISSION_RULES, normalizeSubmission, type SubmissionRules } from '../../../../nodes/core/callbackRequest/normalizeSubmission';
import { renderCallbackFormPage, type CallbackFormPageOptions } from '../../../../nodes/core/form/renderCallbackFormPage';
import { controlNamed, labelHtml, textOf } from '../form/htmlInspection';

const settings = (overrides: Partial<SubmissionRules> = {}): SubmissionRules => ({ ...DEFAULT_SUBMISSION_RULES, ...overrides });

function page(rules: SubmissionRules, overrides: Partial<CallbackFormPageOptions> = {}): string {
	return renderCallbackFormPage({
		businessName: 'Acme Plumbing',
		title: 'Request a callback',
		introText: '',
		nameFields: 'firstAndLast',
		optionalFields: ['email', 'reason', 'preferredTime'],
		rules: fieldRules(rules),
		consentText: 'I agree to be called.',
		submitLabel: 'Call me back',
		phoneExample: '(415) 555-2671',
		honeypotFieldName: 'website',
		values: {},
		errors: {},
		nonce: 'n0nce',
		...overrides,
	});
}

function submit(body: Record<string, unknown>, rules: SubmissionRules) {
	return normalizeSubmission(body, rules, {
		callbackId: 'cb_rules',
		now: DateTime.fromISO('2026-11-20T15:00:00Z', { zone: 'utc' }),
		ip: null,
		userAgent: null,
		referer: null,
		internalKeys: ['_form'],
	});
}

const messageFor = (result: ReturnType<typeof submit>, field: string): string | undefined =>
	result.ok ? undefined : result.errors.find((error) => error.field === field)?.message;

describe('fieldRules: the table', () => {
	it('has these limits, required fields and messages with the node defaults', () => {
		const rules = fieldRules(settings());
		const table = Object.fromEntries(Object.entries(rules).map(([field, rule]) => [field, [rule.maxLength, rule.required]]));
		expect(table).toEqual({
			firstName: [80, true],
			lastName: [80, false],
			fullName: [160, true],
			phone: [40, true],
			email: [254, false],
			reason: [500, false],
			preferredTime: [null, false],
			timezone: [64, false],
			consent: [null, false],
		});
		expect(rules.firstName.messages).toEqual({
			required: 'Enter your first name.',
			tooLong: 'Shorten your first name to 80 characters or fewer.',
			invalid: 'Enter your first name using letters.',
		});
		expect(rules.reason.messages.tooLong).toBe('Shorten this to 500 characters or fewer.');
		expect(rules.phone.messages.required).toBe('Enter a phone number we can call you on.');
		expect(rules.phone.messages.invalid).toContain('(415) 555-2671');
		expect(rules.consent.messages.required).toBe('Please agree to be contacted so we can call you back.');
		expect(DEFAULT_MAX_NAME_LENGTH).toBe(80);
		expect(DEFAULT_MAX_REASON_LENGTH).toBe(500);
	});

	it('takes required-ness from the node setting; the phone is always required', () => {
		const all: RequirableField[] = ['firstName', 'lastName', 'email', 'reason', 'consent'];
		fc.assert(
			fc.property(fc.subarray(all), (requiredFields) => {
				const rules = fieldRules(settings({ requiredFields }));
				for (const field of all) expect(rules[field].required).toBe(requiredFields.includes(field));
				expect(rules.phone.required).toBe(true);
				expect(rules.fullName.required).toBe(requiredFields.includes('firstName') || requiredFields.includes('lastName'));
			}),
		);
	});

	it('takes the reason limit from Max Reason Length, and says it in the message', () => {
		const rules = fieldRules(settings({ maxReasonLength: 1200 }));
		expect(rules.reason.maxLength).toBe(1200);
		expect(rules.reason.messages.tooLong).toBe('Shorten this to 1200 characters or fewer.');
	});

	it('has a required message for every field, and a too-long message for every field with a limit', () => {
		for (const rule of Object.values(fieldRules(settings()))) {
			expect(rule.messages.required).toMatch(/\.$/);
			if (rule.maxLength !== null) expect(rule.messages.tooLong).toContain(String(rule.maxLength));
		}
	});
});

describe('fieldRules: the page and the server agree', () => {
	const LIMITED: Array<[string, 'firstName' | 'lastName' | 'email' | 'reason' | 'phone', (length: number) => string]> = [
		['first_name', 'firstName', (length) => 'J'.repeat(length)],
		['last_name', 'lastName', (length) => 'D'.repeat(length)],
		['email', 'email', (length) => `${'a'.repeat(length - 12)}@example.com`],
		['reason', 'reason', (length) => 'x'.repeat(length)],
	];

	it.each(LIMITED)('%s: the page carries the server limit and message; the server takes the limit and refuses one more with that message', (name, field, value) => {
		const rules = settings();
		const rule = fieldRules(rules)[field];
		const control = controlNamed(page(rules), name);
		expect(Number(control?.attributes['data-max-length'])).toBe(rule.maxLength);
		expect(control?.attributes['data-too-long-message']).toBe(rule.messages.tooLong);
		const base = { first_name: 'Jane', phone: '(415) 555-2671' };
		const max = rule.maxLength ?? 0;
		expect(submit({ ...base, [name]: value(max) }, rules).ok).toBe(true);
		expect(messageFor(submit({ ...base, [name]: value(max + 1) }, rules), name)).toBe(rule.messages.tooLong);
	});

	it('single-line boxes stop at the limit (maxlength); the reason box counts down instead of cutting a pasted text', () => {
		const html = page(settings({ maxReasonLength: 750 }));
		expect(controlNamed(html, 'first_name')?.attributes.maxlength).toBe('80');
		expect(controlNamed(html, 'last_name')?.attributes.maxlength).toBe('80');
		expect(controlNamed(html, 'email')?.attributes.maxlength).toBe('254');
		expect(controlNamed(html, 'phone')?.attributes.maxlength).toBe('40');
		expect(controlNamed(html, 'reason')?.attributes.maxlength).toBeUndefined();
		expect(controlNamed(html, 'reason')?.attributes['data-max-length']).toBe('750');
		expect(html).toContain('<p class="char-count" id="reason-count">You can use up to 750 characters.</p>');
		expect(controlNamed(page(settings()), 'reason')?.attributes['data-max-length']).toBe('500');
	});

	it('a full name box holds what the server takes as a full name', () => {
		const rules = settings();
		const html = page(rules, { nameFields: 'fullName' });
		const rule = fieldRules(rules).fullName;
		expect(controlNamed(html, 'name')?.attributes.maxlength).toBe(String(rule.maxLength));
		const tooLong = submit({ name: `Jane ${'D'.repeat(rule.maxLength ?? 0)}`, phone: '(415) 555-2671' }, rules);
		expect(messageFor(tooLong, 'name')).toBe(rule.messages.tooLong);
	});

	it('the page marks as required exactly what the server requires, with the server words', () => {
		const all: RequirableField[] = ['firstName', 'lastName', 'email', 'reason', 'consent'];
		const names: Record<RequirableField, string> = { firstName: 'first_name', lastName: 'last_name', email: 'email', reason: 'reason', consent: 'consent' };
		fc.assert(
			fc.property(fc.subarray(all), (requiredFields) => {
				const rules = settings({ requiredFields });
				const html = page(rules);
				const server = submit({ phone: '(415) 555-2671' }, rules);
				for (const field of all) {
					const control = controlNamed(html, names[field]);
					const required = requiredFields.includes(field);
					expect('required' in (control?.attributes ?? {})).toBe(required);
					expect(textOf(labelHtml(html, names[field]) ?? '')).toMatch(required ? /\*$/ : field === 'consent' ? /called\.$/ : /\(optional\)$/);
					expect(control?.attributes['data-required-message']).toBe(fieldRules(rules)[field].messages.required);
					expect(messageFor(server, names[field])).toBe(required ? fieldRules(rules)[field].messages.required : undefined);
				}
			}),
			{ numRuns: 40 },
		);
	});

	it('the email box and the server use the same words for a malformed address', () => {
		const rules = settings();
		const rule = fieldRules(rules).email;
		expect(controlNamed(page(rules), 'email')?.attributes['data-invalid-message']).toBe(rule.messages.invalid);
		expect(messageFor(submit({ first_name: 'Jane', phone: '(415) 555-2671', email: 'jane@' }, rules), 'email')).toBe(rule.messages.invalid);
	});
});

describe('the page script counts as the server does', () => {
	/** `countOf` from the page's script, run outside a browser. */
	function scriptCountOf(): (field: { value: string; tagName: string }) => number {
		const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(page(settings()))?.[1] ?? '';
		const source = /function countOf\(field\) \{[\s\S]*?\n\t\}/.exec(script)?.[0];
		if (!source) throw new Error('countOf not found in the page script');
		return new Function(`${source}; return countOf;`)() as (field: { value: string; tagName: string }) => number;
	}

	it('for any text, in a text box and in the reason box (property)', () => {
		const countOf = scriptCountOf();
		const text = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u0007', '\u00a0', '😀', 'x'), maxLength: 40 });
		fc.assert(
			fc.property(text, (value) => {
				expect(countOf({ value, tagName: 'INPUT' })).toBe(cleanFieldText(value, false).length);
				expect(countOf({ value, tagName: 'TEXTAREA' })).toBe(cleanFieldText(value, true).length);
			}),
			{ numRuns: 500 },
		);
	});
});
