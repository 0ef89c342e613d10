import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A minimum time between opening the hosted form and sending it. People take a few seconds to
 * type a name and a number; scripts post at once. The page carries a token with the time it was
 * served, signed with a secret only the server knows, so a script cannot claim an older time.
 */

/** Name of the hidden form field that carries the token. */
export const FORM_TOKEN_FIELD = 'form_token';

export const DEFAULT_MIN_SECONDS = 3;
export const DEFAULT_MAX_AGE_SECONDS = 2 * 60 * 60;
/** Servers' clocks may differ by this much (n8n in queue mode serves pages from several hosts). */
export const CLOCK_SKEW_SECONDS = 5;

const VERSION = 'v1';
/** v1.<issue time in ms>.<HMAC-SHA256, base64url>; every character is URL-safe. */
const TOKEN_SHAPE = /^v1\.(0|[1-9]\d{0,14})\.([A-Za-z0-9_-]{43})$/;
const MAX_TOKEN_LENGTH = 80;

export type FormTokenProblem = 'missing' | 'malformed' | 'forged' | 'too-fast' | 'expired';

export type FormTokenCheck = { ok: true } | { ok: false; problem: FormTokenProblem; message: string };

/** What the person at the form reads. Missing, malformed and forged share words on purpose. */
const MESSAGES: Record<FormTokenProblem, string> = {
	missing: 'This form could not be checked. Please reload the page and send it again.',
	malformed: 'This form could not be checked. Please reload the page and send it again.',
	forged: 'This form could not be checked. Please reload the page and send it again.',
	'too-fast': 'That was quicker than we expected. Please wait a few seconds and send the form again.',
	expired: 'This page has been open for a long time. Please reload it and send the form again.',
};

function refuse(problem: FormTokenProblem): FormTokenCheck {
	return { ok: false, problem, message: MESSAGES[problem] };
}

function toMs(now: Date | number): number {
	const ms = typeof now === 'number' ? now : now.getTime();
	if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The current time must be a valid date.');
	return Math.floor(ms);
}

function requireText(name: 'secret' | 'formId', value: string): void {
	if (typeof value !== 'string' || value === '') {
		throw new Error(`The form token ${name} must not be empty.`);
	}
}

/** The time is digits only and comes last, so version|formId|time cannot be read two ways. */
function signature(secret: string, formId: string, issuedMs: string): string {
	return createHmac('sha256', secret).update(`${VERSION}|${formId}|${issuedMs}`).digest('base64url');
}

/** The token to put in the hosted form's hidden field when the page is served. */
export function issueFormToken(options: { secret: string; formId: string; now: Date | number }): string {
	requireText('secret', options.secret);
	requireText('formId', options.formId);
	const issued = String(toMs(options.now));
	return `${VERSION}.${issued}.${signature(options.secret, options.formId, issued)}`;
}

export interface FormTokenCheckOptions {
	secret: string;
	formId: string;
	token: string | undefined | null;
	now: Date | number;
	/** Least time between serving the page and sending it. */
	minSeconds?: number;
	/** Longest a page may stay open before it must be reloaded. */
	maxAgeSeconds?: number;
}

/**
 * Checks a posted token: signed by us for this form, old enough and not too old. A token dated up
 * to CLOCK_SKEW_SECONDS in the future counts as just issued, and one up to CLOCK_SKEW_SECONDS past
 * its maximum age still counts; a signed time further ahead is refused as forged.
 */
export function checkFormToken(options: FormTokenCheckOptions): FormTokenCheck {
	requireText('secret', options.secret);
	requireText('formId', options.formId);
	const minSeconds = options.minSeconds ?? DEFAULT_MIN_SECONDS;
	const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
	if (!Number.isFinite(minSeconds) || minSeconds < 0) {
		throw new RangeError('The minimum time before sending must be zero or more seconds.');
	}
	if (!Number.isFinite(maxAgeSeconds) || maxAgeSeconds <= minSeconds) {
		throw new RangeError('The longest time a form may stay open must be more than the minimum time.');
	}
	const nowMs = toMs(options.now);

	const token = options.token;
	if (typeof token !== 'string' || token.trim() === '') return refuse('missing');
	if (token.length > MAX_TOKEN_LENGTH) return refuse('malformed');
	const match = TOKEN_SHAPE.exec(token);
	if (!match) return refuse('malformed');
	const [, issuedText, received] = match;

	const expected = signature(options.secret, options.formId, issuedText);
	// Both are 43 ASCII characters here; comparing the text (not the decoded bytes) also refuses
	// base64url spellings that decode to the same bytes.
	if (!timingSafeEqual(Buffer.from(received), Buffer.from(expected))) return refuse('forged');

	const skewMs = CLOCK_SKEW_SECONDS * 1000;
	const elapsedMs = nowMs - Number(issuedText);
	if (elapsedMs < -skewMs) return refuse('forged');
	if (Math.max(elapsedMs, 0) < minSeconds * 1000) return refuse('too-fast');
	if (elapsedMs > maxAgeSeconds * 1000 + skewMs) return refuse('expired');
	return { ok: true };
}
