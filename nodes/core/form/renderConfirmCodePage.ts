import { escapeHtml } from './escapeHtml';
import { renderPageLayout } from './pageLayout';
import { CALLBACK_FORM_CSS } from './renderCallbackFormPage';

export interface ConfirmCodePageOptions {
	businessName: string;
	/** The number the code went to, as the lead would write it, e.g. "(415) 555-0142". */
	phoneText: string;
	/** Minutes the code can be used. */
	validMinutes: number;
	/**
	 * The submission as it was sent, posted back unchanged with the code: the confirmation is
	 * signed for exactly these answers.
	 */
	submitted: Record<string, string | readonly string[]>;
	tokenField: string;
	token: string;
	codeField: string;
	codeDigits: number;
	/** Why the last code was not accepted, if it was not. */
	error?: string;
	nonce: string;
	accentColor?: string;
}

function hidden(name: string, value: string): string {
	return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

const CODE_CSS = `
.code-input input{font-size:1.5rem;letter-spacing:.35em;text-align:center;font-variant-numeric:tabular-nums}
.lead strong{white-space:nowrap}
.resend{margin:1.25rem 0 0;font-size:.9375rem;color:var(--muted);text-align:center}
`;

/**
 * The page after a request that must be confirmed: "we texted a code to …", one field for the
 * code, and the answers sent again as hidden fields. It loads nothing and runs no script.
 */
export function renderConfirmCodePage(options: ConfirmCodePageOptions): string {
	const hiddenFields = Object.entries(options.submitted)
		.flatMap(([name, value]) => (typeof value === 'string' ? [hidden(name, value)] : value.map((entry) => hidden(name, entry))))
		.join('');
	const error = (options.error ?? '').trim();
	const codeId = 'confirmation-code';
	const body =
		'<h1>Confirm your number</h1>' +
		`<p class="lead">We texted a ${options.codeDigits}-digit code to <strong>${escapeHtml(options.phoneText)}</strong>. Type it below to confirm your callback request. The code works for ${options.validMinutes} minutes.</p>` +
		(error
			? `<div class="error-summary" id="error-summary" role="alert" tabindex="-1"><h2 id="error-summary-title">${escapeHtml(error)}</h2></div>`
			: '') +
		'<form id="confirm-form" class="form" method="post" action="" accept-charset="utf-8">' +
		`<div class="field code-input${error ? ' has-error' : ''}">` +
		`<label for="${codeId}">Code from the text</label>` +
		`<input type="text" id="${codeId}" name="${escapeHtml(options.codeField)}" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 -]*" maxlength="${options.codeDigits + 2}" required autofocus${error ? ' aria-invalid="true" aria-describedby="error-summary-title"' : ''}>` +
		'</div>' +
		hiddenFields +
		hidden(options.tokenField, options.token) +
		'<button type="submit" class="submit">Confirm</button>' +
		'</form>' +
		'<p class="resend">No text? Wrong number? Go back and send the form again.</p>';
	return renderPageLayout({
		documentTitle: 'Confirm your number',
		businessName: options.businessName,
		nonce: options.nonce,
		accentColor: options.accentColor,
		body,
		css: CALLBACK_FORM_CSS + CODE_CSS,
	});
}
