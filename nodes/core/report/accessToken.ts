import { createHash, timingSafeEqual } from 'node:crypto';

/** A page token shorter than this is refused as a setting: it could be guessed. */
export const MIN_ACCESS_TOKEN_LENGTH = 20;

export type AccessCheck =
	| { allowed: true }
	/** The business has not set a token (or set one too short): the page is closed to everyone. */
	| { allowed: false; reason: 'notConfigured' | 'tooShort' }
	/** The request carries no token, or another one. */
	| { allowed: false; reason: 'missing' | 'wrong' };

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a request may see the report: its token equals the one set for the page. The
 * comparison takes the same time whatever the token, so it cannot be guessed piece by piece.
 */
export function checkAccessToken(expected: string, given: unknown): AccessCheck {
	const token = expected.trim();
	if (token === '') return { allowed: false, reason: 'notConfigured' };
	if (token.length < MIN_ACCESS_TOKEN_LENGTH) return { allowed: false, reason: 'tooShort' };
	if (typeof given !== 'string' || given === '') return { allowed: false, reason: 'missing' };
	return timingSafeEqual(digest(token), digest(given)) ? { allowed: true } : { allowed: false, reason: 'wrong' };
}
