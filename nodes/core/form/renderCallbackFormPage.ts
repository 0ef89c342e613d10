import { escapeHtml, escapeMultilineText } from './escapeHtml';
import { pageContentSecurityPolicy, renderPageLayout } from './pageLayout';

/** Names of the urlencoded fields the hosted form posts: the contract with the server side. */
export const CALLBACK_FORM_FIELDS = {
	firstName: 'first_name',
	lastName: 'last_name',
	fullName: 'name',
	phone: 'phone',
	email: 'email',
	reason: 'reason',
	preferredTime: 'preferred_time',
	consent: 'consent',
	timezone: 'timezone',
	pageUrl: 'page_url',
	form: '_form',
} as const;

/** Value a ticked consent checkbox posts. */
export const CONSENT_GIVEN_VALUE = 'yes';

/** Value of the hidden `_form` field, telling the server the post came from the hosted page. */
export const HOSTED_FORM_MARKER = 'hosted';

/** Longest "what is the call about" text the page lets a person type. */
export const REASON_MAX_LENGTH = 1000;

export type CallbackFormOptionalField = 'email' | 'reason' | 'preferredTime';

export interface CallbackFormPageOptions {
	/** Shown above the title so the person knows who will call. */
	businessName: string;
	title: string;
	/** Plain text; line breaks are kept. */
	introText: string;
	nameFields: 'firstAndLast' | 'fullName';
	optionalFields: CallbackFormOptionalField[];
	/** Only matters when the email field is shown. */
	requireEmail: boolean;
	/** Label of the consent checkbox; an empty string leaves the checkbox out. */
	consentText: string;
	/** Only matters when there is a consent checkbox. */
	requireConsent: boolean;
	submitLabel: string;
	/** Shown as a hint under the phone label, e.g. "(555) 123-4567". */
	phoneExample: string;
	/** Name of the hidden anti-spam field that people never see and bots fill in. */
	honeypotFieldName: string;
	/** What the person typed before, keyed by field name, so an error does not wipe their input. */
	values: Record<string, string>;
	/** Messages keyed by field name, shown under the field and in the summary. */
	errors: Record<string, string>;
	/** A message about the whole form, heading the error summary. */
	formError?: string;
	/** `#rgb` or `#rrggbb`; anything else falls back to the default accent. */
	accentColor?: string;
	/** Per-response nonce that the Content-Security-Policy allows for the inline style and script. */
	nonce: string;
}

/** The policy to send with the form page (the same one every hosted page uses). */
export function callbackFormContentSecurityPolicy(nonce: string): string {
	return pageContentSecurityPolicy(nonce);
}

const RESERVED_FIELD_NAMES = new Set<string>(Object.values(CALLBACK_FORM_FIELDS));
const HONEYPOT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * A honeypot that shares a name with a real field would throw away every genuine request, and a
 * strange name would be a giveaway to bots, so both are refused rather than rendered.
 */
export function isUsableHoneypotFieldName(name: string): boolean {
	return HONEYPOT_NAME.test(name) && !RESERVED_FIELD_NAMES.has(name);
}

interface FieldSpec {
	name: string;
	label: string;
	required: boolean;
	requiredMessage: string;
	/** Shown when the browser finds the value malformed (e.g. an email without "@"). */
	invalidMessage?: string;
	hint?: string;
}

interface InputSpec extends FieldSpec {
	type: 'text' | 'tel' | 'email' | 'datetime-local';
	autocomplete?: string;
	inputMode?: string;
	maxLength?: number;
}

interface RenderContext {
	values: Record<string, string>;
	errors: Record<string, string>;
}

function valueOf(context: RenderContext, name: string): string {
	const value = context.values[name];
	return typeof value === 'string' ? value : '';
}

function errorOf(context: RenderContext, name: string): string {
	const error = context.errors[name];
	return typeof error === 'string' ? error.trim() : '';
}

function attributes(entries: Array<[string, string | number | boolean | undefined]>): string {
	return entries
		.filter(([, value]) => value !== undefined && value !== false)
		.map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
		.join('');
}

function labelMarker(required: boolean): string {
	return required
		? ' <span class="required-mark" aria-hidden="true">*</span>'
		: ' <span class="optional-mark">(optional)</span>';
}

/** Attributes shared by every visible control: validity wiring that the inline script also uses. */
function controlAttributes(spec: FieldSpec, error: string): Array<[string, string | boolean | undefined]> {
	const describedBy = [spec.hint ? `${spec.name}-hint` : '', error ? `${spec.name}-error` : '']
		.filter(Boolean)
		.join(' ');
	return [
		['id', spec.name],
		['name', spec.name],
		['required', spec.required],
		['aria-describedby', describedBy || undefined],
		['aria-invalid', error ? 'true' : undefined],
		['data-required-message', spec.requiredMessage],
		['data-invalid-message', spec.invalidMessage],
	];
}

function hintMarkup(spec: FieldSpec): string {
	return spec.hint ? `<p class="hint" id="${spec.name}-hint">${escapeHtml(spec.hint)}</p>` : '';
}

/** Always present so the script can fill it; hidden until there is something to say. */
function errorMarkup(name: string, error: string): string {
	return `<p class="field-error" id="${name}-error"${error ? '' : ' hidden'}>${escapeHtml(error)}</p>`;
}

function fieldClass(error: string, extra = ''): string {
	return ['field', extra, error ? 'has-error' : ''].filter(Boolean).join(' ');
}

function renderInput(spec: InputSpec, context: RenderContext): string {
	const error = errorOf(context, spec.name);
	const input =
		'<input' +
		attributes([
			['type', spec.type],
			...controlAttributes(spec, error),
			['autocomplete', spec.autocomplete],
			['inputmode', spec.inputMode],
			['maxlength', spec.maxLength],
			['value', valueOf(context, spec.name)],
		]) +
		'>';
	return (
		`<div class="${fieldClass(error)}">` +
		`<label for="${spec.name}">${escapeHtml(spec.label)}${labelMarker(spec.required)}</label>` +
		hintMarkup(spec) +
		input +
		errorMarkup(spec.name, error) +
		'</div>'
	);
}

function renderTextarea(spec: FieldSpec & { maxLength: number }, context: RenderContext): string {
	const error = errorOf(context, spec.name);
	return (
		`<div class="${fieldClass(error)}">` +
		`<label for="${spec.name}">${escapeHtml(spec.label)}${labelMarker(spec.required)}</label>` +
		hintMarkup(spec) +
		'<textarea' +
		attributes([...controlAttributes(spec, error), ['rows', 3], ['maxlength', spec.maxLength]]) +
		`>${escapeHtml(valueOf(context, spec.name))}</textarea>` +
		errorMarkup(spec.name, error) +
		'</div>'
	);
}

function renderConsent(consentText: string, required: boolean, context: RenderContext): string {
	const spec: FieldSpec = {
		name: CALLBACK_FORM_FIELDS.consent,
		label: consentText,
		required,
		requiredMessage: 'Tick this box so we are allowed to call you',
	};
	const error = errorOf(context, spec.name);
	const checked = valueOf(context, spec.name) === CONSENT_GIVEN_VALUE;
	return (
		`<div class="${fieldClass(error, 'field-consent')}">` +
		'<div class="checkbox">' +
		'<input' +
		attributes([['type', 'checkbox'], ...controlAttributes(spec, error), ['value', CONSENT_GIVEN_VALUE], ['checked', checked]]) +
		'>' +
		`<label for="${spec.name}">${escapeMultilineText(consentText)}${required ? labelMarker(true) : ''}</label>` +
		'</div>' +
		errorMarkup(spec.name, error) +
		'</div>'
	);
}

function renderHidden(name: string, value: string): string {
	return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function renderHoneypot(name: string): string {
	const id = `${name}-field`;
	// Off-screen rather than display:none, which many bots recognise and skip.
	return (
		'<div class="hp" aria-hidden="true">' +
		`<label for="${escapeHtml(id)}">Leave this field empty</label>` +
		`<input type="text" id="${escapeHtml(id)}" name="${escapeHtml(name)}" value="" tabindex="-1" autocomplete="off">` +
		'</div>'
	);
}

interface SummaryEntry {
	name: string;
	message: string;
	linked: boolean;
}

function renderErrorSummary(entries: SummaryEntry[], formError: string): string {
	if (entries.length === 0 && formError === '') return '';
	const heading = formError || 'Please check the highlighted fields';
	const items = entries
		.map((entry) =>
			entry.linked
				? `<li><a href="#${escapeHtml(entry.name)}">${escapeHtml(entry.message)}</a></li>`
				: `<li>${escapeHtml(entry.message)}</li>`,
		)
		.join('');
	return (
		'<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">' +
		`<h2 id="error-summary-title">${escapeHtml(heading)}</h2>` +
		(items ? `<ul>${items}</ul>` : '') +
		'</div>'
	);
}

/** The hosted "request a callback" form, complete and self-contained. */
export function renderCallbackFormPage(options: CallbackFormPageOptions): string {
	if (!isUsableHoneypotFieldName(options.honeypotFieldName)) {
		throw new Error(
			`"${options.honeypotFieldName}" cannot be the anti-spam field name: use letters, digits, "_" or "-", starting with a letter, and not the name of a real field`,
		);
	}

	const context: RenderContext = { values: options.values ?? {}, errors: options.errors ?? {} };
	const shows = new Set(options.optionalFields);
	const consentText = options.consentText.trim();
	const phoneExample = options.phoneExample.trim();

	const controls: string[] = [];
	const visibleFields: string[] = [];
	const add = (name: string, markup: string) => {
		visibleFields.push(name);
		controls.push(markup);
	};

	if (options.nameFields === 'fullName') {
		add(
			CALLBACK_FORM_FIELDS.fullName,
			renderInput(
				{ name: CALLBACK_FORM_FIELDS.fullName, label: 'Your name', type: 'text', required: true, autocomplete: 'name', maxLength: 200, requiredMessage: 'Enter your name' },
				context,
			),
		);
	} else {
		const firstName = renderInput(
			{ name: CALLBACK_FORM_FIELDS.firstName, label: 'First name', type: 'text', required: true, autocomplete: 'given-name', maxLength: 100, requiredMessage: 'Enter your first name' },
			context,
		);
		const lastName = renderInput(
			{ name: CALLBACK_FORM_FIELDS.lastName, label: 'Last name', type: 'text', required: true, autocomplete: 'family-name', maxLength: 100, requiredMessage: 'Enter your last name' },
			context,
		);
		visibleFields.push(CALLBACK_FORM_FIELDS.firstName, CALLBACK_FORM_FIELDS.lastName);
		controls.push(`<div class="field-row">${firstName}${lastName}</div>`);
	}

	add(
		CALLBACK_FORM_FIELDS.phone,
		renderInput(
			{
				name: CALLBACK_FORM_FIELDS.phone,
				label: 'Phone number',
				type: 'tel',
				required: true,
				autocomplete: 'tel',
				inputMode: 'tel',
				maxLength: 40,
				hint: phoneExample ? `For example ${phoneExample}` : undefined,
				requiredMessage: 'Enter the phone number we should call',
			},
			context,
		),
	);

	if (shows.has('email')) {
		add(
			CALLBACK_FORM_FIELDS.email,
			renderInput(
				{
					name: CALLBACK_FORM_FIELDS.email,
					label: 'Email',
					type: 'email',
					required: options.requireEmail,
					autocomplete: 'email',
					maxLength: 254,
					requiredMessage: 'Enter your email address',
					invalidMessage: 'Enter an email address like name@example.com',
				},
				context,
			),
		);
	}

	if (shows.has('preferredTime')) {
		add(
			CALLBACK_FORM_FIELDS.preferredTime,
			renderInput(
				{
					name: CALLBACK_FORM_FIELDS.preferredTime,
					label: 'Best time to call',
					type: 'datetime-local',
					required: false,
					hint: 'We will call as close to this time as we can, within our opening hours.',
					requiredMessage: 'Choose a time for us to call',
					invalidMessage: 'Choose a date and time that has not passed yet',
				},
				context,
			),
		);
	}

	if (shows.has('reason')) {
		add(
			CALLBACK_FORM_FIELDS.reason,
			renderTextarea(
				{
					name: CALLBACK_FORM_FIELDS.reason,
					label: 'What would you like to talk about?',
					required: false,
					maxLength: REASON_MAX_LENGTH,
					requiredMessage: 'Tell us what the call is about',
				},
				context,
			),
		);
	}

	// Without a text there is nothing to agree to, so requireConsent alone cannot add a checkbox.
	if (consentText !== '') {
		add(CALLBACK_FORM_FIELDS.consent, renderConsent(consentText, options.requireConsent, context));
	}

	const summaryEntries: SummaryEntry[] = [
		...visibleFields
			.filter((name) => errorOf(context, name) !== '')
			.map((name) => ({ name, message: errorOf(context, name), linked: true })),
		...Object.keys(context.errors)
			.filter((name) => !visibleFields.includes(name) && errorOf(context, name) !== '')
			.map((name) => ({ name, message: errorOf(context, name), linked: false })),
	];

	const hiddenFields =
		renderHidden(CALLBACK_FORM_FIELDS.form, HOSTED_FORM_MARKER) +
		renderHidden(CALLBACK_FORM_FIELDS.timezone, valueOf(context, CALLBACK_FORM_FIELDS.timezone)) +
		renderHidden(CALLBACK_FORM_FIELDS.pageUrl, valueOf(context, CALLBACK_FORM_FIELDS.pageUrl));

	const intro = options.introText.trim();
	const body =
		`<h1>${escapeHtml(options.title)}</h1>` +
		(intro ? `<p class="lead">${escapeMultilineText(intro)}</p>` : '') +
		renderErrorSummary(summaryEntries, (options.formError ?? '').trim()) +
		// An empty action posts back to this exact URL, query string included.
		'<form id="callback-form" class="form" method="post" action="" accept-charset="utf-8">' +
		'<p class="required-note"><span class="required-mark" aria-hidden="true">*</span> Required</p>' +
		controls.join('') +
		hiddenFields +
		renderHoneypot(options.honeypotFieldName) +
		`<button type="submit" class="submit" data-busy-label="Sending…">${escapeHtml(options.submitLabel)}</button>` +
		'</form>';

	return renderPageLayout({
		documentTitle: options.title,
		businessName: options.businessName,
		nonce: options.nonce,
		accentColor: options.accentColor,
		body,
		css: FORM_CSS,
		script: FORM_SCRIPT,
	});
}

const FORM_CSS = `
[hidden]{display:none!important}
.form{margin:0}
.required-note{margin:0 0 1rem;font-size:.875rem;color:var(--muted)}
.required-mark{color:var(--danger);font-weight:700}
.optional-mark{font-weight:400;color:var(--muted);font-size:.875rem}
.field{margin:0 0 1.25rem}
.field-row{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));column-gap:1rem}
.field label{display:block;font-weight:600;margin:0 0 .375rem}
.hint{margin:-.125rem 0 .5rem;font-size:.875rem;color:var(--muted)}
input[type=text],input[type=tel],input[type=email],input[type=datetime-local],textarea{
	display:block;width:100%;min-height:3rem;padding:.75rem .875rem;font:inherit;font-size:1rem;color:var(--text);
	background:var(--field);border:1px solid var(--border);border-radius:.5rem;appearance:none;-webkit-appearance:none;
}
textarea{min-height:6rem;resize:vertical}
input:focus,textarea:focus{outline:none;border-color:var(--accent);box-shadow:0 0 0 3px var(--ring)}
.has-error input,.has-error textarea,[aria-invalid=true]{border-color:var(--danger)}
.has-error input:focus,.has-error textarea:focus{box-shadow:0 0 0 3px color-mix(in srgb,var(--danger) 30%,transparent)}
.field-error{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0 0;color:var(--danger);font-size:.9375rem;font-weight:500}
.field-error::before{
	content:"!";flex:none;display:inline-flex;align-items:center;justify-content:center;width:1.25rem;height:1.25rem;
	margin-top:.125rem;border-radius:50%;background:var(--danger);color:var(--card);font-size:.8125rem;font-weight:700;
}
.field-consent{padding:1rem;border:1px solid var(--border);border-radius:.5rem}
.field-consent.has-error{border-color:var(--danger)}
.checkbox{display:flex;gap:.75rem;align-items:flex-start}
.checkbox input{flex:none;width:1.5rem;height:1.5rem;margin:0;accent-color:var(--accent);cursor:pointer}
.checkbox label{display:block;font-weight:400;margin:0;font-size:.9375rem;color:var(--text);cursor:pointer}
.error-summary{
	margin:0 0 1.5rem;padding:1rem 1.25rem;border:2px solid var(--danger);border-radius:.5rem;background:var(--danger-soft);
}
.error-summary h2{margin:0;font-size:1.0625rem;color:var(--danger)}
.error-summary ul{margin:.5rem 0 0;padding-left:1.25rem}
.error-summary li{margin:.25rem 0}
.error-summary a{color:var(--danger);font-weight:500}
.error-summary:focus{outline:none}
.submit{
	display:block;width:100%;min-height:3.25rem;margin-top:.5rem;padding:.875rem 1.25rem;border:0;border-radius:.5rem;
	background:var(--accent);color:var(--on-accent);font:inherit;font-size:1.0625rem;font-weight:600;cursor:pointer;
}
.submit:hover{filter:brightness(1.08)}
.submit:active{filter:brightness(.95)}
.submit:focus-visible{outline:3px solid var(--accent);outline-offset:3px}
.submit[disabled]{cursor:progress;opacity:.75}
.hp{position:absolute!important;left:-10000px!important;top:auto;width:1px;height:1px;overflow:hidden}
`;

/**
 * Progressive enhancement only: the form works without it. It fills the hidden context fields,
 * shows the same inline messages the server would for empty or malformed fields, and stops a
 * double submit. Written as plain ES5 so every phone browser runs it. The `pageshow` handler is
 * there because coming back with the browser's back button must not leave the button stuck on
 * "Sending". Comments stay out of the script itself: the page must not contain a `//`.
 */
const FORM_SCRIPT = `(function () {
	var form = document.getElementById('callback-form');
	if (!form) return;
	function fillIfEmpty(name, value) {
		var field = form.elements.namedItem(name);
		if (field && !field.value && value) field.value = value;
	}
	try { fillIfEmpty('${CALLBACK_FORM_FIELDS.timezone}', Intl.DateTimeFormat().resolvedOptions().timeZone); } catch (e) {}
	var page = document.referrer || location.href;
	if (page.indexOf('about:') !== 0) fillIfEmpty('${CALLBACK_FORM_FIELDS.pageUrl}', page);

	var when = document.getElementById('${CALLBACK_FORM_FIELDS.preferredTime}');
	if (when) {
		var now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
		when.min = now.toISOString().slice(0, 16);
	}

	function messageFor(field) {
		var validity = field.validity;
		if (validity.valid) return '';
		if (validity.valueMissing) return field.getAttribute('data-required-message') || field.validationMessage;
		return field.getAttribute('data-invalid-message') || field.validationMessage;
	}
	function showError(field, message) {
		var box = document.getElementById(field.id + '-error');
		if (!box) return;
		box.textContent = message;
		box.hidden = !message;
		var ids = [];
		if (document.getElementById(field.id + '-hint')) ids.push(field.id + '-hint');
		if (message) ids.push(box.id);
		if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
		else field.removeAttribute('aria-describedby');
		if (message) field.setAttribute('aria-invalid', 'true');
		else field.removeAttribute('aria-invalid');
		var wrapper = box.parentNode;
		if (wrapper && wrapper.classList) wrapper.classList.toggle('has-error', !!message);
	}
	var checked = form.querySelectorAll('[data-required-message]');
	var button = form.querySelector('button[type=submit]');
	var label = button ? button.textContent : '';
	form.noValidate = true;
	form.addEventListener('submit', function (event) {
		var first = null;
		for (var i = 0; i < checked.length; i++) {
			var message = messageFor(checked[i]);
			showError(checked[i], message);
			if (message && !first) first = checked[i];
		}
		if (first) {
			event.preventDefault();
			first.focus();
			return;
		}
		if (button) {
			button.disabled = true;
			button.setAttribute('aria-busy', 'true');
			button.textContent = button.getAttribute('data-busy-label') || label;
		}
	});
	function recheck(event) {
		var field = event.target;
		if (field && field.getAttribute && field.getAttribute('aria-invalid') === 'true' && !messageFor(field)) showError(field, '');
	}
	form.addEventListener('input', recheck);
	form.addEventListener('change', recheck);
	window.addEventListener('pageshow', function () {
		if (!button) return;
		button.disabled = false;
		button.removeAttribute('aria-busy');
		button.textContent = label;
	});
	var summary = document.getElementById('error-summary');
	if (summary) summary.focus();
})();`;
