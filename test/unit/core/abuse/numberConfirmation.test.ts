import fc from 'fast-check';

import {
	checkConfirmationToken,
	codeMatches,
	CONFIRMATION_CODE_FIELD,
	CONFIRMATION_TOKEN_FIELD,
	issueConfirmation,
	newConfirmationCode,
	readTypedCode,
	submissionDigest,
	type ConfirmationTokenCheck,
} from '../../../../nodes/core/abuse/numberConfirmation';

const SECRET = 'k7Q2x9VvZb3mN8pR1sT4uW6yA0cE5gH7jL9oP2qS4tU';
const FORM = 'node-1/callback/confirm';
const NOW = Date.UTC(2026, 10, 30, 15, 0, 0);
const BODY = { firstName: 'Dana', phone: '+14155550142', reason: 'Leaking tap', _form: 'hosted' };
const CHECKS = ['form_token', 'cf-turnstile-response'];

function issued(code = '042917', body: Record<string, unknown> = BODY) {
	return issueConfirmation({ secret: SECRET, formId: FORM, callbackId: 'cb_8f3kq2m1z0', code, digest: submissionDigest(body, CHECKS), now: NOW });
}

function check(token: string, body: Record<string, unknown> = BODY, now = NOW + 60_000, formId = FORM, secret = SECRET): ConfirmationTokenCheck {
	return checkConfirmationToken({ secret, formId, token, digest: submissionDigest(body, CHECKS), now });
}

describe('number confirmation codes', () => {
	it('makes six-digit codes, keeping leading zeros', () => {
		expect(newConfirmationCode(() => 42)).toBe('000042');
		expect(newConfirmationCode(() => 999_999)).toBe('999999');
		expect(newConfirmationCode()).toMatch(/^\d{6}$/);
	});

	it('reads a typed code with spaces or a dash, and nothing else', () => {
		expect(readTypedCode(' 042 917 ')).toBe('042917');
		expect(readTypedCode('042-917')).toBe('042917');
		expect(readTypedCode('42917')).toBeNull();
		expect(readTypedCode('0429170')).toBeNull();
		expect(readTypedCode('04291a')).toBeNull();
		expect(readTypedCode(['042917'])).toBeNull();
	});

	it('accepts its own token with the texted code for the same answers', () => {
		const { token, expiresAt } = issued();
		expect(expiresAt).toBe(NOW + 10 * 60_000);
		const result = check(token);
		expect(result).toMatchObject({ ok: true, callbackId: 'cb_8f3kq2m1z0', expiresAt });
		if (!result.ok) throw new Error('refused');
		expect(codeMatches(SECRET, FORM, result, '042917')).toBe(true);
		expect(codeMatches(SECRET, FORM, result, '042918')).toBe(false);
	});

	it('does not give the code away: the token holds no six digits of it', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 999_999 }), (value) => {
				const code = String(value).padStart(6, '0');
				expect(issued(code).token.includes(code)).toBe(false);
			}),
			{ numRuns: 200 },
		);
	});

	it('matches no code but the one texted', () => {
		const result = check(issued('510733').token);
		if (!result.ok) throw new Error('refused');
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 999_999 }), (value) => {
				const typed = String(value).padStart(6, '0');
				expect(codeMatches(SECRET, FORM, result, typed)).toBe(typed === '510733');
			}),
			{ numRuns: 500 },
		);
	});

	it('refuses the token for changed answers, another form, another secret, or once it has expired', () => {
		const { token } = issued();
		expect(check(token, { ...BODY, phone: '+14155550143' })).toMatchObject({ ok: false, problem: 'mismatch' });
		expect(check(token, { ...BODY, extra: 'x' })).toMatchObject({ ok: false, problem: 'mismatch' });
		expect(check(token, BODY, NOW, 'node-2/callback/confirm')).toMatchObject({ ok: false, problem: 'mismatch' });
		expect(check(token, BODY, NOW, FORM, `${SECRET.slice(1)}x`)).toMatchObject({ ok: false, problem: 'mismatch' });
		expect(check(token, BODY, NOW + 10 * 60_000)).toMatchObject({ ok: true });
		expect(check(token, BODY, NOW + 10 * 60_000 + 1)).toMatchObject({ ok: false, problem: 'expired', message: 'This code has expired. Please send the form again to get a new code.' });
	});

	it('refuses a token whose callback ID, expiry or code MAC was edited, so counting by ID cannot be reset', () => {
		const { token } = issued();
		const [version, id, expires, codeMac, signature] = token.split('.');
		expect(check([version, 'cb_other00001', expires, codeMac, signature].join('.'))).toMatchObject({ ok: false, problem: 'mismatch' });
		expect(check([version, id, String(Number(expires) + 3_600_000), codeMac, signature].join('.'))).toMatchObject({ ok: false, problem: 'mismatch' });
		expect(check([version, id, expires, `${codeMac.slice(0, -1)}A`, signature].join('.'))).toMatchObject({ ok: false, problem: 'mismatch' });
		for (const broken of ['', 'c1', `${token}.x`, token.replace('c1.', 'v1.'), 'x'.repeat(300)]) {
			expect(check(broken)).toMatchObject({ ok: false, problem: 'malformed' });
		}
	});

	it('digests the answers in any order and leaves out the one-time checks and the confirmation fields', () => {
		const shuffled = { reason: 'Leaking tap', _form: 'hosted', phone: '+14155550142', firstName: 'Dana' };
		const withChecks = { ...BODY, form_token: 'v1.123.abc', 'cf-turnstile-response': 'tok', [CONFIRMATION_TOKEN_FIELD]: 'c1.x', [CONFIRMATION_CODE_FIELD]: '123456' };
		expect(submissionDigest(shuffled, CHECKS)).toBe(submissionDigest(BODY, CHECKS));
		expect(submissionDigest(withChecks, CHECKS)).toBe(submissionDigest(BODY, CHECKS));
		expect(submissionDigest({ ...BODY, nested: { b: 1, a: [2, 3] } }, CHECKS)).toBe(submissionDigest({ nested: { a: [2, 3], b: 1 }, ...BODY }, CHECKS));
		expect(submissionDigest({ ...BODY, nested: { a: [3, 2] } }, CHECKS)).not.toBe(submissionDigest({ ...BODY, nested: { a: [2, 3] } }, CHECKS));
	});

	it('refuses to issue for a code or callback ID it could not check later', () => {
		expect(() => issued('12345')).toThrow('6 digits');
		expect(() => issueConfirmation({ secret: SECRET, formId: FORM, callbackId: 'a.b', code: '123456', digest: 'd', now: NOW })).toThrow('callback ID');
		expect(() => issueConfirmation({ secret: '', formId: FORM, callbackId: 'cb_8f3kq2m1z0', code: '123456', digest: 'd', now: NOW })).toThrow('secret');
	});
});
