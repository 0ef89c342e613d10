import { HumanCheckDouble, TEST_KEYS } from '../../humanCheckDouble';
import type { HumanCheckProvider } from '../../../nodes/core/abuse/humanCheck';

let double: HumanCheckDouble;

beforeAll(async () => {
	double = await HumanCheckDouble.start({ hostname: 'forms.example.com' });
});
afterAll(async () => {
	await double.stop();
});

async function verify(provider: HumanCheckProvider, fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(double.verifyUrl(provider), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('the human check double answers as the providers document', () => {
	it('listens where the providers do, on loopback', () => {
		expect(double.verifyUrl('turnstile')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/turnstile\/v0\/siteverify$/);
		expect(double.verifyUrl('hcaptcha')).toMatch(/\/siteverify$/);
		expect(double.verifyUrl('recaptcha-v3')).toMatch(/\/recaptcha\/api\/siteverify$/);
	});

	it("Turnstile's test secrets: always pass, always fail, already spent; only with the dummy token", async () => {
		const pass = await verify('turnstile', { secret: TEST_KEYS.turnstile.passSecret, response: TEST_KEYS.turnstile.dummyToken, remoteip: '203.0.113.7' });
		expect(pass).toEqual({
			status: 200,
			body: { success: true, 'error-codes': [], challenge_ts: expect.stringMatching(ISO_SECONDS), hostname: 'forms.example.com', action: '', cdata: '', metadata: { interactive: false } },
		});
		expect((await verify('turnstile', { secret: TEST_KEYS.turnstile.failSecret, response: TEST_KEYS.turnstile.dummyToken })).body).toEqual({ success: false, 'error-codes': ['invalid-input-response'], messages: [] });
		expect((await verify('turnstile', { secret: TEST_KEYS.turnstile.spentSecret, response: TEST_KEYS.turnstile.dummyToken })).body['error-codes']).toEqual(['timeout-or-duplicate']);
		expect((await verify('turnstile', { secret: TEST_KEYS.turnstile.passSecret, response: 'a-real-looking-token' })).body['error-codes']).toEqual(['invalid-input-response']);
		expect(double.requests.at(0)?.params).toEqual({ secret: TEST_KEYS.turnstile.passSecret, response: TEST_KEYS.turnstile.dummyToken, remoteip: '203.0.113.7' });
	});

	it('refuses a missing or unknown secret and a missing response with the documented codes', async () => {
		for (const provider of ['turnstile', 'hcaptcha', 'recaptcha-v2'] as const) {
			expect((await verify(provider, { response: 'x' })).body).toMatchObject({ success: false, 'error-codes': ['missing-input-secret'] });
			expect((await verify(provider, { secret: 'wrong', response: 'x' })).body).toMatchObject({ success: false, 'error-codes': ['invalid-input-secret'] });
			expect((await verify(provider, { secret: double.keys(provider).secret })).body).toMatchObject({ success: false, 'error-codes': ['missing-input-response'] });
		}
	});

	it('issued Turnstile tokens verify once, for their hostname and action, and expire after 300 seconds', async () => {
		const { secret } = double.keys('turnstile');
		const token = double.issueToken('turnstile', { hostname: 'www.example.com' });
		expect((await verify('turnstile', { secret, response: token })).body).toMatchObject({ success: true, hostname: 'www.example.com', action: 'callback_request' });
		expect((await verify('turnstile', { secret, response: token })).body).toMatchObject({ success: false, 'error-codes': ['timeout-or-duplicate'] });
		const old = double.issueToken('turnstile', { ageSeconds: 301 });
		expect((await verify('turnstile', { secret, response: old })).body['error-codes']).toEqual(['timeout-or-duplicate']);
		// A production secret refuses the test token.
		expect((await verify('turnstile', { secret, response: TEST_KEYS.turnstile.dummyToken })).body['error-codes']).toEqual(['invalid-input-response']);
	});

	it('hCaptcha: test keys with the dummy response, site key checks, reused and expired tokens', async () => {
		const test = TEST_KEYS.hcaptcha;
		expect((await verify('hcaptcha', { secret: test.secret, response: test.dummyToken, sitekey: test.siteKey })).body).toEqual({
			success: true,
			challenge_ts: expect.stringMatching(ISO_SECONDS),
			hostname: 'forms.example.com',
			credit: false,
		});
		expect((await verify('hcaptcha', { secret: test.secret, response: 'P1_other' })).body['error-codes']).toEqual(['not-using-dummy-passcode']);
		const { secret, siteKey } = double.keys('hcaptcha');
		expect((await verify('hcaptcha', { secret, response: double.issueToken('hcaptcha'), sitekey: test.siteKey })).body['error-codes']).toEqual(['sitekey-secret-mismatch']);
		const token = double.issueToken('hcaptcha');
		expect((await verify('hcaptcha', { secret, response: token, sitekey: siteKey })).body).toMatchObject({ success: true, hostname: 'forms.example.com' });
		expect((await verify('hcaptcha', { secret, response: token })).body['error-codes']).toEqual(['already-seen-response']);
		expect((await verify('hcaptcha', { secret, response: double.issueToken('hcaptcha', { ageSeconds: 121 }) })).body['error-codes']).toEqual(['expired-input-response']);
		expect((await verify('hcaptcha', { secret, response: 'P1_made-up' })).body['error-codes']).toEqual(['invalid-input-response']);
	});

	it('reCAPTCHA: the test secret passes anything; v3 answers score and action, v2 neither', async () => {
		expect((await verify('recaptcha-v2', { secret: TEST_KEYS.recaptcha.secret, response: 'anything' })).body).toEqual({
			success: true,
			challenge_ts: expect.stringMatching(ISO_SECONDS),
			hostname: 'forms.example.com',
		});
		const v2 = double.keys('recaptcha-v2');
		expect((await verify('recaptcha-v2', { secret: v2.secret, response: double.issueToken('recaptcha-v2') })).body).not.toHaveProperty('score');
		const v3 = double.keys('recaptcha-v3');
		const token = double.issueToken('recaptcha-v3', { score: 0.3, action: 'signup' });
		expect((await verify('recaptcha-v3', { secret: v3.secret, response: token })).body).toMatchObject({ success: true, score: 0.3, action: 'signup' });
		expect((await verify('recaptcha-v3', { secret: v3.secret, response: token })).body['error-codes']).toEqual(['timeout-or-duplicate']);
		// A v2 token does not verify with the v3 secret.
		expect((await verify('recaptcha-v3', { secret: v3.secret, response: double.issueToken('recaptcha-v2') })).body['error-codes']).toEqual(['invalid-input-response']);
	});

	it('plays an outage: 503, an HTML page instead of JSON, or a dropped connection', async () => {
		const post = () => fetch(double.verifyUrl('turnstile'), { method: 'POST', body: 'secret=x&response=y', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		try {
			double.outage = 'unavailable';
			expect((await post()).status).toBe(503);
			double.outage = 'html';
			const html = await post();
			expect(html.headers.get('content-type')).toContain('text/html');
			double.outage = 'drop';
			await expect(post()).rejects.toThrow();
		} finally {
			double.outage = null;
		}
	});
});
