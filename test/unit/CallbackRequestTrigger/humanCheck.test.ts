import type { IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_SUBMISSION_RULES } from '../../../nodes/core/callbackRequest/normalizeSubmission';
import {
	checkHuman,
	formHumanCheck,
	HUMAN_CHECK_TOKEN_FIELDS,
	MAX_TOKEN_LENGTH,
	parseHostnames,
	readHumanCheckSettings,
	requestHostname,
	submittedToken,
	type HumanCheckSettings,
} from '../../../nodes/CallbackRequestTrigger/humanCheck';
import { formPage } from '../../../nodes/CallbackRequestTrigger/pages';
import type { HostedFormSettings } from '../../../nodes/CallbackRequestTrigger/readTriggerSettings';
import { tagsOf, textOf } from '../core/form/htmlInspection';

type Answer = { statusCode: number; body: unknown } | Error;

/** Just what checkHuman and readHumanCheckSettings use of n8n's webhook context. */
function fakeContext(answer: Answer, parameters: Record<string, unknown> = {}, credential: Record<string, unknown> = {}) {
	const sent: IHttpRequestOptions[] = [];
	const context = {
		getNodeParameter: (name: string, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async (type: string) => ({ type, ...credential }),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				if (answer instanceof Error) throw answer;
				return answer;
			},
		},
		logger: { warn: () => undefined, error: () => undefined, debug: () => undefined },
	} as unknown as IWebhookFunctions;
	return { context, sent };
}

const turnstile: HumanCheckSettings = {
	provider: 'turnstile',
	siteKey: '1x00000000000000000000AA',
	secretKey: 'the-secret',
	verifyUrl: 'http://127.0.0.1:9/turnstile/v0/siteverify',
	minScore: 0.5,
	hostnames: [],
};
const passed = { statusCode: 200, body: { success: true, hostname: 'forms.example.com', challenge_ts: '2025-01-01T00:00:00Z', 'error-codes': [] } };
const request = { ip: '203.0.113.7', host: 'Forms.Example.com:5678' };

describe('reading the settings', () => {
	it('is off by default and reads no credential', async () => {
		const { context } = fakeContext(passed);
		expect(await readHumanCheckSettings(context)).toBeNull();
	});

	it("takes reCAPTCHA's version and minimum score from the credential, and the hostnames from the node", async () => {
		const { context } = fakeContext(passed, { humanCheck: 'recaptcha', humanCheckHostnames: ' www.Example.com,example.com. ' }, { siteKey: ' k ', secretKey: 's', version: 'v3', minScore: 0.7, verifyUrl: '' });
		expect(await readHumanCheckSettings(context)).toEqual({
			provider: 'recaptcha-v3',
			siteKey: 'k',
			secretKey: 's',
			verifyUrl: 'https://www.google.com/recaptcha/api/siteverify',
			minScore: 0.7,
			hostnames: ['www.example.com', 'example.com'],
		});
	});

	it('gives the page the site key and never the secret', () => {
		expect(formHumanCheck(turnstile)).toEqual({ provider: 'turnstile', siteKey: '1x00000000000000000000AA' });
		expect(formHumanCheck(null)).toBeUndefined();
	});
});

describe('the pieces of a request', () => {
	it("reads the token from the provider's field, else humanCheckToken, and nothing else", () => {
		expect(submittedToken({ 'cf-turnstile-response': ' t1 ', humanCheckToken: 't2' }, 'turnstile')).toBe('t1');
		expect(submittedToken({ humanCheckToken: 't2' }, 'hcaptcha')).toBe('t2');
		expect(submittedToken({ 'g-recaptcha-response': ['t3'] }, 'recaptcha-v2')).toBe('t3');
		expect(submittedToken({ 'h-captcha-response': 't4' }, 'turnstile')).toBeUndefined();
		expect(submittedToken({ humanCheckToken: { nested: 'x' } }, 'turnstile')).toBeUndefined();
		expect(submittedToken({ 'cf-turnstile-response': '   ' }, 'turnstile')).toBeUndefined();
	});

	it('keeps every token field out of the lead data', () => {
		expect(HUMAN_CHECK_TOKEN_FIELDS).toEqual(['cf-turnstile-response', 'h-captcha-response', 'g-recaptcha-response', 'humanCheckToken']);
	});

	it('reads the hostname of a Host header', () => {
		expect(requestHostname('Forms.Example.com:5678')).toBe('forms.example.com');
		expect(requestHostname('[::1]:5678')).toBe('::1');
		expect(requestHostname('localhost')).toBe('localhost');
		expect(requestHostname(undefined)).toBeUndefined();
		expect(requestHostname('evil.com/path')).toBeUndefined();
		expect(requestHostname('a b')).toBeUndefined();
	});

	it('splits hostnames on commas and spaces, once each', () => {
		expect(parseHostnames('a.com, B.com  a.com,,')).toEqual(['a.com', 'b.com']);
		expect(parseHostnames('')).toEqual([]);
	});
});

describe('checkHuman', () => {
	it('posts the token form-encoded to the Verify URL with the secret and the lead\'s address, and passes a confirmed token', async () => {
		const { context, sent } = fakeContext(passed);
		expect(await checkHuman(context, turnstile, request, { 'cf-turnstile-response': 'tok' })).toEqual({ passed: true });
		expect(sent).toEqual([
			expect.objectContaining({
				method: 'POST',
				url: 'http://127.0.0.1:9/turnstile/v0/siteverify',
				body: 'secret=the-secret&response=tok&remoteip=203.0.113.7',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			}),
		]);
	});

	it('sends hCaptcha the site key', async () => {
		const { context, sent } = fakeContext(passed);
		await checkHuman(context, { ...turnstile, provider: 'hcaptcha', siteKey: 'site' }, request, { 'h-captcha-response': 'tok' });
		expect(sent[0].body).toBe('secret=the-secret&response=tok&remoteip=203.0.113.7&sitekey=site');
	});

	it('refuses a missing or absurdly long token without asking the provider', async () => {
		const { context, sent } = fakeContext(passed);
		expect(await checkHuman(context, turnstile, request, {})).toMatchObject({ passed: false, status: 422, error: 'human-check-failed', reason: 'missing-token', headers: {} });
		expect(await checkHuman(context, turnstile, request, { humanCheckToken: 'x'.repeat(MAX_TOKEN_LENGTH + 1) })).toMatchObject({ status: 422, reason: 'invalid-token' });
		expect(sent).toHaveLength(0);
	});

	it('refuses a token the provider refuses, or one made on another site', async () => {
		const refused = fakeContext({ statusCode: 200, body: { success: false, 'error-codes': ['invalid-input-response'] } });
		expect(await checkHuman(refused.context, turnstile, request, { humanCheckToken: 't' })).toEqual({
			passed: false,
			status: 422,
			error: 'human-check-failed',
			reason: 'invalid-token',
			message: 'The security check did not pass. Please complete it again and send the form.',
			errorCodes: ['invalid-input-response'],
			headers: {},
		});
		const { context } = fakeContext(passed);
		expect(await checkHuman(context, turnstile, { ...request, host: 'other.example.com' }, { humanCheckToken: 't' })).toMatchObject({ status: 422, reason: 'hostname-mismatch' });
		expect(await checkHuman(context, turnstile, { ip: request.ip }, { humanCheckToken: 't' })).toMatchObject({ status: 422, reason: 'hostname-mismatch' });
		expect(await checkHuman(context, { ...turnstile, hostnames: ['www.example.com', 'forms.example.com'] }, { ip: request.ip }, { humanCheckToken: 't' })).toEqual({ passed: true });
	});

	it.each([
		['a network error', new Error('connect ECONNREFUSED')],
		['a 500', { statusCode: 500, body: { success: false } }],
		['a 502 page', { statusCode: 502, body: '<html>Bad gateway</html>' }],
		['a 429', { statusCode: 429, body: {} }],
		['an HTML page with 200', { statusCode: 200, body: '<!doctype html><p>Just a moment</p>' }],
		['JSON without success', { statusCode: 200, body: { hostname: 'forms.example.com' } }],
		['a wrong secret', { statusCode: 200, body: { success: false, 'error-codes': ['invalid-input-secret'] } }],
	] as Array<[string, Answer]>)('answers 503 with Retry-After, never a pass, on %s', async (_, answer) => {
		const { context } = fakeContext(answer);
		expect(await checkHuman(context, turnstile, request, { humanCheckToken: 't' })).toEqual({
			passed: false,
			status: 503,
			error: 'human-check-unavailable',
			reason: 'provider-error',
			message: 'The security check is not working right now. Please try again in a few minutes.',
			errorCodes: expect.any(Array),
			headers: { 'Retry-After': '60' },
		});
	});

	it('reads a JSON answer that came as text', async () => {
		const { context } = fakeContext({ statusCode: 200, body: JSON.stringify(passed.body) });
		expect(await checkHuman(context, turnstile, request, { humanCheckToken: 't' })).toEqual({ passed: true });
	});
});

const FORM: HostedFormSettings = {
	enabled: true,
	businessName: 'Acme Plumbing',
	title: 'Request a callback',
	introText: '',
	nameFields: 'firstAndLast',
	optionalFields: ['email'],
	consentText: 'I agree to be called.',
	submitLabel: 'Call me back',
	afterSubmit: 'thankYouPage',
	thankYouMessage: '',
	redirectUrl: '',
};
const base = { status: 200, honeypotFieldName: 'website', values: {}, errors: [], rules: DEFAULT_SUBMISSION_RULES };

describe('the hosted form with and without a human check', () => {
	it('without one loads nothing from anywhere: no external script, frame or style, and a closed policy', () => {
		const page = formPage(FORM, base);
		const external = tagsOf(page.html).filter((tag) => 'src' in tag.attributes || (tag.name === 'link' && 'href' in tag.attributes));
		expect(external).toEqual([]);
		expect(page.html).not.toMatch(/https?:\/\//);
		expect(page.headers['Content-Security-Policy']).not.toMatch(/https?:/);
		expect(page.headers['Content-Security-Policy']).toContain("default-src 'none'");
	});

	it('with Turnstile shows the widget above the button, loads its script with the page nonce and opens the policy for Cloudflare only', () => {
		const page = formPage(FORM, { ...base, humanCheck: { provider: 'turnstile', siteKey: '1x00000000000000000000AA' } });
		const tags = tagsOf(page.html);
		const scripts = tags.filter((tag) => tag.name === 'script' && 'src' in tag.attributes);
		expect(scripts.map((tag) => tag.attributes.src)).toEqual(['https://challenges.cloudflare.com/turnstile/v0/api.js']);
		const policy = page.headers['Content-Security-Policy'];
		const nonce = /'nonce-([^']+)'/.exec(policy)![1];
		expect(scripts[0].attributes.nonce).toBe(nonce);
		expect(policy).toContain(`script-src 'nonce-${nonce}' https://challenges.cloudflare.com`);
		expect(policy).toContain('frame-src https://challenges.cloudflare.com');
		expect(policy).toContain("default-src 'none'");
		const widget = tags.find((tag) => tag.attributes.class === 'cf-turnstile');
		expect(widget?.attributes).toMatchObject({ 'data-sitekey': '1x00000000000000000000AA', 'data-action': 'callback_request' });
		expect(page.html.indexOf('class="cf-turnstile"')).toBeLessThan(page.html.indexOf('<button type="submit"'));
		expect(page.html.indexOf('class="cf-turnstile"')).toBeGreaterThan(page.html.indexOf('<form'));
	});

	it('with reCAPTCHA v3 adds the hidden token field the script fills before sending', () => {
		const page = formPage(FORM, { ...base, humanCheck: { provider: 'recaptcha-v3', siteKey: 'site-key' } });
		const field = tagsOf(page.html).find((tag) => tag.attributes.name === 'g-recaptcha-response');
		expect(field?.attributes).toMatchObject({ type: 'hidden', 'data-sitekey': 'site-key', 'data-action': 'callback_request' });
		expect(page.html).toContain('https://www.google.com/recaptcha/api.js?render=site-key');
		expect(page.html).toContain('recaptcha.execute(');
	});

	it('a refused check heads the form with its message and keeps what the lead typed', () => {
		const message = 'The security check did not pass. Please complete it again and send the form.';
		const page = formPage(FORM, { ...base, status: 422, values: { first_name: 'Jane' }, formError: message, humanCheck: { provider: 'hcaptcha', siteKey: 's' } });
		expect(page.status).toBe(422);
		expect(textOf(/<h2 id="error-summary-title">([\s\S]*?)<\/h2>/.exec(page.html)![1])).toBe(message);
		expect(tagsOf(page.html).find((tag) => tag.attributes.name === 'first_name')?.attributes.value).toBe('Jane');
		expect(page.html).toContain('class="h-captcha"');
	});
});
