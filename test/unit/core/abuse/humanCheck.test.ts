import {
	DEFAULT_WIDGET_ACTION,
	HUMAN_CHECK_PROVIDERS,
	humanCheckRequest,
	isHumanCheckProvider,
	readHumanCheckAnswer,
	widgetScript,
	withWidgetSources,
	type HumanCheckProvider,
} from '../../../../nodes/core/abuse/humanCheck';
import { PROVIDER_FACTS } from '../../../../nodes/core/abuse/humanCheckProviders';
import { pageContentSecurityPolicy } from '../../../../nodes/core/form/pageLayout';

const secret = 'provider-secret-0x4AAAAAAA';

describe('humanCheckRequest', () => {
	it.each([
		['turnstile', 'https://challenges.cloudflare.com/turnstile/v0/siteverify'],
		['hcaptcha', 'https://api.hcaptcha.com/siteverify'],
		['recaptcha-v2', 'https://www.google.com/recaptcha/api/siteverify'],
		['recaptcha-v3', 'https://www.google.com/recaptcha/api/siteverify'],
	] as const)('%s posts secret and response, form-encoded, to %s', (provider, url) => {
		expect(humanCheckRequest(provider, { secret, token: 'XXXX.DUMMY.TOKEN.XXXX' })).toEqual({
			method: 'POST',
			url,
			contentType: 'application/x-www-form-urlencoded',
			body: 'secret=provider-secret-0x4AAAAAAA&response=XXXX.DUMMY.TOKEN.XXXX',
		});
	});

	it('adds remoteip when the lead\'s address is known', () => {
		for (const provider of HUMAN_CHECK_PROVIDERS) {
			expect(humanCheckRequest(provider, { secret, token: 't', remoteIp: '203.0.113.7' }).body).toBe(`secret=${secret}&response=t&remoteip=203.0.113.7`);
		}
		expect(humanCheckRequest('turnstile', { secret, token: 't', remoteIp: '2001:db8::1' }).body).toBe(`secret=${secret}&response=t&remoteip=2001%3Adb8%3A%3A1`);
	});

	it('sends the site key to hCaptcha only, and the idempotency key to Turnstile only', () => {
		const input = { secret, token: 't', siteKey: '10000000-ffff-ffff-ffff-000000000001', idempotencyKey: 'a5c2b1e4-1111-4222-8333-944455556666' };
		expect(humanCheckRequest('hcaptcha', input).body).toBe(`secret=${secret}&response=t&sitekey=10000000-ffff-ffff-ffff-000000000001`);
		expect(humanCheckRequest('turnstile', input).body).toBe(`secret=${secret}&response=t&idempotency_key=a5c2b1e4-1111-4222-8333-944455556666`);
		expect(humanCheckRequest('recaptcha-v2', input).body).toBe(`secret=${secret}&response=t`);
	});

	it('encodes characters that would otherwise split the body', () => {
		const request = humanCheckRequest('hcaptcha', { secret: 's&t=1', token: 'a+b c&remoteip=1.1.1.1' });
		expect(request.body).toBe('secret=s%26t%3D1&response=a%2Bb+c%26remoteip%3D1.1.1.1');
		expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ secret: 's&t=1', response: 'a+b c&remoteip=1.1.1.1' });
	});

	it('sends an empty response for a missing token, which the provider answers as missing', () => {
		expect(humanCheckRequest('turnstile', { secret, token: undefined }).body).toBe(`secret=${secret}&response=`);
	});

	it('refuses to build a request without a secret', () => {
		expect(() => humanCheckRequest('turnstile', { secret: ' ', token: 't' })).toThrow('The Cloudflare Turnstile secret key is missing.');
	});
});

/** Every error code each provider documents, and what it means for the lead. */
const DOCUMENTED: Record<HumanCheckProvider, Array<[string, string]>> = {
	turnstile: [
		['missing-input-secret', 'provider-error'],
		['invalid-input-secret', 'provider-error'],
		['missing-input-response', 'missing-token'],
		['invalid-input-response', 'invalid-token'],
		['bad-request', 'provider-error'],
		['timeout-or-duplicate', 'expired'],
		['internal-error', 'provider-error'],
	],
	hcaptcha: [
		['missing-input-secret', 'provider-error'],
		['invalid-input-secret', 'provider-error'],
		['missing-input-response', 'missing-token'],
		['invalid-input-response', 'invalid-token'],
		['expired-input-response', 'expired'],
		['already-seen-response', 'expired'],
		['bad-request', 'provider-error'],
		['missing-remoteip', 'provider-error'],
		['invalid-remoteip', 'provider-error'],
		['not-using-dummy-passcode', 'provider-error'],
		['sitekey-secret-mismatch', 'provider-error'],
	],
	'recaptcha-v2': [
		['missing-input-secret', 'provider-error'],
		['invalid-input-secret', 'provider-error'],
		['missing-input-response', 'missing-token'],
		['invalid-input-response', 'invalid-token'],
		['bad-request', 'provider-error'],
		['timeout-or-duplicate', 'expired'],
	],
	'recaptcha-v3': [
		['missing-input-secret', 'provider-error'],
		['invalid-input-secret', 'provider-error'],
		['missing-input-response', 'missing-token'],
		['invalid-input-response', 'invalid-token'],
		['bad-request', 'provider-error'],
		['timeout-or-duplicate', 'expired'],
	],
};

const documentedCases = HUMAN_CHECK_PROVIDERS.flatMap((provider) => DOCUMENTED[provider].map(([code, reason]) => [provider, code, reason] as const));

describe('readHumanCheckAnswer: failures', () => {
	it.each(documentedCases)('%s: %s means %s', (provider, code, reason) => {
		const result = readHumanCheckAnswer(provider, { success: false, 'error-codes': [code] });
		expect(result).toEqual({ passed: false, reason, message: expect.any(String), errorCodes: [code] });
	});

	it('covers every code in the provider table, and nothing the table lacks', () => {
		for (const provider of HUMAN_CHECK_PROVIDERS) {
			const tested = DOCUMENTED[provider].map(([code]) => code);
			const known = Object.keys(PROVIDER_FACTS[provider].errorCodes);
			expect(known).toEqual(expect.arrayContaining(tested));
		}
	});

	it('refuses an unknown code as an invalid token', () => {
		expect(readHumanCheckAnswer('turnstile', { success: false, 'error-codes': ['something-new'] })).toEqual(
			expect.objectContaining({ passed: false, reason: 'invalid-token', errorCodes: ['something-new'] }),
		);
		expect(readHumanCheckAnswer('hcaptcha', { success: false })).toEqual(expect.objectContaining({ passed: false, reason: 'invalid-token', errorCodes: [] }));
	});

	it('puts a broken setup first when several codes come back', () => {
		const answer = { success: false, 'error-codes': ['invalid-input-response', 'timeout-or-duplicate', 'invalid-input-secret'] };
		expect(readHumanCheckAnswer('recaptcha-v2', answer)).toEqual(expect.objectContaining({ reason: 'provider-error' }));
		expect(readHumanCheckAnswer('recaptcha-v2', { success: false, 'error-codes': ['invalid-input-response', 'timeout-or-duplicate'] })).toEqual(
			expect.objectContaining({ reason: 'expired' }),
		);
	});

	it.each([null, undefined, 'ok', 1, [], { success: 'true' }, { success: 1 }, {}])('refuses the unreadable answer %p as a provider error', (answer) => {
		expect(readHumanCheckAnswer('turnstile', answer)).toEqual(expect.objectContaining({ passed: false, reason: 'provider-error' }));
	});

	it('tells the person what to do, without keys, codes or provider names', () => {
		const answers: Array<[HumanCheckProvider, unknown, object?]> = [
			['turnstile', { success: false, 'error-codes': ['missing-input-response'] }],
			['turnstile', { success: false, 'error-codes': ['invalid-input-response'] }],
			['hcaptcha', { success: false, 'error-codes': ['expired-input-response'] }],
			['hcaptcha', { success: true, hostname: 'evil.example' }, { expectedHostname: 'forms.example.com' }],
			['recaptcha-v3', { success: true, score: 0.1, action: 'callback_request' }],
			['recaptcha-v2', { success: false, 'error-codes': ['invalid-input-secret'] }],
		];
		const reasons = new Set<string>();
		for (const [provider, answer, expectations] of answers) {
			const result = readHumanCheckAnswer(provider, answer, expectations);
			if (result.passed) throw new Error('expected a failure');
			reasons.add(result.reason);
			expect(result.message).toMatch(/^[A-Z].*\.$/);
			expect(result.message).not.toMatch(/secret|key|input|error|captcha|turnstile|google|cloudflare|evil/i);
		}
		expect(reasons.size).toBe(6);
	});
});

describe('readHumanCheckAnswer: success and expectations', () => {
	it.each([
		['turnstile', { success: true, challenge_ts: '2022-02-28T15:14:30.096Z', hostname: 'example.com', 'error-codes': [], action: 'login', cdata: 'sessionid-123456789' }],
		['hcaptcha', { success: true, challenge_ts: '2026-01-15T14:00:00Z', hostname: 'example.com', credit: false }],
		['recaptcha-v2', { success: true, challenge_ts: '2026-01-15T14:00:00Z', hostname: 'example.com' }],
	] as const)('%s passes a documented success answer', (provider, answer) => {
		expect(readHumanCheckAnswer(provider, answer)).toEqual({ passed: true });
	});

	it('checks the hostname case-insensitively against one or several names', () => {
		const answer = { success: true, hostname: 'Forms.Example.com' };
		expect(readHumanCheckAnswer('turnstile', answer, { expectedHostname: 'forms.example.com' })).toEqual({ passed: true });
		expect(readHumanCheckAnswer('turnstile', answer, { expectedHostname: ['www.example.com', 'forms.example.com.'] })).toEqual({ passed: true });
		expect(readHumanCheckAnswer('turnstile', answer, { expectedHostname: 'example.com' })).toEqual(expect.objectContaining({ passed: false, reason: 'hostname-mismatch' }));
		expect(readHumanCheckAnswer('hcaptcha', { success: true }, { expectedHostname: 'forms.example.com' })).toEqual(
			expect.objectContaining({ passed: false, reason: 'hostname-mismatch' }),
		);
		expect(readHumanCheckAnswer('recaptcha-v2', { success: true, hostname: 'forms.example.com.evil.test' }, { expectedHostname: 'forms.example.com' })).toEqual(
			expect.objectContaining({ passed: false, reason: 'hostname-mismatch' }),
		);
	});

	it('checks the action for Turnstile and reCAPTCHA v3', () => {
		expect(readHumanCheckAnswer('turnstile', { success: true, action: 'login' }, { expectedAction: 'callback_request' })).toEqual(
			expect.objectContaining({ passed: false, reason: 'invalid-token' }),
		);
		expect(readHumanCheckAnswer('turnstile', { success: true }, { expectedAction: 'callback_request' })).toEqual(expect.objectContaining({ passed: false }));
		expect(readHumanCheckAnswer('turnstile', { success: true, action: 'callback_request' }, { expectedAction: 'callback_request' })).toEqual({ passed: true });
		expect(readHumanCheckAnswer('recaptcha-v3', { success: true, score: 0.9, action: 'signup' }, { expectedAction: 'callback_request' })).toEqual(
			expect.objectContaining({ passed: false, reason: 'invalid-token' }),
		);
	});

	it('ignores an expected action for providers whose answer has none', () => {
		expect(readHumanCheckAnswer('hcaptcha', { success: true }, { expectedAction: 'callback_request' })).toEqual({ passed: true });
		expect(readHumanCheckAnswer('recaptcha-v2', { success: true }, { expectedAction: 'callback_request' })).toEqual({ passed: true });
	});

	it('lets reCAPTCHA v3 scores through from the minimum, 0.5 unless told otherwise', () => {
		const answer = (score: unknown) => ({ success: true, score, action: 'callback_request', hostname: 'example.com' });
		expect(readHumanCheckAnswer('recaptcha-v3', answer(0.5))).toEqual({ passed: true, score: 0.5 });
		expect(readHumanCheckAnswer('recaptcha-v3', answer(0.49))).toEqual(expect.objectContaining({ passed: false, reason: 'low-score' }));
		expect(readHumanCheckAnswer('recaptcha-v3', answer(0.3), { minScore: 0.3 })).toEqual({ passed: true, score: 0.3 });
		expect(readHumanCheckAnswer('recaptcha-v3', answer(0.9), { minScore: 0.95 })).toEqual(expect.objectContaining({ reason: 'low-score' }));
		expect(readHumanCheckAnswer('recaptcha-v3', answer(0), { minScore: 0 })).toEqual({ passed: true, score: 0 });
	});

	it('treats a v3 answer without a score as a setup problem (v2 keys)', () => {
		expect(readHumanCheckAnswer('recaptcha-v3', { success: true, hostname: 'example.com' })).toEqual(expect.objectContaining({ reason: 'provider-error' }));
		expect(readHumanCheckAnswer('recaptcha-v3', { success: true, score: '0.9' })).toEqual(expect.objectContaining({ reason: 'provider-error' }));
	});

	it('does not apply a minimum score to providers without one', () => {
		expect(readHumanCheckAnswer('hcaptcha', { success: true, score: 0.9 }, { minScore: 0.5 })).toEqual({ passed: true });
	});

	it('refuses a minimum score outside 0 to 1', () => {
		expect(() => readHumanCheckAnswer('recaptcha-v3', { success: true, score: 1 }, { minScore: 5 })).toThrow(RangeError);
	});
});

describe('widgetScript', () => {
	it.each([
		[
			'turnstile',
			'<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script>',
			'<div class="cf-turnstile" data-sitekey="1x00000000000000000000AA" data-action="callback_request"></div>',
			'cf-turnstile-response',
		],
		['hcaptcha', '<script src="https://js.hcaptcha.com/1/api.js" async defer></script>', '<div class="h-captcha" data-sitekey="1x00000000000000000000AA"></div>', 'h-captcha-response'],
		['recaptcha-v2', '<script src="https://www.google.com/recaptcha/api.js" async defer></script>', '<div class="g-recaptcha" data-sitekey="1x00000000000000000000AA"></div>', 'g-recaptcha-response'],
		[
			'recaptcha-v3',
			'<script src="https://www.google.com/recaptcha/api.js?render=1x00000000000000000000AA" async defer></script>',
			'<input type="hidden" name="g-recaptcha-response" value="" data-sitekey="1x00000000000000000000AA" data-action="callback_request">',
			'g-recaptcha-response',
		],
	] as const)('%s: script and markup', (provider, scriptTag, markup, tokenField) => {
		const widget = widgetScript(provider, '1x00000000000000000000AA');
		expect(widget.scriptTag).toBe(scriptTag);
		expect(widget.markup).toBe(markup);
		expect(widget.tokenField).toBe(tokenField);
		expect(widget.scriptUrl).toBe(scriptTag.match(/src="([^"]+)"/)![1]);
	});

	it('escapes a hostile site key in the markup and the script address', () => {
		const hostile = '"><script>alert(1)</script>&\'`';
		for (const provider of HUMAN_CHECK_PROVIDERS) {
			const widget = widgetScript(provider, hostile);
			expect(widget.markup).not.toContain('<script');
			expect(widget.markup).toContain('data-sitekey="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;&#96;"');
			expect(widget.scriptTag.match(/<script/g)).toHaveLength(1);
		}
		expect(widgetScript('recaptcha-v3', hostile).scriptUrl).toBe(`https://www.google.com/recaptcha/api.js?render=${encodeURIComponent(hostile)}`);
	});

	it('puts the page nonce on the script and uses the action it is given', () => {
		const widget = widgetScript('turnstile', 'key', { nonce: 'abc+/=', action: 'book_call' });
		expect(widget.scriptTag).toBe('<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer nonce="abc+/="></script>');
		expect(widget.markup).toContain('data-action="book_call"');
		expect(DEFAULT_WIDGET_ACTION).toBe('callback_request');
	});

	it('refuses an empty site key and an action the providers would reject', () => {
		expect(() => widgetScript('hcaptcha', '')).toThrow('The hCaptcha site key is missing.');
		expect(() => widgetScript('turnstile', 'key', { action: 'has space' })).toThrow(/action/);
		expect(() => widgetScript('turnstile', 'key', { action: 'a'.repeat(33) })).toThrow(/action/);
	});
});

describe('withWidgetSources', () => {
	const policy = pageContentSecurityPolicy('bm9uY2U=');

	it('opens the hosted page\'s policy for Turnstile: script and frame', () => {
		expect(withWidgetSources(policy, 'turnstile')).toBe(
			"default-src 'none'; style-src 'nonce-bm9uY2U='; script-src 'nonce-bm9uY2U=' https://challenges.cloudflare.com; img-src 'none'; form-action 'self'; base-uri 'none'; frame-src https://challenges.cloudflare.com",
		);
	});

	it('opens script, frame, style and connect for hCaptcha', () => {
		const opened = withWidgetSources(policy, 'hcaptcha');
		expect(opened).toContain("style-src 'nonce-bm9uY2U=' https://hcaptcha.com https://*.hcaptcha.com");
		expect(opened).toContain("script-src 'nonce-bm9uY2U=' https://hcaptcha.com https://*.hcaptcha.com");
		expect(opened).toContain('frame-src https://hcaptcha.com https://*.hcaptcha.com');
		expect(opened).toContain('connect-src https://hcaptcha.com https://*.hcaptcha.com');
		expect(opened).toContain("default-src 'none'");
	});

	it('opens reCAPTCHA\'s script and frame sources, replaces \'none\' and adds nothing twice', () => {
		const opened = withWidgetSources("script-src 'none'; frame-src https://www.google.com/recaptcha/", 'recaptcha-v3');
		expect(opened).toBe('script-src https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/; frame-src https://www.google.com/recaptcha/ https://recaptcha.google.com/recaptcha/');
		expect(withWidgetSources(opened, 'recaptcha-v3')).toBe(opened);
	});
});

describe('isHumanCheckProvider', () => {
	it('knows the four providers and nothing else', () => {
		expect(HUMAN_CHECK_PROVIDERS.every(isHumanCheckProvider)).toBe(true);
		for (const other of ['recaptcha', 'none', '', undefined, 3]) expect(isHumanCheckProvider(other)).toBe(false);
	});
});
