import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import {
	CLOCK_SKEW_SECONDS,
	checkFormToken,
	DEFAULT_MAX_AGE_SECONDS,
	issueFormToken,
} from '../../../../nodes/core/abuse/submitTiming';

const secret = 'form-token-secret-of-good-length-0001';
const formId = 'callback-form-7f3a';
const issuedAt = Date.UTC(2026, 0, 15, 14, 0, 0);
const token = issueFormToken({ secret, formId, now: issuedAt });

const check = (overrides: Partial<Parameters<typeof checkFormToken>[0]> = {}) =>
	checkFormToken({ secret, formId, token, now: issuedAt + 10_000, ...overrides });

describe('issueFormToken', () => {
	it('is URL-safe and carries the issue time and an HMAC-SHA256 of version|formId|time', () => {
		expect(encodeURIComponent(token)).toBe(token);
		const expected = createHmac('sha256', secret).update(`v1|${formId}|${issuedAt}`).digest('base64url');
		expect(token).toBe(`v1.${issuedAt}.${expected}`);
	});

	it('accepts a Date as well as milliseconds', () => {
		expect(issueFormToken({ secret, formId, now: new Date(issuedAt) })).toBe(token);
	});

	it('refuses to sign without a secret or a form id', () => {
		expect(() => issueFormToken({ secret: '', formId, now: issuedAt })).toThrow(/secret/);
		expect(() => issueFormToken({ secret, formId: '', now: issuedAt })).toThrow(/formId/);
		expect(() => issueFormToken({ secret, formId, now: Number.NaN })).toThrow(RangeError);
	});
});

describe('checkFormToken', () => {
	it('accepts its own token once the minimum time has passed', () => {
		expect(check()).toEqual({ ok: true });
		expect(check({ now: new Date(issuedAt + 10_000) })).toEqual({ ok: true });
	});

	it('refuses a missing token', () => {
		for (const missing of [undefined, null, '', '   ']) {
			expect(check({ token: missing })).toEqual(expect.objectContaining({ ok: false, problem: 'missing' }));
		}
	});

	it.each([
		'v1',
		'v1..',
		`v2.${issuedAt}.${token.split('.')[2]}`,
		`v1.0${issuedAt}.${token.split('.')[2]}`,
		`v1.-${issuedAt}.${token.split('.')[2]}`,
		`v1.${issuedAt}.${token.split('.')[2]}=`,
		`v1.${issuedAt}.${token.split('.')[2].slice(1)}`,
		`${token}.extra`,
		`${token}${'A'.repeat(200)}`,
		` ${token}`,
	])('refuses the malformed token %p', (malformed) => {
		expect(check({ token: malformed })).toEqual(expect.objectContaining({ ok: false, problem: 'malformed' }));
	});

	it('refuses a token made for another form, or with another secret, as forged', () => {
		const otherForm = issueFormToken({ secret, formId: 'another-form', now: issuedAt });
		expect(check({ token: otherForm })).toEqual(expect.objectContaining({ ok: false, problem: 'forged' }));
		expect(check({ formId: 'another-form' })).toEqual(expect.objectContaining({ ok: false, problem: 'forged' }));
		expect(check({ secret: 'another-secret' })).toEqual(expect.objectContaining({ ok: false, problem: 'forged' }));
	});

	it('refuses a token whose time was moved back to look older', () => {
		const [, , signature] = token.split('.');
		expect(check({ token: `v1.${issuedAt - 60_000}.${signature}` })).toEqual(expect.objectContaining({ ok: false, problem: 'forged' }));
	});

	it('never accepts a token with any character changed', () => {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=% ';
		fc.assert(
			fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), (index, character) => {
				fc.pre(token[index] !== character);
				const changed = token.slice(0, index) + character + token.slice(index + 1);
				const result = checkFormToken({ secret, formId, token: changed, now: issuedAt + 10_000, minSeconds: 0 });
				return !result.ok && (result.problem === 'forged' || result.problem === 'malformed');
			}),
			{ numRuns: 2000 },
		);
	});

	it('never accepts a token signed with another secret or for another form', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (otherSecret, otherForm) => {
				fc.pre(otherSecret !== secret || otherForm !== formId);
				const foreign = issueFormToken({ secret: otherSecret, formId: otherForm, now: issuedAt });
				const result = check({ token: foreign });
				return !result.ok && result.problem === 'forged';
			}),
		);
	});

	it('refuses a form sent faster than the minimum, to the millisecond', () => {
		expect(check({ now: issuedAt + 2_999 })).toEqual(expect.objectContaining({ ok: false, problem: 'too-fast' }));
		expect(check({ now: issuedAt + 3_000 })).toEqual({ ok: true });
		expect(check({ now: issuedAt + 9_999, minSeconds: 10 })).toEqual(expect.objectContaining({ ok: false, problem: 'too-fast' }));
		expect(check({ now: issuedAt + 10_000, minSeconds: 10 })).toEqual({ ok: true });
		expect(check({ now: issuedAt, minSeconds: 0 })).toEqual({ ok: true });
	});

	it('expires after the maximum age plus the clock skew allowance', () => {
		const edge = issuedAt + (DEFAULT_MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS) * 1000;
		expect(check({ now: edge })).toEqual({ ok: true });
		expect(check({ now: edge + 1 })).toEqual(expect.objectContaining({ ok: false, problem: 'expired' }));
		expect(check({ now: issuedAt + 65_001, maxAgeSeconds: 60 })).toEqual(expect.objectContaining({ ok: false, problem: 'expired' }));
	});

	it('tolerates a few seconds of clock difference between servers, not more', () => {
		const skewMs = CLOCK_SKEW_SECONDS * 1000;
		// Served by a server whose clock runs ahead: counts as just issued.
		expect(check({ now: issuedAt - skewMs, minSeconds: 0 })).toEqual({ ok: true });
		expect(check({ now: issuedAt - skewMs })).toEqual(expect.objectContaining({ ok: false, problem: 'too-fast' }));
		expect(check({ now: issuedAt - skewMs - 1, minSeconds: 0 })).toEqual(expect.objectContaining({ ok: false, problem: 'forged' }));
	});

	it('speaks to the person at the form and never shows the secret, the form id or the token', () => {
		const results = [
			check({ token: undefined }),
			check({ token: 'v1.x.y' }),
			check({ secret: 'other' }),
			check({ now: issuedAt + 1 }),
			check({ now: issuedAt + 3 * 60 * 60 * 1000 }),
		];
		expect(results.map((result) => (result.ok ? 'ok' : result.problem))).toEqual(['missing', 'malformed', 'forged', 'too-fast', 'expired']);
		for (const result of results) {
			if (result.ok) continue;
			expect(result.message).toMatch(/^[A-Z].*\.$/);
			expect(result.message).toMatch(/reload|wait/i);
			for (const secretText of [secret, formId, token, 'other', 'HMAC', 'token']) expect(result.message).not.toContain(secretText);
		}
	});

	it('refuses settings that make no sense', () => {
		expect(() => check({ minSeconds: -1 })).toThrow(RangeError);
		expect(() => check({ maxAgeSeconds: 3 })).toThrow(RangeError);
		expect(() => check({ secret: '' })).toThrow(/secret/);
	});
});
