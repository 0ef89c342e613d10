import { widgetScript, withWidgetSources, type HumanCheckProvider } from '../abuse/humanCheck';
import { FORM_TOKEN_FIELD } from '../abuse/submitTiming';
import { FORM_FIELD_NAMES } from '../callbackRequest/CallbackRequest';
import type { FieldRule, FieldRules } from '../callbackRequest/fieldRules';
import { escapeHtml, escapeMultilineText } from './escapeHtml';
import { pageContentSecurityPolicy, renderPageLayout } from './pageLayout';
import { renderSlotPicker, SLOT_PICKER_CSS, SLOT_PICKER_SCRIPT, type SlotPickerOptions } from './renderSlotPicker';

/** Names of the urlencoded fields the hosted form posts: the server's names, plus the page's marker. */
export const CALLBACK_FORM_FIELDS = {
	firstName: FORM_FIELD_NAMES.firstName,
	lastName: FORM_FIELD_NAMES.lastName,
	fullName: FORM_FIELD_NAMES.fullName,
	phone: FORM_FIELD_NAMES.phone,
	email: FORM_FIELD_NAMES.email,
	reason: FORM_FIELD_NAMES.reason,
	preferredTime: FORM_FIELD_NAMES.preferredTime,
	consent: FORM_FIELD_NAMES.consent,
	timezone: FORM_FIELD_NAMES.timezone,
	pageUrl: FORM_FIELD_NAMES.pageUrl,
	form: '_form',
	formToken: FORM_TOKEN_FIELD,
} as const;

/** Value a ticked consent checkbox posts. */
export const CONSENT_GIVEN_VALUE = 'yes';

/** Value of the hidden `_form` field, telling the server the post came from the hosted page. */
export const HOSTED_FORM_MARKER = 'hosted';

export type CallbackFormOptionalField = 'email' | 'reason' | 'preferredTime';

export interface CallbackFormPageOptions {
	/** Shown above the title so the person knows who will call. */
	businessName: string;
	title: string;
	/** Plain text; line breaks are kept. */
	introText: string;
	nameFields: 'firstAndLast' | 'fullName';
	optionalFields: CallbackFormOptionalField[];
	/**
	 * The server's rules for each field (`fieldRules` of the node's settings): lengths, which
	 * fields are required, and the messages the page shows before it sends anything.
	 */
	rules: FieldRules;
	/** Label of the consent checkbox; an empty string leaves the checkbox out. */
	consentText: string;
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
	/**
	 * The "are you human" widget the business turned on, shown above the send button. Without
	 * it the page loads nothing from anywhere else.
	 */
	humanCheck?: FormHumanCheck;
	/**
	 * The signed token saying when this page was served (see abuse/submitTiming), posted back in
	 * a hidden field so the server can tell a person who took a few seconds from a script that
	 * sent at once. Left out when the business turned the minimum time off.
	 */
	formToken?: string;
	/**
	 * The business's free time slots, offered instead of a free date and time field (the
	 * trigger's Time Slots). The zone choice then posts the lead's timezone.
	 */
	slotPicker?: Omit<SlotPickerOptions, 'fieldName' | 'zoneFieldName' | 'error'>;
}

export interface FormHumanCheck {
	provider: HumanCheckProvider;
	/** The provider's public site key; the secret key never comes near the page. */
	siteKey: string;
}

/**
 * The policy to send with the form page: the one every hosted page uses, opened for the human
 * check's provider only when the form shows its widget.
 */
export function callbackFormContentSecurityPolicy(nonce: string, humanCheck?: HumanCheckProvider, slotPicker = false): string {
	// The slot picker asks this same trigger for the free slots of another zone.
	const policy = slotPicker ? `${pageContentSecurityPolicy(nonce)}; connect-src 'self'` : pageContentSecurityPolicy(nonce);
	return humanCheck ? withWidgetSources(policy, humanCheck) : policy;
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
	/** Required-ness, length and messages: the same rule the server applies. */
	rule: FieldRule;
	hint?: string;
}

interface InputSpec extends FieldSpec {
	type: 'text' | 'tel' | 'email' | 'datetime-local';
	autocomplete?: string;
	inputMode?: string;
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
function controlAttributes(spec: FieldSpec, error: string, counted = false): Array<[string, string | number | boolean | undefined]> {
	const describedBy = [spec.hint ? `${spec.name}-hint` : '', counted ? `${spec.name}-count` : '', error ? `${spec.name}-error` : '']
		.filter(Boolean)
		.join(' ');
	const { rule } = spec;
	return [
		['id', spec.name],
		['name', spec.name],
		['required', rule.required],
		['aria-describedby', describedBy || undefined],
		['aria-invalid', error ? 'true' : undefined],
		['data-required-message', rule.messages.required],
		['data-invalid-message', rule.messages.invalid || undefined],
		['data-max-length', rule.maxLength ?? undefined],
		['data-too-long-message', rule.maxLength === null ? undefined : rule.messages.tooLong],
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
			// One line of text: the browser stops at the limit, as the server does.
			['maxlength', spec.rule.maxLength ?? undefined],
			['value', valueOf(context, spec.name)],
		]) +
		'>';
	return (
		`<div class="${fieldClass(error)}">` +
		`<label for="${spec.name}">${escapeHtml(spec.label)}${labelMarker(spec.rule.required)}</label>` +
		hintMarkup(spec) +
		input +
		errorMarkup(spec.name, error) +
		'</div>'
	);
}

/** "You can use up to 500 characters."; the script turns it into a live count. */
export function characterLimitText(maxLength: number): string {
	return `You can use up to ${maxLength} characters.`;
}

/**
 * Several lines of text. No `maxlength` here: a pasted message would be cut without a word.
 * The count under the box says how much is left, and the script refuses to send a text that
 * is too long, with the server's message.
 */
function renderTextarea(spec: FieldSpec, context: RenderContext): string {
	const error = errorOf(context, spec.name);
	const limit = spec.rule.maxLength;
	return (
		`<div class="${fieldClass(error)}">` +
		`<label for="${spec.name}">${escapeHtml(spec.label)}${labelMarker(spec.rule.required)}</label>` +
		hintMarkup(spec) +
		'<textarea' +
		attributes([...controlAttributes(spec, error, limit !== null), ['rows', 3]]) +
		`>${escapeHtml(valueOf(context, spec.name))}</textarea>` +
		(limit === null ? '' : `<p class="char-count" id="${spec.name}-count">${escapeHtml(characterLimitText(limit))}</p>`) +
		errorMarkup(spec.name, error) +
		'</div>'
	);
}

function renderConsent(consentText: string, rule: FieldRule, context: RenderContext): string {
	const spec: FieldSpec = { name: CALLBACK_FORM_FIELDS.consent, label: consentText, rule };
	const required = rule.required;
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

/** The phone hint: the example number, and how to add an extension, which is then dialled too. */
export function phoneHint(phoneExample: string): string {
	return phoneExample ? `For example ${phoneExample}, or ${phoneExample} x123 with an extension.` : 'With an extension, add it after an x, for example x123.';
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

	const { rules } = options;
	if (options.nameFields === 'fullName') {
		add(
			CALLBACK_FORM_FIELDS.fullName,
			renderInput({ name: CALLBACK_FORM_FIELDS.fullName, label: 'Your name', type: 'text', rule: rules.fullName, autocomplete: 'name' }, context),
		);
	} else {
		const firstName = renderInput(
			{ name: CALLBACK_FORM_FIELDS.firstName, label: 'First name', type: 'text', rule: rules.firstName, autocomplete: 'given-name' },
			context,
		);
		const lastName = renderInput(
			{ name: CALLBACK_FORM_FIELDS.lastName, label: 'Last name', type: 'text', rule: rules.lastName, autocomplete: 'family-name' },
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
				rule: rules.phone,
				autocomplete: 'tel',
				inputMode: 'tel',
				hint: phoneHint(phoneExample),
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
					rule: rules.email,
					autocomplete: 'email',
				},
				context,
			),
		);
	}

	if (options.slotPicker) {
		const name = CALLBACK_FORM_FIELDS.preferredTime;
		add(name, renderSlotPicker({ ...options.slotPicker, fieldName: name, zoneFieldName: CALLBACK_FORM_FIELDS.timezone, error: errorOf(context, name) }));
	} else if (shows.has('preferredTime')) {
		add(
			CALLBACK_FORM_FIELDS.preferredTime,
			renderInput(
				{
					name: CALLBACK_FORM_FIELDS.preferredTime,
					label: 'Best time to call',
					type: 'datetime-local',
					rule: rules.preferredTime,
					hint: 'We will call as close to this time as we can, within our opening hours.',
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
					rule: rules.reason,
				},
				context,
			),
		);
	}

	// Without a text there is nothing to agree to, so requireConsent alone cannot add a checkbox.
	if (consentText !== '') {
		add(CALLBACK_FORM_FIELDS.consent, renderConsent(consentText, rules.consent, context));
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
		(options.slotPicker ? '' : renderHidden(CALLBACK_FORM_FIELDS.timezone, valueOf(context, CALLBACK_FORM_FIELDS.timezone))) +
		renderHidden(CALLBACK_FORM_FIELDS.pageUrl, valueOf(context, CALLBACK_FORM_FIELDS.pageUrl)) +
		(options.formToken ? renderHidden(CALLBACK_FORM_FIELDS.formToken, options.formToken) : '');

	const widget = options.humanCheck ? widgetScript(options.humanCheck.provider, options.humanCheck.siteKey, { nonce: options.nonce }) : undefined;
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
		(widget ? `<div class="human-check">${widget.markup}</div>` : '') +
		`<button type="submit" class="submit" data-busy-label="Sending…">${escapeHtml(options.submitLabel)}</button>` +
		'</form>';

	return renderPageLayout({
		documentTitle: options.title,
		businessName: options.businessName,
		nonce: options.nonce,
		accentColor: options.accentColor,
		body,
		css: options.slotPicker ? CALLBACK_FORM_CSS + SLOT_PICKER_CSS : CALLBACK_FORM_CSS,
		script: options.slotPicker ? FORM_SCRIPT + SLOT_PICKER_SCRIPT : FORM_SCRIPT,
		scriptTags: widget?.scriptTag,
	});
}

export const CALLBACK_FORM_CSS = `
[hidden]{display:none!important}
.form{margin:0}
.required-note{margin:0 0 1rem;font-size:.875rem;color:var(--muted)}
.required-mark{color:var(--danger);font-weight:700}
.optional-mark{font-weight:400;color:var(--muted);font-size:.875rem}
.field{margin:0 0 1.25rem}
.field-row{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));column-gap:1rem}
.field label{display:block;font-weight:600;margin:0 0 .375rem}
.hint{margin:-.125rem 0 .5rem;font-size:.875rem;color:var(--muted)}
.char-count{margin:.375rem 0 0;font-size:.875rem;color:var(--muted)}
.char-count.over{color:var(--danger);font-weight:600}
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
.human-check{margin:0 0 1rem;min-height:0}
.hp{position:absolute!important;left:-10000px!important;top:auto;width:1px;height:1px;overflow:hidden}
`;

/**
 * Progressive enhancement only: the form works without it. It fills the hidden context fields,
 * shows the server's own messages inline for empty, too long or malformed fields before
 * anything is sent, counts what is left of a long text, and stops a double submit. Written as
 * plain ES5 so every phone browser runs it. `countOf` counts as the server's `cleanFieldText`
 * does (control characters out, white space runs as one, ends trimmed), so the page refuses
 * exactly what the server would. With reCAPTCHA v3 there is no box to tick: the hidden token
 * field carries the site key, and the script asks Google for a token just before sending. The `pageshow` handler is there because coming back with the
 * browser's back button must not leave the button stuck on "Sending". Comments stay out of the
 * script itself: the page must not contain a `//`.
 */
const FORM_SCRIPT = String.raw`(function () {
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

	function countOf(field) {
		var value = String(field.value || '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
		value = field.tagName === 'TEXTAREA' ? value.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ') : value.replace(/\s+/g, ' ');
		return value.trim().length;
	}
	function maxLengthOf(field) {
		return Number(field.getAttribute('data-max-length')) || 0;
	}
	function messageFor(field) {
		var max = maxLengthOf(field);
		if (max && countOf(field) > max) return field.getAttribute('data-too-long-message');
		var validity = field.validity;
		if (validity.valid) return '';
		if (validity.valueMissing) return field.getAttribute('data-required-message') || field.validationMessage;
		return field.getAttribute('data-invalid-message') || field.validationMessage;
	}
	function plural(count) {
		return count + (count === 1 ? ' character' : ' characters');
	}
	function showCount(field) {
		var box = document.getElementById(field.id + '-count');
		var max = maxLengthOf(field);
		if (!box || !max) return;
		var left = max - countOf(field);
		box.textContent = left >= 0 ? 'You have ' + plural(left) + ' remaining' : 'You have ' + plural(-left) + ' too many';
		if (box.classList) box.classList.toggle('over', left < 0);
	}
	function showError(field, message) {
		var box = document.getElementById(field.id + '-error');
		if (!box) return;
		box.textContent = message;
		box.hidden = !message;
		var ids = [];
		if (document.getElementById(field.id + '-hint')) ids.push(field.id + '-hint');
		if (document.getElementById(field.id + '-count')) ids.push(field.id + '-count');
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
	var scored = form.querySelector('input[type=hidden][data-sitekey]');
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
		var recaptcha = window.grecaptcha;
		if (scored && !scored.value && recaptcha && recaptcha.ready) {
			event.preventDefault();
			recaptcha.ready(function () {
				recaptcha.execute(scored.getAttribute('data-sitekey'), { action: scored.getAttribute('data-action') }).then(function (token) {
					scored.value = token;
					form.submit();
				}, function () {
					form.submit();
				});
			});
		}
	});
	function recheck(event) {
		var field = event.target;
		if (!field || !field.getAttribute) return;
		showCount(field);
		if (field.getAttribute('aria-invalid') === 'true' && !messageFor(field)) showError(field, '');
	}
	for (var c = 0; c < checked.length; c++) showCount(checked[c]);
	form.addEventListener('input', recheck);
	form.addEventListener('change', recheck);
	window.addEventListener('pageshow', function () {
		if (scored) scored.value = '';
		if (!button) return;
		button.disabled = false;
		button.removeAttribute('aria-busy');
		button.textContent = label;
	});
	var summary = document.getElementById('error-summary');
	if (summary) summary.focus();
})();`;
