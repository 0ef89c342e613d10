/**
 * What each "are you human" service documents, in one place: where to verify a token, which
 * form field the widget fills, which error codes mean what, and what the page's
 * Content-Security-Policy must allow for the widget to load.
 */

export type HumanCheckProvider = 'turnstile' | 'hcaptcha' | 'recaptcha-v2' | 'recaptcha-v3';

export const HUMAN_CHECK_PROVIDERS: readonly HumanCheckProvider[] = ['turnstile', 'hcaptcha', 'recaptcha-v2', 'recaptcha-v3'];

export function isHumanCheckProvider(value: unknown): value is HumanCheckProvider {
	return typeof value === 'string' && (HUMAN_CHECK_PROVIDERS as readonly string[]).includes(value);
}

export type HumanCheckFailureReason = 'missing-token' | 'invalid-token' | 'expired' | 'hostname-mismatch' | 'low-score' | 'provider-error';

/** Sources a page must allow, per Content-Security-Policy directive. */
export interface WidgetSources {
	scriptSrc: readonly string[];
	frameSrc: readonly string[];
	styleSrc: readonly string[];
	connectSrc: readonly string[];
}

export interface ProviderFacts {
	/** Shown to business owners, for example in settings and logs. */
	name: string;
	verifyUrl: string;
	/** The hidden field the widget adds to the form. */
	tokenField: string;
	/** The widget's script; reCAPTCHA v3 adds `?render=<site key>`. */
	scriptUrl: string;
	sources: WidgetSources;
	/** Every documented `error-codes` value and what it means for the lead. */
	errorCodes: Readonly<Record<string, HumanCheckFailureReason>>;
	/** Whether the answer carries the `action` the widget was given. */
	hasAction: boolean;
}

/**
 * developers.cloudflare.com/turnstile/get-started/server-side-validation ("Error codes") and
 * /turnstile/reference/content-security-policy. Tokens last 300 seconds and verify once.
 */
const TURNSTILE: ProviderFacts = {
	name: 'Cloudflare Turnstile',
	verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
	tokenField: 'cf-turnstile-response',
	scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
	sources: {
		scriptSrc: ['https://challenges.cloudflare.com'],
		frameSrc: ['https://challenges.cloudflare.com'],
		styleSrc: [],
		connectSrc: [],
	},
	errorCodes: {
		'missing-input-secret': 'provider-error',
		'invalid-input-secret': 'provider-error',
		'missing-input-response': 'missing-token',
		'invalid-input-response': 'invalid-token',
		'bad-request': 'provider-error',
		'timeout-or-duplicate': 'expired',
		'internal-error': 'provider-error',
		// Not in Cloudflare's table, but answered by siteverify and handled by many clients.
		'invalid-widget-id': 'provider-error',
		'invalid-parsed-secret': 'provider-error',
	},
	hasAction: true,
};

/**
 * docs.hcaptcha.com ("Verify the User Response Server Side", "Siteverify Error Codes Table",
 * "Content Security Policy Settings"). Tokens last 120 seconds by default and verify once.
 */
const HCAPTCHA: ProviderFacts = {
	name: 'hCaptcha',
	verifyUrl: 'https://api.hcaptcha.com/siteverify',
	tokenField: 'h-captcha-response',
	scriptUrl: 'https://js.hcaptcha.com/1/api.js',
	sources: {
		scriptSrc: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
		frameSrc: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
		styleSrc: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
		connectSrc: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
	},
	errorCodes: {
		'missing-input-secret': 'provider-error',
		'invalid-input-secret': 'provider-error',
		'missing-input-response': 'missing-token',
		'invalid-input-response': 'invalid-token',
		'expired-input-response': 'expired',
		'already-seen-response': 'expired',
		'bad-request': 'provider-error',
		'missing-remoteip': 'provider-error',
		'invalid-remoteip': 'provider-error',
		'not-using-dummy-passcode': 'provider-error',
		'sitekey-secret-mismatch': 'provider-error',
		// The older name for an invalid or reused token, still answered by some accounts.
		'invalid-or-already-seen-response': 'invalid-token',
	},
	hasAction: false,
};

/**
 * developers.google.com/recaptcha/docs/verify ("Error code reference"), /docs/v3 ("Site Verify
 * Response") and /docs/faq (Content Security Policy). Tokens last two minutes and verify once.
 */
const RECAPTCHA_ERRORS: Readonly<Record<string, HumanCheckFailureReason>> = {
	'missing-input-secret': 'provider-error',
	'invalid-input-secret': 'provider-error',
	'missing-input-response': 'missing-token',
	'invalid-input-response': 'invalid-token',
	'bad-request': 'provider-error',
	'timeout-or-duplicate': 'expired',
};

const RECAPTCHA_SOURCES: WidgetSources = {
	scriptSrc: ['https://www.google.com/recaptcha/', 'https://www.gstatic.com/recaptcha/'],
	frameSrc: ['https://www.google.com/recaptcha/', 'https://recaptcha.google.com/recaptcha/'],
	styleSrc: [],
	connectSrc: [],
};

export const PROVIDER_FACTS: Readonly<Record<HumanCheckProvider, ProviderFacts>> = {
	turnstile: TURNSTILE,
	hcaptcha: HCAPTCHA,
	'recaptcha-v2': {
		name: 'Google reCAPTCHA v2',
		verifyUrl: 'https://www.google.com/recaptcha/api/siteverify',
		tokenField: 'g-recaptcha-response',
		scriptUrl: 'https://www.google.com/recaptcha/api.js',
		sources: RECAPTCHA_SOURCES,
		errorCodes: RECAPTCHA_ERRORS,
		hasAction: false,
	},
	'recaptcha-v3': {
		name: 'Google reCAPTCHA v3',
		verifyUrl: 'https://www.google.com/recaptcha/api/siteverify',
		tokenField: 'g-recaptcha-response',
		scriptUrl: 'https://www.google.com/recaptcha/api.js',
		sources: RECAPTCHA_SOURCES,
		errorCodes: RECAPTCHA_ERRORS,
		hasAction: true,
	},
};
