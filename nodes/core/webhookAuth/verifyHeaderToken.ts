import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares secrets in constant time (hashing first so different lengths leak nothing either). */
export function secretsMatch(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && expected.length > 0;
}

export type WebhookAuthResult = { ok: true } | { ok: false; message: string };

export function verifyHeaderToken(headerValue: string | undefined, headerName: string, token: string): WebhookAuthResult {
	if (!headerValue) return { ok: false, message: `Missing the ${headerName} header.` };
	const received = headerValue.replace(/^Bearer\s+/i, '').trim();
	return secretsMatch(received, token) ? { ok: true } : { ok: false, message: `The ${headerName} header is not valid.` };
}
