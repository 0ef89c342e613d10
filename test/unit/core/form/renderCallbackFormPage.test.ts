import fc from 'fast-check';

import { fieldRules, type RequirableField } from '../../../../nodes/core/callbackRequest/fieldRules';
import { DEFAULT_SUBMISSION_RULES } from '../../../../nodes/core/callbackRequest/normalizeSubmission';
import {
	CALLBACK_FORM_FIELDS,
	callbackFormContentSecurityPolicy,
	isUsableHoneypotFieldName,
	renderCallbackFormPage,
	type CallbackFormPageOptions,
} from '../../../../nodes/core/form/renderCallbackFormPage';
import {
	controlNamed,
	decodeEntities,
	elementById,
	innerHtmlById,
	labelHtml,
	labelsFor,
	tagsOf,
	textOf,
	visibleControls,
	withoutInlineCode,
} from './htmlInspection';

const NONCE = 'r4nd0mN0nce==';

/** The server's rules with these fields required (the phone always is). */
const requiring = (...requiredFields: RequirableField[]) => fieldRules({ ...DEFAULT_SUBMISSION_RULES, requiredFields });

function options(overrides: Partial<CallbackFormPageOptions> = {}): CallbackFormPageOptions {
	return {
		businessName: 'Acme Plumbing',
		title: 'Request a callback',
		introText: 'Leave your number and we will call you back.',
		nameFields: 'firstAndLast',
		optionalFields: ['email', 'reason', 'preferredTime'],
		rules: requiring('firstName', 'consent'),
		consentText: 'I agree that Acme Plumbing may call and text me.',
		submitLabel: 'Call me back',
		phoneExample: '(555) 123-4567',
		honeypotFieldName: 'website',
		values: {},
		errors: {},
		nonce: NONCE,
		...overrides,
	};
}

const render = (overrides: Partial<CallbackFormPageOptions> = {}) => renderCallbackFormPage(options(overrides));

const LAYOUTS: Array<[string, Partial<CallbackFormPageOptions>]> = [
	['first and last name, every optional field', {}],
	['full name, no optional field, no consent', { nameFields: 'fullName', optionalFields: [], consentText: '' }],
	['full name, email only, with errors', { nameFields: 'fullName', optionalFields: ['email'], errors: { name: 'Enter your name', email: 'Bad' } }],
];

describe('renderCallbackFormPage: structure', () => {
	it('is a complete English page that fits a phone screen', () => {
		const html = render();
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(tagsOf(html).find((tag) => tag.name === 'html')?.attributes.lang).toBe('en');
		expect(tagsOf(html).some((tag) => tag.name === 'meta' && tag.attributes.name === 'viewport')).toBe(true);
		expect(html).toContain('<h1>Request a callback</h1>');
		expect(html).toContain('<title>Request a callback · Acme Plumbing</title>');
	});

	it('posts urlencoded back to its own URL', () => {
		const form = tagsOf(render()).find((tag) => tag.name === 'form');
		expect(form?.attributes).toMatchObject({ method: 'post', action: '' });
		expect(form?.attributes.enctype).toBeUndefined();
	});

	it('sends every field of the contract when names are split', () => {
		const names = tagsOf(render())
			.filter((tag) => tag.name === 'input' || tag.name === 'textarea')
			.map((tag) => tag.attributes.name);
		expect(names.sort()).toEqual(
			['first_name', 'last_name', 'phone', 'email', 'reason', 'preferred_time', 'consent', '_form', 'timezone', 'page_url', 'website'].sort(),
		);
	});

	it('asks for one name field when configured for a full name, and shows only chosen extras', () => {
		const html = render({ nameFields: 'fullName', optionalFields: ['reason'] });
		expect(controlNamed(html, CALLBACK_FORM_FIELDS.fullName)).toBeDefined();
		expect(controlNamed(html, CALLBACK_FORM_FIELDS.firstName)).toBeUndefined();
		expect(controlNamed(html, CALLBACK_FORM_FIELDS.lastName)).toBeUndefined();
		expect(controlNamed(html, CALLBACK_FORM_FIELDS.reason)?.name).toBe('textarea');
		expect(controlNamed(html, CALLBACK_FORM_FIELDS.email)).toBeUndefined();
		expect(controlNamed(html, CALLBACK_FORM_FIELDS.preferredTime)).toBeUndefined();
	});

	it.each(LAYOUTS)('gives every visible control exactly one label (%s)', (_, overrides) => {
		const html = render(overrides);
		const controls = visibleControls(html);
		expect(controls.length).toBeGreaterThanOrEqual(3);
		for (const control of controls) {
			expect(control.attributes.id).toBeTruthy();
			expect(labelsFor(html, control.attributes.id)).toHaveLength(1);
			expect(textOf(labelHtml(html, control.attributes.id) ?? '')).not.toBe('');
		}
		const ids = tagsOf(html).map((tag) => tag.attributes.id).filter(Boolean);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('uses the input types, autocomplete hints and keypad a phone needs', () => {
		const split = render();
		expect(controlNamed(split, 'first_name')?.attributes).toMatchObject({ type: 'text', autocomplete: 'given-name' });
		expect(controlNamed(split, 'last_name')?.attributes).toMatchObject({ type: 'text', autocomplete: 'family-name' });
		expect(controlNamed(split, 'phone')?.attributes).toMatchObject({ type: 'tel', autocomplete: 'tel', inputmode: 'tel' });
		expect(controlNamed(split, 'email')?.attributes).toMatchObject({ type: 'email', autocomplete: 'email' });
		expect(controlNamed(split, 'preferred_time')?.attributes).toMatchObject({ type: 'datetime-local' });
		expect(controlNamed(split, 'consent')?.attributes).toMatchObject({ type: 'checkbox', value: 'yes' });
		expect(controlNamed(render({ nameFields: 'fullName' }), 'name')?.attributes).toMatchObject({ type: 'text', autocomplete: 'name' });
	});

	it('shows the phone example, with an extension, as a hint tied to the phone field', () => {
		const html = render();
		expect(textOf(innerHtmlById(html, 'phone-hint') ?? '')).toBe('For example (555) 123-4567, or (555) 123-4567 x123 with an extension.');
		expect(controlNamed(html, 'phone')?.attributes['aria-describedby']).toBe('phone-hint');
		const bare = render({ phoneExample: ' ' });
		expect(textOf(innerHtmlById(bare, 'phone-hint') ?? '')).toBe('With an extension, add it after an x, for example x123.');
	});

	it('keeps line breaks in the intro and leaves the paragraph out when there is no intro', () => {
		expect(render({ introText: 'Line one\nLine two' })).toContain('<p class="lead">Line one<br>Line two</p>');
		expect(render({ introText: '' })).not.toContain('class="lead"');
	});

	it('labels the submit button as configured', () => {
		const html = render({ submitLabel: 'Ring me' });
		expect(tagsOf(html).find((tag) => tag.name === 'button')?.attributes.type).toBe('submit');
		expect(html).toMatch(/<button[^>]*>Ring me<\/button>/);
	});
});

describe('renderCallbackFormPage: required fields', () => {
	const requiredNames = (html: string) =>
		visibleControls(html)
			.filter((control) => 'required' in control.attributes)
			.map((control) => control.attributes.name)
			.sort();

	it('requires the phone always, and the names the server requires', () => {
		expect(requiredNames(render({ optionalFields: [], consentText: '' }))).toEqual(['first_name', 'phone']);
		expect(requiredNames(render({ optionalFields: [], consentText: '', rules: requiring('firstName', 'lastName') }))).toEqual(['first_name', 'last_name', 'phone']);
		expect(requiredNames(render({ optionalFields: [], consentText: '', rules: requiring() }))).toEqual(['phone']);
		expect(requiredNames(render({ nameFields: 'fullName', optionalFields: [], consentText: '' }))).toEqual(['name', 'phone']);
		expect(requiredNames(render({ nameFields: 'fullName', optionalFields: [], consentText: '', rules: requiring('lastName') }))).toEqual(['name', 'phone']);
		expect(requiredNames(render({ nameFields: 'fullName', optionalFields: [], consentText: '', rules: requiring() }))).toEqual(['phone']);
	});

	it('does not mark Last name as required when the node requires only the first name', () => {
		const html = render({ rules: requiring('firstName') });
		expect(textOf(labelHtml(html, 'last_name') ?? '')).toBe('Last name (optional)');
		expect(labelHtml(html, 'last_name')).not.toContain('required-mark');
		expect('required' in (controlNamed(html, 'last_name')?.attributes ?? {})).toBe(false);
		expect(textOf(labelHtml(html, 'first_name') ?? '')).toBe('First name *');
	});

	it('requires email, reason and consent only when the server does', () => {
		expect(requiredNames(render({ rules: requiring('firstName', 'email', 'reason', 'consent') }))).toEqual(
			['consent', 'email', 'first_name', 'phone', 'reason'].sort(),
		);
		expect(requiredNames(render({ rules: requiring('firstName') }))).toEqual(['first_name', 'phone']);
	});

	it('marks required labels with an asterisk and optional ones as optional', () => {
		const html = render({ rules: requiring('firstName', 'consent') });
		for (const control of visibleControls(html)) {
			const label = labelHtml(html, control.attributes.id) ?? '';
			if ('required' in control.attributes) {
				expect(label).toContain('<span class="required-mark" aria-hidden="true">*</span>');
				expect(label).not.toContain('(optional)');
			} else {
				expect(label).not.toContain('required-mark');
			}
		}
		expect(textOf(labelHtml(html, 'email') ?? '')).toBe('Email (optional)');
		expect(textOf(labelHtml(html, 'phone') ?? '')).toBe('Phone number *');
		expect(html).toContain('<p class="required-note"><span class="required-mark" aria-hidden="true">*</span> Required</p>');
	});

	it('gives the script a message for each visible control', () => {
		for (const control of visibleControls(render())) {
			if (control.attributes.name === 'website') continue;
			expect(control.attributes['data-required-message']).toBeTruthy();
		}
	});

	it('gives each limited control its limit and too-long message, and the reason box a count instead of a hard stop', () => {
		const html = render();
		const rules = requiring('firstName', 'consent');
		for (const [name, rule] of [['first_name', rules.firstName], ['last_name', rules.lastName], ['phone', rules.phone], ['email', rules.email]] as const) {
			expect(controlNamed(html, name)?.attributes).toMatchObject({
				maxlength: String(rule.maxLength),
				'data-max-length': String(rule.maxLength),
				'data-too-long-message': rule.messages.tooLong,
			});
		}
		const reason = controlNamed(html, 'reason');
		expect(reason?.attributes.maxlength).toBeUndefined();
		expect(reason?.attributes['data-max-length']).toBe(String(rules.reason.maxLength));
		expect(reason?.attributes['aria-describedby']).toBe('reason-count');
		expect(textOf(innerHtmlById(html, 'reason-count') ?? '')).toBe('You can use up to 500 characters.');
		expect(controlNamed(html, 'preferred_time')?.attributes['data-max-length']).toBeUndefined();
		expect(controlNamed(html, 'consent')?.attributes['data-required-message']).toBe(rules.consent.messages.required);
		expect(controlNamed(render({ errors: { reason: 'Too long' } }), 'reason')?.attributes['aria-describedby']).toBe('reason-count reason-error');
	});

	it('refuses a too-long text in its script with the data-too-long-message, before the required and format checks', () => {
		const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(render())?.[1] ?? '';
		expect(script).toContain("getAttribute('data-too-long-message')");
		expect(script.indexOf('data-too-long-message')).toBeLessThan(script.indexOf('valueMissing'));
		expect(script).toContain('event.preventDefault()');
	});

	it('leaves the consent checkbox out when there is no consent text, even if consent is required', () => {
		const html = render({ consentText: '   ', rules: requiring('firstName', 'consent') });
		expect(controlNamed(html, 'consent')).toBeUndefined();
	});

	it('keeps line breaks in a long consent text', () => {
		expect(labelHtml(render({ consentText: 'I agree.\nRates may apply.' }), 'consent')).toContain('I agree.<br>Rates may apply.');
	});
});

describe('renderCallbackFormPage: sticky values', () => {
	it('puts back what the person typed in every field', () => {
		const html = render({
			values: {
				first_name: 'Dana',
				last_name: "O'Neil",
				phone: '(555) 123-4567',
				email: 'dana@example.com',
				reason: 'Leaking pipe\nunder the sink',
				preferred_time: '2031-05-06T14:30',
				consent: 'yes',
				timezone: 'America/Chicago',
				page_url: 'funnel/page?utm_source=ad',
			},
		});
		expect(controlNamed(html, 'first_name')?.attributes.value).toBe('Dana');
		expect(controlNamed(html, 'last_name')?.attributes.value).toBe("O'Neil");
		expect(controlNamed(html, 'phone')?.attributes.value).toBe('(555) 123-4567');
		expect(controlNamed(html, 'email')?.attributes.value).toBe('dana@example.com');
		expect(innerHtmlById(html, 'reason')).toBe('Leaking pipe\nunder the sink');
		expect(controlNamed(html, 'preferred_time')?.attributes.value).toBe('2031-05-06T14:30');
		expect('checked' in (controlNamed(html, 'consent')?.attributes ?? {})).toBe(true);
		expect(controlNamed(html, 'timezone')?.attributes.value).toBe('America/Chicago');
		expect(controlNamed(html, 'page_url')?.attributes.value).toBe('funnel/page?utm_source=ad');
	});

	it('leaves consent unticked unless the value was exactly "yes"', () => {
		for (const consent of ['', 'no', 'on', 'YES ']) {
			expect('checked' in (controlNamed(render({ values: { consent } }), 'consent')?.attributes ?? {})).toBe(false);
		}
	});

	it('never echoes the honeypot, so a bot learns nothing from the page', () => {
		const html = render({ values: { website: 'spam-bot-value' } });
		expect(controlNamed(html, 'website')?.attributes.value).toBe('');
		expect(html).not.toContain('spam-bot-value');
	});

	it('marks the post as coming from the hosted page and leaves context fields empty for the script', () => {
		const html = render();
		expect(controlNamed(html, '_form')?.attributes).toMatchObject({ type: 'hidden', value: 'hosted' });
		expect(controlNamed(html, 'timezone')?.attributes).toMatchObject({ type: 'hidden', value: '' });
		expect(controlNamed(html, 'page_url')?.attributes).toMatchObject({ type: 'hidden', value: '' });
	});
});

describe('renderCallbackFormPage: errors', () => {
	const errors = {
		phone: 'Enter a phone number with area code',
		first_name: 'Enter your first name',
		consent: 'Tick this box so we are allowed to call you',
	};

	it('shows each message under its field, wired with aria-invalid and aria-describedby', () => {
		const html = render({ errors });
		for (const [name, message] of Object.entries(errors)) {
			const control = controlNamed(html, name);
			expect(control?.attributes['aria-invalid']).toBe('true');
			expect(control?.attributes['aria-describedby']?.split(' ')).toContain(`${name}-error`);
			const box = elementById(html, `${name}-error`);
			expect(box?.attributes.hidden).toBeUndefined();
			expect(textOf(innerHtmlById(html, `${name}-error`) ?? '')).toBe(message);
		}
		expect(controlNamed(html, 'phone')?.attributes['aria-describedby']).toBe('phone-hint phone-error');
	});

	it('leaves fields without errors unmarked, with an empty hidden message box', () => {
		const html = render({ errors });
		for (const name of ['last_name', 'email', 'reason', 'preferred_time']) {
			expect(controlNamed(html, name)?.attributes['aria-invalid']).toBeUndefined();
			expect(elementById(html, `${name}-error`)?.attributes.hidden).toBe('');
			expect(innerHtmlById(html, `${name}-error`)).toBe('');
		}
	});

	it('lists the errors at the top in form order, each linking to its field', () => {
		const html = render({ errors, formError: 'Please fix the errors below' });
		const summary = elementById(html, 'error-summary');
		expect(summary?.attributes.role).toBe('alert');
		expect(textOf(innerHtmlById(html, 'error-summary-title') ?? '')).toBe('Please fix the errors below');
		const links = tagsOf(innerHtmlById(html, 'error-summary') ?? '').filter((tag) => tag.name === 'a');
		expect(links.map((link) => link.attributes.href)).toEqual(['#first_name', '#phone', '#consent']);
		expect(html.indexOf('id="error-summary"')).toBeLessThan(html.indexOf('<form'));
	});

	it('uses a default heading when only field errors are given', () => {
		const html = render({ errors: { phone: 'Enter a phone number' } });
		expect(textOf(innerHtmlById(html, 'error-summary-title') ?? '')).toBe('Please check the highlighted fields');
	});

	it('shows a form-wide message on its own', () => {
		const html = render({ formError: 'We could not take your request. Please try again.' });
		expect(elementById(html, 'error-summary')?.attributes.role).toBe('alert');
		expect(textOf(innerHtmlById(html, 'error-summary-title') ?? '')).toBe('We could not take your request. Please try again.');
		expect(html).not.toContain('<ul>');
	});

	it('lists errors for fields the page does not show as text without a link', () => {
		const html = render({ nameFields: 'fullName', errors: { last_name: 'Enter your last name', timezone: 'Unknown time zone' } });
		const summary = innerHtmlById(html, 'error-summary') ?? '';
		expect(summary).toContain('<li>Enter your last name</li>');
		expect(summary).toContain('<li>Unknown time zone</li>');
		expect(summary).not.toContain('<a');
	});

	it('has no summary and no invalid field when there is nothing wrong', () => {
		const html = render({ errors: { phone: '  ' }, formError: '' });
		expect(elementById(html, 'error-summary')).toBeUndefined();
		expect(tagsOf(html).filter((tag) => 'aria-invalid' in tag.attributes)).toEqual([]);
		expect(tagsOf(html).filter((tag) => tag.attributes.role === 'alert')).toEqual([]);
	});
});

describe('renderCallbackFormPage: honeypot', () => {
	it('is a real text field pushed off-screen, out of tab order, autofill and the accessibility tree', () => {
		const html = render({ honeypotFieldName: 'company_site' });
		const trap = controlNamed(html, 'company_site');
		expect(trap?.attributes).toMatchObject({ type: 'text', tabindex: '-1', autocomplete: 'off', value: '' });
		expect(labelsFor(html, trap?.attributes.id ?? '')).toHaveLength(1);
		const wrapperStart = html.lastIndexOf('<div', html.indexOf(trap?.source ?? ''));
		expect(html.slice(wrapperStart, html.indexOf('>', wrapperStart) + 1)).toBe('<div class="hp" aria-hidden="true">');
		const rule = /\.hp\{([^}]*)\}/.exec(html)?.[1] ?? '';
		expect(rule).toContain('position:absolute');
		expect(rule).toMatch(/left:-\d{4,}px/);
		expect(rule).not.toContain('display:none');
	});

	it.each(['phone', 'consent', '_form', '', '1abc', 'a b', '"><script>', 'x'.repeat(65)])(
		'refuses %p as the honeypot name',
		(name) => {
			expect(isUsableHoneypotFieldName(name)).toBe(false);
			expect(() => render({ honeypotFieldName: name })).toThrow(/anti-spam field/);
		},
	);

	it.each(['website', 'fax_number', 'url-2'])('accepts %p as the honeypot name', (name) => {
		expect(isUsableHoneypotFieldName(name)).toBe(true);
	});
});

describe('renderCallbackFormPage: self-contained and CSP-ready', () => {
	it('loads nothing from anywhere: no external src, href, import or url()', () => {
		const html = render({ errors: { phone: 'x' }, formError: 'y' });
		expect(html).not.toMatch(/https?:/i);
		expect(html).not.toMatch(/\/\//);
		for (const tag of tagsOf(html)) {
			if (tag.attributes.src !== undefined) throw new Error(`unexpected src in ${tag.source}`);
			if (tag.attributes.href !== undefined) expect(tag.attributes.href).toMatch(/^#[a-z_]+$/);
			expect(tag.name).not.toBe('link');
		}
		expect(html).not.toMatch(/@import|url\(/i);
	});

	it('carries the nonce on its one script and one style, and nothing inline that CSP would block', () => {
		const html = render();
		const inline = tagsOf(html).filter((tag) => tag.name === 'script' || tag.name === 'style');
		expect(inline.map((tag) => tag.name).sort()).toEqual(['script', 'style']);
		for (const tag of inline) expect(tag.attributes.nonce).toBe(NONCE);
		const markup = withoutInlineCode(html);
		expect(markup).not.toMatch(/\son[a-z]+=/i);
		expect(markup).not.toMatch(/\sstyle=/i);
		expect(markup).not.toMatch(/javascript:/i);
	});

	it('fills the time zone and the page address from the browser in its script', () => {
		const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(render())?.[1] ?? '';
		expect(script).toContain('Intl.DateTimeFormat().resolvedOptions().timeZone');
		expect(script).toContain('document.referrer || location.href');
		expect(script).toContain("'timezone'");
		expect(script).toContain("'page_url'");
		expect(() => new Function(script)).not.toThrow();
	});

	it('offers the policy that matches the nonce', () => {
		const policy = callbackFormContentSecurityPolicy(NONCE);
		expect(policy).toContain(`script-src 'nonce-${NONCE}'`);
		expect(policy).toContain(`style-src 'nonce-${NONCE}'`);
		expect(policy).toContain("default-src 'none'");
		expect(policy).toContain("form-action 'self'");
	});
});

describe('renderCallbackFormPage: hostile input', () => {
	const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</textarea><script>alert(2)</script>', "'><svg onload=alert(3)>"];

	function hostileOptions(payload: string): CallbackFormPageOptions {
		return options({
			businessName: payload,
			title: payload,
			introText: payload,
			consentText: payload,
			submitLabel: payload,
			phoneExample: payload,
			formError: payload,
			accentColor: payload,
			nonce: payload,
			values: Object.fromEntries(
				['first_name', 'last_name', 'name', 'phone', 'email', 'reason', 'preferred_time', 'consent', 'timezone', 'page_url', 'website'].map(
					(name) => [name, payload],
				),
			),
			errors: { first_name: payload, phone: payload, reason: payload, consent: payload, [payload]: payload },
		});
	}

	it.each(PAYLOADS)('escapes %p in every option, value and error', (payload) => {
		const html = renderCallbackFormPage(hostileOptions(payload));
		const markup = withoutInlineCode(html);
		expect(markup).not.toMatch(/<(img|svg)\b/i);
		expect(tagsOf(html).flatMap((tag) => Object.keys(tag.attributes)).filter((name) => name.startsWith('on'))).toEqual([]);
		expect(tagsOf(html).filter((tag) => tag.name === 'script')).toHaveLength(1);
		expect(html.match(/<\/textarea>/g)).toHaveLength(1);
		expect(html.match(/<\/script>/g)).toHaveLength(1);
		// Present in escaped form, not silently dropped.
		expect(html).toContain('&lt;');
		expect(decodeEntities(innerHtmlById(html, 'reason') ?? '')).toBe(payload);
		expect(textOf(innerHtmlById(html, 'error-summary-title') ?? '')).toBe(payload);
		expect(controlNamed(html, 'phone')?.attributes.value).toBe(payload);
	});

	it('keeps the same tags whatever text is typed or configured', () => {
		// Line breaks are left out: they rightly add a <br> to the intro and the consent label.
		const text = fc.string({ unit: 'binary', maxLength: 40 }).map((value) => `x${value.replace(/[\r\n]/g, ' ')}`);
		const tagNames = (page: CallbackFormPageOptions) => tagsOf(renderCallbackFormPage(page)).map((tag) => tag.name).join(',');
		const benign = (value: string): CallbackFormPageOptions => {
			const page = hostileOptions(value);
			return { ...page, nonce: NONCE, errors: { first_name: value, phone: value, reason: value, consent: value, extra: value } };
		};
		const baseline = tagNames(benign('plain'));
		fc.assert(
			fc.property(text, (value) => {
				expect(tagNames(benign(value))).toBe(baseline);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('renderCallbackFormPage: the signed time the page was served', () => {
	const TOKEN = 'v1.1700000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

	it('carries the token in a hidden form_token field', () => {
		const field = tagsOf(render({ formToken: TOKEN })).find((tag) => tag.name === 'input' && tag.attributes.name === CALLBACK_FORM_FIELDS.formToken);
		expect(CALLBACK_FORM_FIELDS.formToken).toBe('form_token');
		expect(field?.attributes).toMatchObject({ type: 'hidden', value: TOKEN });
	});

	it('has no token field when the minimum time is off', () => {
		expect(tagsOf(render()).some((tag) => tag.attributes.name === CALLBACK_FORM_FIELDS.formToken)).toBe(false);
	});

	it('keeps the token field\'s name from being used as the honeypot', () => {
		expect(isUsableHoneypotFieldName('form_token')).toBe(false);
	});
});
