import { createHmac } from 'node:crypto';

import { secretsMatch, type WebhookAuthResult } from './verifyHeaderToken';

export function hmacSha256(secret: string, body: Buffer | string): { hex: string; base64: string } {
	const digest = createHmac('sha256', secret).update(body).digest();
	return { hex: digest.toString('hex'), base64: digest.toString('base64') };
}

/**
 * Checks an HMAC-SHA256 of the raw request body, as form tools and our own docs send it:
 * hex or base64, with or without a "sha256=" prefix (GitHub/HighLevel style).
 */
export function verifyHmacSignature(
	signatureHeader: string | undefined,
	headerName: string,
	secret: string,
	rawBody: Buffer | undefined,
): WebhookAuthResult {
	if (!signatureHeader) return { ok: false, message: `Missing the ${headerName} header.` };
	if (!rawBody) return { ok: false, message: 'The request body could not be read for the signature check.' };
	const received = signatureHeader.trim().replace(/^sha256=/i, '');
	const expected = hmacSha256(secret, rawBody);
	const matches = /^[0-9a-f]{64}$/i.test(received)
		? secretsMatch(received.toLowerCase(), expected.hex)
		: secretsMatch(received, expected.base64);
	return matches ? { ok: true } : { ok: false, message: `The ${headerName} signature does not match the body.` };
}
