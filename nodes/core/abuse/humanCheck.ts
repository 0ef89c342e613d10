import { escapeHtml } from '../form/escapeHtml';
import {
	PROVIDER_FACTS,
	type HumanCheckFailureReason,
	type HumanCheckProvider,
	type WidgetSources,
} from './humanCheckProviders';

/**
 * Server-side check of the "are you human" widget on the hosted form (Cloudflare Turnstile,
 * hCaptcha or Google reCAPTCHA). The widget alone proves nothing: it puts a token in the form,
 * and only the provider's siteverify endpoint can say whether that token is real. This module
 * builds that request and reads the answer; the caller sends it. Anything unclear is a refusal.
 */

export {
	HUMAN_CHECK_PROVIDERS,
	isHumanCheckProvider,
	type HumanCheckFailureReason,
	type HumanCheckProvider,
	type WidgetSources,
} from './humanCheckProviders';

export interface HumanCheckRequestInput {
	/** The secret key from the provider's dashboard; it only ever goes to the provider. */
	secret: string;
	/** What the widget put in the form (see tokenField). */
	token: string | undefined | null;
	/** The lead's IP address; optional for every provider. */
	remoteIp?: string;
	/** Checked in the answer, not sent: no provider takes it in the request. */
	expectedHostname?: string | readonly string[];
	/** hCaptcha only: refuses tokens made for another site key. */
	siteKey?: string;
	/** Turnstile only: a UUID that lets the same token be verified again when a request is retried. */
	idempotencyKey?: string;
}

export interface HumanCheckRequest {
	method: 'POST';
	url: string;
	contentType: 'application/x-www-form-urlencoded';
	/** application/x-www-form-urlencoded, as every provider documents. */
	body: string;
}

/** The siteverify call for one token. */
export function humanCheckRequest(provider: HumanCheckProvider, input: HumanCheckRequestInput): HumanCheckRequest {
	const facts = PROVIDER_FACTS[provider];
	if (typeof input.secret !== 'string' || input.secret.trim() === '') {
		throw new Error(`The ${facts.name} secret key is missing.`);
	}
	const params = new URLSearchParams();
	params.append('secret', input.secret);
	params.append('response', typeof input.token === 'string' ? input.token : '');
	if (input.remoteIp) params.append('remoteip', input.remoteIp);
	if (provider === 'hcaptcha' && input.siteKey) params.append('sitekey', input.siteKey);
	if (provider === 'turnstile' && input.idempotencyKey) params.append('idempotency_key', input.idempotencyKey);
	return { method: 'POST', url: facts.verifyUrl, contentType: 'application/x-www-form-urlencoded', body: params.toString() };
}

export interface HumanCheckExpectations {
	/** The hostname(s) the hosted form is served on; the answer must name one of them. */
	expectedHostname?: string | readonly string[];
	/** reCAPTCHA v3 only: the lowest score (0.0 bot to 1.0 person) let through. Google suggests 0.5. */
	minScore?: number;
	/** Turnstile and reCAPTCHA v3: the action the widget was given. */
	expectedAction?: string;
}

export const DEFAULT_MIN_SCORE = 0.5;

export type HumanCheckResult =
	| { passed: true; score?: number }
	| {
			passed: false;
			reason: HumanCheckFailureReason;
			/** For the person at the form; never names a key or a code. */
			message: string;
			/** The provider's own codes, for the business owner's logs. */
			errorCodes: string[];
	  };

const MESSAGES: Record<HumanCheckFailureReason, string> = {
	'missing-token': 'The security check did not finish. Please wait until it is done, then send the form again.',
	'invalid-token': 'The security check did not pass. Please complete it again and send the form.',
	expired: 'The security check timed out. Please do it again, then send the form.',
	'hostname-mismatch': 'The security check did not pass. Please complete it again and send the form.',
	'low-score': 'We could not confirm that you are a person. Please complete the check again and send the form.',
	'provider-error': 'The security check is not working right now. Please try again in a few minutes.',
};

/** When several codes come back, the first reason here wins: a broken setup must be seen. */
const PRECEDENCE: readonly HumanCheckFailureReason[] = ['provider-error', 'missing-token', 'expired', 'invalid-token'];

function fail(reason: HumanCheckFailureReason, errorCodes: string[] = []): HumanCheckResult {
	return { passed: false, reason, message: MESSAGES[reason], errorCodes };
}

function readErrorCodes(answer: Record<string, unknown>): string[] {
	const codes = answer['error-codes'];
	return Array.isArray(codes) ? codes.filter((code): code is string => typeof code === 'string') : [];
}

function normalHostname(hostname: string): string {
	return hostname.trim().toLowerCase().replace(/\.$/, '');
}

/** Reads the provider's JSON answer. Only `success: true` that meets every expectation passes. */
export function readHumanCheckAnswer(provider: HumanCheckProvider, json: unknown, expect: HumanCheckExpectations = {}): HumanCheckResult {
	const facts = PROVIDER_FACTS[provider];
	const minScore = expect.minScore ?? DEFAULT_MIN_SCORE;
	if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
		throw new RangeError('The lowest reCAPTCHA score must be between 0 and 1.');
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('provider-error');
	const answer = json as Record<string, unknown>;
	const errorCodes = readErrorCodes(answer);

	if (answer.success !== true) {
		if (answer.success !== false) return fail('provider-error', errorCodes);
		const reasons = new Set(errorCodes.map((code) => facts.errorCodes[code] ?? 'invalid-token'));
		return fail(PRECEDENCE.find((reason) => reasons.has(reason)) ?? 'invalid-token', errorCodes);
	}

	if (expect.expectedHostname !== undefined) {
		const allowed = (typeof expect.expectedHostname === 'string' ? [expect.expectedHostname] : expect.expectedHostname).map(normalHostname);
		const hostname = typeof answer.hostname === 'string' ? normalHostname(answer.hostname) : '';
		if (hostname === '' || !allowed.includes(hostname)) return fail('hostname-mismatch', errorCodes);
	}

	if (facts.hasAction && expect.expectedAction !== undefined && answer.action !== expect.expectedAction) {
		// A token made for another form or page on the same site key.
		return fail('invalid-token', errorCodes);
	}

	if (provider === 'recaptcha-v3') {
		const score = answer.score;
		// No score means the keys are v2 keys: the setup is wrong, not the lead.
		if (typeof score !== 'number' || !Number.isFinite(score)) return fail('provider-error', errorCodes);
		return score < minScore ? fail('low-score', errorCodes) : { passed: true, score };
	}
	return { passed: true };
}

export interface HumanCheckWidget {
	scriptUrl: string;
	/** The `<script>` element, with the page nonce when one is given. */
	scriptTag: string;
	/** What goes inside the `<form>`, where the widget should appear. */
	markup: string;
	/** The form field the token arrives in. */
	tokenField: string;
	/** What the page's Content-Security-Policy must allow (see withWidgetSources). */
	sources: WidgetSources;
}

/** The action the hosted form gives Turnstile and reCAPTCHA v3 unless told otherwise. */
export const DEFAULT_WIDGET_ACTION = 'callback_request';

/** Turnstile allows 32 characters of a-z, 0-9, - and _; reCAPTCHA v3 letters, digits, / and _. */
const ACTION = /^[A-Za-z0-9_]{1,32}$/;

/**
 * The script and markup for the widget on the hosted form, escaped for HTML. The form adds them
 * only when a human check is turned on. For reCAPTCHA v3 there is nothing to click: the markup is
 * a hidden field, and the form's script must call `grecaptcha.execute(siteKey, { action })`
 * before posting and put the token in it.
 */
export function widgetScript(
	provider: HumanCheckProvider,
	siteKey: string,
	options: { action?: string; nonce?: string } = {},
): HumanCheckWidget {
	const facts = PROVIDER_FACTS[provider];
	if (typeof siteKey !== 'string' || siteKey.trim() === '') {
		throw new Error(`The ${facts.name} site key is missing.`);
	}
	const key = siteKey.trim();
	const action = options.action ?? DEFAULT_WIDGET_ACTION;
	if (!ACTION.test(action)) {
		throw new Error('The widget action may only use letters, digits and _, up to 32 characters.');
	}

	const scriptUrl = provider === 'recaptcha-v3' ? `${facts.scriptUrl}?render=${encodeURIComponent(key)}` : facts.scriptUrl;
	const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : '';
	const scriptTag = `<script src="${escapeHtml(scriptUrl)}" async defer${nonce}></script>`;
	const sitekeyAttribute = `data-sitekey="${escapeHtml(key)}"`;

	let markup: string;
	switch (provider) {
		case 'turnstile':
			markup = `<div class="cf-turnstile" ${sitekeyAttribute} data-action="${escapeHtml(action)}"></div>`;
			break;
		case 'hcaptcha':
			markup = `<div class="h-captcha" ${sitekeyAttribute}></div>`;
			break;
		case 'recaptcha-v2':
			markup = `<div class="g-recaptcha" ${sitekeyAttribute}></div>`;
			break;
		case 'recaptcha-v3':
			markup = `<input type="hidden" name="${facts.tokenField}" value="" ${sitekeyAttribute} data-action="${escapeHtml(action)}">`;
			break;
	}
	return { scriptUrl, scriptTag, markup, tokenField: facts.tokenField, sources: facts.sources };
}

const DIRECTIVES: ReadonlyArray<[keyof WidgetSources, string]> = [
	['scriptSrc', 'script-src'],
	['frameSrc', 'frame-src'],
	['styleSrc', 'style-src'],
	['connectSrc', 'connect-src'],
];

/**
 * The hosted page's Content-Security-Policy, opened just enough for one provider's widget:
 * its sources are added to the directives that exist and the missing ones are created.
 */
export function withWidgetSources(policy: string, provider: HumanCheckProvider): string {
	const directives = policy
		.split(';')
		.map((part) => part.trim())
		.filter((part) => part !== '');
	const sources = PROVIDER_FACTS[provider].sources;
	for (const [field, name] of DIRECTIVES) {
		const extra = sources[field];
		if (extra.length === 0) continue;
		const index = directives.findIndex((directive) => directive.split(/\s+/)[0].toLowerCase() === name);
		if (index === -1) {
			directives.push(`${name} ${extra.join(' ')}`);
			continue;
		}
		const present = directives[index].split(/\s+/);
		const kept = present.filter((source) => source !== "'none'");
		const added = extra.filter((source) => !kept.includes(source));
		directives[index] = [...kept, ...added].join(' ');
	}
	return directives.join('; ');
}
