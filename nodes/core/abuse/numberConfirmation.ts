import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Confirming that the lead owns the number before anything else happens: the trigger texts a
 * one-time code to the number typed, and the request only starts once the same submission comes
 * back with that code. Nothing is stored between the two steps. The first answer carries a
 * token signed with the trigger's own secret, which binds the callback's ID, the code (as a
 * keyed MAC, so the token does not give it away), a digest of the submission and an expiry; the
 * second step sends the same fields again with the token and the code typed. A person who does
 * not own the number never gets a call or any text but the code.
 *
 * How many codes may be tried, and that a confirmed request starts only once, are counted by
 * the trigger in its shared counters, keyed by the callback ID read from a token whose
 * signature has been checked (so changing the ID cannot reset the count).
 */

export const CONFIRMATION_TOKEN_FIELD = 'confirmation_token';
export const CONFIRMATION_CODE_FIELD = 'confirmation_code';

export const CODE_DIGITS = 6;
/** How long a texted code can be used. */
export const DEFAULT_CODE_VALID_MINUTES = 10;
/** Wrong codes allowed per texted code; the next try needs a new code. */
export const DEFAULT_MAX_CODE_TRIES = 5;

const VERSION = 'c1';
/** c1.<callback id>.<expiry ms>.<code MAC>.<signature>; every part is URL-safe. */
const TOKEN_SHAPE = /^c1\.([A-Za-z0-9_-]{8,64})\.(0|[1-9]\d{0,14})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;
const MAX_TOKEN_LENGTH = 220;

/** A new code: six digits, leading zeros kept, from the system's secure random source. */
export function newConfirmationCode(random: (max: number) => number = randomInt): string {
	return String(random(10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** The digits of a typed code ("123 456", "123-456" → "123456"), or null when it is not six digits. */
export function readTypedCode(typed: unknown): string | null {
	if (typeof typed !== 'string') return null;
	const digits = typed.replace(/[\s-]/g, '');
	return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
		);
	}
	return value;
}

/**
 * A digest of the submission without the fields that only carry checks (form token, human check
 * tokens, the confirmation fields): the second step must send the same answers, in any order.
 */
export function submissionDigest(body: Record<string, unknown>, leaveOut: readonly string[]): string {
	const kept = Object.fromEntries(Object.entries(body).filter(([key]) => !leaveOut.includes(key) && key !== CONFIRMATION_TOKEN_FIELD && key !== CONFIRMATION_CODE_FIELD));
	return createHash('sha256').update(JSON.stringify(canonical(kept))).digest('base64url');
}

function mac(secret: string, text: string): string {
	return createHmac('sha256', secret).update(text).digest('base64url');
}

function codeMac(secret: string, formId: string, callbackId: string, code: string): string {
	return mac(secret, `${VERSION}|code|${formId}|${callbackId}|${code}`);
}

function signature(secret: string, formId: string, callbackId: string, expires: string, codeMacText: string, digest: string): string {
	return mac(secret, `${VERSION}|token|${formId}|${callbackId}|${expires}|${codeMacText}|${digest}`);
}

function sameText(a: string, b: string): boolean {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function requireText(name: string, value: string): void {
	if (typeof value !== 'string' || value === '') throw new Error(`The confirmation ${name} must not be empty.`);
}

export interface IssueConfirmationOptions {
	secret: string;
	/** Which form the code is for (the trigger's node and path). */
	formId: string;
	callbackId: string;
	code: string;
	/** submissionDigest of the submission the code confirms. */
	digest: string;
	now: number;
	validMinutes?: number;
}

/** The token the first answer carries; `expiresAt` is when the code stops working (epoch ms). */
export function issueConfirmation(options: IssueConfirmationOptions): { token: string; expiresAt: number } {
	requireText('secret', options.secret);
	requireText('form', options.formId);
	if (!/^[A-Za-z0-9_-]{8,64}$/.test(options.callbackId)) throw new Error('The callback ID cannot be put in a confirmation token.');
	if (readTypedCode(options.code) !== options.code) throw new Error(`The confirmation code must be ${CODE_DIGITS} digits.`);
	const expiresAt = Math.floor(options.now) + (options.validMinutes ?? DEFAULT_CODE_VALID_MINUTES) * 60_000;
	const expires = String(expiresAt);
	const codeMacText = codeMac(options.secret, options.formId, options.callbackId, options.code);
	const sig = signature(options.secret, options.formId, options.callbackId, expires, codeMacText, options.digest);
	return { token: `${VERSION}.${options.callbackId}.${expires}.${codeMacText}.${sig}`, expiresAt };
}

/**
 * malformed: no token of ours; mismatch: signed for other answers or another form, or not by us
 * (told apart only by the secret, so they read alike); expired: the code's time is over.
 */
export type ConfirmationProblem = 'malformed' | 'mismatch' | 'expired';

/** What the person reads. */
export const CONFIRMATION_MESSAGES: Record<ConfirmationProblem | 'wrong-code' | 'no-code' | 'too-many-tries', string> = {
	malformed: 'This confirmation could not be checked. Please send the form again to get a new code.',
	mismatch: 'This code is for a different form or different answers. Please send the form again to get a new code.',
	expired: 'This code has expired. Please send the form again to get a new code.',
	'wrong-code': 'That code is not right. Check the text we sent and type its 6 digits.',
	'no-code': 'Type the 6-digit code from the text we sent.',
	'too-many-tries': 'Too many wrong codes. Please send the form again to get a new code.',
};

export type ConfirmationTokenCheck =
	| { ok: true; callbackId: string; expiresAt: number; /** For codeMatches only. */ codeMac: string }
	| { ok: false; problem: ConfirmationProblem; message: string };

export interface CheckConfirmationOptions {
	secret: string;
	formId: string;
	token: unknown;
	/** submissionDigest of the submission as sent now. */
	digest: string;
	now: number;
}

/**
 * Checks the token (ours, for this form, for these answers, not expired), before any code is
 * counted or compared.
 */
export function checkConfirmationToken(options: CheckConfirmationOptions): ConfirmationTokenCheck {
	requireText('secret', options.secret);
	requireText('form', options.formId);
	const refuse = (problem: ConfirmationProblem): ConfirmationTokenCheck => ({ ok: false, problem, message: CONFIRMATION_MESSAGES[problem] });
	const token = options.token;
	if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return refuse('malformed');
	const match = TOKEN_SHAPE.exec(token);
	if (!match) return refuse('malformed');
	const [, callbackId, expires, codeMacText, received] = match;
	// The digest is part of what is signed, so answers changed since the code was sent fail here.
	if (!sameText(received, signature(options.secret, options.formId, callbackId, expires, codeMacText, options.digest))) return refuse('mismatch');
	const expiresAt = Number(expires);
	if (options.now > expiresAt) return refuse('expired');
	return { ok: true, callbackId, expiresAt, codeMac: codeMacText };
}

/** Whether the typed code is the one texted for this token. */
export function codeMatches(secret: string, formId: string, check: Extract<ConfirmationTokenCheck, { ok: true }>, typed: string): boolean {
	return sameText(codeMac(secret, formId, check.callbackId, typed), check.codeMac);
}
