import { createHmac } from 'node:crypto';

import { verifyHeaderToken } from '../../../../nodes/core/webhookAuth/verifyHeaderToken';
import { verifyHmacSignature } from '../../../../nodes/core/webhookAuth/verifyHmacSignature';

const token = 'a-long-random-token-value-123456';
const secret = 'signing-secret-of-good-length-0001';
const body = Buffer.from('{"first_name":"Jane","phone":"4155552671"}');
const sign = (payload: Buffer, encoding: 'hex' | 'base64') => createHmac('sha256', secret).update(payload).digest(encoding);

describe('verifyHeaderToken', () => {
	it('accepts the token, plain or as a bearer', () => {
		expect(verifyHeaderToken(token, 'X-Callback-Token', token).ok).toBe(true);
		expect(verifyHeaderToken(`Bearer ${token}`, 'X-Callback-Token', token).ok).toBe(true);
	});
	it('refuses a missing or wrong token and names the header', () => {
		expect(verifyHeaderToken(undefined, 'X-Callback-Token', token)).toEqual({ ok: false, message: 'Missing the X-Callback-Token header.' });
		expect(verifyHeaderToken(`${token}x`, 'X-Callback-Token', token).ok).toBe(false);
	});
	it('never accepts anything against an empty configured token', () => {
		expect(verifyHeaderToken('', 'X', '').ok).toBe(false);
		expect(verifyHeaderToken('x', 'X', '').ok).toBe(false);
	});
});

describe('verifyHmacSignature', () => {
	it('accepts hex, base64 and the sha256= prefix', () => {
		expect(verifyHmacSignature(sign(body, 'hex'), 'X-Signature-256', secret, body).ok).toBe(true);
		expect(verifyHmacSignature(`sha256=${sign(body, 'hex')}`, 'X-Signature-256', secret, body).ok).toBe(true);
		expect(verifyHmacSignature(sign(body, 'base64'), 'X-Signature-256', secret, body).ok).toBe(true);
		expect(verifyHmacSignature(sign(body, 'hex').toUpperCase(), 'X-Signature-256', secret, body).ok).toBe(true);
	});
	it('refuses a signature of another body or made with another secret', () => {
		const tampered = Buffer.from(body.toString().replace('Jane', 'John'));
		expect(verifyHmacSignature(sign(body, 'hex'), 'X-Signature-256', secret, tampered).ok).toBe(false);
		const otherSecret = createHmac('sha256', 'other').update(body).digest('hex');
		expect(verifyHmacSignature(otherSecret, 'X-Signature-256', secret, body).ok).toBe(false);
	});
	it('refuses when the header or the raw body is missing', () => {
		expect(verifyHmacSignature(undefined, 'X-Signature-256', secret, body).ok).toBe(false);
		expect(verifyHmacSignature(sign(body, 'hex'), 'X-Signature-256', secret, undefined).ok).toBe(false);
	});
});
